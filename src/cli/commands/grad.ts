import type { Command } from "commander";
import { formatGradText, gradReport } from "../../explain/grad-report.js";
import { LOSSES } from "../../nn/losses.js";
import type { DType } from "../../tensor/dtype.js";
import { RetropropError } from "../../util/errors.js";
import { parseChoice } from "../args.js";
import { parseLossFlag, readModelAndExamples } from "../model-inputs.js";

export { gradReport } from "../../explain/grad-report.js";

export interface GradFlags {
  model: string;
  inputs: string;
  targets: string;
  loss: string;
  reduction: string;
  dtype: string;
  json?: boolean;
}

const HELP_AFTER = `
Inputs and targets are JSON arrays of rows, one row per example (a bare number is a one-value row).
Prints E, the outputs Ŷ and, for every layer l = 1..L (JSON: layers[l-1]), ∇W⁽ˡ⁾ (units × inputs, like the
model file's weights), ∇b⁽ˡ⁾ and Δ⁽ˡ⁾ = ∂E/∂Z⁽ˡ⁾ (one row per example); the text form adds Z⁽ˡ⁾ and A⁽ˡ⁾.
--reduction mean divides E and every gradient by the number of examples N; sum does not (the notes' Σ).

Example (the notes' 2-2-1 sigmoid XOR network with E = ½Σ(ŷ − y)², files in examples/xor/):
  $ retroprop grad --model examples/xor/model.json --inputs examples/xor/x.json \\
      --targets examples/xor/y.json --loss mse --reduction sum
  $ retroprop grad --model examples/xor/model.json --inputs examples/xor/x.json \\
      --targets examples/xor/y.json --loss mse --json`;

export function register(program: Command): void {
  program
    .command("grad")
    .description("one forward and backward pass: the loss, every Δ, ∇W and ∇b (check your homework)")
    .requiredOption("--model <file>", "model file (docs/model-format.md)")
    .requiredOption("--inputs <file>", "JSON array of input rows X")
    .requiredOption("--targets <file>", "JSON array of target rows Y")
    .requiredOption("--loss <name>", `${LOSSES.join("|")}`)
    .option("--reduction <how>", "mean|sum over the examples", "mean")
    .option("--dtype <type>", "float32|float64", "float64")
    .option("--json", "print one JSON object instead of tables")
    .addHelpText("after", HELP_AFTER)
    .action((flags: GradFlags) => {
      process.stdout.write(runGrad(flags));
    });
}

/** Parses the flags, reads and checks the files, and returns what the command prints. */
export function runGrad(flags: GradFlags): string {
  const loss = parseLossFlag(flags.loss);
  const reduction = parseChoice("--reduction", flags.reduction, ["mean", "sum"] as const);
  const dtype = parseChoice("--dtype", flags.dtype, ["float32", "float64"] as const) as DType;
  const { model, X, Y } = readModelAndExamples(flags, loss, dtype);
  const report = gradReport(model, X, Y, loss, reduction);
  if (!Number.isFinite(report.loss)) {
    throw new RetropropError(`the loss is ${report.loss} for these weights and data (${flags.model})`);
  }
  return flags.json ? `${JSON.stringify(report)}\n` : formatGradText(report, model, loss, reduction);
}

import type { Command } from "commander";
import { type DeltaRuleResult, trainDeltaRule } from "../../classic/index.js";
import { InputError } from "../../util/errors.js";
import {
  parseChoice,
  parseInteger,
  parseNumber,
  parseNumberList,
  readMatrixFile,
  UsageError,
} from "../args.js";

interface DeltaRuleFlags {
  inputs: string;
  targets: string;
  weights?: string;
  lr: string;
  epochs: string;
  mode: string;
  json?: boolean;
}

const HELP_AFTER = `
The linear neuron is y = w·x (no bias: add a column of ones to the inputs for one). The delta rule
(note 003): Δw_i = η·x_i·(t − y) after each example (online), or η·Σ_n x_iⁿ(tⁿ − yⁿ) once per epoch
(batch). After each update it prints the weights, the residual t − y and E = ½Σ(t − y)² over the set.

Input files: --inputs is a JSON array of rows (one row per example, one number per input),
--targets a JSON array with one number per example (or rows of one number).

Example (note 003's cafeteria: 5 coffees, 2 juices, 3 toasts cost 850 cents; estimates start at 50):
  $ retroprop delta-rule --inputs examples/cafeteria/x.json --targets examples/cafeteria/t.json \\
      --weights 50,50,50 --lr 1/35
  → Δw = [+50, +20, +30], w = [100, 70, 80], residual t − y: 350 before, -30 after`;

export function register(program: Command): void {
  program
    .command("delta-rule")
    .description("train a linear neuron with the delta rule and print every update")
    .requiredOption("--inputs <file>", "JSON array of input rows, e.g. [[5, 2, 3]]")
    .requiredOption("--targets <file>", "JSON array of targets, one per row, e.g. [850]")
    .option("--weights <w1,w2,...>", "starting weights (default zeros)")
    .option("--lr <eta>", "learning rate η (fractions such as 1/35 accepted)", "0.01")
    .option("--epochs <n>", "passes over the training set", "1")
    .option(
      "--mode <mode>",
      "online (update after each example) | batch (one summed update per epoch)",
      "online",
    )
    .option("--json", "print one JSON object instead of a table")
    .addHelpText("after", HELP_AFTER)
    .action((flags: DeltaRuleFlags) => {
      runDeltaRule(flags);
    });
}

function runDeltaRule(flags: DeltaRuleFlags): void {
  const learningRate = parseNumber("--lr", flags.lr);
  if (learningRate <= 0) throw new UsageError(`--lr: must be positive, got "${flags.lr}"`);
  const epochs = parseInteger("--epochs", flags.epochs, 1);
  const mode = parseChoice("--mode", flags.mode, ["online", "batch"] as const);
  const weights = flags.weights === undefined ? undefined : parseNumberList("--weights", flags.weights);

  const inputs = readMatrixFile(flags.inputs, "inputs file");
  const targetRows = readMatrixFile(flags.targets, "targets file");
  const width = inputs[0].length;
  if (targetRows[0].length !== 1) {
    throw new InputError(
      `${flags.targets}: expected one target per example (one linear neuron), got rows of ${targetRows[0].length} numbers`,
    );
  }
  if (targetRows.length !== inputs.length) {
    throw new InputError(
      `${flags.inputs} has ${inputs.length} example${inputs.length === 1 ? "" : "s"} but ${flags.targets} has ` +
        `${targetRows.length} target${targetRows.length === 1 ? "" : "s"}` +
        (inputs.length > 1 && width === 1 ? " (write each example as a row, e.g. [[5, 2, 3]])" : ""),
    );
  }
  if (weights !== undefined && weights.length !== width) {
    throw new InputError(
      `--weights has ${weights.length} value${weights.length === 1 ? "" : "s"} but each row of ${flags.inputs} ` +
        `has ${width} input${width === 1 ? "" : "s"}`,
    );
  }
  const targets = targetRows.map((r) => r[0]);
  const result = trainDeltaRule(inputs, targets, { learningRate, epochs, mode, initialWeights: weights });

  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ inputs: flags.inputs, targets: flags.targets, ...result })}\n`);
    return;
  }
  process.stdout.write(renderText(result, flags.lr, inputs.length, width));
}

function renderText(result: DeltaRuleResult, lrText: string, nExamples: number, width: number): string {
  const lines: string[] = [];
  const eta =
    lrText.trim() === fmt(result.learningRate)
      ? lrText.trim()
      : `${lrText.trim()} = ${fmt(result.learningRate)}`;
  lines.push(
    `Linear neuron y = w·x, delta rule, ${result.mode}: η = ${eta}, ${result.epochs} epoch${result.epochs === 1 ? "" : "s"}, ` +
      `${nExamples} example${nExamples === 1 ? "" : "s"} of ${width} input${width === 1 ? "" : "s"}`,
  );
  lines.push(
    `start: w = ${vec(result.initialWeights)}   residual t − y = ${vec(result.initialResiduals)}   ` +
      `E = ½Σ(t − y)² = ${fmt(result.initialError)}`,
  );
  lines.push("");
  const showAll = nExamples <= 8;
  if (result.mode === "online") {
    lines.push(
      ...table(
        ["update", "epoch", "example", "y", "t − y", "Δw", "w after", "t − y after", "E after"],
        result.updates.map((u) => {
          const n = u.examples[0];
          return [
            String(u.update),
            String(u.epoch),
            String(n + 1),
            fmt(u.predictions[0]),
            fmt(u.residuals[0]),
            vec(u.delta, true),
            vec(u.weightsAfter),
            fmt(u.residualsAfter[n]),
            fmt(u.errorAfter),
          ];
        }),
      ),
    );
  } else {
    lines.push(
      ...table(
        ["update", "epoch", "Δw = η Σ x(t − y)", "w after", ...(showAll ? ["t − y after"] : []), "E after"],
        result.updates.map((u) => [
          String(u.update),
          String(u.epoch),
          vec(u.delta, true),
          vec(u.weightsAfter),
          ...(showAll ? [vec(u.residualsAfter)] : []),
          fmt(u.errorAfter),
        ]),
      ),
    );
  }
  lines.push("");
  lines.push(
    `final: w = ${vec(result.weights)}   ` +
      (showAll ? `residual t − y = ${vec(result.residuals)}   ` : "") +
      `E = ${fmt(result.error)}`,
  );
  return `${lines.join("\n")}\n`;
}

/** A number as people write it: integers plain, others to 10 significant digits. */
function fmt(v: number): string {
  if (Object.is(v, -0)) return "0";
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
}

function vec(v: readonly number[], withSign = false): string {
  return `[${v.map((x) => (withSign && x > 0 ? `+${fmt(x)}` : fmt(x))).join(", ")}]`;
}

function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, j) => c.padEnd(widths[j]))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

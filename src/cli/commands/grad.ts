import type { Command } from "commander";
import { formatGradText, gradReport } from "../../explain/grad-report.js";
import { LOSSES } from "../../nn/losses.js";
import type { DType } from "../../tensor/dtype.js";
import { RetropropError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import { parseChoice } from "../args.js";
import { t } from "../lang.js";
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

export function register(program: Command): void {
  const M = t().grad;
  const h = M.help;
  program
    .command("grad")
    .description(M.description)
    .requiredOption("--model <file>", h.model)
    .requiredOption("--inputs <file>", h.inputs)
    .requiredOption("--targets <file>", h.targets)
    .requiredOption("--loss <name>", `${LOSSES.join("|")}`)
    .option("--reduction <how>", h.reduction, "mean")
    .option("--dtype <type>", h.dtype, "float64")
    .option("--json", h.json)
    .addHelpText("after", h.after)
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
    throw localizedError(RetropropError, "lossNotFinite", report.loss, flags.model);
  }
  return flags.json ? `${JSON.stringify(report)}\n` : formatGradText(report, model, loss, reduction, t());
}

import type { Command } from "commander";
import { exportModel, loadModelFile } from "../../nn/model-file.js";
import { torchSequentialCode } from "../../nn/safetensors.js";
import { assertWritableFile } from "../../util/atomic-write.js";
import { localizedError } from "../../util/i18n.js";
import { parseChoice, UsageError } from "../args.js";
import { t } from "../lang.js";

export interface ExportFlags {
  model: string;
  format: string;
  out?: string;
}

export function register(program: Command): void {
  const M = t().export;
  program
    .command("export")
    .description(M.description)
    .requiredOption("--model <file>", M.help.model)
    .requiredOption("--format <name>", M.help.format)
    .option("--out <file>", M.help.out)
    .addHelpText("after", M.help.after)
    .action((flags: ExportFlags) => {
      process.stdout.write(runExport(flags));
    });
}

/** Exports the model and returns what the command prints. */
export function runExport(flags: ExportFlags): string {
  const format = parseChoice("--format", flags.format, ["onnx", "safetensors"] as const);
  const out = flags.out ?? `${flags.model.replace(/\.(json|onnx|safetensors)$/i, "")}.${format}`;
  if (out === flags.model) throw localizedError(UsageError, "outIsModel", out);
  assertWritableFile(out, "--out");
  const { model, training } = loadModelFile(flags.model);
  exportModel(model, out, format, { training });
  const M = t().export;
  if (format === "onnx") return `${M.wroteOnnx(out, model.inputSize, model.outputSize)}\n`;
  return [
    M.wroteSafetensors(out, model.dtype === "float64" ? "F64" : "F32"),
    "",
    "import torch",
    "from torch import nn",
    "from safetensors.torch import load_file",
    "",
    torchSequentialCode(model),
    `model.load_state_dict(load_file(${JSON.stringify(out)}))`,
    "",
  ].join("\n");
}

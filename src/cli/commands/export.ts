import type { Command } from "commander";
import { exportModel, loadModelFile } from "../../nn/model-file.js";
import { torchSequentialCode } from "../../nn/safetensors.js";
import { assertWritableFile } from "../../util/atomic-write.js";
import { parseChoice, UsageError } from "../args.js";

export interface ExportFlags {
  model: string;
  format: string;
  out?: string;
}

const HELP_AFTER = `
Writes the model as ONNX (opset 13: Gemm per layer and the activation's nodes; runs in ONNX Runtime in Node and
the browser) or as safetensors with PyTorch's nn.Sequential names (0.weight, 0.bias, 2.weight …), printing the
nn.Sequential whose state_dict it is. Both keep train --save's metadata, and every command that takes --model
reads them back (docs/interop.md).

Examples:
  $ retroprop export --model examples/xor/model.json --format onnx --out xor.onnx
  $ retroprop export --model iris.json --format safetensors`;

export function register(program: Command): void {
  program
    .command("export")
    .description("write a model as ONNX or safetensors (for ONNX Runtime and PyTorch)")
    .requiredOption("--model <file>", "model file (retroprop JSON, ONNX or safetensors)")
    .requiredOption("--format <name>", "onnx|safetensors")
    .option("--out <file>", "output file (default: the model's name with .onnx or .safetensors)")
    .addHelpText("after", HELP_AFTER)
    .action((flags: ExportFlags) => {
      process.stdout.write(runExport(flags));
    });
}

/** Exports the model and returns what the command prints. */
export function runExport(flags: ExportFlags): string {
  const format = parseChoice("--format", flags.format, ["onnx", "safetensors"] as const);
  const out = flags.out ?? `${flags.model.replace(/\.(json|onnx|safetensors)$/i, "")}.${format}`;
  if (out === flags.model) throw new UsageError(`--out ${out}: is the model file itself`);
  assertWritableFile(out, "--out");
  const { model, training } = loadModelFile(flags.model);
  exportModel(model, out, format, { training });
  if (format === "onnx") {
    return `wrote ${out} (ONNX opset 13: input "input" [N, ${model.inputSize}] float32, output "output" [N, ${model.outputSize}])\n`;
  }
  return [
    `wrote ${out} (${model.dtype === "float64" ? "F64" : "F32"}; the state_dict of this PyTorch model):`,
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

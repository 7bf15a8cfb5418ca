import type { Command } from "commander";
import { normalizeRows, readInputRows } from "../../data/index.js";
import { NDArray } from "../../tensor/ndarray.js";
import { predict, predictedBit } from "../../train/index.js";
import { checkFiniteOutputs, loadSavedModel } from "./model-use.js";

interface PredictFlags {
  model: string;
  input: string;
  invert?: boolean;
  json?: boolean;
}

const HELP_AFTER = `
--input takes a JSON row ([5.1, 3.5, 1.4, 0.2]) or array of rows, a CSV of feature rows, or for digit models
a 28×28 PNG (white digit on black, like MNIST; black-on-white is detected and inverted). The model's saved
feature scaling is applied first.

Examples:
  $ retroprop predict --model iris.json --input flower.json
  $ retroprop predict --model mnist.json --input seven.png --json`;

export function register(program: Command): void {
  program
    .command("predict")
    .description("outputs (and predicted classes) of a saved model for new inputs")
    .requiredOption("--model <file>", "model file written by train --save")
    .requiredOption("--input <file>", "JSON row(s), CSV, or a 28×28 PNG")
    .option("--invert", "PNG input: invert the colours (force black-on-white handling)")
    .option("--json", "print one JSON object")
    .addHelpText("after", HELP_AFTER)
    .action((flags: PredictFlags) => {
      const saved = loadSavedModel(flags.model);
      const { model } = saved;
      let rows = readInputRows(flags.input, {
        features: model.inputSize,
        png: { invert: flags.invert ? true : "auto" },
      });
      if (saved.normalization && !/\.png$/i.test(flags.input))
        rows = normalizeRows(rows, saved.normalization);
      const outputs = checkFiniteOutputs(
        predict(model, NDArray.from(rows, model.dtype)).toArray() as number[][],
        flags.model,
      );
      const classOf = (row: number[]): number | undefined => {
        if (row.length === 1)
          return model.outputActivation === "sigmoid" ? predictedBit(row[0], 0.5) : undefined;
        return row.indexOf(Math.max(...row));
      };
      const results = outputs.map((row) => {
        const cls = classOf(row);
        return {
          output: row,
          ...(cls === undefined
            ? {}
            : { class: cls, ...(saved.classNames ? { label: saved.classNames[cls] } : {}) }),
        };
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ predictions: results })}\n`);
        return;
      }
      results.forEach((r, i) => {
        const cls =
          r.class === undefined
            ? ""
            : `  → class ${r.class}${"label" in r && r.label ? ` (${r.label})` : ""}`;
        process.stdout.write(`[${i}] ${r.output.map((v) => v.toPrecision(4)).join("  ")}${cls}\n`);
      });
    });
}

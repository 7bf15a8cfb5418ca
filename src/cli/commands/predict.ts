import type { Command } from "commander";
import { normalizeRows, readInputRows } from "../../data/index.js";
import { NDArray } from "../../tensor/ndarray.js";
import { predict, predictedBit } from "../../train/index.js";
import { t } from "../lang.js";
import { checkFiniteOutputs, loadSavedModel } from "./model-use.js";

interface PredictFlags {
  model: string;
  input: string;
  invert?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  const M = t().predict;
  program
    .command("predict")
    .description(M.description)
    .requiredOption("--model <file>", M.help.model)
    .requiredOption("--input <file>", M.help.input)
    .option("--invert", M.help.invert)
    .option("--json", M.help.json)
    .addHelpText("after", M.help.after)
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
        const cls = r.class === undefined ? "" : M.class(r.class, "label" in r ? r.label : undefined);
        process.stdout.write(`[${i}] ${r.output.map((v) => v.toPrecision(4)).join("  ")}${cls}\n`);
      });
    });
}

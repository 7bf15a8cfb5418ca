import type { Command } from "commander";
import { applyNormalization, datasetNames, loadDataset } from "../../data/index.js";
import { parseLoss } from "../../nn/losses.js";
import { evaluate } from "../../train/index.js";
import { parseChoice, parseInteger, UsageError } from "../args.js";
import { defaultLoss, loadSavedModel } from "./model-use.js";

interface EvaluateFlags {
  model: string;
  data?: string;
  dataDir?: string;
  split: string;
  loss?: string;
  seed?: string;
  label?: string;
  json?: boolean;
}

const HELP_AFTER = `
The dataset is scaled with the normalisation saved in the model (fitted on the training split when it was
trained), and split with the seed it was trained with, so the test split is the same held-out set.

Examples:
  $ retroprop train --data mnist --data-dir ../shared/datasets --layers 784,30,10 --epochs 5 --save mnist.json
  $ retroprop evaluate --model mnist.json --data mnist --data-dir ../shared/datasets
  $ retroprop evaluate --model iris.json --data iris --split train --json`;

export function register(program: Command): void {
  program
    .command("evaluate")
    .description("loss and accuracy of a saved model on a dataset's test (or training) split")
    .requiredOption("--model <file>", "model file written by train --save (or by hand)")
    .option(
      "--data <name>",
      `dataset: ${datasetNames.join(", ")}, or csv:PATH (default: the one it was trained on)`,
    )
    .option("--data-dir <dir>", "data root for mnist, fashion-mnist, iris, digits, breast-cancer")
    .option("--split <which>", "test|train", "test")
    .option("--loss <name>", "mse|bce|cce (default: the training loss)")
    .option("--seed <n>", "split seed (default: the training seed)")
    .option("--label <column>", "CSV label column")
    .option("--json", "print one JSON object")
    .addHelpText("after", HELP_AFTER)
    .action(async (flags: EvaluateFlags) => {
      const saved = loadSavedModel(flags.model);
      const data = flags.data ?? saved.dataset;
      if (!data)
        throw new UsageError("--data: the model does not say which dataset it was trained on; pass --data");
      const split = parseChoice("--split", flags.split, ["test", "train"] as const);
      const splits = await loadDataset(data, {
        dataDir: flags.dataDir,
        seed: flags.seed === undefined ? (saved.seed ?? 1) : parseInteger("--seed", flags.seed),
        label: flags.label,
        normalize: "none",
      });
      const set = split === "test" ? splits.test : splits.train;
      if (!set) throw new UsageError(`--split test: ${data} has no test split here; use --split train`);
      const { model } = saved;
      // Checked before the saved scaling is applied, so a wrong dataset is named as such.
      if (set.x.shape[1] !== model.inputSize || set.y.shape[1] !== model.outputSize) {
        throw new UsageError(
          `--data ${data}: ${set.x.shape[1]} features and ${set.y.shape[1]} outputs, but the model is ${model.sizes.join("-")}`,
        );
      }
      const x = saved.normalization ? applyNormalization(set.x, saved.normalization) : set.x;
      const loss = flags.loss ? parseLoss(flags.loss) : defaultLoss(saved);
      const result = evaluate(model, x, set.y, { loss });
      const out = { dataset: data, split, examples: x.shape[0], lossFunction: loss, ...result };
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const acc = result.accuracy === undefined ? "" : `, accuracy ${(100 * result.accuracy).toFixed(2)}%`;
      process.stdout.write(
        `${data} ${split} (${x.shape[0]} examples): ${loss} loss ${result.loss.toPrecision(5)}${acc}\n`,
      );
    });
}

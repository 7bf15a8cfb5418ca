import type { Command } from "commander";
import { applyNormalization, datasetNames, loadDataset } from "../../data/index.js";
import { parseLoss } from "../../nn/losses.js";
import { evaluate } from "../../train/index.js";
import { localizedError } from "../../util/i18n.js";
import { parseChoice, parseInteger, UsageError } from "../args.js";
import { t } from "../lang.js";
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

export function register(program: Command): void {
  const M = t().evaluate;
  const h = M.help;
  program
    .command("evaluate")
    .description(M.description)
    .requiredOption("--model <file>", h.model)
    .option("--data <name>", h.data(datasetNames.join(", ")))
    .option("--data-dir <dir>", h.dataDir)
    .option("--split <which>", h.split, "test")
    .option("--loss <name>", h.loss)
    .option("--seed <n>", h.seed)
    .option("--label <column>", h.label)
    .option("--json", h.json)
    .addHelpText("after", h.after)
    .action(async (flags: EvaluateFlags) => {
      const saved = loadSavedModel(flags.model);
      const data = flags.data ?? saved.dataset;
      if (!data) throw localizedError(UsageError, "noDataset");
      const split = parseChoice("--split", flags.split, ["test", "train"] as const);
      const splits = await loadDataset(data, {
        dataDir: flags.dataDir,
        seed: flags.seed === undefined ? (saved.seed ?? 1) : parseInteger("--seed", flags.seed),
        label: flags.label,
        normalize: "none",
      });
      const set = split === "test" ? splits.test : splits.train;
      if (!set) throw localizedError(UsageError, "noTestSplit", data);
      const { model } = saved;
      // Checked before the saved scaling is applied, so a wrong dataset is named as such.
      if (set.x.shape[1] !== model.inputSize || set.y.shape[1] !== model.outputSize) {
        const sizes = model.sizes.join("-");
        throw localizedError(UsageError, "dataMismatch", data, set.x.shape[1], set.y.shape[1], sizes);
      }
      const x = saved.normalization ? applyNormalization(set.x, saved.normalization) : set.x;
      const loss = flags.loss ? parseLoss(flags.loss) : defaultLoss(saved);
      const result = evaluate(model, x, set.y, { loss });
      const out = { dataset: data, split, examples: x.shape[0], lossFunction: loss, ...result };
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const acc = result.accuracy === undefined ? "" : t().train.accuracy((100 * result.accuracy).toFixed(2));
      const line = M.result(
        data,
        M.splitName(split === "test"),
        x.shape[0],
        loss,
        result.loss.toPrecision(5),
        acc,
      );
      process.stdout.write(`${line}\n`);
    });
}

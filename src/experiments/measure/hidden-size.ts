/**
 * hidden-size, measured: note 002's hyper-parameter search over the number of hidden units. The same
 * one-hidden-layer network is trained with 1, 2, 5, ... hidden units and its training and test accuracy are
 * recorded: too few units cannot represent the classes, more add capacity with diminishing returns.
 */
import type { DatasetSplits } from "../../data/types.js";
import type { Activation } from "../../nn/activations.js";
import type { LossName } from "../../nn/losses.js";
import { Sequential } from "../../nn/sequential.js";
import { makeOptimizer } from "../../optim/optimizers.js";
import { Random } from "../../tensor/random.js";
import { evaluate } from "../../train/fit.js";
import type { Messages } from "../../util/i18n.js";
import { en } from "../../util/messages/en.js";
import { checkPositiveInteger, checkPositiveList, type MeasureOptions, type Table } from "./shared.js";
import { defaultHead, fitKeepingHistory } from "./training.js";

export interface HiddenSizeSettings extends MeasureOptions {
  /** Hidden-unit counts to try (default 1, 2, 5, 10, 30, 100). */
  hidden?: number[];
  /** Epochs per network (default 5). */
  epochs?: number;
  /** Learning rate of SGD (default 0.5). */
  lr?: number;
  /** Mini-batch size (default 10, Nielsen's). */
  batchSize?: number | "full";
  /** Hidden activation (default sigmoid). */
  activation?: Activation;
  output?: Activation;
  loss?: LossName;
  /** Networks per size, from different seeds; the plot shows their mean (default 1). */
  repeats?: number;
}

export interface HiddenSizeRow {
  hidden: number;
  /** One entry per repeat. */
  trainAccuracy: number[];
  testAccuracy: number[];
  meanTrainAccuracy: number;
  meanTestAccuracy: number;
  parameters: number;
}

export interface HiddenSizeData {
  dataset: string;
  trainRows: number;
  testRows: number;
  activation: Activation;
  output: Activation;
  loss: LossName;
  epochs: number;
  lr: number;
  rows: HiddenSizeRow[];
  /** Hidden-unit count with the best mean test accuracy. */
  best: number;
  /** Networks per size, and whether test accuracy was measured on a test split (else on the training data). */
  repeats: number;
  hasTestSplit: boolean;
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

/** The settings with their defaults, checked (before any data is loaded); `hidden` sorted. */
export function hiddenSizeSettings(s: HiddenSizeSettings) {
  const hidden = s.hidden ?? [1, 2, 5, 10, 30, 100];
  checkPositiveList("hiddenSizes", hidden, true);
  const epochs = s.epochs ?? 5;
  checkPositiveInteger("epochs", epochs);
  const repeats = s.repeats ?? 1;
  checkPositiveInteger("repeats", repeats);
  const lr = s.lr ?? 0.5;
  checkPositiveList("learningRate", [lr]);
  const sorted = [...hidden].sort((a, b) => a - b);
  const activation = s.activation ?? "sigmoid";
  return { seed: s.seed ?? 1, hidden: sorted, epochs, repeats, lr, batchSize: s.batchSize ?? 10, activation };
}

/** Trains a network per hidden size (and repeat) and measures its training and test accuracy. */
export async function measureHiddenSize(
  splits: DatasetSplits,
  settings: HiddenSizeSettings,
): Promise<HiddenSizeData> {
  const { seed, hidden, epochs, repeats, lr, batchSize, activation } = hiddenSizeSettings(settings);
  const train = splits.train;
  const test = splits.test ?? splits.train;
  const head = defaultHead(train);
  const output = settings.output ?? head.output;
  const loss = settings.loss ?? head.loss;
  const rows: HiddenSizeRow[] = [];
  for (const h of hidden) {
    const trainAccuracy: number[] = [];
    const testAccuracy: number[] = [];
    let parameters = 0;
    for (let r = 0; r < repeats; r++) {
      const s = seed + 1000 * r;
      const sizes = [train.x.shape[1], h, train.y.shape[1]];
      settings.log?.(
        (settings.messages ?? en).experimentReport.hiddenSize.log(sizes.join("-"), r + 1, repeats),
      );
      const model = Sequential.fromSizes({ sizes, activation, output, rng: new Random(s) });
      parameters = model.parameterCount();
      const optimizer = makeOptimizer("sgd", { lr });
      await fitKeepingHistory(model, train.x, train.y, {
        loss,
        optimizer,
        epochs,
        batchSize,
        rng: new Random(s + 1),
      });
      trainAccuracy.push(evaluate(model, train.x, train.y, { loss }).accuracy ?? Number.NaN);
      testAccuracy.push(evaluate(model, test.x, test.y, { loss }).accuracy ?? Number.NaN);
    }
    const meanTrainAccuracy = mean(trainAccuracy);
    const meanTestAccuracy = mean(testAccuracy);
    rows.push({ hidden: h, trainAccuracy, testAccuracy, meanTrainAccuracy, meanTestAccuracy, parameters });
  }
  const best = rows.reduce((a, b) => (b.meanTestAccuracy > a.meanTestAccuracy ? b : a));
  return {
    dataset: train.name,
    trainRows: train.x.shape[0],
    testRows: test.x.shape[0],
    activation,
    output,
    loss,
    epochs,
    lr,
    rows,
    best: best.hidden,
    repeats,
    hasTestSplit: splits.test !== undefined,
  };
}

/** One row per hidden size and repeat. */
export function hiddenSizeTable(data: HiddenSizeData): Table {
  return {
    columns: ["hidden", "repeat", "train_accuracy", "test_accuracy", "parameters"],
    rows: data.rows.flatMap((r) =>
      r.trainAccuracy.map((a, k) => [r.hidden, k + 1, a, r.testAccuracy[k], r.parameters]),
    ),
  };
}

export function summariseHiddenSize(data: HiddenSizeData, M: Messages = en): string {
  const W = M.experimentReport.hiddenSize;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const lines = [W.title(data.dataset, data.trainRows, data.epochs)];
  for (const r of data.rows) {
    lines.push(W.row(r.hidden, pct(r.meanTrainAccuracy), data.hasTestSplit, pct(r.meanTestAccuracy)));
  }
  const best = data.rows.find((r) => r.hidden === data.best)!;
  const fewest = data.rows[0];
  lines.push(W.best(pct(best.meanTestAccuracy), best.hidden, fewest.hidden, pct(fewest.meanTestAccuracy)));
  return lines.join("\n");
}

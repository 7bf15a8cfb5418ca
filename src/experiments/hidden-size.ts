/**
 * hidden-size: note 002's hyper-parameter search over the number of hidden units. The same one-hidden-layer
 * network is trained with 1, 2, 5, ... hidden units and its training and test accuracy are plotted against that
 * number: too few units cannot represent the classes, more add capacity with diminishing returns.
 */
import { isBuiltinName } from "../data/builtin.js";
import { loadDataset } from "../data/load.js";
import type { Activation } from "../nn/activations.js";
import type { LossName } from "../nn/losses.js";
import { Sequential } from "../nn/sequential.js";
import { makeOptimizer } from "../optim/optimizers.js";
import { Random } from "../tensor/random.js";
import { evaluate } from "../train/fit.js";
import { scatterLineChart } from "../viz/charts/line.js";
import {
  type CommonOptions,
  checkPositiveInteger,
  checkPositiveList,
  type ExperimentResult,
  elapsedSince,
  saveFigure,
  writeRawNumbers,
} from "./common.js";
import { defaultHead, fitKeepingHistory } from "./training.js";

export interface HiddenSizeOptions extends CommonOptions {
  /** Dataset (default "mnist"). */
  data?: string;
  dataDir?: string;
  /** Training rows to use (default 10,000 for MNIST-like files; the built-ins' default otherwise). */
  samples?: number;
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
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

export async function runHiddenSize(options: HiddenSizeOptions): Promise<ExperimentResult<HiddenSizeData>> {
  const started = performance.now();
  const name = "hidden-size";
  const seed = options.seed ?? 1;
  const hidden = options.hidden ?? [1, 2, 5, 10, 30, 100];
  checkPositiveList("hidden sizes", hidden, true);
  const epochs = options.epochs ?? 5;
  checkPositiveInteger("epochs", epochs);
  const repeats = options.repeats ?? 1;
  checkPositiveInteger("repeats", repeats);
  const lr = options.lr ?? 0.5;
  checkPositiveList("learning rate", [lr]);
  const batchSize = options.batchSize ?? 10;
  const activation = options.activation ?? "sigmoid";
  const log = options.log ?? (() => {});
  const dataset = options.data ?? "mnist";
  const builtin = isBuiltinName(dataset.toLowerCase());
  const isImages = /^(fashion-)?mnist$/i.test(dataset);
  const splits = await loadDataset(dataset, {
    dataDir: options.dataDir,
    seed,
    samples: options.samples ?? (isImages ? 10000 : undefined),
    // Built-in sets are all training data by default: hold out a quarter to measure generalisation.
    testFraction: builtin ? 0.25 : undefined,
  });
  const train = splits.train;
  const test = splits.test ?? splits.train;
  const head = defaultHead(train);
  const output = options.output ?? head.output;
  const loss = options.loss ?? head.loss;

  const rows: HiddenSizeRow[] = [];
  const sorted = [...hidden].sort((a, b) => a - b);
  for (const h of sorted) {
    const trainAccuracy: number[] = [];
    const testAccuracy: number[] = [];
    let parameters = 0;
    for (let r = 0; r < repeats; r++) {
      const s = seed + 1000 * r;
      const sizes = [train.x.shape[1], h, train.y.shape[1]];
      log(`hidden-size: ${sizes.join("-")}, repeat ${r + 1}/${repeats}`);
      const model = Sequential.fromSizes({ sizes, activation, output, rng: new Random(s) });
      parameters = model.parameterCount();
      await fitKeepingHistory(model, train.x, train.y, {
        loss,
        optimizer: makeOptimizer("sgd", { lr }),
        epochs,
        batchSize,
        rng: new Random(s + 1),
      });
      trainAccuracy.push(evaluate(model, train.x, train.y, { loss }).accuracy ?? Number.NaN);
      testAccuracy.push(evaluate(model, test.x, test.y, { loss }).accuracy ?? Number.NaN);
    }
    rows.push({
      hidden: h,
      trainAccuracy,
      testAccuracy,
      meanTrainAccuracy: mean(trainAccuracy),
      meanTestAccuracy: mean(testAccuracy),
      parameters,
    });
  }
  const best = rows.reduce((a, b) => (b.meanTestAccuracy > a.meanTestAccuracy ? b : a));
  const data: HiddenSizeData = {
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
  };

  const testName = splits.test ? "test" : "training (no test split)";
  const svg = await scatterLineChart({
    title: "Accuracy against the number of hidden units",
    subtitle: `${train.name}: ${train.x.shape[0]} training rows, ${epochs} epochs, ${activation} hidden layer, SGD η=${lr}${repeats > 1 ? `, mean of ${repeats} seeds` : ""}`,
    xLabel: "hidden units (log scale)",
    yLabel: "accuracy",
    logX: true,
    yDomain: [0, 1],
    series: [
      { name: "training", x: rows.map((r) => r.hidden), y: rows.map((r) => r.meanTrainAccuracy) },
      { name: testName, x: rows.map((r) => r.hidden), y: rows.map((r) => r.meanTestAccuracy) },
    ],
  });
  const figures = [saveFigure(options.out, name, svg, options.pngScale)];
  const table = {
    columns: ["hidden", "repeat", "train_accuracy", "test_accuracy", "parameters"],
    rows: rows.flatMap((r) =>
      r.trainAccuracy.map((a, k) => [r.hidden, k + 1, a, r.testAccuracy[k], r.parameters] as number[]),
    ),
  };
  const files = writeRawNumbers(
    options.out,
    name,
    {
      data: dataset,
      samples: options.samples ?? null,
      seed,
      hidden: sorted,
      epochs,
      lr,
      batchSize,
      activation,
      output,
      loss,
      repeats,
    },
    data,
    table,
  );
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const lines = [`hidden-size on ${train.name} (${train.x.shape[0]} training rows, ${epochs} epochs):`];
  for (const r of rows) {
    lines.push(
      `  ${r.hidden} hidden: training ${pct(r.meanTrainAccuracy)}, ${splits.test ? "test" : "training"} ${pct(r.meanTestAccuracy)}`,
    );
  }
  lines.push(
    `best test accuracy ${pct(best.meanTestAccuracy)} with ${best.hidden} hidden units; ${rows[0].hidden} unit(s) give ${pct(rows[0].meanTestAccuracy)}`,
  );
  return {
    name,
    out: options.out,
    summary: lines.join("\n"),
    figures,
    files,
    data,
    seconds: elapsedSince(started),
  };
}

/**
 * decision-boundary: a network trained on a 2-D dataset (moons, circles, spirals, xor, blobs), its output
 * evaluated on a grid over the plane and drawn as a coloured field with the training points on top. For two
 * classes the field is the sigmoid output (the boundary is where it crosses 0.5); for more, the predicted class.
 */
import { FILE_DATASET_FEATURES, isFileDatasetName } from "../data/files.js";
import { loadDataset } from "../data/load.js";
import { type Activation, outputDisplayRange } from "../nn/activations.js";
import type { LossName } from "../nn/losses.js";
import { Sequential } from "../nn/sequential.js";
import { makeOptimizer, OPTIMIZERS } from "../optim/optimizers.js";
import { NDArray } from "../tensor/ndarray.js";
import { Random } from "../tensor/random.js";
import { evaluate, predict } from "../train/fit.js";
import { InputError } from "../util/errors.js";
import { decisionBoundaryChart } from "../viz/charts/decision.js";
import { lineChart } from "../viz/charts/line.js";
import {
  type CommonOptions,
  checkPositiveInteger,
  checkPositiveList,
  type ExperimentResult,
  elapsedSince,
  fmt,
  saveFigure,
  writeRawNumbers,
} from "./common.js";
import { defaultHead, fitKeepingHistory } from "./training.js";

export interface DecisionBoundaryOptions extends CommonOptions {
  /** A dataset with two input features (default "moons"). */
  data?: string;
  dataDir?: string;
  samples?: number;
  noise?: number;
  /** Hidden layer sizes (default [16, 16]). */
  hidden?: number[];
  /** Hidden activation (default tanh). */
  activation?: Activation;
  output?: Activation;
  loss?: LossName;
  /** Optimizer name (default "adam") and learning rate (default: the optimizer's, 0.01 for adam). */
  optimizer?: string;
  lr?: number;
  /** Epochs (default 300) and mini-batch size (default 16). */
  epochs?: number;
  batchSize?: number | "full";
  /** Grid points per side (default 120). */
  resolution?: number;
}

export interface DecisionBoundaryData {
  dataset: string;
  sizes: number[];
  activation: Activation;
  output: Activation;
  loss: LossName;
  /** Training loss and accuracy per epoch. */
  loss_history: number[];
  accuracy_history: number[];
  finalLoss: number;
  finalAccuracy: number | null;
  /** Grid over the plane: values[j·xs.length + i] at (xs[i], ys[j]); sigmoid output, or class index. */
  grid: { xs: number[]; ys: number[]; values: number[]; classes: number | null };
  points: Array<{ x: number; y: number; label: number }>;
}

function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

export async function runDecisionBoundary(
  options: DecisionBoundaryOptions,
): Promise<ExperimentResult<DecisionBoundaryData>> {
  const started = performance.now();
  const name = "decision-boundary";
  const seed = options.seed ?? 1;
  const hidden = options.hidden ?? [16, 16];
  if (hidden.length > 0) checkPositiveList("hidden sizes", hidden, true, false);
  const epochs = options.epochs ?? 300;
  checkPositiveInteger("epochs", epochs);
  const resolution = options.resolution ?? 120;
  checkPositiveInteger("grid resolution", resolution, 2);
  const activation = options.activation ?? "tanh";
  const optimizerName = options.optimizer ?? "adam";
  if (!(OPTIMIZERS as readonly string[]).includes(optimizerName)) {
    throw new InputError(`unknown optimizer "${optimizerName}" (known: ${OPTIMIZERS.join(", ")})`);
  }
  const batchSize = options.batchSize ?? 16;
  const dataset = options.data ?? "moons";
  const known = dataset.trim().toLowerCase();
  // Refuse a file dataset of the wrong width before its files are read or downloaded.
  const notTwoFeatures = (name: string, features: number): InputError =>
    new InputError(`decision-boundary needs a dataset with 2 input features; ${name} has ${features}`);
  if (isFileDatasetName(known) && FILE_DATASET_FEATURES[known] !== 2) {
    throw notTwoFeatures(known, FILE_DATASET_FEATURES[known]);
  }
  const splits = await loadDataset(dataset, {
    dataDir: options.dataDir,
    seed,
    samples: options.samples,
    noise: options.noise,
  });
  const train = splits.train;
  if (train.x.shape[1] !== 2) throw notTwoFeatures(train.name, train.x.shape[1]);
  if (train.task !== "classification" || !train.labels) {
    throw new InputError(
      `decision-boundary needs a classification dataset with one label per row; ${train.name} is not`,
    );
  }
  const head = defaultHead(train);
  const output = options.output ?? head.output;
  const loss = options.loss ?? head.loss;
  const sizes = [2, ...hidden, train.y.shape[1]];
  const model = Sequential.fromSizes({ sizes, activation, output, rng: new Random(seed) });
  options.log?.(`decision-boundary: ${sizes.join("-")} on ${train.name}`);
  const outcome = await fitKeepingHistory(model, train.x, train.y, {
    loss,
    optimizer: makeOptimizer(optimizerName, { lr: options.lr }),
    epochs,
    batchSize,
    rng: new Random(seed + 1),
  });
  const final = evaluate(model, train.x, train.y, { loss });

  // The grid covers the points with a 10% margin.
  const xs0 = train.x.data;
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < train.x.shape[0]; r++) {
    minX = Math.min(minX, xs0[2 * r]);
    maxX = Math.max(maxX, xs0[2 * r]);
    minY = Math.min(minY, xs0[2 * r + 1]);
    maxY = Math.max(maxY, xs0[2 * r + 1]);
  }
  const mx = 0.1 * (maxX - minX || 1);
  const my = 0.1 * (maxY - minY || 1);
  const gx = linspace(minX - mx, maxX + mx, resolution);
  const gy = linspace(minY - my, maxY + my, resolution);
  const cells = new Float32Array(resolution * resolution * 2);
  for (let j = 0; j < resolution; j++) {
    for (let i = 0; i < resolution; i++) {
      cells[2 * (j * resolution + i)] = gx[i];
      cells[2 * (j * resolution + i) + 1] = gy[j];
    }
  }
  const out = predict(model, new NDArray(cells, [resolution * resolution, 2]));
  const k = train.y.shape[1];
  const values: number[] = [];
  for (let c = 0; c < resolution * resolution; c++) {
    if (k === 1) values.push(out.data[c]);
    else {
      let best = 0;
      for (let o = 1; o < k; o++) if (out.data[c * k + o] > out.data[c * k + best]) best = o;
      values.push(best);
    }
  }
  const points = Array.from({ length: train.x.shape[0] }, (_, r) => ({
    x: xs0[2 * r],
    y: xs0[2 * r + 1],
    label: train.labels![r],
  }));
  const data: DecisionBoundaryData = {
    dataset: train.name,
    sizes,
    activation,
    output,
    loss,
    loss_history: outcome.history.map((h) => h.loss),
    accuracy_history: outcome.history.map((h) => h.accuracy ?? Number.NaN),
    finalLoss: final.loss,
    finalAccuracy: final.accuracy ?? null,
    grid: { xs: gx, ys: gy, values, classes: k === 1 ? null : k },
    points,
  };

  const accText =
    final.accuracy === undefined ? "" : `, training accuracy ${(100 * final.accuracy).toFixed(1)}%`;
  const figures = [
    saveFigure(
      options.out,
      name,
      await decisionBoundaryChart({
        title: `Decision boundary: ${sizes.join("-")} ${activation} network on ${train.name}`,
        subtitle: `${optimizerName}, ${epochs} epochs${accText}`,
        grid: { xs: gx, ys: gy, values, classes: k === 1 ? undefined : k },
        points,
        xLabel: train.featureNames?.[0] ?? "x₁",
        yLabel: train.featureNames?.[1] ?? "x₂",
        fieldLabel: k === 1 ? `network output (${output})` : "predicted class",
        classNames: train.classNames ?? undefined,
        valueDomain: outputDisplayRange(output),
      }),
      options.pngScale,
    ),
    saveFigure(
      options.out,
      `${name}-loss`,
      await lineChart({
        title: `Training loss: ${sizes.join("-")} on ${train.name}`,
        xLabel: "epoch",
        yLabel: `training loss (${loss}, log scale)`,
        logY: true,
        series: [{ name: "training loss", x: data.loss_history.map((_, i) => i + 1), y: data.loss_history }],
      }),
      options.pngScale,
    ),
  ];
  const rows: Array<Array<number | string>> = [];
  for (let j = 0; j < resolution; j++) {
    for (let i = 0; i < resolution; i++) rows.push([gx[i], gy[j], values[j * resolution + i]]);
  }
  const files = writeRawNumbers(
    options.out,
    name,
    {
      data: dataset,
      samples: train.x.shape[0],
      noise: options.noise ?? null,
      seed,
      hidden,
      activation,
      output,
      loss,
      optimizer: optimizerName,
      lr: options.lr ?? null,
      epochs,
      batchSize,
      resolution,
    },
    data,
    { columns: ["x1", "x2", k === 1 ? "output" : "class"], rows },
  );
  const summary =
    `decision-boundary: ${sizes.join("-")} ${activation} network on ${train.name} (${train.x.shape[0]} points), ` +
    `${epochs} epochs: training loss ${fmt(final.loss)}${accText}` +
    (outcome.diverged ? `\n${outcome.diverged.message}` : "");
  return { name, out: options.out, summary, figures, files, data, seconds: elapsedSince(started) };
}

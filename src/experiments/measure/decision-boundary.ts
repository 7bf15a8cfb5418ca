/**
 * decision-boundary, measured: a network trained on a 2-D dataset (moons, circles, spirals, xor, blobs) and its
 * output evaluated on a grid over the plane. For two classes the grid holds the sigmoid output (the boundary is
 * where it crosses 0.5); for more, the predicted class.
 */
import type { Dataset } from "../../data/types.js";
import type { Activation } from "../../nn/activations.js";
import type { LossName } from "../../nn/losses.js";
import { Sequential } from "../../nn/sequential.js";
import { makeOptimizer, OPTIMIZERS } from "../../optim/optimizers.js";
import { NDArray } from "../../tensor/ndarray.js";
import { Random } from "../../tensor/random.js";
import { evaluate, predict } from "../../train/fit.js";
import { InputError } from "../../util/errors.js";
import { localizedError, type Messages } from "../../util/i18n.js";
import { en } from "../../util/messages/en.js";
import {
  checkPositiveInteger,
  checkPositiveList,
  fmt,
  linspace,
  type MeasureOptions,
  type Table,
} from "./shared.js";
import { defaultHead, fitKeepingHistory } from "./training.js";

export interface DecisionBoundarySettings extends MeasureOptions {
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

/** Grid over the plane: values[j·xs.length + i] at (xs[i], ys[j]); sigmoid output, or class index. */
export interface DecisionGrid {
  xs: number[];
  ys: number[];
  values: number[];
  classes: number | null;
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
  grid: DecisionGrid;
  points: Array<{ x: number; y: number; label: number }>;
  optimizer: string;
  epochs: number;
  /** fit's message if the loss stopped being finite (the network is then the last finite epoch's). */
  diverged: string | null;
  featureNames: string[] | null;
  classNames: string[] | null;
}

export const notTwoFeatures = (name: string, features: number): InputError =>
  localizedError(InputError, "boundaryTwoFeatures", name, features);

/** The settings with their defaults, checked (before any data is loaded). */
export function decisionBoundarySettings(s: DecisionBoundarySettings) {
  const hidden = s.hidden ?? [16, 16];
  if (hidden.length > 0) checkPositiveList("hiddenSizes", hidden, true, false);
  const epochs = s.epochs ?? 300;
  checkPositiveInteger("epochs", epochs);
  const resolution = s.resolution ?? 120;
  checkPositiveInteger("gridResolution", resolution, 2);
  const optimizer = s.optimizer ?? "adam";
  if (!(OPTIMIZERS as readonly string[]).includes(optimizer)) {
    throw localizedError(InputError, "unknownOptimizer", optimizer, OPTIMIZERS.join(", "));
  }
  const activation = s.activation ?? "tanh";
  return {
    seed: s.seed ?? 1,
    hidden,
    epochs,
    resolution,
    optimizer,
    activation,
    batchSize: s.batchSize ?? 16,
  };
}

/** Trains a network on `train` (two features, one label per row) and evaluates it over the plane. */
export async function measureDecisionBoundary(
  train: Dataset,
  settings: DecisionBoundarySettings,
): Promise<DecisionBoundaryData> {
  const { seed, hidden, epochs, resolution, optimizer, activation, batchSize } =
    decisionBoundarySettings(settings);
  if (train.x.shape[1] !== 2) throw notTwoFeatures(train.name, train.x.shape[1]);
  const labels = train.labels;
  if (train.task !== "classification" || !labels) {
    throw localizedError(InputError, "boundaryNotClassification", train.name);
  }
  const head = defaultHead(train);
  const output = settings.output ?? head.output;
  const loss = settings.loss ?? head.loss;
  const sizes = [2, ...hidden, train.y.shape[1]];
  const model = Sequential.fromSizes({ sizes, activation, output, rng: new Random(seed) });
  settings.log?.(
    (settings.messages ?? en).experimentReport.decisionBoundary.log(sizes.join("-"), train.name),
  );
  const outcome = await fitKeepingHistory(model, train.x, train.y, {
    loss,
    optimizer: makeOptimizer(optimizer, { lr: settings.lr }),
    epochs,
    batchSize,
    rng: new Random(seed + 1),
  });
  const final = evaluate(model, train.x, train.y, { loss });
  const xy = train.x.data;
  const points = Array.from(labels, (label, r) => ({ x: xy[2 * r], y: xy[2 * r + 1], label }));
  return {
    dataset: train.name,
    sizes,
    activation,
    output,
    loss,
    loss_history: outcome.history.map((h) => h.loss),
    accuracy_history: outcome.history.map((h) => h.accuracy ?? Number.NaN),
    finalLoss: final.loss,
    finalAccuracy: final.accuracy ?? null,
    grid: evaluateGrid(model, points, resolution),
    points,
    optimizer,
    epochs,
    diverged: outcome.diverged?.message ?? null,
    featureNames: train.featureNames ?? null,
    classNames: train.classNames,
  };
}

/** The model's output (one output) or predicted class (several) on a grid covering the points with a 10% margin. */
function evaluateGrid(
  model: Sequential,
  points: Array<{ x: number; y: number }>,
  resolution: number,
): DecisionGrid {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const around = (v: number[]) => {
    const lo = v.reduce((a, b) => Math.min(a, b));
    const hi = v.reduce((a, b) => Math.max(a, b));
    const m = 0.1 * (hi - lo || 1);
    return linspace(lo - m, hi + m, resolution);
  };
  const gx = around(xs);
  const gy = around(ys);
  const cells = new Float32Array(resolution * resolution * 2);
  for (let j = 0; j < resolution; j++) {
    for (let i = 0; i < resolution; i++) {
      cells[2 * (j * resolution + i)] = gx[i];
      cells[2 * (j * resolution + i) + 1] = gy[j];
    }
  }
  const out = predict(model, new NDArray(cells, [resolution * resolution, 2]));
  const k = model.outputSize;
  const values: number[] = [];
  for (let c = 0; c < resolution * resolution; c++) {
    if (k === 1) values.push(out.data[c]);
    else {
      let best = 0;
      for (let o = 1; o < k; o++) if (out.data[c * k + o] > out.data[c * k + best]) best = o;
      values.push(best);
    }
  }
  return { xs: gx, ys: gy, values, classes: k === 1 ? null : k };
}

/** One row per grid point. */
export function decisionBoundaryTable(data: DecisionBoundaryData): Table {
  const { xs, ys, values, classes } = data.grid;
  const rows: Table["rows"] = [];
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++) rows.push([xs[i], ys[j], values[j * xs.length + i]]);
  }
  return { columns: ["x1", "x2", classes === null ? "output" : "class"], rows };
}

/** ", training accuracy 97.0%" (empty when there is none): the summary's and the figure's. */
export function accuracyText(data: DecisionBoundaryData, M: Messages = en): string {
  const { accuracy } = M.experimentReport.decisionBoundary;
  return data.finalAccuracy === null ? "" : accuracy((100 * data.finalAccuracy).toFixed(1));
}

export function summariseDecisionBoundary(data: DecisionBoundaryData, M: Messages = en): string {
  const W = M.experimentReport.decisionBoundary;
  return (
    W.summary(
      data.sizes.join("-"),
      data.activation,
      data.dataset,
      data.points.length,
      data.epochs,
      fmt(data.finalLoss),
    ) +
    accuracyText(data, M) +
    (data.diverged ? `\n${data.diverged}` : "")
  );
}

/**
 * hidden-units, measured: note 002's "what does the hidden layer see?". The input weights of each hidden unit
 * of an image network (one row of W⁽¹⁾, e.g. 784 values) are taken as an image. A model can be given;
 * otherwise a quick one is trained.
 */
import type { DatasetSplits } from "../../data/types.js";
import type { Activation } from "../../nn/activations.js";
import { Sequential } from "../../nn/sequential.js";
import { makeOptimizer } from "../../optim/optimizers.js";
import { Random } from "../../tensor/random.js";
import { evaluate } from "../../train/fit.js";
import { InputError } from "../../util/errors.js";
import { localizedError, type Messages } from "../../util/i18n.js";
import { en } from "../../util/messages/en.js";
import { checkPositiveInteger, fmt, type MeasureOptions, type Table } from "./shared.js";
import { defaultHead, fitKeepingHistory } from "./training.js";

export interface HiddenUnitsSettings extends MeasureOptions {
  /** A trained model whose first layer takes the images (e.g. 784 inputs); else one is trained. */
  model?: Sequential;
  /** Hidden units of the quick model (default 30). */
  hidden?: number;
  activation?: Activation;
  /** Epochs (default 3), η (default 0.5) and batch size (default 10) of the quick model. */
  epochs?: number;
  lr?: number;
  batchSize?: number;
  /** Show at most this many units (default 100). */
  maxUnits?: number;
}

export interface HiddenUnitsData {
  dataset: string;
  imageShape: [number, number];
  sizes: number[];
  /** Whether the model was trained here (false: given). */
  trainedHere: boolean;
  testAccuracy: number | null;
  /** The first layer's weights, one row of inputs per hidden unit (units shown only). */
  weights: number[][];
  /** The same rows before training (null for a given model). */
  initialWeights: number[][] | null;
  /** Each shown unit's bias. */
  biases: number[];
  /** Training images of the quick model (null for a given one), and the first layer's units (shown or not). */
  trainRows: number | null;
  hiddenUnits: number;
}

/** Rows of the first layer's weights, units 0..count−1, each as a plain array. */
function firstLayerRows(model: Sequential, count: number): number[][] {
  const W = model.layers[0].weight.data;
  const n = model.inputSize;
  return Array.from({ length: count }, (_, u) => Array.from(W.subarray(u * n, (u + 1) * n)));
}

/** The given model, checked against the images, or a quick one trained on them (with its initial weights). */
async function modelFor(
  splits: DatasetSplits,
  pixels: number,
  settings: HiddenUnitsSettings,
  maxUnits: number,
) {
  const train = splits.train;
  const given = settings.model;
  if (given) {
    if (given.inputSize !== pixels) {
      const [h, w] = train.imageShape!;
      throw localizedError(InputError, "unitsInputs", given.inputSize, train.name, h, w);
    }
    if (given.layers.length < 2) throw localizedError(InputError, "unitsNoHidden");
    return { model: given, initialWeights: null };
  }
  const hidden = settings.hidden ?? 30;
  checkPositiveInteger("hiddenUnits", hidden);
  const epochs = settings.epochs ?? 3;
  checkPositiveInteger("epochs", epochs);
  const seed = settings.seed ?? 1;
  const head = defaultHead(train);
  const activation = settings.activation ?? "sigmoid";
  const sizes = [pixels, hidden, train.y.shape[1]];
  const model = Sequential.fromSizes({ sizes, activation, output: head.output, rng: new Random(seed) });
  const initialWeights = firstLayerRows(model, Math.min(hidden, maxUnits));
  settings.log?.(
    (settings.messages ?? en).experimentReport.hiddenUnits.log(model.sizes.join("-"), train.x.shape[0]),
  );
  await fitKeepingHistory(model, train.x, train.y, {
    loss: head.loss,
    optimizer: makeOptimizer("sgd", { lr: settings.lr ?? 0.5 }),
    epochs,
    batchSize: settings.batchSize ?? 10,
    rng: new Random(seed + 1),
  });
  return { model, initialWeights };
}

/** maxUnits with its default, checked (before any data is loaded). */
export function hiddenUnitsMaxUnits(s: HiddenUnitsSettings): number {
  const maxUnits = s.maxUnits ?? 100;
  checkPositiveInteger("maxUnits", maxUnits);
  return maxUnits;
}

/** The first-layer weights of the given or a quickly trained model, and its test accuracy. */
export async function measureHiddenUnits(
  splits: DatasetSplits,
  settings: HiddenUnitsSettings,
): Promise<HiddenUnitsData> {
  const maxUnits = hiddenUnitsMaxUnits(settings);
  const train = splits.train;
  const shape = train.imageShape;
  if (!shape) {
    throw localizedError(InputError, "unitsNotImages", train.name);
  }
  const { model, initialWeights } = await modelFor(splits, shape[0] * shape[1], settings, maxUnits);
  const first = model.layers[0];
  const units = Math.min(first.units, maxUnits);
  let testAccuracy: number | null = null;
  if (splits.test && model.outputSize === splits.test.y.shape[1]) {
    const loss = model.outputActivation === "softmax" ? "cce" : "mse";
    testAccuracy = evaluate(model, splits.test.x, splits.test.y, { loss }).accuracy ?? null;
  }
  return {
    dataset: train.name,
    imageShape: shape,
    sizes: model.sizes,
    trainedHere: !settings.model,
    testAccuracy,
    weights: firstLayerRows(model, units),
    initialWeights,
    biases: Array.from(first.bias.data.subarray(0, units)),
    trainRows: settings.model ? null : train.x.shape[0],
    hiddenUnits: first.units,
  };
}

/** One row per shown unit and pixel: the weight now and before training. */
export function hiddenUnitsTable(data: HiddenUnitsData): Table {
  const cols = data.imageShape[1];
  const rows: number[][] = [];
  data.weights.forEach((w, u) => {
    w.forEach((v, p) => {
      const v0 = data.initialWeights ? data.initialWeights[u][p] : Number.NaN;
      rows.push([u + 1, Math.floor(p / cols), p % cols, v, v0]);
    });
  });
  return { columns: ["unit", "row", "col", "weight", "initial_weight"], rows };
}

/** ", test accuracy 93.0%" (empty when there is none): the summary's and the figure's. */
export function testAccuracyText(data: HiddenUnitsData, M: Messages = en): string {
  const { accuracy } = M.experimentReport.hiddenUnits;
  return data.testAccuracy === null ? "" : accuracy((100 * data.testAccuracy).toFixed(1));
}

export function summariseHiddenUnits(data: HiddenUnitsData, M: Messages = en): string {
  const W = M.experimentReport.hiddenUnits;
  const [h, w] = data.imageShape;
  const maxAbs = data.weights.map((row) => row.reduce((m, v) => Math.max(m, Math.abs(v)), 0));
  return (
    W.summary(data.weights.length, data.hiddenUnits, data.sizes.join("-"), h, w) +
    testAccuracyText(data, M) +
    W.largest(fmt(Math.min(...maxAbs), 3), fmt(Math.max(...maxAbs), 3))
  );
}

/**
 * hidden-units: note 002's "what does the hidden layer see?". The input weights of each hidden unit of an
 * MNIST network (one row of W⁽¹⁾, 784 values) are drawn as a 28×28 image: red where ink excites the unit,
 * blue where it inhibits it. A model can be given; otherwise a quick one is trained.
 */
import { loadDataset } from "../data/load.js";
import type { Activation } from "../nn/activations.js";
import { Sequential } from "../nn/sequential.js";
import { makeOptimizer } from "../optim/optimizers.js";
import { Random } from "../tensor/random.js";
import { evaluate } from "../train/fit.js";
import { InputError } from "../util/errors.js";
import { imageGridChart } from "../viz/charts/image-grid.js";
import {
  type CommonOptions,
  checkPositiveInteger,
  type ExperimentResult,
  elapsedSince,
  fmt,
  saveFigure,
  writeRawNumbers,
} from "./common.js";
import { defaultHead, fitKeepingHistory } from "./training.js";

export interface HiddenUnitsOptions extends CommonOptions {
  /** A trained model whose first layer takes the images (e.g. 784 inputs); else one is trained. */
  model?: Sequential;
  /** Dataset (default "mnist"): trains the quick model and gives the image shape and test accuracy. */
  data?: string;
  dataDir?: string;
  /** Training images for the quick model (default 10,000). */
  samples?: number;
  /** Hidden units of the quick model (default 30). */
  hidden?: number;
  activation?: Activation;
  /** Epochs (default 3), η (default 0.5) and batch size (default 10) of the quick model. */
  epochs?: number;
  lr?: number;
  batchSize?: number;
  /** Show at most this many units (default 100). */
  maxUnits?: number;
  /** Tiles per row (default: about √units). */
  columns?: number;
  /** "tile" (default): each unit's image scaled to its own largest |w|; "shared": one scale for all. */
  normalize?: "tile" | "shared";
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
}

export async function runHiddenUnits(
  options: HiddenUnitsOptions,
): Promise<ExperimentResult<HiddenUnitsData>> {
  const started = performance.now();
  const name = "hidden-units";
  const seed = options.seed ?? 1;
  const dataset = options.data ?? "mnist";
  const maxUnits = options.maxUnits ?? 100;
  checkPositiveInteger("maximum number of units", maxUnits);
  const given = options.model;
  const splits = await loadDataset(dataset, {
    dataDir: options.dataDir,
    seed,
    samples: given ? 1 : (options.samples ?? 10000),
  });
  const train = splits.train;
  const shape = train.imageShape;
  if (!shape)
    throw new InputError(
      `hidden-units needs an image dataset (mnist, fashion-mnist, digits); ${train.name} is not one`,
    );
  const pixels = shape[0] * shape[1];

  let model: Sequential;
  let initialWeights: number[][] | null = null;
  const head = defaultHead(train);
  if (given) {
    if (given.inputSize !== pixels) {
      throw new InputError(
        `the model takes ${given.inputSize} inputs but ${train.name} images have ${shape[0]}×${shape[1]} = ${pixels} pixels`,
      );
    }
    if (given.layers.length < 2) throw new InputError("the model has no hidden layer (only one layer)");
    model = given;
  } else {
    const hidden = options.hidden ?? 30;
    checkPositiveInteger("hidden units", hidden);
    const epochs = options.epochs ?? 3;
    checkPositiveInteger("epochs", epochs);
    model = Sequential.fromSizes({
      sizes: [pixels, hidden, train.y.shape[1]],
      activation: options.activation ?? "sigmoid",
      output: head.output,
      rng: new Random(seed),
    });
    const W0 = model.layers[0].weight.data;
    initialWeights = Array.from({ length: Math.min(hidden, maxUnits) }, (_, u) =>
      Array.from(W0.subarray(u * pixels, (u + 1) * pixels)),
    );
    options.log?.(`hidden-units: training ${model.sizes.join("-")} on ${train.x.shape[0]} images`);
    await fitKeepingHistory(model, train.x, train.y, {
      loss: head.loss,
      optimizer: makeOptimizer("sgd", { lr: options.lr ?? 0.5 }),
      epochs,
      batchSize: options.batchSize ?? 10,
      rng: new Random(seed + 1),
    });
  }
  const first = model.layers[0];
  const units = Math.min(first.units, maxUnits);
  const weights = Array.from({ length: units }, (_, u) =>
    Array.from(first.weight.data.subarray(u * pixels, (u + 1) * pixels)),
  );
  const biases = Array.from(first.bias.data.subarray(0, units));
  let testAccuracy: number | null = null;
  if (splits.test && model.outputSize === splits.test.y.shape[1]) {
    const lossName = model.outputActivation === "softmax" ? "cce" : "mse";
    testAccuracy = evaluate(model, splits.test.x, splits.test.y, { loss: lossName }).accuracy ?? null;
  }
  const data: HiddenUnitsData = {
    dataset: train.name,
    imageShape: shape,
    sizes: model.sizes,
    trainedHere: !given,
    testAccuracy,
    weights,
    initialWeights,
    biases,
  };
  const normalize = options.normalize ?? "tile";
  const accText = testAccuracy === null ? "" : `, test accuracy ${(100 * testAccuracy).toFixed(1)}%`;
  const svg = await imageGridChart({
    title: `Input weights of each hidden unit (${model.sizes.join("-")} on ${train.name})`,
    subtitle: `${given ? "given model" : `trained here on ${train.x.shape[0]} images`}${accText}; red: ink there excites the unit, blue: inhibits it`,
    images: weights,
    width: shape[1],
    height: shape[0],
    columns: options.columns,
    symmetric: true,
    normalize,
    labels: weights.map((_, u) => `unit ${u + 1}`),
    valueLabel: "weight",
    tileSize: Math.max(56, 2 * shape[1]),
  });
  const figures = [saveFigure(options.out, name, svg, options.pngScale)];
  const rows: number[][] = [];
  weights.forEach((w, u) => {
    for (let p = 0; p < pixels; p++) {
      rows.push([
        u + 1,
        Math.floor(p / shape[1]),
        p % shape[1],
        w[p],
        initialWeights ? initialWeights[u][p] : Number.NaN,
      ]);
    }
  });
  const files = writeRawNumbers(
    options.out,
    name,
    {
      data: dataset,
      samples: given ? null : train.x.shape[0],
      seed,
      model: given ? "given" : "trained",
      hidden: model.layers[0].units,
      maxUnits,
      normalize,
    },
    data,
    { columns: ["unit", "row", "col", "weight", "initial_weight"], rows },
  );
  const maxAbs = weights.map((w) => w.reduce((m, v) => Math.max(m, Math.abs(v)), 0));
  const summary =
    `hidden-units: ${units} of ${first.units} hidden units of ${model.sizes.join("-")} drawn as ${shape[0]}×${shape[1]} images` +
    `${accText}; largest |w| per unit from ${fmt(Math.min(...maxAbs), 3)} to ${fmt(Math.max(...maxAbs), 3)}`;
  return { name, out: options.out, summary, figures, files, data, seconds: elapsedSince(started) };
}

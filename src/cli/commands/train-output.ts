import type { Dataset, DatasetSplits } from "../../data/index.js";
import { outputDisplayRange } from "../../nn/activations.js";
import type { LossName } from "../../nn/losses.js";
import { saveModel } from "../../nn/model-file.js";
import type { Sequential } from "../../nn/sequential.js";
import { NDArray } from "../../tensor/ndarray.js";
import type { EpochLogs } from "../../train/callbacks.js";
import { predict } from "../../train/index.js";
import { decisionBoundaryChart, lineChart, writeFigure } from "../../viz/index.js";
import { t } from "../lang.js";

export interface SaveOptions {
  binary?: boolean;
  dataset: Dataset;
  splits: DatasetSplits;
  loss: LossName;
  seed: number;
}

/**
 * Saves the model with what `predict` and `evaluate` need to use it again: the feature scaling fitted on the
 * training split, class names and image shape (kept under "training", which the loader preserves).
 */
export function saveTrainedModel(model: Sequential, path: string, options: SaveOptions): void {
  const { dataset, splits } = options;
  saveModel(model, path, {
    binary: options.binary,
    description: `trained on ${dataset.name} by retroprop train`,
    training: {
      dataset: dataset.name,
      loss: options.loss,
      seed: options.seed,
      ...(splits.normalization ? { normalization: splits.normalization } : {}),
      ...(dataset.classNames ? { classNames: dataset.classNames } : {}),
      ...(dataset.imageShape ? { imageShape: dataset.imageShape } : {}),
      ...(dataset.featureNames ? { featureNames: dataset.featureNames } : {}),
    },
  });
}

/** Loss (and accuracy) curves per epoch, and for 2-D classification data the decision boundary. */
export async function writeTrainingPlots(
  dir: string,
  model: Sequential,
  history: EpochLogs[],
  splits: DatasetSplits,
): Promise<string[]> {
  const M = t().plots;
  const written: string[] = [];
  const epochs = history.map((h) => h.epoch);
  const name = splits.train.name;
  const lossSeries = [{ name: M.trainingLoss, x: epochs, y: history.map((h) => h.loss) }];
  if (history.some((h) => h.val_loss !== undefined)) {
    lossSeries.push({ name: M.validationLoss, x: epochs, y: history.map((h) => h.val_loss ?? Number.NaN) });
  }
  const positive = history.every((h) => h.loss > 0);
  const loss = await lineChart({
    title: M.lossTitle(name, model.sizes.join("-")),
    xLabel: M.epoch,
    yLabel: positive ? M.lossLog : M.loss,
    series: lossSeries,
    logY: positive,
  });
  written.push(writeFigure(dir, "loss", loss).png);

  if (history.some((h) => h.accuracy !== undefined)) {
    const accSeries = [
      { name: M.trainingAccuracy, x: epochs, y: history.map((h) => h.accuracy ?? Number.NaN) },
    ];
    if (history.some((h) => h.val_accuracy !== undefined)) {
      accSeries.push({
        name: M.validationAccuracy,
        x: epochs,
        y: history.map((h) => h.val_accuracy ?? Number.NaN),
      });
    }
    const acc = await lineChart({
      title: M.accuracyTitle(name),
      xLabel: M.epoch,
      yLabel: M.accuracy,
      series: accSeries,
      yDomain: [0, 1],
    });
    written.push(writeFigure(dir, "accuracy", acc).png);
  }

  const train = splits.train;
  if (train.x.shape[1] === 2 && train.task === "classification" && train.labels) {
    written.push(await writeDecisionBoundary(dir, model, train));
  }
  return written;
}

async function writeDecisionBoundary(dir: string, model: Sequential, data: Dataset): Promise<string> {
  const n = data.x.shape[0];
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const x = data.x.data[2 * i];
    const y = data.x.data[2 * i + 1];
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  const padX = 0.1 * (x1 - x0 || 1);
  const padY = 0.1 * (y1 - y0 || 1);
  const steps = 100;
  const xs = Array.from({ length: steps }, (_, i) => x0 - padX + ((x1 - x0 + 2 * padX) * i) / (steps - 1));
  const ys = Array.from({ length: steps }, (_, j) => y0 - padY + ((y1 - y0 + 2 * padY) * j) / (steps - 1));
  const grid = NDArray.zeros([steps * steps, 2], model.dtype);
  for (let j = 0; j < steps; j++) {
    for (let i = 0; i < steps; i++) {
      grid.data[2 * (j * steps + i)] = xs[i];
      grid.data[2 * (j * steps + i) + 1] = ys[j];
    }
  }
  const out = predict(model, grid);
  const k = model.outputSize;
  const values =
    k === 1
      ? Array.from(out.data)
      : Array.from({ length: steps * steps }, (_, r) => {
          let best = 0;
          for (let c = 1; c < k; c++) if (out.data[r * k + c] > out.data[r * k + best]) best = c;
          return best;
        });
  const svg = await decisionBoundaryChart({
    title: t().plots.boundaryTitle(data.name, model.sizes.join("-")),
    xLabel: data.featureNames?.[0] ?? "x₁",
    yLabel: data.featureNames?.[1] ?? "x₂",
    grid: { xs, ys, values, ...(k === 1 ? {} : { classes: k }) },
    valueDomain: outputDisplayRange(model.outputActivation),
    points: Array.from({ length: n }, (_, i) => ({
      x: data.x.data[2 * i],
      y: data.x.data[2 * i + 1],
      label: data.labels![i],
    })),
    fieldLabel: k === 1 ? t().plots.networkOutput : t().plots.predictedClass,
    pointLabel: t().plots.trainingPoints,
    classNames: data.classNames ?? Array.from({ length: k === 1 ? 2 : k }, (_, c) => t().plots.className(c)),
  });
  return writeFigure(dir, "decision-boundary", svg).png;
}

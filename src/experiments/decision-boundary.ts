/**
 * decision-boundary: a 2-D dataset coloured by the trained network's output, with the training points on top,
 * and the training loss. The measurement is measure/decision-boundary.ts; this loads the data, draws and writes.
 */
import { FILE_DATASET_FEATURES, isFileDatasetName } from "../data/files.js";
import { loadDataset } from "../data/load.js";
import { outputDisplayRange } from "../nn/activations.js";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { decisionBoundaryChart } from "../viz/charts/decision.js";
import { lineChart } from "../viz/charts/line.js";
import { type CommonOptions, type ExperimentResult, type Figure, saveExperiment } from "./common.js";
import {
  accuracyText,
  type DecisionBoundaryData,
  type DecisionBoundarySettings,
  decisionBoundarySettings,
  decisionBoundaryTable,
  measureDecisionBoundary,
  notTwoFeatures,
  summariseDecisionBoundary,
} from "./measure/decision-boundary.js";

export interface DecisionBoundaryOptions extends CommonOptions, DecisionBoundarySettings {
  /** A dataset with two input features (default "moons"). */
  data?: string;
  dataDir?: string;
  samples?: number;
  noise?: number;
}

/** The field over the plane with the training points, and the training loss per epoch. */
export async function drawDecisionBoundary(data: DecisionBoundaryData, M: Messages = en): Promise<Figure[]> {
  const P = M.plots;
  const { grid, sizes, dataset } = data;
  // Classes without names of their own are "class c" in the reader's language.
  const classes = Math.max(grid.classes ?? 0, ...data.points.map((p) => p.label + 1));
  const field = await decisionBoundaryChart({
    title: P.decisionBoundary.title(sizes.join("-"), data.activation, dataset),
    subtitle: P.decisionBoundary.subtitle(data.optimizer, data.epochs, accuracyText(data, M)),
    grid: { xs: grid.xs, ys: grid.ys, values: grid.values, classes: grid.classes ?? undefined },
    points: data.points,
    xLabel: data.featureNames?.[0] ?? "x₁",
    yLabel: data.featureNames?.[1] ?? "x₂",
    fieldLabel: grid.classes === null ? P.decisionBoundary.networkOutput(data.output) : P.predictedClass,
    pointLabel: P.trainingPoints,
    classNames: data.classNames ?? Array.from({ length: classes }, (_, c) => P.className(c)),
    valueDomain: [...outputDisplayRange(data.output)],
  });
  const loss = await lineChart({
    title: P.decisionBoundary.lossTitle(sizes.join("-"), dataset),
    xLabel: P.epoch,
    yLabel: P.trainingLossLog(data.loss),
    logY: true,
    series: [{ name: P.trainingLoss, x: data.loss_history.map((_, i) => i + 1), y: data.loss_history }],
  });
  return [
    { name: "decision-boundary", svg: field },
    { name: "decision-boundary-loss", svg: loss },
  ];
}

export async function runDecisionBoundary(
  options: DecisionBoundaryOptions,
): Promise<ExperimentResult<DecisionBoundaryData>> {
  const started = performance.now();
  const settings = decisionBoundarySettings(options);
  const dataset = options.data ?? "moons";
  const known = dataset.trim().toLowerCase();
  // Refuse a file dataset of the wrong width before its files are read or downloaded.
  if (isFileDatasetName(known) && FILE_DATASET_FEATURES[known] !== 2) {
    throw notTwoFeatures(known, FILE_DATASET_FEATURES[known]);
  }
  const { seed, hidden, epochs, resolution, optimizer, activation, batchSize } = settings;
  const { dataDir, samples, noise } = options;
  const splits = await loadDataset(dataset, { dataDir, seed, samples, noise });
  const data = await measureDecisionBoundary(splits.train, options);
  const { output, loss } = data;
  return saveExperiment("decision-boundary", options, started, {
    settings: {
      data: dataset,
      samples: data.points.length,
      noise: noise ?? null,
      seed,
      hidden,
      activation,
      output,
      loss,
      optimizer,
      lr: options.lr ?? null,
      epochs,
      batchSize,
      resolution,
    },
    data,
    table: decisionBoundaryTable(data),
    figures: await drawDecisionBoundary(data, options.messages),
    summary: summariseDecisionBoundary(data, options.messages),
  });
}

/**
 * hidden-size: training and test accuracy against the number of hidden units (note 002). The measurement is
 * measure/hidden-size.ts; this loads the data, draws the curve and writes the files.
 */
import { isBuiltinName } from "../data/builtin.js";
import { loadDataset } from "../data/load.js";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { scatterLineChart } from "../viz/charts/line.js";
import { type CommonOptions, type ExperimentResult, type Figure, saveExperiment } from "./common.js";
import {
  type HiddenSizeData,
  type HiddenSizeSettings,
  hiddenSizeSettings,
  hiddenSizeTable,
  measureHiddenSize,
  summariseHiddenSize,
} from "./measure/hidden-size.js";

export interface HiddenSizeOptions extends CommonOptions, HiddenSizeSettings {
  /** Dataset (default "mnist"). */
  data?: string;
  dataDir?: string;
  /** Training rows to use (default 10,000 for MNIST-like files; the built-ins' default otherwise). */
  samples?: number;
}

/** Mean training and test accuracy against the number of hidden units (log scale). */
export async function drawHiddenSize(data: HiddenSizeData, M: Messages = en): Promise<Figure[]> {
  const P = M.plots;
  const x = data.rows.map((r) => r.hidden);
  const svg = await scatterLineChart({
    title: P.hiddenSize.title,
    subtitle: P.hiddenSize.subtitle(
      data.dataset,
      data.trainRows,
      data.epochs,
      data.activation,
      data.lr,
      data.repeats,
    ),
    xLabel: P.hiddenSize.xLabel,
    yLabel: P.accuracy,
    logX: true,
    yDomain: [0, 1],
    series: [
      { name: P.hiddenSize.training, x, y: data.rows.map((r) => r.meanTrainAccuracy) },
      {
        name: P.hiddenSize.test(data.hasTestSplit),
        x,
        y: data.rows.map((r) => r.meanTestAccuracy),
      },
    ],
  });
  return [{ name: "hidden-size", svg }];
}

export async function runHiddenSize(options: HiddenSizeOptions): Promise<ExperimentResult<HiddenSizeData>> {
  const started = performance.now();
  const settings = hiddenSizeSettings(options);
  const dataset = options.data ?? "mnist";
  const isImages = /^(fashion-)?mnist$/i.test(dataset);
  const { seed, hidden, epochs, lr, batchSize, activation, repeats } = settings;
  const splits = await loadDataset(dataset, {
    dataDir: options.dataDir,
    seed,
    samples: options.samples ?? (isImages ? 10000 : undefined),
    // Built-in sets are all training data by default: hold out a quarter to measure generalisation.
    testFraction: isBuiltinName(dataset.toLowerCase()) ? 0.25 : undefined,
  });
  const data = await measureHiddenSize(splits, options);
  const { output, loss } = data;
  return saveExperiment("hidden-size", options, started, {
    settings: {
      data: dataset,
      samples: options.samples ?? null,
      seed,
      hidden,
      epochs,
      lr,
      batchSize,
      activation,
      output,
      loss,
      repeats,
    },
    data,
    table: hiddenSizeTable(data),
    figures: await drawHiddenSize(data, options.messages),
    summary: summariseHiddenSize(data, options.messages),
  });
}

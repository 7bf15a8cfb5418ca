/**
 * lr-sweep: loss (and accuracy) curves of one network for several learning rates η (note 004). The
 * measurement is measure/lr-sweep.ts; this draws it and writes the files.
 */
import { loadDataset } from "../data/load.js";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { lineChart } from "../viz/charts/line.js";
import { type CommonOptions, type ExperimentResult, type Figure, saveExperiment } from "./common.js";
import {
  type LrRun,
  type LrSweepData,
  type LrSweepSettings,
  lrSweepSettings,
  lrSweepTable,
  measureLrSweep,
  summariseLrSweep,
} from "./measure/lr-sweep.js";

export interface LrSweepOptions extends CommonOptions, LrSweepSettings {
  /** Dataset name as loadDataset takes it (default "moons"). */
  data?: string;
  dataDir?: string;
  /** Rows generated (built-ins) or taken from the training file (MNIST). */
  samples?: number;
}

/** The loss curves (log scale) and, for classifiers, the accuracy curves, one line per η (in M's language). */
export async function drawLrSweep(data: LrSweepData, M: Messages = en): Promise<Figure[]> {
  const P = M.plots;
  const label = (r: LrRun) => P.lrSweep.series(r.lr, r.divergedAtEpoch !== null, r.unstable);
  const { dataset, sizes, activation, loss, batchSize } = data;
  const subtitle = P.lrSweep.subtitle(dataset, sizes.join("-"), activation, loss, String(batchSize));
  const figures: Figure[] = [];
  figures.push({
    name: "lr-sweep-loss",
    svg: await lineChart({
      title: P.lrSweep.lossTitle,
      subtitle,
      xLabel: P.epoch,
      yLabel: P.trainingLossLog(data.loss),
      logY: true,
      legendTitle: P.learningRate,
      // Epoch 0 is the shared starting loss, so every curve starts at the same point.
      series: data.runs.map((r) => ({
        name: label(r),
        x: [0, ...r.loss.map((_, i) => i + 1)],
        y: [r.initialLoss, ...r.loss],
      })),
    }),
  });
  if (data.runs.some((r) => r.accuracy.some(Number.isFinite))) {
    figures.push({
      name: "lr-sweep-accuracy",
      svg: await lineChart({
        title: P.lrSweep.accuracyTitle,
        subtitle,
        xLabel: P.epoch,
        yLabel: P.trainingAccuracy,
        legendTitle: P.learningRate,
        yDomain: [0, 1],
        series: data.runs.map((r) => ({ name: label(r), x: r.accuracy.map((_, i) => i + 1), y: r.accuracy })),
      }),
    });
  }
  return figures;
}

export async function runLrSweep(options: LrSweepOptions): Promise<ExperimentResult<LrSweepData>> {
  const started = performance.now();
  const settings = lrSweepSettings(options);
  const dataset = options.data ?? "moons";
  const { seed } = settings;
  const splits = await loadDataset(dataset, { dataDir: options.dataDir, seed, samples: options.samples });
  const data = await measureLrSweep(splits.train, options);
  const { lrs, epochs, hidden, activation, batchSize } = settings;
  const { output, loss } = data;
  return saveExperiment("lr-sweep", options, started, {
    settings: {
      data: dataset,
      samples: options.samples ?? null,
      seed,
      lrs,
      epochs,
      hidden,
      activation,
      output,
      loss,
      batchSize,
    },
    data,
    table: lrSweepTable(data),
    figures: await drawLrSweep(data, options.messages),
    summary: summariseLrSweep(data, options.messages),
  });
}

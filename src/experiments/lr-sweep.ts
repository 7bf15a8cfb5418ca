/**
 * lr-sweep: the same network trained from the same initial weights with several learning rates η (note 004's
 * "sensibilidad a la tasa de aprendizaje α"): too small crawls, a good one drops fast, too large oscillates or
 * diverges. Writes the loss (and accuracy) curves per η.
 */
import { loadDataset } from "../data/load.js";
import type { Activation } from "../nn/activations.js";
import type { LossName } from "../nn/losses.js";
import { Sequential } from "../nn/sequential.js";
import { makeOptimizer } from "../optim/optimizers.js";
import { Random } from "../tensor/random.js";
import { evaluate } from "../train/fit.js";
import { lineChart } from "../viz/charts/line.js";
import {
  type CommonOptions,
  checkPositiveInteger,
  checkPositiveList,
  type ExperimentResult,
  elapsedSince,
  type FigureFiles,
  fmt,
  saveFigure,
  writeRawNumbers,
} from "./common.js";
import { defaultHead, fitKeepingHistory } from "./training.js";

export interface LrSweepOptions extends CommonOptions {
  /** Dataset name as loadDataset takes it (default "moons"). */
  data?: string;
  dataDir?: string;
  /** Rows generated (built-ins) or taken from the training file (MNIST). */
  samples?: number;
  /** Learning rates to compare (default 0.01, 0.1, 1, 10, 100). */
  lrs?: number[];
  /** Epochs per run (default 50). */
  epochs?: number;
  /** Hidden layer sizes (default [16]). */
  hidden?: number[];
  /** Hidden activation (default sigmoid). */
  activation?: Activation;
  /** Output activation and loss (default: softmax+cce, sigmoid+bce or linear+mse from the dataset). */
  output?: Activation;
  loss?: LossName;
  /** Mini-batch size or "full" (default 16). */
  batchSize?: number | "full";
}

export interface LrRun {
  lr: number;
  /** Mean training loss of each epoch (as fit reports it). */
  loss: number[];
  accuracy: number[];
  /** Loss of the initial weights over the training set (epoch 0). */
  initialLoss: number;
  finalLoss: number;
  /** Lowest epoch loss reached. */
  bestLoss: number;
  /** 1-based epoch where the loss stopped being finite, if it did. */
  divergedAtEpoch: number | null;
  /** Finished, but the last epoch's loss is above the initial loss (oscillating / blowing up). */
  unstable: boolean;
}

export interface LrSweepData {
  dataset: string;
  sizes: number[];
  activation: Activation;
  output: Activation;
  loss: LossName;
  batchSize: number | "full";
  epochs: number;
  runs: LrRun[];
  /** η with the lowest final loss among the runs that did not diverge (null if all diverged). */
  bestLr: number | null;
}

export async function runLrSweep(options: LrSweepOptions): Promise<ExperimentResult<LrSweepData>> {
  const started = performance.now();
  const name = "lr-sweep";
  const seed = options.seed ?? 1;
  const lrs = options.lrs ?? [0.01, 0.1, 1, 10, 100];
  checkPositiveList("learning rates", lrs);
  const epochs = options.epochs ?? 50;
  checkPositiveInteger("epochs", epochs);
  const hidden = options.hidden ?? [16];
  if (hidden.length > 0) checkPositiveList("hidden sizes", hidden, true, false);
  const batchSize = options.batchSize ?? 16;
  const activation = options.activation ?? "sigmoid";
  const log = options.log ?? (() => {});

  const dataset = options.data ?? "moons";
  const splits = await loadDataset(dataset, { dataDir: options.dataDir, seed, samples: options.samples });
  const train = splits.train;
  const head = defaultHead(train);
  const output = options.output ?? head.output;
  const loss = options.loss ?? head.loss;
  const sizes = [train.x.shape[1], ...hidden, train.y.shape[1]];

  // One set of initial weights for every η, so the curves differ only by the learning rate.
  const initial = Sequential.fromSizes({ sizes, activation, output, rng: new Random(seed) });
  const initialLoss = evaluate(initial, train.x, train.y, { loss }).loss;
  const runs: LrRun[] = [];
  for (const lr of lrs) {
    const model = initial.clone();
    log(`lr-sweep: η=${lr}, ${sizes.join("-")}, ${epochs} epochs`);
    const outcome = await fitKeepingHistory(model, train.x, train.y, {
      loss,
      optimizer: makeOptimizer("sgd", { lr }),
      epochs,
      batchSize,
      rng: new Random(seed + 1),
    });
    const lossCurve = outcome.history.map((h) => h.loss);
    const finite = lossCurve.filter(Number.isFinite);
    const finalLoss = outcome.diverged ? Number.NaN : (lossCurve[lossCurve.length - 1] ?? Number.NaN);
    runs.push({
      lr,
      loss: lossCurve,
      accuracy: outcome.history.map((h) => h.accuracy ?? Number.NaN),
      initialLoss,
      finalLoss,
      bestLoss: finite.length ? Math.min(...finite) : Number.NaN,
      divergedAtEpoch: outcome.diverged ? outcome.diverged.epoch : null,
      unstable: !outcome.diverged && finalLoss > initialLoss,
    });
  }
  const ok = runs.filter((r) => r.divergedAtEpoch === null && Number.isFinite(r.finalLoss));
  const best = ok.length ? ok.reduce((a, b) => (b.finalLoss < a.finalLoss ? b : a)) : null;

  const data: LrSweepData = {
    dataset: train.name,
    sizes,
    activation,
    output,
    loss,
    batchSize,
    epochs,
    runs,
    bestLr: best ? best.lr : null,
  };

  const label = (r: LrRun) =>
    `η = ${r.lr}${r.divergedAtEpoch !== null ? " (diverged)" : r.unstable ? " (unstable)" : ""}`;
  // Epoch 0 is the shared starting loss, so every curve starts at the same point.
  const figures: FigureFiles[] = [];
  const subtitle = `${train.name}, ${sizes.join("-")} ${activation} network, ${loss}, SGD, batch ${batchSize}`;
  figures.push(
    saveFigure(
      options.out,
      `${name}-loss`,
      await lineChart({
        title: "Training loss for each learning rate η",
        subtitle,
        xLabel: "epoch",
        yLabel: `training loss (${loss}, log scale)`,
        logY: true,
        legendTitle: "learning rate",
        series: runs.map((r) => ({
          name: label(r),
          x: [0, ...r.loss.map((_, i) => i + 1)],
          y: [initialLoss, ...r.loss],
        })),
      }),
      options.pngScale,
    ),
  );
  if (runs.some((r) => r.accuracy.some(Number.isFinite))) {
    figures.push(
      saveFigure(
        options.out,
        `${name}-accuracy`,
        await lineChart({
          title: "Training accuracy for each learning rate η",
          subtitle,
          xLabel: "epoch",
          yLabel: "training accuracy",
          legendTitle: "learning rate",
          yDomain: [0, 1],
          series: runs.map((r) => ({ name: label(r), x: r.accuracy.map((_, i) => i + 1), y: r.accuracy })),
        }),
        options.pngScale,
      ),
    );
  }

  const rows: Array<Array<number | string | null>> = [];
  for (const r of runs) {
    rows.push([r.lr, 0, initialLoss, null]);
    r.loss.forEach((l, i) => {
      rows.push([r.lr, i + 1, l, Number.isFinite(r.accuracy[i]) ? r.accuracy[i] : null]);
    });
  }
  const files = writeRawNumbers(
    options.out,
    name,
    {
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
    { columns: ["lr", "epoch", "loss", "accuracy"], rows },
  );

  const lines = [
    `lr-sweep on ${train.name} (${sizes.join("-")}, ${epochs} epochs, initial loss ${fmt(initialLoss)}):`,
  ];
  for (const r of runs) {
    const what =
      r.divergedAtEpoch !== null
        ? `diverged in epoch ${r.divergedAtEpoch}`
        : `final loss ${fmt(r.finalLoss)} (best ${fmt(r.bestLoss)})${r.unstable ? ", above the initial loss: unstable" : ""}`;
    lines.push(`  η=${r.lr}: ${what}`);
  }
  lines.push(
    best ? `η=${best.lr} reached the lowest final loss ${fmt(best.finalLoss)}` : "every run diverged",
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

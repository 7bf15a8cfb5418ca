/**
 * lr-sweep, measured: the same network trained from the same initial weights with several learning rates η
 * (note 004's "sensibilidad a la tasa de aprendizaje α"): too small crawls, a good one drops fast, too large
 * oscillates or diverges.
 */
import type { Dataset } from "../../data/types.js";
import type { Activation } from "../../nn/activations.js";
import type { LossName } from "../../nn/losses.js";
import { Sequential } from "../../nn/sequential.js";
import { makeOptimizer } from "../../optim/optimizers.js";
import { Random } from "../../tensor/random.js";
import { evaluate } from "../../train/fit.js";
import type { Messages } from "../../util/i18n.js";
import { en } from "../../util/messages/en.js";
import { checkPositiveInteger, checkPositiveList, fmt, type MeasureOptions, type Table } from "./shared.js";
import { defaultHead, fitKeepingHistory } from "./training.js";

export interface LrSweepSettings extends MeasureOptions {
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

/** The settings with their defaults, checked (before any data is loaded). */
export function lrSweepSettings(s: LrSweepSettings) {
  const lrs = s.lrs ?? [0.01, 0.1, 1, 10, 100];
  checkPositiveList("learningRates", lrs);
  const epochs = s.epochs ?? 50;
  checkPositiveInteger("epochs", epochs);
  const hidden = s.hidden ?? [16];
  if (hidden.length > 0) checkPositiveList("hiddenSizes", hidden, true, false);
  const activation = s.activation ?? "sigmoid";
  return { seed: s.seed ?? 1, lrs, epochs, hidden, activation, batchSize: s.batchSize ?? 16 };
}

/** Trains one copy of the same initial network per η on `train` and returns every epoch's loss and accuracy. */
export async function measureLrSweep(train: Dataset, settings: LrSweepSettings): Promise<LrSweepData> {
  const { seed, lrs, epochs, hidden, activation, batchSize } = lrSweepSettings(settings);
  const head = defaultHead(train);
  const output = settings.output ?? head.output;
  const loss = settings.loss ?? head.loss;
  const sizes = [train.x.shape[1], ...hidden, train.y.shape[1]];
  // One set of initial weights for every η, so the curves differ only by the learning rate.
  const initial = Sequential.fromSizes({ sizes, activation, output, rng: new Random(seed) });
  const initialLoss = evaluate(initial, train.x, train.y, { loss }).loss;
  const runs: LrRun[] = [];
  for (const lr of lrs) {
    const model = initial.clone();
    settings.log?.((settings.messages ?? en).experimentReport.lrSweep.log(lr, sizes.join("-"), epochs));
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
  const best = bestRun(runs);
  const dataset = train.name;
  return { dataset, sizes, activation, output, loss, batchSize, epochs, runs, bestLr: best ? best.lr : null };
}

/** The run with the lowest final loss among those that did not diverge. */
function bestRun(runs: LrRun[]): LrRun | null {
  const ok = runs.filter((r) => r.divergedAtEpoch === null && Number.isFinite(r.finalLoss));
  return ok.length ? ok.reduce((a, b) => (b.finalLoss < a.finalLoss ? b : a)) : null;
}

/** One row per η and epoch, epoch 0 being the shared starting loss. */
export function lrSweepTable(data: LrSweepData): Table {
  const rows: Table["rows"] = [];
  for (const r of data.runs) {
    rows.push([r.lr, 0, r.initialLoss, null]);
    r.loss.forEach((l, i) => {
      rows.push([r.lr, i + 1, l, Number.isFinite(r.accuracy[i]) ? r.accuracy[i] : null]);
    });
  }
  return { columns: ["lr", "epoch", "loss", "accuracy"], rows };
}

export function summariseLrSweep(data: LrSweepData, M: Messages = en): string {
  const W = M.experimentReport.lrSweep;
  const initialLoss = data.runs[0].initialLoss;
  const lines = [W.title(data.dataset, data.sizes.join("-"), data.epochs, fmt(initialLoss))];
  for (const r of data.runs) {
    const what =
      r.divergedAtEpoch !== null
        ? W.diverged(r.divergedAtEpoch)
        : W.final(fmt(r.finalLoss), fmt(r.bestLoss), r.unstable);
    lines.push(`  η=${r.lr}: ${what}`);
  }
  const best = bestRun(data.runs);
  lines.push(best ? W.best(best.lr, fmt(best.finalLoss)) : W.allDiverged);
  return lines.join("\n");
}

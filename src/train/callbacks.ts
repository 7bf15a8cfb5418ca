import type { Sequential } from "../nn/sequential.js";
import type { FloatArray } from "../tensor/dtype.js";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";

/** What one epoch produced; valLoss/valAccuracy appear when there is validation data, accuracy when it applies. */
export interface EpochLogs {
  epoch: number;
  loss: number;
  accuracy?: number;
  /** Loss on the validation data. */
  valLoss?: number;
  /** Accuracy on the validation data. */
  valAccuracy?: number;
  /** @deprecated The same number as valLoss, kept for code written before 0.2 (CHANGELOG.md). */
  val_loss?: number;
  /** @deprecated The same number as valAccuracy, kept for code written before 0.2 (CHANGELOG.md). */
  val_accuracy?: number;
  /** Wall time of the epoch. */
  seconds: number;
  /** η used in this epoch. */
  lr: number;
}

export interface BatchLogs {
  epoch: number;
  batch: number;
  batches: number;
  /** Examples seen so far in this epoch, and the running mean loss/accuracy over them. */
  examples: number;
  totalExamples: number;
  loss: number;
  accuracy?: number;
}

export interface TrainContext {
  model: Sequential;
  epochs: number;
  /** Training examples per epoch (validation rows excluded). */
  examples: number;
  /** Set by a callback to end training after the current epoch. */
  stopTraining: boolean;
  stopReason?: string;
}

/** Hooks into fit(), as in Keras. */
export interface Callback {
  onTrainBegin?(ctx: TrainContext): void;
  onEpochBegin?(epoch: number, ctx: TrainContext): void;
  onBatchEnd?(logs: BatchLogs, ctx: TrainContext): void;
  onEpochEnd?(logs: EpochLogs, ctx: TrainContext): void;
  onTrainEnd?(history: EpochLogs[], ctx: TrainContext): void;
  /** What a checkpoint must keep of this callback for a resumed run to behave as if never stopped. */
  state?(): CallbackState;
  /** Puts back state() after onTrainBegin, when fit resumes from a checkpoint. */
  restoreState?(state: CallbackState, ctx: TrainContext): void;
}

/** A callback's state: plain numbers (JSON), and weights where it keeps some (early stopping's best). */
export interface CallbackState {
  values: Record<string, number | null>;
  weights?: FloatArray[];
}

/** What earlyStopping watches; "val_loss" and "val_accuracy" are the deprecated spellings of the camelCase keys. */
export type Monitor = "loss" | "valLoss" | "accuracy" | "valAccuracy" | "val_loss" | "val_accuracy";

const TRAINING_KEY: Record<Monitor, "loss" | "accuracy"> = {
  loss: "loss",
  valLoss: "loss",
  val_loss: "loss",
  accuracy: "accuracy",
  valAccuracy: "accuracy",
  val_accuracy: "accuracy",
};

// Without validation data a validation monitor falls back to the training value of the same kind.
function monitored(logs: EpochLogs, monitor: Monitor): number | undefined {
  return logs[monitor] ?? logs[TRAINING_KEY[monitor]];
}

function improves(monitor: Monitor, value: number, best: number, minDelta: number): boolean {
  return monitor.endsWith("loss") ? value < best - minDelta : value > best + minDelta;
}

export interface EarlyStoppingOptions {
  /** What to watch (default valLoss, falling back to loss without validation data). */
  monitor?: Monitor;
  /** Epochs without improvement before stopping. */
  patience?: number;
  minDelta?: number;
  /** Put back the weights of the best epoch when stopping. */
  restoreBestWeights?: boolean;
  /** The language of the stop reason (default English). */
  messages?: Messages;
}

/** Stops when the monitored value has not improved for `patience` epochs (Keras' EarlyStopping). */
export function earlyStopping(options: EarlyStoppingOptions = {}): Callback & { bestEpoch: number } {
  const monitor = options.monitor ?? "valLoss";
  const patience = options.patience ?? 5;
  const minDelta = options.minDelta ?? 0;
  let best = Number.NaN;
  let wait = 0;
  let bestWeights: Sequential | null = null;
  const cb = {
    bestEpoch: -1,
    onTrainBegin() {
      best = Number.NaN;
      wait = 0;
      bestWeights = null;
    },
    onEpochEnd(logs: EpochLogs, ctx: TrainContext) {
      const value = monitored(logs, monitor);
      if (value === undefined) return;
      if (Number.isNaN(best) || improves(monitor, value, best, minDelta)) {
        best = value;
        wait = 0;
        cb.bestEpoch = logs.epoch;
        if (options.restoreBestWeights) bestWeights = ctx.model.clone();
        return;
      }
      if (++wait >= patience) {
        ctx.stopTraining = true;
        const M = options.messages ?? en;
        ctx.stopReason = M.fitReport.earlyStopped(monitor, patience, best.toPrecision(4), cb.bestEpoch);
        if (bestWeights) ctx.model.copyWeightsFrom(bestWeights);
      }
    },
    state(): CallbackState {
      const values = { best: Number.isNaN(best) ? null : best, wait, bestEpoch: cb.bestEpoch };
      return bestWeights ? { values, weights: bestWeights.parameters().map((p) => p.data) } : { values };
    },
    restoreState(state: CallbackState, ctx: TrainContext) {
      best = state.values.best ?? Number.NaN;
      wait = state.values.wait ?? 0;
      cb.bestEpoch = state.values.bestEpoch ?? -1;
      bestWeights = null;
      if (state.weights) {
        bestWeights = ctx.model.clone();
        bestWeights.parameters().forEach((p, i) => p.data.set(state.weights![i]));
      }
    },
  };
  return cb;
}

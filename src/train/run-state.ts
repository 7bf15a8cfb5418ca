/** The per-epoch bookkeeping of fit, kept out of its loop: running loss and accuracy, the weights' guard, yields. */

import { classificationThreshold } from "../nn/activations.js";
import type { Reduction } from "../nn/losses.js";
import type { Sequential } from "../nn/sequential.js";
import type { Optimizer } from "../optim/optimizers.js";
import type { FloatArray } from "../tensor/dtype.js";
import { DivergenceError } from "../util/errors.js";
import { localizedError, type Messages } from "../util/i18n.js";
import type { BatchIterator } from "./batches.js";
import type { BatchLogs, Callback, EpochLogs, TrainContext } from "./callbacks.js";
import { type AccuracyKind, accuracyDenominator, countCorrect } from "./metrics.js";

/** Everything a run carries from step to step: what a checkpoint saves and a resume puts back. */
export interface RunParts {
  model: Sequential;
  optimizer: Optimizer;
  batches: BatchIterator;
  meter: EpochMeter;
  guard: WeightGuard;
  history: EpochLogs[];
  callbacks: readonly Callback[];
  ctx: TrainContext;
}

/** The epoch's mean loss over examples (a "sum" loss divided back to per-example terms) and its accuracy. */
export class EpochMeter {
  private lossSum = 0;
  private correct = 0;
  private counted = 0;
  private examples = 0;
  private readonly threshold: number;
  private readonly outputs: number;

  constructor(
    private readonly kind: AccuracyKind,
    model: Sequential,
    private readonly rows: number,
  ) {
    this.threshold = classificationThreshold(model.outputActivation);
    this.outputs = model.outputSize;
  }

  /** The running sums of a partly done epoch (a checkpoint between steps keeps them). */
  state(): MeterState {
    return { lossSum: this.lossSum, correct: this.correct, counted: this.counted, examples: this.examples };
  }

  restore(state: MeterState): void {
    ({
      lossSum: this.lossSum,
      correct: this.correct,
      counted: this.counted,
      examples: this.examples,
    } = state);
  }

  reset(): void {
    this.lossSum = 0;
    this.correct = 0;
    this.counted = 0;
    this.examples = 0;
  }

  add(E: number, reduction: Reduction, output: FloatArray, target: FloatArray, rows: number): void {
    this.lossSum += reduction === "mean" ? E * rows : E;
    this.examples += rows;
    if (this.kind === "none") return;
    this.correct += countCorrect(this.kind, output, target, rows, this.outputs, this.threshold);
    this.counted += accuracyDenominator(this.kind, rows, this.outputs);
  }

  private accuracy(): number | undefined {
    return this.kind === "none" ? undefined : this.correct / this.counted;
  }

  batchLogs(epoch: number, batch: number, batches: number): BatchLogs {
    const examples = this.examples;
    const loss = this.lossSum / examples;
    return { epoch, batch, batches, examples, totalExamples: this.rows, loss, accuracy: this.accuracy() };
  }

  epochLogs(epoch: number, lr: number): EpochLogs {
    const logs: EpochLogs = { epoch: epoch + 1, loss: this.lossSum / this.rows, seconds: 0, lr };
    if (this.kind !== "none") logs.accuracy = this.accuracy();
    return logs;
  }
}

export interface MeterState {
  lossSum: number;
  correct: number;
  counted: number;
  examples: number;
}

/** Keeps the weights of the epoch's start, so that a diverged run never leaves non-finite weights behind. */
export class WeightGuard {
  private readonly params: FloatArray[];
  private readonly snapshot: FloatArray[];

  constructor(model: Sequential) {
    this.params = model.parameters().map((p) => p.data);
    this.snapshot = this.params.map((p) => p.slice());
  }

  /** Copies the weights (plain loops: on a 9-weight network, set()'s call costs more than the copy). */
  remember(): void {
    for (let l = 0; l < this.params.length; l++) {
      const p = this.params[l];
      const s = this.snapshot[l];
      for (let i = 0; i < p.length; i++) s[i] = p[i];
    }
  }

  /** The weights of the epoch's start (the arrays themselves: copy before keeping). */
  get remembered(): readonly FloatArray[] {
    return this.snapshot;
  }

  /** Puts back remembered weights (a run resumed in the middle of an epoch). */
  restoreRemembered(saved: readonly FloatArray[]): void {
    this.snapshot.forEach((s, l) => s.set(saved[l]));
  }

  /** After an epoch: every weight finite, or the epoch undone and a DivergenceError. */
  checkFinite(epoch: number, batches: number, optimizer: Optimizer): void {
    for (const p of this.params) {
      for (let i = 0; i < p.length; i++) {
        if (!Number.isFinite(p[i])) throw this.diverged(Number.NaN, epoch, batches - 1, optimizer);
      }
    }
  }

  diverged(value: number, epoch: number, batch: number, optimizer: Optimizer): DivergenceError {
    this.params.forEach((p, i) => p.set(this.snapshot[i]));
    const what = Number.isNaN(value) ? "NaN" : String(value);
    return localizedError(
      DivergenceError,
      "diverged",
      what,
      epoch + 1,
      batch + 1,
      optimizer.learningRate,
      [],
    );
  }
}

/**
 * The same divergence, saying where its last good weights were also saved (the checkpoint folder, then
 * --save's path). An error not from `diverged` keeps its (English) text with the path added.
 */
export function lastGoodSavedTo(err: DivergenceError, path: string): DivergenceError {
  if (err.catalogue?.key !== "diverged") return localizedError(DivergenceError, "lastGoodSaved", err, path);
  const [loss, epoch, batch, lr, saved] = err.catalogue.params as Parameters<Messages["errors"]["diverged"]>;
  return localizedError(DivergenceError, "diverged", loss, epoch, batch, lr, [...(saved ?? []), path]);
}

/** An epoch whose loss grew past this many times the first epoch's flags the run (see lossBlowUp). */
export const BLOW_UP_FACTOR = 1e6;

/** The epoch where the loss grew most past BLOW_UP_FACTOR × the first epoch's loss, if any did. */
export interface LossBlowUp {
  epoch: number;
  loss: number;
  firstLoss: number;
}

/**
 * A run whose loss shot up to huge (still finite) values and perhaps fell back: its final weights may be far
 * worse than an earlier epoch's, so the CLI flags it rather than overwrite a saved model silently.
 */
export function lossBlowUp(history: readonly EpochLogs[]): LossBlowUp | undefined {
  if (history.length === 0) return undefined;
  const firstLoss = history[0].loss;
  let worst: EpochLogs | undefined;
  for (const logs of history) {
    if (firstLoss > 0 && logs.loss > BLOW_UP_FACTOR * firstLoss && (!worst || logs.loss > worst.loss))
      worst = logs;
  }
  return worst && { epoch: worst.epoch, loss: worst.loss, firstLoss };
}

/**
 * Yields to the event loop about every 100 ms of training, not every epoch (an await per tiny epoch costs
 * more than the epoch), so that timers, I/O and a progress display still run.
 */
export class Pacer {
  private last = performance.now();

  due(now = performance.now()): boolean {
    return now - this.last > 100;
  }

  async yield(): Promise<void> {
    await new Promise<void>((resolve) =>
      globalThis.setImmediate ? globalThis.setImmediate(resolve) : setTimeout(resolve, 0),
    );
    this.last = performance.now();
  }
}

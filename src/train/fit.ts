/**
 * The training loop of the notes: for each epoch, for each (shuffled) batch — forward pass, loss E, backward
 * pass, update w ← w − η·∂E/∂w. Batch size 1 is online learning, b mini-batch, "full" batch mode. Batching
 * is BatchIterator's, the step a Stepper's (matrix form or autograd graph); this file keeps the epoch's
 * bookkeeping: history, validation, callbacks, and a clear stop when the loss stops being a finite number.
 */
import type { LossName, Reduction } from "../nn/losses.js";
import type { Sequential } from "../nn/sequential.js";
import { ClippedOptimizer } from "../optim/clip.js";
import type { Optimizer, OptimizerName } from "../optim/optimizers.js";
import type { Schedule } from "../optim/schedules.js";
import { NDArray } from "../tensor/ndarray.js";
import { Random } from "../tensor/random.js";
import { DivergenceError, InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { BatchIterator, stepsPerEpoch } from "./batches.js";
import type { Callback, EpochLogs, TrainContext } from "./callbacks.js";
import { Checkpointer, type CheckpointOptions, type RunSetup } from "./checkpoint.js";
import { evaluate, rememberTraining } from "./evaluate.js";

// evaluate and predict live in evaluate.ts; commands and experiments import them from here too.
export {
  type EvaluateOptions,
  type EvaluateResult,
  evaluate,
  type PredictOptions,
  predict,
} from "./evaluate.js";

import { type AccuracyKind, accuracyKind } from "./metrics.js";
import { EpochMeter, type LossBlowUp, lossBlowUp, Pacer, type RunParts, WeightGuard } from "./run-state.js";
import {
  activationsOf,
  checkData,
  checkEngine,
  checkLoss,
  checkOptimizer,
  checkReduction,
  checkTrainable,
  type Data,
  type Matrix,
} from "./setup.js";
import { type Engine, makeStepper } from "./stepper.js";

export interface FitOptions {
  loss: LossName;
  /** "mean" (default) averages the loss over the batch's examples; "sum" adds them, as the notes' per-example sums. */
  reduction?: Reduction;
  /** An optimizer, or a name for one with its default η. */
  optimizer: Optimizer | OptimizerName;
  epochs: number;
  /** 1 = online, b = mini-batch, "full" = the whole set per update. Default 32. */
  batchSize?: number | "full";
  /** Generator for shuffling (default: seed 0). */
  rng?: Random;
  /** Reshuffle (without replacement) every epoch; default true. */
  shuffle?: boolean;
  /** Hold out this fraction of the rows (the last ones, as Keras does) for validation. */
  validationSplit?: number;
  validationData?: { x: Matrix; y: Matrix };
  /** Learning rate per epoch. */
  schedule?: Schedule;
  callbacks?: Callback[];
  /** "matrix" (default): the explicit matrix-form fast path; "autograd": the general graph engine. */
  engine?: Engine;
  /** Scale the gradients when their total 2-norm exceeds this (PyTorch's clip_grad_norm_). */
  clipGradNorm?: number;
  /** Write checkpoints to a folder (or store) as training goes, and resume from one (docs/reliability.md). */
  checkpoint?: CheckpointOptions;
}

export interface FitResult {
  history: EpochLogs[];
  /** The loss trained on; evaluate(model, x, y) uses it when no other is given. */
  loss: LossName;
  accuracy: AccuracyKind;
  stopReason?: string;
  /** Set when an epoch's loss grew past 10⁶ × the first epoch's (the run may have fallen back since). */
  lossBlowUp?: LossBlowUp;
}

export async function fit(model: Sequential, x: Matrix, y: Matrix, options: FitOptions): Promise<FitResult> {
  const setup = checkFit(model, x, y, options);
  const { loss, reduction, optimizer, epochs, engine, train, validation: val, batchSize, shuffle } = setup;
  const callbacks = options.callbacks ?? [];
  const steps = stepsPerEpoch(train.x.shape[0], batchSize);
  const ckpt = options.checkpoint ? new Checkpointer(options.checkpoint, setup, steps) : null;
  const rng = ckpt?.savedRng() ?? options.rng ?? new Random(0);
  const batches = new BatchIterator(train, batchSize, rng, { shuffle, dtype: model.dtype });
  const stepper = makeStepper(engine, model, batches.batchSize, loss, reduction);
  const kind = accuracyKind(loss, model.outputActivation, model.outputSize, train.y.data);
  const ctx: TrainContext = { model, epochs, examples: batches.rows, stopTraining: false };
  const meter = new EpochMeter(kind, model, batches.rows);
  const guard = new WeightGuard(model);
  const run: RunParts = { model, optimizer, batches, meter, guard, history: [], callbacks, ctx };
  const { history } = run;
  const pacer = new Pacer();
  const onBatch = callbacks.filter((cb) => cb.onBatchEnd);
  const lr0 = optimizer.learningRate;

  for (const cb of callbacks) cb.onTrainBegin?.(ctx);
  const start = ckpt?.restore(run) ?? { epoch: 0, step: 0 };
  let epoch = start.epoch;
  try {
    let ended = performance.now();
    for (; epoch < epochs && !ctx.stopTraining; epoch++) {
      // One clock read per epoch when nothing runs between epochs (a read costs about a tiny epoch's tenth).
      const started = callbacks.length === 0 ? ended : performance.now();
      const first = epoch === start.epoch ? start.step : 0; // a resumed epoch goes on where it stopped
      if (options.schedule && first === 0) optimizer.learningRate = options.schedule(epoch, lr0);
      for (const cb of callbacks) cb.onEpochBegin?.(epoch, ctx);
      if (first === 0) {
        guard.remember();
        meter.reset();
        batches.startEpoch();
      }
      for (let k = first; k < steps; k++) {
        const batch = batches.batch(k);
        const E = stepper.forward(batch.x, batch.y, batch.size);
        if (!Number.isFinite(E)) throw guard.diverged(E, epoch, k, optimizer);
        stepper.update(optimizer);
        meter.add(E, reduction, stepper.output, batch.y.data, batch.size);
        if (onBatch.length > 0) {
          const logs = meter.batchLogs(epoch, k, steps);
          for (const cb of onBatch) cb.onBatchEnd!(logs, ctx);
          if (pacer.due()) await pacer.yield();
        }
        ckpt?.afterStep(run, epoch, k + 1);
      }
      guard.checkFinite(epoch, steps, optimizer);
      const logs = meter.epochLogs(epoch, optimizer.learningRate);
      if (val) Object.assign(logs, validationLogs(evaluate(model, val.x, val.y, { loss, reduction, kind })));
      ended = performance.now();
      logs.seconds = (ended - started) / 1000;
      history.push(logs);
      for (const cb of callbacks) cb.onEpochEnd?.(logs, ctx);
      ckpt?.afterEpoch(run, epoch);
      // Let timers and I/O run now and then, without paying for an await on every tiny epoch.
      if (pacer.due(ended)) await pacer.yield();
    }
  } catch (err) {
    throw ckpt && err instanceof DivergenceError ? ckpt.keepLastGood(model, err) : err;
  }
  ckpt?.finish(run, epoch);
  for (const cb of callbacks) cb.onTrainEnd?.(history, ctx);
  rememberTraining(model, loss, reduction);
  return { history, loss, accuracy: kind, stopReason: ctx.stopReason, lossBlowUp: lossBlowUp(history) };
}

// camelCase keys, and the snake_case ones of before 0.2 beside them (deprecated, CHANGELOG.md) so old code reads on.
function validationLogs(v: { loss: number; accuracy?: number }): Partial<EpochLogs> {
  if (v.accuracy === undefined) return { valLoss: v.loss, val_loss: v.loss };
  return { valLoss: v.loss, valAccuracy: v.accuracy, val_loss: v.loss, val_accuracy: v.accuracy };
}

/** fit's inputs checked (the same rules and messages as the CLI's), and the validation rows held out. */
function checkFit(model: Sequential, x: Matrix, y: Matrix, options: FitOptions): RunSetup {
  if (options === null || typeof options !== "object") throw localizedError(InputError, "fitOptions");
  const loss = checkLoss(options.loss);
  checkTrainable(loss, activationsOf(model), model.outputSize);
  const epochs = options.epochs;
  if (!Number.isInteger(epochs) || epochs < 0) {
    throw localizedError(InputError, "fitEpochs", epochs);
  }
  const batch = options.batchSize ?? 32;
  if (batch !== "full" && (!Number.isInteger(batch) || batch < 1)) {
    throw localizedError(InputError, "fitBatchSize", batch);
  }
  const data = checkData(model, x, y, "training");
  let train = data;
  let val =
    options.validationData &&
    checkData(model, options.validationData.x, options.validationData.y, "validation");
  if (options.validationSplit !== undefined && !val) [train, val] = holdOut(data, options.validationSplit);
  const checked = checkOptimizer(options.optimizer);
  const optimizer =
    options.clipGradNorm === undefined ? checked : new ClippedOptimizer(checked, options.clipGradNorm);
  return {
    model,
    loss,
    reduction: checkReduction(options.reduction),
    optimizer,
    epochs,
    engine: checkEngine(options.engine),
    batchSize:
      batch === "full" ? Math.max(train.x.shape[0], 1) : Math.min(batch, Math.max(train.x.shape[0], 1)),
    shuffle: options.shuffle ?? true,
    schedule: options.schedule,
    statefulCallbacks: (options.callbacks ?? []).filter((c) => c.state).length,
    train,
    validation: val,
  };
}

/** The last fraction f of the rows for validation, as Keras' validation_split. */
function holdOut(data: Data, f: number): [Data, Data] {
  if (!(f > 0 && f < 1)) throw localizedError(InputError, "validationSplit", f);
  const n = data.x.shape[0];
  const nTrain = n - Math.max(1, Math.round(n * f));
  if (nTrain < 1) throw localizedError(InputError, "validationSplitRows");
  const rows = (a: NDArray, s: number, e: number) =>
    new NDArray(a.data.subarray(s * a.shape[1], e * a.shape[1]), [e - s, a.shape[1]]);
  return [
    { x: rows(data.x, 0, nTrain), y: rows(data.y, 0, nTrain) },
    { x: rows(data.x, nTrain, n), y: rows(data.y, nTrain, n) },
  ];
}

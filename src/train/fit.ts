/**
 * The training loop: epochs of shuffled mini-batches (batch size 1 = online, b = mini-batch, "full" = batch, the
 * notes' three modes), an optimizer step per batch, per-epoch history, validation, callbacks, and a stop with
 * a clear message when the loss stops being a finite number.
 */
import { noGrad } from "../autograd/grad-mode.js";
import { Tensor } from "../autograd/tensor.js";
import { classificationThreshold } from "../nn/activations.js";
import { allocateBuffer } from "../nn/buffers.js";
import { type LossName, lossOnGraph, type Reduction } from "../nn/losses.js";
import { MatrixBackprop } from "../nn/matrix-backprop.js";
import type { Sequential } from "../nn/sequential.js";
import type { Optimizer, Parameter } from "../optim/optimizers.js";
import type { Schedule } from "../optim/schedules.js";
import type { FloatArray } from "../tensor/dtype.js";
import { NDArray } from "../tensor/ndarray.js";
import { Random } from "../tensor/random.js";
import { formatShape, ShapeError } from "../tensor/shape.js";
import { DivergenceError, RetropropError } from "../util/errors.js";
import type { Callback, EpochLogs, TrainContext } from "./callbacks.js";
import { type AccuracyKind, accuracyDenominator, accuracyKind, countCorrect } from "./metrics.js";

export interface FitOptions {
  loss: LossName;
  /** "mean" (default) averages the loss over the batch's examples; "sum" adds them, as the notes' per-example sums. */
  reduction?: Reduction;
  optimizer: Optimizer;
  epochs: number;
  /** 1 = online, b = mini-batch, "full" = the whole set per update. Default 32. */
  batchSize?: number | "full";
  /** Generator for shuffling (default: seed 0). */
  rng?: Random;
  /** Reshuffle (without replacement) every epoch; default true. */
  shuffle?: boolean;
  /** Hold out this fraction of the rows (the last ones, as Keras does) for validation. */
  validationSplit?: number;
  validationData?: { x: NDArray; y: NDArray };
  /** Learning rate per epoch. */
  schedule?: Schedule;
  callbacks?: Callback[];
  /** "matrix" (default): the explicit matrix-form fast path; "autograd": the general graph engine. */
  engine?: "matrix" | "autograd";
}

export interface FitResult {
  history: EpochLogs[];
  accuracy: AccuracyKind;
  stopReason?: string;
}

export interface EvaluateResult {
  loss: number;
  accuracy?: number;
}

function checkData(model: Sequential, x: NDArray, y: NDArray, what: string): void {
  if (x.rank !== 2 || x.shape[1] !== model.inputSize) {
    throw new ShapeError(
      `${what} inputs must have shape [N,${model.inputSize}], got ${formatShape(x.shape)}`,
    );
  }
  if (y.rank !== 2 || y.shape[1] !== model.outputSize || y.shape[0] !== x.shape[0]) {
    throw new ShapeError(
      `${what} targets must have shape [${x.shape[0]},${model.outputSize}], got ${formatShape(y.shape)}`,
    );
  }
}

/** Copies the rows order[start..end) of a row-major matrix into dst. */
function gather(
  src: FloatArray,
  width: number,
  order: Uint32Array,
  start: number,
  end: number,
  dst: FloatArray,
): void {
  for (let i = start; i < end; i++) {
    const r = order[i];
    dst.set(src.subarray(r * width, (r + 1) * width), (i - start) * width);
  }
}

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) =>
    globalThis.setImmediate ? globalThis.setImmediate(resolve) : setTimeout(resolve, 0),
  );

export async function fit(
  model: Sequential,
  x: NDArray,
  y: NDArray,
  options: FitOptions,
): Promise<FitResult> {
  checkData(model, x, y, "training");
  const { loss, optimizer } = options;
  const reduction = options.reduction ?? "mean";
  const epochs = options.epochs;
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new RetropropError(`epochs must be a non-negative integer, got ${epochs}`);
  const rng = options.rng ?? new Random(0);
  const callbacks = options.callbacks ?? [];

  let trainX = x;
  let trainY = y;
  let val = options.validationData;
  if (val) checkData(model, val.x, val.y, "validation");
  if (options.validationSplit !== undefined && !val) {
    const f = options.validationSplit;
    if (!(f > 0 && f < 1)) throw new RetropropError(`validation split must be between 0 and 1, got ${f}`);
    const nVal = Math.max(1, Math.round(x.shape[0] * f));
    const nTrain = x.shape[0] - nVal;
    if (nTrain < 1) throw new RetropropError("validation split leaves no training rows");
    const rowsOf = (a: NDArray, s: number, e: number) =>
      new NDArray(a.data.subarray(s * a.shape[1], e * a.shape[1]), [e - s, a.shape[1]]);
    trainX = rowsOf(x, 0, nTrain);
    trainY = rowsOf(y, 0, nTrain);
    val = { x: rowsOf(x, nTrain, x.shape[0]), y: rowsOf(y, nTrain, x.shape[0]) };
  }

  const n = trainX.shape[0];
  const inputs = model.inputSize;
  const outputs = model.outputSize;
  const batch = options.batchSize === "full" ? n : (options.batchSize ?? 32);
  if (!Number.isInteger(batch) || batch < 1)
    throw new RetropropError(`batch size must be a positive integer, got ${batch}`);
  const b = Math.min(batch, n);
  const kind = accuracyKind(loss, model.outputActivation, outputs, trainY.data);
  const engine = options.engine ?? "matrix";

  const trainer = new MatrixBackprop(model, b);
  const xb = allocateBuffer(model.dtype, b * inputs);
  const yb = allocateBuffer(model.dtype, b * outputs);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const params = trainer.parameters();
  const lr0 = optimizer.learningRate;
  const ctx: TrainContext = { model, epochs, examples: n, stopTraining: false };
  const history: EpochLogs[] = [];
  const modelParams = model.parameters();
  const snapshot = modelParams.map((p) => p.data.slice());

  for (const cb of callbacks) cb.onTrainBegin?.(ctx);
  let lastYield = Date.now();
  for (let epoch = 0; epoch < epochs && !ctx.stopTraining; epoch++) {
    const started = performance.now();
    if (options.schedule) optimizer.learningRate = options.schedule(epoch, lr0);
    for (const cb of callbacks) cb.onEpochBegin?.(epoch, ctx);
    if (options.shuffle ?? true) rng.shuffle(order);
    for (let i = 0; i < modelParams.length; i++) snapshot[i].set(modelParams[i].data);

    let lossSum = 0;
    let correct = 0;
    let counted = 0;
    const batches = Math.ceil(n / b);
    for (let k = 0; k < batches; k++) {
      const start = k * b;
      const end = Math.min(start + b, n);
      const rows = end - start;
      gather(trainX.data, inputs, order, start, end, xb);
      gather(trainY.data, outputs, order, start, end, yb);
      const xRows = xb.subarray(0, rows * inputs);
      const yRows = yb.subarray(0, rows * outputs);

      let batchLoss: number;
      let output: FloatArray;
      let stepParams: readonly Parameter[];
      if (engine === "matrix") {
        output = trainer.forward(xRows, rows);
        batchLoss = trainer.loss(yRows, loss, reduction);
        if (!Number.isFinite(batchLoss)) throw diverged(batchLoss, epoch, k, optimizer, model, snapshot);
        trainer.backward(yRows, loss, reduction);
        stepParams = params;
      } else {
        const X = new Tensor(new NDArray(xRows, [rows, inputs]));
        const layers = model.forwardLayers(X);
        const last = layers[layers.length - 1];
        const E = lossOnGraph(
          loss,
          model.outputActivation,
          last.z,
          last.a,
          new NDArray(yRows, [rows, outputs]),
          reduction,
        );
        batchLoss = E.item();
        if (!Number.isFinite(batchLoss)) throw diverged(batchLoss, epoch, k, optimizer, model, snapshot);
        output = last.a.data;
        for (const p of model.parameters()) p.zeroGrad();
        E.backward();
        stepParams = model.parameters().map((p) => ({ data: p.data, grad: p.grad!.data }));
      }
      noGrad(() => optimizer.step(stepParams));

      // The epoch's loss is the mean over examples (a "sum" loss is divided back to per-example terms).
      lossSum += reduction === "mean" ? batchLoss * rows : batchLoss;
      if (kind !== "none") {
        correct += countCorrect(
          kind,
          output,
          yRows,
          rows,
          outputs,
          classificationThreshold(model.outputActivation),
        );
        counted += accuracyDenominator(kind, rows, outputs);
      }
      if (callbacks.length > 0) {
        for (const cb of callbacks) {
          cb.onBatchEnd?.(
            {
              epoch,
              batch: k,
              batches,
              examples: end,
              totalExamples: n,
              loss: lossSum / end,
              accuracy: kind === "none" ? undefined : correct / counted,
            },
            ctx,
          );
        }
        if (Date.now() - lastYield > 100) {
          await yieldToEventLoop();
          lastYield = Date.now();
        }
      }
    }
    if (!modelParams.every((p) => allFinite(p.data))) {
      throw diverged(Number.NaN, epoch, batches - 1, optimizer, model, snapshot);
    }

    const logs: EpochLogs = {
      epoch: epoch + 1,
      loss: lossSum / n,
      seconds: 0,
      lr: optimizer.learningRate,
    };
    if (kind !== "none") logs.accuracy = correct / counted;
    if (val) {
      const v = evaluate(model, val.x, val.y, { loss, reduction, kind });
      logs.val_loss = v.loss;
      if (v.accuracy !== undefined) logs.val_accuracy = v.accuracy;
    }
    logs.seconds = (performance.now() - started) / 1000;
    history.push(logs);
    for (const cb of callbacks) cb.onEpochEnd?.(logs, ctx);
    // Let timers and I/O run now and then, without paying for it on every tiny epoch.
    if (Date.now() - lastYield > 100) {
      await yieldToEventLoop();
      lastYield = Date.now();
    }
  }
  for (const cb of callbacks) cb.onTrainEnd?.(history, ctx);
  return { history, accuracy: kind, stopReason: ctx.stopReason };
}

function allFinite(a: FloatArray): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

function diverged(
  value: number,
  epoch: number,
  batch: number,
  optimizer: Optimizer,
  model: Sequential,
  snapshot: FloatArray[],
): DivergenceError {
  // Put back the weights from the start of this epoch, so that nothing non-finite is ever kept.
  model.parameters().forEach((p, i) => p.data.set(snapshot[i]));
  const what = Number.isNaN(value) ? "NaN" : String(value);
  return new DivergenceError(
    `training diverged: the loss became ${what} in epoch ${epoch + 1}, batch ${batch + 1} (learning rate ${optimizer.learningRate}); ` +
      "weights were restored to the start of that epoch — try a smaller learning rate",
  );
}

/** Loss and accuracy over a dataset, in chunks, without building a graph. */
export function evaluate(
  model: Sequential,
  x: NDArray,
  y: NDArray,
  options: { loss: LossName; reduction?: Reduction; kind?: AccuracyKind; batchSize?: number },
): EvaluateResult {
  checkData(model, x, y, "evaluation");
  const reduction = options.reduction ?? "mean";
  const n = x.shape[0];
  const inputs = model.inputSize;
  const outputs = model.outputSize;
  const chunk = Math.min(options.batchSize ?? 1000, n);
  const kind = options.kind ?? accuracyKind(options.loss, model.outputActivation, outputs, y.data);
  const bp = new MatrixBackprop(model, chunk);
  const xs = x.astype(model.dtype).data;
  const ys = y.astype(model.dtype).data;
  let total = 0;
  let correct = 0;
  let counted = 0;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const yRows = ys.subarray(start * outputs, (start + rows) * outputs);
    const out = bp.forward(xs.subarray(start * inputs, (start + rows) * inputs), rows);
    total += bp.loss(yRows, options.loss, "sum");
    if (kind !== "none") {
      correct += countCorrect(
        kind,
        out,
        yRows,
        rows,
        outputs,
        classificationThreshold(model.outputActivation),
      );
      counted += accuracyDenominator(kind, rows, outputs);
    }
  }
  const result: EvaluateResult = { loss: reduction === "mean" ? total / n : total };
  if (kind !== "none") result.accuracy = correct / counted;
  return result;
}

/** The network's outputs for every row of x (rows × outputs), computed in chunks on the fast path. */
export function predict(model: Sequential, x: NDArray, batchSize = 1000): NDArray {
  if (x.rank !== 2 || x.shape[1] !== model.inputSize) {
    throw new ShapeError(`inputs must have shape [N,${model.inputSize}], got ${formatShape(x.shape)}`);
  }
  const n = x.shape[0];
  const out = NDArray.zeros([n, model.outputSize], model.dtype);
  if (n === 0) return out;
  const chunk = Math.min(batchSize, n);
  const bp = new MatrixBackprop(model, chunk);
  const xs = x.astype(model.dtype).data;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const a = bp.forward(xs.subarray(start * model.inputSize, (start + rows) * model.inputSize), rows);
    out.data.set(a.subarray(0, rows * model.outputSize), start * model.outputSize);
  }
  return out;
}

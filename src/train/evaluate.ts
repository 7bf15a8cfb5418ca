/**
 * Using a trained model without building a graph: loss and accuracy over a dataset, and predictions, in chunks.
 * fit is async (it yields to the event loop between epochs); evaluate and predict are synchronous: one pass, no
 * waiting, so they return their result directly (`await` on them is harmless).
 */

import { classificationThreshold } from "../nn/activations.js";
import type { LossName, Reduction } from "../nn/losses.js";
import { MatrixBackprop } from "../nn/matrix-backprop.js";
import type { Sequential } from "../nn/sequential.js";
import { NDArray } from "../tensor/ndarray.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { type AccuracyKind, accuracyDenominator, accuracyKind, countCorrect } from "./metrics.js";
import { asMatrix, checkData, checkLoss, checkReduction, type Matrix } from "./setup.js";

export interface EvaluateResult {
  loss: number;
  accuracy?: number;
}

export interface EvaluateOptions {
  /** The loss E to report; default: the one the model was last trained on by fit. */
  loss?: LossName;
  /** "mean" (default, or fit's) or "sum" over the examples. */
  reduction?: Reduction;
  /** How to count a prediction as right; default: from the loss, output activation and targets, as fit does. */
  kind?: AccuracyKind;
  /** Rows per chunk (default 1000): bounds the memory, not the result. */
  batchSize?: number;
}

export interface PredictOptions {
  /** Rows per chunk (default 1000): bounds the memory, not the result. */
  batchSize?: number;
}

// The loss and reduction each model was last trained with, so that evaluate(model, x, y) reports the same E.
// A WeakMap keeps this out of the model (and its file formats) and lets a dropped model be collected.
const trainedWith = new WeakMap<Sequential, { loss: LossName; reduction: Reduction }>();

/** Records what fit trained `model` on, for evaluate's default. */
export function rememberTraining(model: Sequential, loss: LossName, reduction: Reduction): void {
  trainedWith.set(model, { loss, reduction });
}

/**
 * Loss and accuracy over a dataset, in chunks, without building a graph. The loss defaults to the one fit last
 * trained this model on; a model fit has not trained needs `{ loss }`.
 */
export function evaluate(
  model: Sequential,
  x: Matrix,
  y: Matrix,
  options: EvaluateOptions = {},
): EvaluateResult {
  if (options === null || typeof options !== "object") throw localizedError(InputError, "evaluateOptions");
  const trained = trainedWith.get(model);
  if (options.loss === undefined && trained === undefined) {
    throw localizedError(InputError, "evaluateNeedsLoss");
  }
  const data = checkData(model, x, y, "evaluation");
  const loss = checkLoss(options.loss ?? trained?.loss);
  const reduction = checkReduction(
    options.reduction ?? (options.loss === undefined ? trained?.reduction : undefined),
  );
  const n = data.x.shape[0];
  const inputs = model.inputSize;
  const outputs = model.outputSize;
  const chunk = Math.min(chunkRows(options.batchSize), n);
  const kind = options.kind ?? accuracyKind(loss, model.outputActivation, outputs, data.y.data);
  const threshold = classificationThreshold(model.outputActivation);
  const bp = new MatrixBackprop(model, chunk);
  const xs = data.x.astype(model.dtype).data;
  const ys = data.y.astype(model.dtype).data;
  let total = 0;
  let correct = 0;
  let counted = 0;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const yRows = ys.subarray(start * outputs, (start + rows) * outputs);
    const out = bp.forward(xs.subarray(start * inputs, (start + rows) * inputs), rows);
    total += bp.loss(yRows, loss, "sum");
    if (kind !== "none") {
      correct += countCorrect(kind, out, yRows, rows, outputs, threshold);
      counted += accuracyDenominator(kind, rows, outputs);
    }
  }
  const result: EvaluateResult = { loss: reduction === "mean" ? total / n : total };
  if (kind !== "none") result.accuracy = correct / counted;
  return result;
}

/**
 * The network's outputs ŷ for every row of x (rows × outputs), computed in chunks on the matrix-form fast path
 * without building a graph. `predict(model, x).toArray(2)` gives them as number[][].
 */
export function predict(model: Sequential, x: Matrix, options: PredictOptions | number = {}): NDArray {
  const batchSize = chunkRows(typeof options === "number" ? options : options?.batchSize);
  const X = asMatrix(x, model.inputSize, "inputs", model.dtype);
  const n = X.shape[0];
  const out = NDArray.zeros([n, model.outputSize], model.dtype);
  if (n === 0) return out;
  const chunk = Math.min(batchSize, n);
  const bp = new MatrixBackprop(model, chunk);
  const xs = X.astype(model.dtype).data;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const a = bp.forward(xs.subarray(start * model.inputSize, (start + rows) * model.inputSize), rows);
    out.data.set(a.subarray(0, rows * model.outputSize), start * model.outputSize);
  }
  return out;
}

// A chunk's rows: a positive integer, 1000 by default.
function chunkRows(batchSize: number | undefined): number {
  if (batchSize === undefined) return 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw localizedError(InputError, "chunkRows", batchSize);
  }
  return batchSize;
}

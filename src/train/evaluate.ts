/** Using a trained model without building a graph: loss and accuracy over a dataset, and predictions, in chunks. */

import { classificationThreshold } from "../nn/activations.js";
import type { LossName, Reduction } from "../nn/losses.js";
import { MatrixBackprop } from "../nn/matrix-backprop.js";
import type { Sequential } from "../nn/sequential.js";
import { NDArray } from "../tensor/ndarray.js";
import { type AccuracyKind, accuracyDenominator, accuracyKind, countCorrect } from "./metrics.js";
import { asMatrix, checkData, checkLoss, checkReduction, type Matrix } from "./setup.js";

export interface EvaluateResult {
  loss: number;
  accuracy?: number;
}

/** Loss and accuracy over a dataset, in chunks, without building a graph. */
export function evaluate(
  model: Sequential,
  x: Matrix,
  y: Matrix,
  options: { loss: LossName; reduction?: Reduction; kind?: AccuracyKind; batchSize?: number },
): EvaluateResult {
  const data = checkData(model, x, y, "evaluation");
  const loss = checkLoss(options.loss);
  const reduction = checkReduction(options.reduction);
  const n = data.x.shape[0];
  const inputs = model.inputSize;
  const outputs = model.outputSize;
  const chunk = Math.min(options.batchSize ?? 1000, n);
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

/** The network's outputs for every row of x (rows × outputs), computed in chunks on the fast path. */
export function predict(model: Sequential, x: Matrix, batchSize = 1000): NDArray {
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

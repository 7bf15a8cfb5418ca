import type { Activation } from "../nn/activations.js";
import type { LossName } from "../nn/losses.js";
import type { FloatArray } from "../tensor/dtype.js";

/**
 * How accuracy is counted, as Keras does:
 * - categorical: one label per example, the largest output wins (softmax, or one-hot targets with several outputs);
 * - binary: one output, class 1 when it is above the threshold (0.5, or 0 for tanh outputs);
 * - multilabel: several independent 0/1 outputs, each thresholded; the fraction of correct labels;
 * - none: regression.
 */
export type AccuracyKind = "categorical" | "binary" | "multilabel" | "none";

export function accuracyKind(
  loss: LossName,
  output: Activation,
  outputs: number,
  targets: FloatArray,
): AccuracyKind {
  if (loss === "cce" || output === "softmax") return "categorical";
  const binaryTargets = targets.every((v) => v === 0 || v === 1);
  if (outputs === 1) return binaryTargets ? "binary" : "none";
  if (!binaryTargets) return "none";
  if (loss === "bce") return "multilabel";
  // mse with one-hot rows (Nielsen's MNIST network) is a classification by argmax.
  for (let r = 0; r < targets.length / outputs; r++) {
    let s = 0;
    for (let c = 0; c < outputs; c++) s += targets[r * outputs + c];
    if (s !== 1) return "multilabel";
  }
  return "categorical";
}

/**
 * Class 1 when the output is strictly above the threshold, as Keras' binary_accuracy and torchmetrics'
 * BinaryAccuracy count it (`ŷ > 0.5`): an output of exactly 0.5 says nothing and counts as class 0, so a network
 * that outputs 0.5 everywhere scores the share of class 0 (50 % on XOR), not better than chance.
 */
export function predictedBit(output: number, threshold: number): number {
  return output > threshold ? 1 : 0;
}

/** Number of correct predictions (labels, for multilabel) in a rows × cols batch. */
export function countCorrect(
  kind: AccuracyKind,
  output: FloatArray,
  target: FloatArray,
  rows: number,
  cols: number,
  threshold = 0.5,
): number {
  let correct = 0;
  if (kind === "categorical") {
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      let best = 0;
      let bestT = 0;
      for (let c = 1; c < cols; c++) {
        if (output[base + c] > output[base + best]) best = c;
        if (target[base + c] > target[base + bestT]) bestT = c;
      }
      if (best === bestT) correct++;
    }
  } else if (kind === "binary" || kind === "multilabel") {
    for (let i = 0; i < rows * cols; i++) if (predictedBit(output[i], threshold) === target[i]) correct++;
  }
  return correct;
}

/** How many items accuracy is counted over for a batch. */
export function accuracyDenominator(kind: AccuracyKind, rows: number, cols: number): number {
  return kind === "multilabel" ? rows * cols : rows;
}

/**
 * Losses, summed over output units and averaged over the N examples (reduction "mean") or summed (reduction "sum"):
 *   mse: E = (1/N)·Σₙ ½‖ŷₙ − yₙ‖²
 *   bce: E = (1/N)·Σₙ Σₖ −[y log ŷ + (1−y) log(1−ŷ)]
 *   cce: E = (1/N)·Σₙ −Σₖ yₖ log ŷₖ   (ŷ = softmax(z))
 * Each loss knows its output δ = ∂E/∂z for the output layer's activation. With sigmoid + bce and softmax + cce
 * the fused forms are used: E is computed from z (finite for any logits) and δ = (ŷ − y)/N.
 */

import { clampLog, mul, sub, sum } from "../autograd/ops.js";
import { record, type Tensor, toNDArray } from "../autograd/tensor.js";
import * as nd from "../backend/nd.js";
import { getBackend } from "../backend/registry.js";
import { activationBackward } from "../backend/shared.js";
import type { FloatArray } from "../tensor/dtype.js";
import { NDArray } from "../tensor/ndarray.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import type { Activation } from "./activations.js";
import { activationParam } from "./activations.js";

export const LOSSES = ["mse", "bce", "cce"] as const;
export type LossName = (typeof LOSSES)[number];
export type Reduction = "mean" | "sum";

export function parseLoss(name: string): LossName {
  const aliases: Record<string, LossName> = {
    mse: "mse",
    bce: "bce",
    cce: "cce",
    binary_crossentropy: "bce",
    categorical_crossentropy: "cce",
    "cross-entropy": "cce",
  };
  const n = aliases[name];
  if (!n) throw localizedError(InputError, "unknownLoss", name, LOSSES.join(", "));
  return n;
}

/** Whether the pair is computed in the fused, numerically stable form. */
export function isFused(loss: LossName, activation: Activation): boolean {
  return (loss === "bce" && activation === "sigmoid") || (loss === "cce" && activation === "softmax");
}

const EPS = 1e-12;

// ---------------------------------------------------------------------------------------------------------------
// Plain-array forms (the explicit matrix backprop and the fast path): loss value and output δ.
// ---------------------------------------------------------------------------------------------------------------

/** E for a rows×cols batch from the output layer's Z and A. */
export function lossValue(
  loss: LossName,
  activation: Activation,
  Z: FloatArray,
  A: FloatArray,
  Y: FloatArray,
  rows: number,
  cols: number,
  reduction: Reduction,
): number {
  let total = 0;
  const n = rows * cols;
  if (loss === "mse") {
    for (let i = 0; i < n; i++) {
      const d = A[i] - Y[i];
      total += 0.5 * d * d;
    }
  } else if (loss === "bce" && activation === "sigmoid") {
    // −[y log σ(z) + (1−y) log(1−σ(z))] = max(z,0) − z·y + log(1 + e^−|z|)
    for (let i = 0; i < n; i++) {
      const z = Z[i];
      total += Math.max(z, 0) - z * Y[i] + Math.log1p(Math.exp(-Math.abs(z)));
    }
  } else if (loss === "bce") {
    for (let i = 0; i < n; i++) {
      const a = Math.min(Math.max(A[i], EPS), 1 - EPS);
      total -= Y[i] * Math.log(a) + (1 - Y[i]) * Math.log(1 - a);
    }
  } else if (activation === "softmax") {
    // −Σ y log softmax(z) = Σ y·(logsumexp(z) − z)
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < cols; c++) max = Math.max(max, Z[base + c]);
      let s = 0;
      for (let c = 0; c < cols; c++) s += Math.exp(Z[base + c] - max);
      const lse = max + Math.log(s);
      for (let c = 0; c < cols; c++) if (Y[base + c] !== 0) total += Y[base + c] * (lse - Z[base + c]);
    }
  } else {
    for (let i = 0; i < n; i++) if (Y[i] !== 0) total -= Y[i] * Math.log(Math.max(A[i], EPS));
  }
  return reduction === "mean" ? total / rows : total;
}

/** Writes Δ⁽ᴸ⁾ = ∂E/∂Z for the output layer into `delta` (rows×cols). */
export function outputDelta(
  loss: LossName,
  activation: Activation,
  Z: FloatArray,
  A: FloatArray,
  Y: FloatArray,
  rows: number,
  cols: number,
  reduction: Reduction,
  delta: FloatArray,
): void {
  const scale = reduction === "mean" ? 1 / rows : 1;
  const n = rows * cols;
  if (isFused(loss, activation)) {
    if (loss === "bce") {
      for (let i = 0; i < n; i++) delta[i] = scale * (A[i] - Y[i]);
    } else {
      // softmax + cce: δ = ŷ·Σy − y (= ŷ − y for one-hot rows)
      for (let r = 0; r < rows; r++) {
        const base = r * cols;
        let ySum = 0;
        for (let c = 0; c < cols; c++) ySum += Y[base + c];
        for (let c = 0; c < cols; c++) delta[base + c] = scale * (A[base + c] * ySum - Y[base + c]);
      }
    }
    return;
  }
  // ∂E/∂A first, then through the activation: δ = ∂E/∂A ⊙ f′(Z) (softmax: its Jacobian).
  for (let i = 0; i < n; i++) {
    const a = A[i];
    const y = Y[i];
    let dA: number;
    if (loss === "mse") dA = a - y;
    else if (loss === "bce") {
      const ac = Math.min(Math.max(a, EPS), 1 - EPS);
      dA = (ac - y) / (ac * (1 - ac));
    } else dA = y === 0 ? 0 : -y / Math.max(a, EPS);
    delta[i] = scale * dA;
  }
  activationBackwardInPlace(activation, Z, A, delta, rows, cols);
}

/** δ ← δ ⊙ f′(Z), or for softmax δ ← A ⊙ (δ − Σ δ⊙A) per row. */
export function activationBackwardInPlace(
  activation: Activation,
  Z: FloatArray,
  A: FloatArray,
  delta: FloatArray,
  rows: number,
  cols: number,
): void {
  activationBackward(getBackend(), activation, Z, A, delta, rows, cols, activationParam(activation));
}

// ---------------------------------------------------------------------------------------------------------------
// Graph forms (the autograd path).
// ---------------------------------------------------------------------------------------------------------------

/** The loss on the autograd graph, from the output layer's z and a = f(z). */
export function lossOnGraph(
  loss: LossName,
  activation: Activation,
  z: Tensor,
  a: Tensor,
  y: Tensor | NDArray,
  reduction: Reduction,
): Tensor {
  const Y = toNDArray(y).astype(a.dtype);
  const rows = a.rank === 0 ? 1 : a.shape[0];
  const scale = reduction === "mean" ? 1 / rows : 1;
  if (loss === "mse") {
    const d = sub(a, Y);
    return mul(sum(mul(d, d)), 0.5 * scale);
  }
  if (isFused(loss, activation)) return fusedCrossEntropy(loss, activation, z, Y, scale);
  if (loss === "bce") {
    const one = 1;
    const terms = sub(mul(mul(Y, clampLog(a, EPS)), -1), mul(sub(one, Y), clampLog(sub(one, a), EPS)));
    return mul(sum(terms), scale);
  }
  return mul(sum(mul(Y, clampLog(a, EPS))), -scale);
}

/** sigmoid+bce or softmax+cce as one graph node: E from the logits, ∂E/∂z = scale·(ŷ·Σy − y). */
function fusedCrossEntropy(
  loss: LossName,
  activation: Activation,
  z: Tensor,
  Y: NDArray,
  scale: number,
): Tensor {
  const Z = z.value;
  const rows = Z.rank <= 1 ? 1 : Z.shape[0];
  const cols = Z.size / Math.max(rows, 1);
  const A =
    activation === "sigmoid"
      ? nd.unary("sigmoid", Z)
      : nd.softmax(Z.rank === 1 ? Z.reshape([1, Z.size]) : Z).reshape(Z.shape);
  const value = lossValue(loss, activation, Z.data, A.data, Y.data, rows, cols, "sum") * scale;
  const out = NDArray.scalar(value, Z.dtype);
  return record(
    loss === "bce" ? "sigmoid_bce" : "softmax_cce",
    [z],
    out,
    (g) => {
      const delta = NDArray.zeros(Z.shape, Z.dtype);
      outputDelta(loss, activation, Z.data, A.data, Y.data, rows, cols, "sum", delta.data);
      return [nd.mul(delta, g.item() * scale)];
    },
    { reduction: scale === 1 ? "sum" : "mean" },
  );
}

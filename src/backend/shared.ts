/**
 * Helpers every backend shares (the reference and the wasm one) and that nn's losses use: kept out of
 * reference.ts so that nothing depends on the reference backend to reuse them.
 */
import type { FloatArray } from "../tensor/dtype.js";
import { type Shape, stridesOf } from "../tensor/shape.js";
import { activationParam } from "./activations.js";
import type { Backend, DenseActivation, UnaryOp } from "./backend.js";

/**
 * δ ← δ ⊙ f′(Z) in place on rows × cols values, f′ read through Z and A = f(Z) by the backend's own
 * unaryBackward (so a faster backend's kernel runs); softmax rows use its Jacobian: A ⊙ (δ − Σ δ⊙A). The one
 * implementation behind every dense backward pass and the losses' output δ.
 */
export function activationBackward(
  backend: Backend,
  activation: DenseActivation,
  Z: FloatArray,
  A: FloatArray,
  delta: FloatArray,
  rows: number,
  cols: number,
  param?: number,
): void {
  if (activation === "linear") return;
  if (activation === "softmax") {
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += delta[base + c] * A[base + c];
      for (let c = 0; c < cols; c++) delta[base + c] = A[base + c] * (delta[base + c] - dot);
    }
    return;
  }
  const n = rows * cols;
  const d = firstValues(delta, n);
  backend.unaryBackward(activation, firstValues(Z, n), firstValues(A, n), d, d, param);
}

/** The first n values of x: x itself when that is all of it (this runs every training step: no view needed). */
function firstValues(x: FloatArray, n: number): FloatArray {
  return x.length === n ? x : x.subarray(0, n);
}

/** Strides for reading an input of `shape` at each index of the broadcast `outShape` (0 on stretched axes). */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, d) => {
    const k = d - offset;
    return k < 0 || shape[k] === 1 ? 0 : own[k];
  });
}

/** The parameter an op runs with: the caller's, else the activation table's default (0 for ops without one). */
export function paramOf(op: UnaryOp, param: number | undefined): number {
  return param ?? activationParam(op) ?? 0;
}

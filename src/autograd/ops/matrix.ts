/** Matrix product (with batched and vector forms) and transposition. */
import * as nd from "../../backend/nd.js";
import type { NDArray } from "../../tensor/ndarray.js";
import { formatShape, ShapeError } from "../../tensor/shape.js";
import { localizedError } from "../../util/i18n.js";
import { record, type Tensor, type TensorLike } from "../tensor.js";
import { liftPair } from "./elementwise.js";
import { reshape } from "./shape.js";

/**
 * a·b. Matrices [m,k]·[k,n]; leading batch axes broadcast ([…,m,k]·[…,k,n]); a vector on the left is a
 * row, on the right a column, and that axis is dropped from the result (NumPy's matmul rules).
 * Backward: ∂E/∂a = g·bᵀ, ∂E/∂b = aᵀ·g, summed over broadcast batch axes.
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  let [A, B] = liftPair(a, b);
  if (A.rank === 0 || B.rank === 0) throw localizedError(ShapeError, "matmulScalar");
  const vecA = A.rank === 1;
  const vecB = B.rank === 1;
  if (vecA) A = reshape(A, [1, A.shape[0]]);
  if (vecB) B = reshape(B, [B.shape[0], 1]);
  if (A.shape[A.rank - 1] !== B.shape[B.rank - 2]) {
    const [k, kb] = [A.shape[A.rank - 1], B.shape[B.rank - 2]];
    throw localizedError(ShapeError, "matmulAlign", formatShape(A.shape), formatShape(B.shape), k, kb);
  }
  const Av = A;
  const Bv = B;
  const y = nd.matmul(Av.value, Bv.value);
  let out = record("matmul", [Av, Bv], y, (g: NDArray) => [
    Av.requiresGrad ? nd.sumTo(nd.matmul(g, Bv.value, false, true), Av.shape).astype(Av.dtype) : null,
    Bv.requiresGrad ? nd.sumTo(nd.matmul(Av.value, g, true, false), Bv.shape).astype(Bv.dtype) : null,
  ]);
  if (vecA || vecB) {
    const shape = out.shape.filter((_, i) => !((vecA && i === out.rank - 2) || (vecB && i === out.rank - 1)));
    out = reshape(out, shape);
  }
  return out;
}

/** Permutes axes; by default swaps the last two (Wᵀ). */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  const [X] = liftPair(x, 0);
  const p = perm ?? nd.defaultPerm(X.rank);
  const inverse = nd.inversePerm(p);
  return record("transpose", [X], nd.transpose(X.value, p), (g) => [nd.transpose(g, inverse)], {
    perm: [...p],
  });
}

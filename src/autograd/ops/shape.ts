/** Operations that move values around without arithmetic: reshape, concat, slice, row gathering. */
import * as nd from "../../backend/nd.js";
import { NDArray } from "../../tensor/ndarray.js";
import { formatShape, normalizeAxis, type Shape, ShapeError, sizeOf } from "../../tensor/shape.js";
import { localizedError } from "../../util/i18n.js";
import { lift, record, type Tensor, type TensorLike } from "../tensor.js";

/** Same values, another shape of the same size; one axis may be -1 (inferred). */
export function reshape(x: TensorLike, shape: Shape): Tensor {
  const X = lift(x);
  const target = inferShape(shape, X.size, X.shape);
  return record("reshape", [X], X.value.reshape(target), (g) => [g.reshape(X.shape)], { shape: target });
}

function inferShape(shape: Shape, size: number, from: Shape): number[] {
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw localizedError(ShapeError, "reshapeUnknowns", formatShape(shape));
  const known = sizeOf(shape.filter((d) => d !== -1));
  const out = shape.map((d) => (d === -1 ? (known === 0 ? 0 : size / known) : d));
  if (sizeOf(out) !== size || out.some((d) => !Number.isInteger(d) || d < 0)) {
    throw localizedError(ShapeError, "reshapeSize", formatShape(from), size, formatShape(shape));
  }
  return out;
}

/** Joins tensors along an axis; the gradient is cut back into the pieces. */
export function concat(parts: readonly TensorLike[], axis = 0): Tensor {
  const P = parts.map((p) => lift(p));
  if (P.length === 0) throw localizedError(ShapeError, "concatNone", "tensor");
  const a = normalizeAxis(axis, P[0].rank);
  const y = nd.concat(
    P.map((p) => p.value),
    a,
  );
  return record(
    "concat",
    P,
    y,
    (g) => {
      let start = 0;
      return P.map((p) => {
        const end = start + p.shape[a];
        const piece = p.requiresGrad ? nd.slice(g, start, end, a).astype(p.dtype) : null;
        start = end;
        return piece;
      });
    },
    { axis: a },
  );
}

/** Entries [start, end) along an axis (rows, by default: a mini-batch). */
export function slice(x: TensorLike, start: number, end: number, axis = 0): Tensor {
  const X = lift(x);
  const a = normalizeAxis(axis, X.rank);
  const y = nd.slice(X.value, start, end, a);
  return record(
    "slice",
    [X],
    y,
    (g) => {
      const gx = NDArray.zeros(X.shape, X.dtype);
      const outer = sizeOf(X.shape.slice(0, a));
      const inner = sizeOf(X.shape.slice(a + 1));
      const len = X.shape[a];
      const block = (end - start) * inner;
      for (let o = 0; o < outer; o++) {
        gx.data.set(g.data.subarray(o * block, (o + 1) * block), (o * len + start) * inner);
      }
      return [gx];
    },
    { axis: a, start, end },
  );
}

/** Rows picked by index (repeats allowed); their gradients are added back into the source rows. */
export function gatherRows(x: TensorLike, indices: ArrayLike<number>): Tensor {
  const X = lift(x);
  const idx = Int32Array.from(indices as ArrayLike<number>);
  return record("gather_rows", [X], nd.gatherRows(X.value, idx), (g) => [
    nd.scatterAddRows(g, idx, X.shape[0]),
  ]);
}

/** Reductions. Their backward spreads the gradient back over the reduced axes. */
import * as nd from "../../backend/nd.js";
import { NDArray } from "../../tensor/ndarray.js";
import { normalizeAxes } from "../../tensor/shape.js";
import { lift, record, type Tensor, type TensorLike } from "../tensor.js";

/** The gradient of a reduction: g (reduced shape) broadcast back to the input's shape. */
function spread(g: NDArray, inputShape: readonly number[], axes: readonly number[]): NDArray {
  const kept = inputShape.map((d, i) => (axes.includes(i) ? 1 : d));
  return nd.broadcastTo(g.reshape(kept), inputShape);
}

export function sum(x: TensorLike, axes?: number | readonly number[], keepDims = false): Tensor {
  const X = lift(x);
  const ax = normalizeAxes(axes, X.rank);
  return record("sum", [X], nd.sum(X.value, ax, keepDims), (g) => [spread(g, X.shape, ax)], { axes: ax });
}

export function mean(x: TensorLike, axes?: number | readonly number[], keepDims = false): Tensor {
  const X = lift(x);
  const ax = normalizeAxes(axes, X.rank);
  const count = ax.reduce((n, a) => n * X.shape[a], 1);
  const y = nd.div(nd.sum(X.value, ax, keepDims), count);
  return record("mean", [X], y, (g) => [nd.div(spread(g, X.shape, ax), count)], { axes: ax });
}

/** max over axes: the gradient goes to the position of each maximum (the first, on ties). */
export function max(x: TensorLike, axes?: number | readonly number[], keepDims = false): Tensor {
  const X = lift(x);
  const ax = normalizeAxes(axes, X.rank);
  const { values, indices } = nd.maxWithIndex(X.value, ax, keepDims);
  return record(
    "max",
    [X],
    values,
    (g) => {
      const gx = NDArray.zeros(X.shape, X.dtype);
      for (let i = 0; i < indices.length; i++) gx.data[indices[i]] += g.data[i];
      return [gx];
    },
    { axes: ax },
  );
}

/** Numerically stable log Σ exp along an axis; its gradient is the softmax. */
export function logSumExp(x: TensorLike, axis = -1, keepDims = false): Tensor {
  const X = lift(x);
  const [a] = normalizeAxes(axis, X.rank);
  const y = nd.logSumExp(X.value, a, keepDims);
  return record(
    "logsumexp",
    [X],
    y,
    (g) => {
      const yKept = y.reshape(X.shape.map((d, i) => (i === a ? 1 : d)));
      const probs = nd.unary("exp", nd.sub(X.value, yKept));
      return [nd.mul(spread(g, X.shape, [a]), probs)];
    },
    { axis: a },
  );
}

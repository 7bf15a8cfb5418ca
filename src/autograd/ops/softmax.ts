/** Softmax and log-softmax along an axis (stable forms from the backend). */
import * as nd from "../../backend/nd.js";
import { normalizeAxis } from "../../tensor/shape.js";
import { lift, record, type Tensor, type TensorLike } from "../tensor.js";

/** softmax: ∂E/∂z = y ⊙ (g − Σ g⊙y) along the axis. */
export function softmax(x: TensorLike, axis = -1): Tensor {
  const X = lift(x);
  const a = normalizeAxis(axis, X.rank);
  const y = nd.softmax(X.value, a);
  return record(
    "softmax",
    [X],
    y,
    (g) => {
      const dot = nd.sum(nd.mul(g, y), a, true);
      return [nd.mul(y, nd.sub(g, dot))];
    },
    { axis: a },
  );
}

/** log-softmax: ∂E/∂z = g − softmax(z) · Σ g along the axis. */
export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  const X = lift(x);
  const a = normalizeAxis(axis, X.rank);
  const y = nd.logSoftmax(X.value, a);
  return record(
    "log_softmax",
    [X],
    y,
    (g) => {
      const total = nd.sum(g, a, true);
      return [nd.sub(g, nd.mul(nd.unary("exp", y), total))];
    },
    { axis: a },
  );
}

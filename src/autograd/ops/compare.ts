/** Non-differentiable helpers for metrics: comparisons and argmax. Their results carry no graph. */
import * as nd from "../../backend/nd.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { liftPair } from "./elementwise.js";

function compare(op: "gt" | "ge" | "lt" | "le" | "eq", a: TensorLike, b: TensorLike): Tensor {
  const [A, B] = liftPair(a, b);
  return new Tensor(nd.binary(op, A.value, B.value), { op: "const" });
}

export const greater = (a: TensorLike, b: TensorLike): Tensor => compare("gt", a, b);
export const greaterEqual = (a: TensorLike, b: TensorLike): Tensor => compare("ge", a, b);
export const less = (a: TensorLike, b: TensorLike): Tensor => compare("lt", a, b);
export const lessEqual = (a: TensorLike, b: TensorLike): Tensor => compare("le", a, b);
export const equal = (a: TensorLike, b: TensorLike): Tensor => compare("eq", a, b);

/** Index of the largest entry along an axis (first on ties). */
export function argmax(x: TensorLike, axis = -1): Tensor {
  const [X] = liftPair(x, 0);
  return new Tensor(nd.argmax(X.value, axis), { op: "const" });
}

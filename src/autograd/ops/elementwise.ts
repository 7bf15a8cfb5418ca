/**
 * Elementwise operations. Binary ones broadcast, and their backward sums the gradient back down to each
 * input's shape ("add distributes, multiply swaps, max routes").
 */
import type { UnaryOp } from "../../backend/backend.js";
import * as nd from "../../backend/nd.js";
import { promote } from "../../tensor/dtype.js";
import type { NDArray } from "../../tensor/ndarray.js";
import { lift, record, type Tensor, type TensorLike } from "../tensor.js";

/** Lifts two operands; a bare number takes the other operand's dtype. */
export function liftPair(a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  const dtypeA = typeof a === "number" ? undefined : "dtype" in a ? a.dtype : undefined;
  const dtypeB = typeof b === "number" ? undefined : "dtype" in b ? b.dtype : undefined;
  const dtype = dtypeA && dtypeB ? promote(dtypeA, dtypeB) : (dtypeA ?? dtypeB ?? "float64");
  return [lift(a, dtype), lift(b, dtype)];
}

/** The gradient of a broadcast input: sum over the broadcast axes, in the input's dtype. */
export function unbroadcast(g: NDArray, input: Tensor): NDArray | null {
  if (!input.requiresGrad) return null;
  return nd.sumTo(g, input.shape).astype(input.dtype);
}

/** add: the gradient flows unchanged to both inputs (add distributes). */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [A, B] = liftPair(a, b);
  return record("add", [A, B], nd.add(A.value, B.value), (g) => [unbroadcast(g, A), unbroadcast(g, B)]);
}

export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [A, B] = liftPair(a, b);
  return record("sub", [A, B], nd.sub(A.value, B.value), (g) => [
    unbroadcast(g, A),
    B.requiresGrad ? unbroadcast(nd.unary("neg", g), B) : null,
  ]);
}

/** mul: each input receives the gradient times the other input (multiply swaps). */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [A, B] = liftPair(a, b);
  return record("mul", [A, B], nd.mul(A.value, B.value), (g) => [
    A.requiresGrad ? unbroadcast(nd.mul(g, B.value), A) : null,
    B.requiresGrad ? unbroadcast(nd.mul(g, A.value), B) : null,
  ]);
}

/** div: ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b². */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [A, B] = liftPair(a, b);
  const y = nd.div(A.value, B.value);
  return record("div", [A, B], y, (g) => [
    A.requiresGrad ? unbroadcast(nd.div(g, B.value), A) : null,
    B.requiresGrad ? unbroadcast(nd.unary("neg", nd.div(nd.mul(g, y), B.value)), B) : null,
  ]);
}

/** pow: ∂(aᵇ)/∂a = b·aᵇ⁻¹; ∂(aᵇ)/∂b = aᵇ·ln a (taken as 0 where a ≤ 0, where it is undefined). */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [A, B] = liftPair(a, b);
  const y = nd.binary("pow", A.value, B.value);
  return record(
    "pow",
    [A, B],
    y,
    (g) => [
      A.requiresGrad
        ? unbroadcast(nd.mul(g, nd.mul(B.value, nd.binary("pow", A.value, nd.sub(B.value, 1)))), A)
        : null,
      B.requiresGrad ? unbroadcast(nd.mul(nd.mul(g, y), safeLog(A.value)), B) : null,
    ],
    B.op === "const" && B.size === 1 ? { exponent: B.value.data[0] } : undefined,
  );
}

function safeLog(x: NDArray): NDArray {
  const out = nd.zerosLike(x);
  for (let i = 0; i < x.size; i++) out.data[i] = x.data[i] > 0 ? Math.log(x.data[i]) : 0;
  return out;
}

/** maximum routes the whole gradient to the larger input (the first one on ties). */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  const [A, B] = liftPair(a, b);
  const y = nd.binary("maximum", A.value, B.value);
  return record("maximum", [A, B], y, (g) => {
    const aWins = nd.binary("ge", A.value, B.value);
    return [
      A.requiresGrad ? unbroadcast(nd.mul(g, aWins), A) : null,
      B.requiresGrad ? unbroadcast(nd.mul(g, nd.sub(1, aWins)), B) : null,
    ];
  });
}

/** minimum routes the whole gradient to the smaller input (the first one on ties). */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const [A, B] = liftPair(a, b);
  const y = nd.binary("minimum", A.value, B.value);
  return record("minimum", [A, B], y, (g) => {
    const aWins = nd.binary("le", A.value, B.value);
    return [
      A.requiresGrad ? unbroadcast(nd.mul(g, aWins), A) : null,
      B.requiresGrad ? unbroadcast(nd.mul(g, nd.sub(1, aWins)), B) : null,
    ];
  });
}

/** A unary op whose derivative the backend knows (from x and y = f(x)). */
function unaryOp(op: UnaryOp, x: TensorLike, param?: number): Tensor {
  const X = lift(x);
  const y = nd.unary(op, X.value, param);
  return record(
    op,
    [X],
    y,
    (g) => [nd.unaryBackward(op, X.value, y, g, param)],
    param === undefined ? undefined : { slope: param },
  );
}

export const neg = (x: TensorLike): Tensor => unaryOp("neg", x);
export const exp = (x: TensorLike): Tensor => unaryOp("exp", x);
/** Natural logarithm. */
export const log = (x: TensorLike): Tensor => unaryOp("log", x);
export const sqrt = (x: TensorLike): Tensor => unaryOp("sqrt", x);
/** |x|, with the subgradient 0 at 0. */
export const abs = (x: TensorLike): Tensor => unaryOp("abs", x);
export const sin = (x: TensorLike): Tensor => unaryOp("sin", x);
export const cos = (x: TensorLike): Tensor => unaryOp("cos", x);
export const tan = (x: TensorLike): Tensor => unaryOp("tan", x);
/** σ(x) = 1/(1+e⁻ˣ); σ′ = σ(1−σ). */
export const sigmoid = (x: TensorLike): Tensor => unaryOp("sigmoid", x);
export const tanh = (x: TensorLike): Tensor => unaryOp("tanh", x);
/** max(0, x), with relu′(0) = 0. */
export const relu = (x: TensorLike): Tensor => unaryOp("relu", x);
/** x for x > 0, slope·x otherwise. */
export const leakyRelu = (x: TensorLike, slope = 0.01): Tensor => unaryOp("leaky_relu", x, slope);

/** Applies an activation by name (the names dense layers use). */
export function activation(name: UnaryOp, x: TensorLike, param?: number): Tensor {
  if (name === "linear") return lift(x);
  return unaryOp(name, x, param);
}

export function square(x: TensorLike): Tensor {
  return mul(x, x);
}

/** log(max(x, floor)): a log that stays finite for probabilities that underflow to 0 (no gradient below floor). */
export function clampLog(x: TensorLike, floor: number): Tensor {
  const X = lift(x);
  const clamped = nd.binary("maximum", X.value, floor);
  const y = nd.unary("log", clamped);
  return record("log", [X], y, (g) => [nd.mul(nd.div(g, clamped), nd.binary("ge", X.value, floor))], {
    floor,
  });
}

/**
 * Elementwise operations. Binary ones broadcast, and their backward sums the gradient back down to each
 * input's shape ("add distributes, multiply swaps, max routes").
 */
import { type Activation, elementwiseInfo } from "../../backend/activations.js";
import type { MathOp } from "../../backend/backend.js";
import * as nd from "../../backend/nd.js";
import { promote } from "../../tensor/dtype.js";
import type { NDArray } from "../../tensor/ndarray.js";
import { lift, record, type Tensor, type TensorLike } from "../tensor.js";
import { softmax } from "./softmax.js";

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

/**
 * pow: ∂(aᵇ)/∂a = b·aᵇ⁻¹; ∂(aᵇ)/∂b = aᵇ·ln a. At a = 0 the latter is taken as 0 (aᵇ is 0 there for b > 0, as
 * in PyTorch); for a < 0 it does not exist in the reals and is NaN.
 */
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
  for (let i = 0; i < x.size; i++) {
    const a = x.data[i];
    out.data[i] = a > 0 ? Math.log(a) : a === 0 ? 0 : Number.NaN;
  }
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

/**
 * A function of one input: the backend computes y = f(x); `derivative` gives ∂L/∂x from the upstream
 * gradient g, the input x and the output y (whichever is cheaper), written out here with the forward.
 */
function unaryOp(
  op: MathOp,
  x: TensorLike,
  derivative: (g: NDArray, x: NDArray, y: NDArray) => NDArray,
): Tensor {
  const X = lift(x);
  const y = nd.unary(op, X.value);
  return record(op, [X], y, (g) => [derivative(g, X.value, y)]);
}

/** −x; ∂/∂x = −1. */
export const neg = (x: TensorLike): Tensor => unaryOp("neg", x, (g) => nd.unary("neg", g));
/** eˣ; ∂/∂x = eˣ = y. */
export const exp = (x: TensorLike): Tensor => unaryOp("exp", x, (g, _x, y) => nd.mul(g, y));
/** Natural logarithm; ∂/∂x = 1/x. */
export const log = (x: TensorLike): Tensor => unaryOp("log", x, (g, x) => nd.div(g, x));
/** √x; ∂/∂x = 1/(2√x) = 0.5/y. */
export const sqrt = (x: TensorLike): Tensor => unaryOp("sqrt", x, (g, _x, y) => nd.div(nd.mul(g, 0.5), y));
/** |x|; ∂/∂x = sign(x), with the subgradient 0 at 0. */
export const abs = (x: TensorLike): Tensor =>
  unaryOp("abs", x, (g, x) => nd.mul(g, nd.sub(nd.binary("gt", x, 0), nd.binary("lt", x, 0))));
/** sin x; ∂/∂x = cos x. */
export const sin = (x: TensorLike): Tensor => unaryOp("sin", x, (g, x) => nd.mul(g, nd.unary("cos", x)));
/** cos x; ∂/∂x = −sin x. */
export const cos = (x: TensorLike): Tensor =>
  unaryOp("cos", x, (g, x) => nd.mul(g, nd.unary("neg", nd.unary("sin", x))));
/** tan x; ∂/∂x = 1 + tan² x = 1 + y². */
export const tan = (x: TensorLike): Tensor =>
  unaryOp("tan", x, (g, _x, y) => nd.mul(g, nd.add(1, nd.mul(y, y))));
/**
 * An activation from the table (backend/activations.ts): the backend computes y = f(x), and the backward
 * ∂L/∂x = g ⊙ f′(x, y) with the table's f′ (the backend's unaryBackward). `param` is the activation's own
 * (leaky relu's slope, elu's α, softplus's β; default the table's), recorded for graphs under its name.
 * softmax runs over the last axis; linear is the identity and adds no node.
 */
export function activation(name: Activation, x: TensorLike, param?: number): Tensor {
  if (name === "softmax") return softmax(x, -1);
  if (name === "linear") return lift(x);
  const X = lift(x);
  const info = elementwiseInfo(name)!;
  const p = param ?? info.param?.value;
  const y = nd.unary(name, X.value, p);
  return record(
    name,
    [X],
    y,
    (g) => [nd.unaryBackward(name, X.value, y, g, p)],
    info.param && p !== undefined ? { [info.param.name]: p } : undefined,
  );
}

/** σ(x) = 1/(1+e⁻ˣ); σ′ = y(1 − y). */
export const sigmoid = (x: TensorLike): Tensor => activation("sigmoid", x);
/** tanh x; ∂/∂x = 1 − y². */
export const tanh = (x: TensorLike): Tensor => activation("tanh", x);
/** max(0, x); ∂/∂x = 1 where x > 0, else 0 (relu′(0) = 0). */
export const relu = (x: TensorLike): Tensor => activation("relu", x);
/** x for x > 0, slope·x otherwise; ∂/∂x = 1 or slope (slope at 0). */
export const leakyRelu = (x: TensorLike, slope = 0.01): Tensor => activation("leaky_relu", x, slope);

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

import type { DType, FloatArray } from "../tensor/dtype.js";
import type { Shape } from "../tensor/shape.js";
import type { ElementwiseActivation } from "./activations.js";

/** Elementwise functions of one input that are not activations. */
export type MathOp = "neg" | "exp" | "log" | "sqrt" | "abs" | "sin" | "cos" | "tan";

/**
 * Elementwise functions of one input: the math ops and every activation but softmax (activations.ts), so
 * that a dense layer's activation is one kernel call. An activation with a parameter (leaky relu's slope,
 * elu's α, softplus's β) takes it as `param`, defaulting to the table's value.
 */
export type UnaryOp = MathOp | ElementwiseActivation;

/** Elementwise functions of two inputs, with NumPy broadcasting. Comparisons give 1 or 0. */
export type BinaryOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "maximum"
  | "minimum"
  | "gt"
  | "ge"
  | "lt"
  | "le"
  | "eq";

/** A dense layer's activation: an elementwise function, or softmax over each row. */
export type DenseActivation = UnaryOp | "softmax";

/** The layer below a dense layer, as its backward pass needs it: Δ⁽ˡ⁻¹⁾ = (Δ⁽ˡ⁾·W⁽ˡ⁾) ⊙ f′(Z⁽ˡ⁻¹⁾). */
export interface DenseBelow {
  activation: DenseActivation;
  /** Z⁽ˡ⁻¹⁾, rows × inputs */
  Z: FloatArray;
  /** Receives Δ⁽ˡ⁻¹⁾, rows × inputs */
  delta: FloatArray;
  /** the activation's parameter (activations.ts), if not its default */
  param?: number;
}

/**
 * The numeric kernels. Every array is contiguous and row-major; outputs are preallocated by the
 * caller and must not alias inputs unless a kernel says so. float32 and float64 arrays are both
 * accepted, but all arrays of one call have the same type.
 *
 * The reference backend implements all of it in plain TypeScript; faster backends override the hot
 * kernels (gemm, the dense-layer helpers, elementwise maps) and inherit the rest.
 */
export interface Backend {
  readonly name: string;

  /**
   * GEMM: C ← α·op(A)·op(B) + β·C, with op(A) of shape m×k and op(B) of shape k×n.
   * transA means A is stored k×m; transB means B is stored n×k. With β = 0, C's old contents are ignored
   * (even NaN). These three layouts are backprop's: Z = X·Wᵀ (transB), ∇W = Δᵀ·A (transA), Δ·W (none).
   */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: FloatArray,
    b: FloatArray,
    beta: number,
    c: FloatArray,
  ): void;

  /** out[i] = f(x[i]). out may be x (in place). */
  unary(op: UnaryOp, x: FloatArray, out: FloatArray, param?: number): void;

  /**
   * out[i] = gy[i]·f′(x[i]), given the input x and the output y = f(x) (whichever is cheaper to use).
   * relu′(0) = 0, step′ = 0, abs′(0) = 0. out may be gy (in place).
   */
  unaryBackward(
    op: UnaryOp,
    x: FloatArray,
    y: FloatArray,
    gy: FloatArray,
    out: FloatArray,
    param?: number,
  ): void;

  /** out = a ⊙ b elementwise with broadcasting of aShape and bShape to outShape. */
  binary(
    op: BinaryOp,
    a: FloatArray,
    aShape: Shape,
    b: FloatArray,
    bShape: Shape,
    out: FloatArray,
    outShape: Shape,
  ): void;

  /** Sum of x over `axes` (sorted, unique); out has x's size with those axes removed. */
  sum(x: FloatArray, shape: Shape, axes: readonly number[], out: FloatArray): void;

  /** Max of x over `axes`; argOut, if given, receives the flat index in x of each maximum (first on ties). */
  max(x: FloatArray, shape: Shape, axes: readonly number[], out: FloatArray, argOut?: Int32Array): void;

  /** Softmax of each row of a rows×cols matrix, computed stably (max subtracted). */
  softmax(x: FloatArray, rows: number, cols: number, out: FloatArray): void;

  /** log-softmax of each row, stably: z − max − log Σ exp(z − max). */
  logSoftmax(x: FloatArray, rows: number, cols: number, out: FloatArray): void;

  /** log Σ exp of each row, stably; out has `rows` elements. */
  logSumExp(x: FloatArray, rows: number, cols: number, out: FloatArray): void;

  /** Permutes the axes of x (out has the permuted shape). */
  transpose(x: FloatArray, shape: Shape, perm: readonly number[], out: FloatArray): void;

  /** Dense-layer helper: z[r, c] += bias[c] for a rows×cols matrix, in place. */
  addRowVector(z: FloatArray, bias: FloatArray, rows: number, cols: number): void;

  /** Dense-layer helper: out[c] = α·Σ_r x[r, c] + β·out[c] (∇b = Σ rows of Δ). */
  sumRows(x: FloatArray, rows: number, cols: number, alpha: number, beta: number, out: FloatArray): void;

  /**
   * A dense layer's forward pass on a batch (the notes' z = W·a + b, a = f(z), examples as rows):
   * Z = X·Wᵀ + b and A = f(Z). X is rows × inputs, W units × inputs, b has `units` values, Z and A are
   * rows × units. `param` is the activation's parameter (default: the table's).
   */
  denseForward(
    X: FloatArray,
    W: FloatArray,
    b: FloatArray,
    rows: number,
    units: number,
    inputs: number,
    activation: DenseActivation,
    Z: FloatArray,
    A: FloatArray,
    param?: number,
  ): void;

  /**
   * A dense layer's backward pass, given Δ = ∂E/∂Z (rows × units) and the layer's input X (the A of the
   * layer below): ∇W = Δᵀ·X (units × inputs), ∇b = Σ rows of Δ, and, when `below` is given, that layer's
   * Δ = (Δ·W) ⊙ f′(Z below), with f′ read through X. Nothing is computed for the input data itself.
   */
  denseBackward(
    delta: FloatArray,
    X: FloatArray,
    W: FloatArray,
    rows: number,
    units: number,
    inputs: number,
    gradW: FloatArray,
    gradB: FloatArray,
    below?: DenseBelow,
  ): void;

  /** out[i] = a[i] + α·b[i]: the update step w ← w − η·g with α = −η. out may be a. */
  axpy(alpha: number, b: FloatArray, a: FloatArray, out: FloatArray): void;

  /**
   * A zeroed array the backend uses without copying (the wasm backend places float32 arrays in its own
   * memory; the reference backend returns a plain typed array). Allocate long-lived buffers (weights,
   * gradients, activations) here once. Optional so that minimal backends can leave it out.
   */
  allocate?(dtype: DType, length: number): FloatArray;

  /**
   * True if x lives in the backend's own memory and is used without copying (optional: a backend without it
   * uses every array in place).
   */
  resident?(x: FloatArray): boolean;

  /** Gives an array from `allocate` back to the backend; the array must not be used afterwards. */
  release?(x: FloatArray): void;
}

import { allocate, type DType, type FloatArray } from "../tensor/dtype.js";
import { type Shape, sizeOf, stridesOf } from "../tensor/shape.js";
import { elementwiseInfo } from "./activations.js";
import type { Backend, BinaryOp, DenseActivation, DenseBelow, MathOp, UnaryOp } from "./backend.js";
import { activationBackward, broadcastStrides, paramOf } from "./shared.js";

/** A unary op's f(x, p) and f′ through x and y = f(x). */
export interface UnaryKernel {
  f(x: number, p: number): number;
  df(x: number, y: number, p: number): number;
}

/** A unary kernel with the parameter it runs with when the caller gives none (the table's default, else 0). */
interface ResolvedKernel extends UnaryKernel {
  readonly p: number;
}

/**
 * The reference backend: plain loops, written to be read. Every other backend is tested against it.
 */
export class ReferenceBackend implements Backend {
  readonly name: string = "reference";
  /** A float64 accumulator reused across calls, so that kernels allocate nothing per step. */
  private scratch = new Float64Array(64);

  private accumulator(length: number): Float64Array {
    if (this.scratch.length < length)
      this.scratch = new Float64Array(Math.max(length, 2 * this.scratch.length));
    const acc = this.scratch;
    acc.fill(0, 0, length);
    return acc;
  }

  /** A plain zeroed typed array. */
  allocate(dtype: DType, length: number): FloatArray {
    return allocate(dtype, length);
  }

  /** Every array is used in place. */
  resident(_x: FloatArray): boolean {
    return true;
  }

  /** Nothing to do: plain arrays are garbage-collected. */
  release(_x: FloatArray): void {}

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
  ): void {
    // Element (i, p) of op(A) and (p, j) of op(B), for row-major storage.
    const aStrideI = transA ? 1 : k;
    const aStrideP = transA ? m : 1;
    const bStrideP = transB ? 1 : n;
    const bStrideJ = transB ? k : 1;
    const row = this.accumulator(n);
    for (let i = 0; i < m; i++) {
      row.fill(0, 0, n);
      // i-p-j order: the inner loop walks a row of B contiguously in the common (non-transposed) case.
      for (let p = 0; p < k; p++) {
        const aip = a[i * aStrideI + p * aStrideP];
        if (aip === 0) continue;
        const bBase = p * bStrideP;
        for (let j = 0; j < n; j++) row[j] += aip * b[bBase + j * bStrideJ];
      }
      const cBase = i * n;
      for (let j = 0; j < n; j++) {
        c[cBase + j] = beta === 0 ? alpha * row[j] : alpha * row[j] + beta * c[cBase + j];
      }
    }
  }

  unary(op: UnaryOp, x: FloatArray, out: FloatArray, param?: number): void {
    const k = resolvedKernel(op);
    const f = k.f;
    const p = param ?? k.p;
    for (let i = 0; i < x.length; i++) out[i] = f(x[i], p);
  }

  unaryBackward(
    op: UnaryOp,
    x: FloatArray,
    y: FloatArray,
    gy: FloatArray,
    out: FloatArray,
    param?: number,
  ): void {
    const k = resolvedKernel(op);
    const df = k.df;
    const p = param ?? k.p;
    for (let i = 0; i < gy.length; i++) out[i] = gy[i] * df(x[i], y[i], p);
  }

  binary(
    op: BinaryOp,
    a: FloatArray,
    aShape: Shape,
    b: FloatArray,
    bShape: Shape,
    out: FloatArray,
    outShape: Shape,
  ): void {
    const f = binaryFunction(op);
    if (a.length === out.length && b.length === out.length) {
      for (let i = 0; i < out.length; i++) out[i] = f(a[i], b[i]);
      return;
    }
    if (b.length === 1 && a.length === out.length) {
      const s = b[0];
      for (let i = 0; i < out.length; i++) out[i] = f(a[i], s);
      return;
    }
    if (a.length === 1 && b.length === out.length) {
      const s = a[0];
      for (let i = 0; i < out.length; i++) out[i] = f(s, b[i]);
      return;
    }
    // General case: walk the output index and map it to each input through broadcast strides.
    const aStrides = broadcastStrides(aShape, outShape);
    const bStrides = broadcastStrides(bShape, outShape);
    const rank = outShape.length;
    const index = new Array<number>(rank).fill(0);
    let ia = 0;
    let ib = 0;
    for (let o = 0; o < out.length; o++) {
      out[o] = f(a[ia], b[ib]);
      // Increment the multi-index like an odometer, updating both input offsets.
      for (let d = rank - 1; d >= 0; d--) {
        index[d]++;
        ia += aStrides[d];
        ib += bStrides[d];
        if (index[d] < outShape[d]) break;
        ia -= aStrides[d] * outShape[d];
        ib -= bStrides[d] * outShape[d];
        index[d] = 0;
      }
    }
  }

  sum(x: FloatArray, shape: Shape, axes: readonly number[], out: FloatArray): void {
    out.fill(0);
    const map = reductionMap(shape, axes);
    for (let i = 0; i < x.length; i++) out[map(i)] += x[i];
  }

  max(x: FloatArray, shape: Shape, axes: readonly number[], out: FloatArray, argOut?: Int32Array): void {
    const seen = new Uint8Array(out.length);
    const map = reductionMap(shape, axes);
    for (let i = 0; i < x.length; i++) {
      const o = map(i);
      const v = x[i];
      // Strict > keeps the first maximum; a NaN, once taken, stays (NaN propagates).
      if (!seen[o] || v > out[o] || (Number.isNaN(v) && !Number.isNaN(out[o]))) {
        out[o] = v;
        if (argOut) argOut[o] = i;
        seen[o] = 1;
      }
    }
  }

  softmax(x: FloatArray, rows: number, cols: number, out: FloatArray): void {
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < cols; c++) max = Math.max(max, x[base + c]);
      let total = 0;
      for (let c = 0; c < cols; c++) {
        const e = Math.exp(x[base + c] - max);
        out[base + c] = e;
        total += e;
      }
      for (let c = 0; c < cols; c++) out[base + c] /= total;
    }
  }

  logSoftmax(x: FloatArray, rows: number, cols: number, out: FloatArray): void {
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      const lse = rowLogSumExp(x, base, cols);
      for (let c = 0; c < cols; c++) out[base + c] = x[base + c] - lse;
    }
  }

  logSumExp(x: FloatArray, rows: number, cols: number, out: FloatArray): void {
    for (let r = 0; r < rows; r++) out[r] = rowLogSumExp(x, r * cols, cols);
  }

  transpose(x: FloatArray, shape: Shape, perm: readonly number[], out: FloatArray): void {
    const rank = shape.length;
    const inStrides = stridesOf(shape);
    const outShape = perm.map((p) => shape[p]);
    const strideOfOutAxis = perm.map((p) => inStrides[p]);
    const index = new Array<number>(rank).fill(0);
    let src = 0;
    const n = sizeOf(shape);
    for (let o = 0; o < n; o++) {
      out[o] = x[src];
      for (let d = rank - 1; d >= 0; d--) {
        index[d]++;
        src += strideOfOutAxis[d];
        if (index[d] < outShape[d]) break;
        src -= strideOfOutAxis[d] * outShape[d];
        index[d] = 0;
      }
    }
  }

  addRowVector(z: FloatArray, bias: FloatArray, rows: number, cols: number): void {
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      for (let c = 0; c < cols; c++) z[base + c] += bias[c];
    }
  }

  sumRows(x: FloatArray, rows: number, cols: number, alpha: number, beta: number, out: FloatArray): void {
    const acc = this.accumulator(cols);
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      for (let c = 0; c < cols; c++) acc[c] += x[base + c];
    }
    for (let c = 0; c < cols; c++) out[c] = beta === 0 ? alpha * acc[c] : alpha * acc[c] + beta * out[c];
  }

  axpy(alpha: number, b: FloatArray, a: FloatArray, out: FloatArray): void {
    for (let i = 0; i < a.length; i++) out[i] = a[i] + alpha * b[i];
  }

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
  ): void {
    // z_j = b_j + Σ_i w_ji·x_i for every example (row), summed in float64.
    for (let r = 0; r < rows; r++) {
      const x0 = r * inputs;
      const z0 = r * units;
      for (let j = 0; j < units; j++) {
        const w0 = j * inputs;
        let z = b[j];
        for (let i = 0; i < inputs; i++) z += W[w0 + i] * X[x0 + i];
        Z[z0 + j] = z;
      }
    }
    if (activation === "softmax") {
      this.softmax(Z, rows, units, A);
      return;
    }
    const k = resolvedKernel(activation);
    const f = k.f;
    const p = param ?? k.p;
    for (let k = 0; k < rows * units; k++) A[k] = f(Z[k], p);
  }

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
  ): void {
    // ∇w_ji = Σ_r δ_rj·x_ri (Δᵀ·X) and ∇b_j = Σ_r δ_rj, each summed in float64.
    for (let j = 0; j < units; j++) {
      for (let i = 0; i < inputs; i++) {
        let g = 0;
        for (let r = 0; r < rows; r++) g += delta[r * units + j] * X[r * inputs + i];
        gradW[j * inputs + i] = g;
      }
      let g = 0;
      for (let r = 0; r < rows; r++) g += delta[r * units + j];
      gradB[j] = g;
    }
    if (!below) return;
    // The layer below: δ_ri = (Σ_j δ_rj·w_ji) · f′(z_ri), with f′ read through z and a = x.
    const out = below.delta;
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < inputs; i++) {
        let d = 0;
        for (let j = 0; j < units; j++) d += delta[r * units + j] * W[j * inputs + i];
        out[r * inputs + i] = d;
      }
    }
    activationBackward(this, below.activation, below.Z, X, out, rows, inputs, below.param);
  }
}

function rowLogSumExp(x: FloatArray, base: number, cols: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < cols; c++) max = Math.max(max, x[base + c]);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let total = 0;
  for (let c = 0; c < cols; c++) total += Math.exp(x[base + c] - max);
  return max + Math.log(total);
}

/** Maps a flat index of x to the flat index of the reduced output (axes removed). */
function reductionMap(shape: Shape, axes: readonly number[]): (i: number) => number {
  const strides = stridesOf(shape);
  const kept = shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const keptStrides = stridesOf(kept.map((d) => shape[d]));
  return (i: number) => {
    let o = 0;
    for (let k = 0; k < kept.length; k++) {
      const d = kept[k];
      o += (Math.floor(i / strides[d]) % shape[d]) * keptStrides[k];
    }
    return o;
  };
}

/** f and f′ of the unary ops that are not activations (the activations' are in activations.ts). */
const MATH: Readonly<Record<MathOp, UnaryKernel>> = {
  neg: { f: (x) => -x, df: () => -1 },
  exp: { f: Math.exp, df: (_x, y) => y },
  log: { f: Math.log, df: (x) => 1 / x },
  sqrt: { f: Math.sqrt, df: (_x, y) => 0.5 / y },
  abs: { f: Math.abs, df: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0) },
  sin: { f: Math.sin, df: Math.cos },
  cos: { f: Math.cos, df: (x) => -Math.sin(x) },
  tan: { f: Math.tan, df: (_x, y) => 1 + y * y },
};

/** f(x, p) and f′(x, y, p) of a unary op, from the activation table or the math ops above. */
export function unaryKernel(op: UnaryOp): UnaryKernel {
  return elementwiseInfo(op) ?? MATH[op as MathOp];
}

// Every kernel call of a tiny network's step asks for its kernel and default parameter (a dozen a step): one
// Map lookup for both, resolved when first asked.
const RESOLVED = new Map<string, ResolvedKernel>();

function resolvedKernel(op: UnaryOp): ResolvedKernel {
  let k = RESOLVED.get(op);
  if (k === undefined) {
    const { f, df } = unaryKernel(op);
    k = { f, df, p: paramOf(op, undefined) };
    RESOLVED.set(op, k);
  }
  return k;
}

export function binaryFunction(op: BinaryOp): (a: number, b: number) => number {
  switch (op) {
    case "add":
      return (a, b) => a + b;
    case "sub":
      return (a, b) => a - b;
    case "mul":
      return (a, b) => a * b;
    case "div":
      return (a, b) => a / b;
    case "pow":
      return Math.pow;
    case "maximum":
      return (a, b) => (a >= b || Number.isNaN(a) ? a : b);
    case "minimum":
      return (a, b) => (a <= b || Number.isNaN(a) ? a : b);
    case "gt":
      return (a, b) => (a > b ? 1 : 0);
    case "ge":
      return (a, b) => (a >= b ? 1 : 0);
    case "lt":
      return (a, b) => (a < b ? 1 : 0);
    case "le":
      return (a, b) => (a <= b ? 1 : 0);
    case "eq":
      return (a, b) => (a === b ? 1 : 0);
  }
}

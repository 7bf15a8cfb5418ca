/**
 * NDArray-level arithmetic: allocates outputs, handles broadcasting, dtype promotion and axes, and hands
 * the loops to the current backend. Not differentiable: the autograd layer builds on these.
 */
import { type DType, promote } from "../tensor/dtype.js";
import { NDArray } from "../tensor/ndarray.js";
import {
  broadcastShapes,
  formatShape,
  normalizeAxes,
  normalizeAxis,
  type Shape,
  ShapeError,
  shapesEqual,
  sizeOf,
} from "../tensor/shape.js";
import { localizedError } from "../util/i18n.js";
import type { BinaryOp, UnaryOp } from "./backend.js";
import { getBackend } from "./registry.js";
import { broadcastStrides } from "./shared.js";

export type Operand = NDArray | number;

function asArray(x: Operand, dtype: DType): NDArray {
  return typeof x === "number" ? NDArray.scalar(x, dtype) : x;
}

function dtypeOfOperands(a: Operand, b: Operand): DType {
  if (typeof a === "number") return typeof b === "number" ? "float64" : b.dtype;
  if (typeof b === "number") return a.dtype;
  return promote(a.dtype, b.dtype);
}

export function unary(op: UnaryOp, x: NDArray, param?: number): NDArray {
  const out = NDArray.zeros(x.shape, x.dtype);
  getBackend().unary(op, x.data, out.data, param);
  return out;
}

/** gy ⊙ f′(x), given y = f(x). */
export function unaryBackward(op: UnaryOp, x: NDArray, y: NDArray, gy: NDArray, param?: number): NDArray {
  const out = NDArray.zeros(gy.shape, gy.dtype);
  getBackend().unaryBackward(op, x.data, y.data, gy.data, out.data, param);
  return out;
}

export function binary(op: BinaryOp, a: Operand, b: Operand): NDArray {
  const dtype = dtypeOfOperands(a, b);
  const A = asArray(a, dtype).astype(dtype);
  const B = asArray(b, dtype).astype(dtype);
  const shape = broadcastShapes(A.shape, B.shape);
  const out = NDArray.zeros(shape, dtype);
  getBackend().binary(op, A.data, A.shape, B.data, B.shape, out.data, shape);
  return out;
}

export const add = (a: Operand, b: Operand): NDArray => binary("add", a, b);
export const sub = (a: Operand, b: Operand): NDArray => binary("sub", a, b);
export const mul = (a: Operand, b: Operand): NDArray => binary("mul", a, b);
export const div = (a: Operand, b: Operand): NDArray => binary("div", a, b);

/** Output shape of a reduction over `axes`, with the reduced axes kept as 1 or dropped. */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  return keepDims
    ? shape.map((d, i) => (axes.includes(i) ? 1 : d))
    : shape.filter((_, i) => !axes.includes(i));
}

export function sum(x: NDArray, axes?: number | readonly number[], keepDims = false): NDArray {
  const ax = normalizeAxes(axes, x.rank);
  const out = NDArray.zeros(reducedShape(x.shape, ax, keepDims), x.dtype);
  getBackend().sum(x.data, x.shape, ax, out.data);
  return out;
}

/** Max over axes, with the flat index (into x) of each maximum. */
export function maxWithIndex(
  x: NDArray,
  axes?: number | readonly number[],
  keepDims = false,
): { values: NDArray; indices: Int32Array } {
  const ax = normalizeAxes(axes, x.rank);
  if (ax.some((a) => x.shape[a] === 0))
    throw localizedError(ShapeError, "maxEmptyAxis", formatShape(x.shape));
  const values = NDArray.zeros(reducedShape(x.shape, ax, keepDims), x.dtype);
  const indices = new Int32Array(values.size);
  getBackend().max(x.data, x.shape, ax, values.data, indices);
  return { values, indices };
}

/**
 * Sums a broadcast result back down to `shape`: the gradient of broadcasting.
 * Leading axes that broadcasting added are summed away, and so are axes where `shape` has 1.
 */
export function sumTo(x: NDArray, shape: Shape): NDArray {
  if (shapesEqual(x.shape, shape)) return x;
  const lead = x.rank - shape.length;
  const axes: number[] = [];
  for (let d = 0; d < x.rank; d++) {
    if (d < lead || (shape[d - lead] === 1 && x.shape[d] !== 1)) axes.push(d);
  }
  const out = NDArray.zeros(shape, x.dtype);
  getBackend().sum(x.data, x.shape, axes, out.data);
  return out;
}

/** Broadcasts x to `shape` (materialised copy). */
export function broadcastTo(x: NDArray, shape: Shape): NDArray {
  if (shapesEqual(x.shape, shape)) return x;
  const target = broadcastShapes(x.shape, shape);
  if (!shapesEqual(target, shape)) {
    throw localizedError(ShapeError, "broadcastTo", formatShape(x.shape), formatShape(shape));
  }
  const zero = NDArray.zeros([], x.dtype);
  const out = NDArray.zeros(shape, x.dtype);
  getBackend().binary("add", x.data, x.shape, zero.data, zero.shape, out.data, shape);
  return out;
}

export function transpose(x: NDArray, perm?: readonly number[]): NDArray {
  const p = perm ?? defaultPerm(x.rank);
  if (p.length !== x.rank || [...p].sort((a, b) => a - b).some((v, i) => v !== i)) {
    throw localizedError(ShapeError, "notPermutation", JSON.stringify(p), formatShape(x.shape));
  }
  const out = NDArray.zeros(
    p.map((a) => x.shape[a]),
    x.dtype,
  );
  getBackend().transpose(x.data, x.shape, p, out.data);
  return out;
}

/** Swaps the last two axes (a vector stays as it is). */
export function defaultPerm(rank: number): number[] {
  const p = Array.from({ length: rank }, (_, i) => i);
  if (rank >= 2) [p[rank - 2], p[rank - 1]] = [p[rank - 1], p[rank - 2]];
  return p;
}

export function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inv[p] = i;
  });
  return inv;
}

/**
 * Matrix product with batching: a is [..., m, k] (or [..., k, m] with transA), b is [..., k, n]
 * (or [..., n, k] with transB); batch axes broadcast. Both operands must have rank ≥ 2.
 */
export function matmul(a: NDArray, b: NDArray, transA = false, transB = false): NDArray {
  if (a.rank < 2 || b.rank < 2) throw localizedError(ShapeError, "matmulRank");
  const dtype = promote(a.dtype, b.dtype);
  const A = a.astype(dtype);
  const B = b.astype(dtype);
  const [ar, ac] = A.shape.slice(-2);
  const [br, bc] = B.shape.slice(-2);
  const m = transA ? ac : ar;
  const k = transA ? ar : ac;
  const kb = transB ? bc : br;
  const n = transB ? br : bc;
  if (k !== kb) {
    throw localizedError(ShapeError, "matmulAlign", formatShape(a.shape), formatShape(b.shape), k, kb);
  }
  const batchA = A.shape.slice(0, -2);
  const batchB = B.shape.slice(0, -2);
  const batch = broadcastShapes(batchA, batchB);
  const out = NDArray.zeros([...batch, m, n], dtype);
  const backend = getBackend();
  const count = sizeOf(batch);
  if (count === 1) {
    backend.gemm(transA, transB, m, n, k, 1, A.data, B.data, 0, out.data);
    return out;
  }
  const sa = broadcastStrides(batchA, batch);
  const sb = broadcastStrides(batchB, batch);
  const aSize = ar * ac;
  const bSize = br * bc;
  const index = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < count; t++) {
    let ia = 0;
    let ib = 0;
    for (let d = 0; d < batch.length; d++) {
      ia += index[d] * sa[d];
      ib += index[d] * sb[d];
    }
    backend.gemm(
      transA,
      transB,
      m,
      n,
      k,
      1,
      A.data.subarray(ia * aSize, (ia + 1) * aSize),
      B.data.subarray(ib * bSize, (ib + 1) * bSize),
      0,
      out.data.subarray(t * m * n, (t + 1) * m * n),
    );
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++index[d] < batch[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

type RowKernel = "softmax" | "logSoftmax";

/** Applies a row kernel along `axis` by moving that axis last when it is not already. */
function alongAxis(x: NDArray, axis: number, kernel: RowKernel): NDArray {
  const ax = normalizeAxis(axis, x.rank);
  const last = x.rank - 1;
  const perm = Array.from({ length: x.rank }, (_, i) => i);
  perm[ax] = last;
  perm[last] = ax;
  const moved = ax === last ? x : transpose(x, perm);
  const cols = moved.shape[last] ?? 1;
  const rows = cols === 0 ? 0 : moved.size / cols;
  const out = NDArray.zeros(moved.shape, moved.dtype);
  getBackend()[kernel](moved.data, rows, cols, out.data);
  return ax === last ? out : transpose(out, perm);
}

export function softmax(x: NDArray, axis = -1): NDArray {
  return alongAxis(x, axis, "softmax");
}

export function logSoftmax(x: NDArray, axis = -1): NDArray {
  return alongAxis(x, axis, "logSoftmax");
}

/** log Σ exp over one axis (the reduced axis kept as 1 if keepDims). */
export function logSumExp(x: NDArray, axis = -1, keepDims = false): NDArray {
  const ax = normalizeAxis(axis, x.rank);
  const last = x.rank - 1;
  const perm = Array.from({ length: x.rank }, (_, i) => i);
  perm[ax] = last;
  perm[last] = ax;
  const moved = ax === last ? x : transpose(x, perm);
  const cols = moved.shape[last];
  const rows = cols === 0 ? 0 : moved.size / cols;
  const out = NDArray.zeros(reducedShape(x.shape, [ax], keepDims), x.dtype);
  getBackend().logSumExp(moved.data, rows, cols, out.data);
  return out;
}

/** Concatenates along an axis. */
export function concat(parts: readonly NDArray[], axis = 0): NDArray {
  if (parts.length === 0) throw localizedError(ShapeError, "concatNone", "array");
  const first = parts[0];
  const ax = normalizeAxis(axis, first.rank);
  const dtype = parts.map((p) => p.dtype).reduce(promote);
  for (const p of parts) {
    if (p.rank !== first.rank || p.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw localizedError(ShapeError, "concatShape", formatShape(p.shape), formatShape(first.shape), ax);
    }
  }
  const total = parts.reduce((s, p) => s + p.shape[ax], 0);
  const shape = first.shape.map((d, i) => (i === ax ? total : d));
  const out = NDArray.zeros(shape, dtype);
  const outer = sizeOf(first.shape.slice(0, ax));
  const inner = sizeOf(first.shape.slice(ax + 1));
  let offset = 0;
  for (const p of parts) {
    const block = p.shape[ax] * inner;
    for (let o = 0; o < outer; o++) {
      out.data.set(p.data.subarray(o * block, (o + 1) * block), o * total * inner + offset);
    }
    offset += block;
  }
  return out;
}

/** Slices [start, end) along an axis (a copy). */
export function slice(x: NDArray, start: number, end: number, axis = 0): NDArray {
  const ax = normalizeAxis(axis, x.rank);
  const len = x.shape[ax];
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= len)) {
    throw localizedError(ShapeError, "sliceRange", start, end, ax, len);
  }
  const outer = sizeOf(x.shape.slice(0, ax));
  const inner = sizeOf(x.shape.slice(ax + 1));
  const shape = x.shape.map((d, i) => (i === ax ? end - start : d));
  const out = NDArray.zeros(shape, x.dtype);
  const block = (end - start) * inner;
  for (let o = 0; o < outer; o++) {
    out.data.set(x.data.subarray((o * len + start) * inner, (o * len + end) * inner), o * block);
  }
  return out;
}

/** Rows (entries along axis 0) picked by index, in the given order; indices may repeat. */
export function gatherRows(x: NDArray, indices: ArrayLike<number>): NDArray {
  const rowSize = sizeOf(x.shape.slice(1));
  const out = NDArray.zeros([indices.length, ...x.shape.slice(1)], x.dtype);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= x.shape[0]) {
      throw localizedError(ShapeError, "rowIndex", r, x.shape[0]);
    }
    out.data.set(x.data.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize);
  }
  return out;
}

/** The gradient of gatherRows: adds each row of g into its source row (repeated indices accumulate). */
export function scatterAddRows(g: NDArray, indices: ArrayLike<number>, rows: number): NDArray {
  const rowSize = sizeOf(g.shape.slice(1));
  const out = NDArray.zeros([rows, ...g.shape.slice(1)], g.dtype);
  for (let i = 0; i < indices.length; i++) {
    const dst = indices[i] * rowSize;
    for (let j = 0; j < rowSize; j++) out.data[dst + j] += g.data[i * rowSize + j];
  }
  return out;
}

/** Index of the maximum along an axis (as float values, for metrics). */
export function argmax(x: NDArray, axis = -1): NDArray {
  const ax = normalizeAxis(axis, x.rank);
  const { indices } = maxWithIndex(x, ax);
  const stride = sizeOf(x.shape.slice(ax + 1));
  const out = NDArray.zeros(reducedShape(x.shape, [ax], false), x.dtype);
  for (let i = 0; i < indices.length; i++) out.data[i] = Math.floor(indices[i] / stride) % x.shape[ax];
  return out;
}

export function zerosLike(x: NDArray): NDArray {
  return NDArray.zeros(x.shape, x.dtype);
}

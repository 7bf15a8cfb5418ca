import { localizedError } from "../util/i18n.js";
import { allocate, type DType, dtypeOf, type FloatArray } from "./dtype.js";
import { checkShape, formatShape, type Shape, ShapeError, sizeOf } from "./shape.js";

/** Nested number arrays as users write them: 3, [1, 2], [[1, 2], [3, 4]], ... */
export type NestedArray = number | readonly NestedArray[];

/** The plain JavaScript value of an array of rank R: number, number[], number[][], ... (up to rank 4). */
export type ArrayOfRank<R extends number> = R extends 0
  ? number
  : R extends 1
    ? number[]
    : R extends 2
      ? number[][]
      : R extends 3
        ? number[][][]
        : R extends 4
          ? number[][][][]
          : NestedArray;

/**
 * Plain n-dimensional storage: a contiguous row-major typed array and a shape.
 * No gradients here; the autograd layer wraps NDArrays in graph nodes.
 */
export class NDArray {
  readonly data: FloatArray;
  readonly shape: readonly number[];

  constructor(data: FloatArray, shape: Shape) {
    checkShape(shape);
    if (data.length !== sizeOf(shape)) {
      throw localizedError(ShapeError, "dataShape", data.length, formatShape(shape));
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
  }

  get dtype(): DType {
    return dtypeOf(this.data);
  }
  get rank(): number {
    return this.shape.length;
  }
  get size(): number {
    return this.data.length;
  }

  static zeros(shape: Shape, dtype: DType = "float32"): NDArray {
    return new NDArray(allocate(dtype, sizeOf(shape)), shape);
  }
  static full(shape: Shape, value: number, dtype: DType = "float32"): NDArray {
    const a = NDArray.zeros(shape, dtype);
    a.data.fill(value);
    return a;
  }
  static scalar(value: number, dtype: DType = "float32"): NDArray {
    return NDArray.full([], value, dtype);
  }

  /** Builds from nested arrays; ragged input is rejected with the path of the first mismatch. */
  static from(values: NestedArray | FloatArray, dtype: DType = "float32"): NDArray {
    if (values instanceof Float32Array || values instanceof Float64Array) {
      const data = allocate(dtype, values.length);
      data.set(values);
      return new NDArray(data, [values.length]);
    }
    const shape = inferShape(values);
    const data = allocate(dtype, sizeOf(shape));
    let k = 0;
    const fill = (v: NestedArray, depth: number, path: string): void => {
      if (depth === shape.length) {
        if (typeof v !== "number") throw localizedError(ShapeError, "nestedNumber", path);
        data[k++] = v;
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) {
        throw localizedError(
          ShapeError,
          "nestedItems",
          path,
          shape[depth],
          Array.isArray(v) ? String(v.length) : typeof v,
        );
      }
      for (let i = 0; i < v.length; i++) fill(v[i], depth + 1, `${path}[${i}]`);
    };
    fill(values, 0, "");
    return new NDArray(data, shape);
  }

  /** The single value of a one-element array. */
  item(): number {
    if (this.size !== 1) throw localizedError(ShapeError, "itemOfMany", formatShape(this.shape));
    return this.data[0];
  }

  /**
   * Nested JavaScript arrays (a number for a scalar). Given the rank it expects, `toArray(2)` is typed number[][]
   * (and so on up to 4) and throws a ShapeError if the array has another rank.
   */
  toArray(): NestedArray;
  toArray<R extends 0 | 1 | 2 | 3 | 4>(rank: R): ArrayOfRank<R>;
  toArray(rank?: number): NestedArray {
    if (rank !== undefined && rank !== this.rank) {
      throw localizedError(ShapeError, "toArrayRank", rank, this.rank, formatShape(this.shape));
    }
    if (this.rank === 0) return this.data[0];
    const build = (offset: number, depth: number): NestedArray => {
      const n = this.shape[depth];
      if (depth === this.rank - 1) return Array.from(this.data.subarray(offset, offset + n));
      const step = sizeOf(this.shape.slice(depth + 1));
      const out: NestedArray[] = [];
      for (let i = 0; i < n; i++) out.push(build(offset + i * step, depth + 1));
      return out;
    };
    return build(0, 0);
  }

  /** A view with another shape of the same size (shares data). */
  reshape(shape: Shape): NDArray {
    return new NDArray(this.data, shape);
  }

  clone(): NDArray {
    return new NDArray(this.data.slice(), this.shape);
  }

  astype(dtype: DType): NDArray {
    if (dtype === this.dtype) return this;
    const data = allocate(dtype, this.size);
    data.set(this.data);
    return new NDArray(data, this.shape);
  }

  toString(): string {
    return `NDArray(${formatShape(this.shape)}, ${this.dtype})`;
  }
}

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  return shape;
}

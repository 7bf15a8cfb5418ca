/** The element types retroprop computes in: float32 for speed, float64 for checking. */
export type DType = "float32" | "float64";
export type FloatArray = Float32Array | Float64Array;

export function allocate(dtype: DType, length: number): FloatArray {
  return dtype === "float64" ? new Float64Array(length) : new Float32Array(length);
}

export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float64Array ? "float64" : "float32";
}

/** Mixed float32/float64 arithmetic promotes to float64, as in PyTorch and NumPy. */
export function promote(a: DType, b: DType): DType {
  return a === "float64" || b === "float64" ? "float64" : "float32";
}

export function isDType(x: unknown): x is DType {
  return x === "float32" || x === "float64";
}

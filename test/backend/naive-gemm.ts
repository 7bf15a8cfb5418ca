/**
 * The textbook GEMM triple loop in float64, independent of every backend (the expected values of the
 * backends' GEMM tests): row-major; transA: A stored k×m; transB: B stored n×k.
 */
export function naiveGemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  beta: number,
  c: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
      out[i * n + j] = beta === 0 ? alpha * s : alpha * s + beta * c[i * n + j];
    }
  return out;
}

import { NDArray } from "../tensor/ndarray.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import type { Dataset, Normalization, NormalizeMethod } from "./types.js";

/**
 * Fits a column-wise scaling on `x` ([rows, features]); use it on the training split only.
 *
 * - "minmax": shift = min, scale = max − min, so training values land in [0, 1].
 * - "zscore": shift = mean, scale = population standard deviation (divide by n).
 *
 * A constant column (scale 0) gets scale 1, so it becomes 0 after the shift instead of NaN.
 */
export function fitNormalization(x: NDArray, method: Exclude<NormalizeMethod, "none">): Normalization {
  if (x.rank !== 2) throw localizedError(InputError, "normalizeRank", x.rank);
  const [n, d] = x.shape;
  if (n === 0) throw localizedError(InputError, "normalizeEmpty");
  const shift = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(1);
  const data = x.data;
  if (method === "minmax") {
    for (let j = 0; j < d; j++) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        const v = data[i * d + j];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      shift[j] = lo;
      scale[j] = hi - lo > 0 ? hi - lo : 1;
    }
  } else if (method === "zscore") {
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += data[i * d + j];
      const mean = sum / n;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const t = data[i * d + j] - mean;
        ss += t * t;
      }
      const std = Math.sqrt(ss / n);
      shift[j] = mean;
      scale[j] = std > 0 ? std : 1;
    }
  } else {
    throw localizedError(InputError, "normalizeMethod", String(method));
  }
  return { method, shift, scale };
}

/** x' = (x − shift) / scale, column by column; returns a new float32 array. */
export function applyNormalization(x: NDArray, norm: Normalization): NDArray {
  const d = x.shape[1];
  if (x.rank !== 2 || d !== norm.shift.length) {
    throw localizedError(InputError, "normalizeFeatures", norm.shift.length, `[${x.shape.join(", ")}]`);
  }
  const out = new Float32Array(x.size);
  const src = x.data;
  for (let i = 0; i < out.length; i += d) {
    for (let j = 0; j < d; j++) out[i + j] = (src[i + j] - norm.shift[j]) / norm.scale[j];
  }
  return new NDArray(out, x.shape);
}

/** The same scaling for plain rows (prediction inputs). */
export function normalizeRows(rows: number[][], norm: Normalization): number[][] {
  return rows.map((row, r) => {
    if (row.length !== norm.shift.length) {
      throw localizedError(InputError, "normalizeRowWidth", r + 1, row.length, norm.shift.length);
    }
    return row.map((v, j) => (v - norm.shift[j]) / norm.scale[j]);
  });
}

/** Fits on `train.x` and returns the datasets with scaled features (targets unchanged). */
export function normalizeSplits<T extends { train: Dataset; validation?: Dataset; test?: Dataset }>(
  splits: T,
  method: NormalizeMethod,
): T & { normalization?: Normalization } {
  if (method === "none") return splits;
  const normalization = fitNormalization(splits.train.x, method);
  const scale = (ds: Dataset | undefined): Dataset | undefined =>
    ds && { ...ds, x: applyNormalization(ds.x, normalization) };
  const out: T & { normalization?: Normalization } = {
    ...splits,
    train: scale(splits.train)!,
    normalization,
  };
  if (splits.validation) out.validation = scale(splits.validation);
  if (splits.test) out.test = scale(splits.test);
  return out;
}

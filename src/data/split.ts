import type { Random } from "../tensor/random.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { subsetDataset } from "./encode.js";
import type { Dataset, DatasetSplits } from "./types.js";

export interface SplitFractions {
  /** Fraction of rows for the test split (0 ≤ f < 1; default 0). */
  test?: number;
  /** Fraction of rows for the validation split (default 0). */
  validation?: number;
  /**
   * Keep each class's share in every split (default: true for classification data with labels).
   */
  stratify?: boolean;
}

function checkFraction(name: "test" | "validation", f: number): void {
  if (!(f >= 0 && f < 1)) throw localizedError(InputError, "splitFraction", name, f);
}

/**
 * Seeded train / validation / test split. Rows are shuffled with `rng`, then cut; every split keeps
 * the shuffled order. A split gets round(fraction · rows) rows. With stratification (the default for
 * labelled data) those rows are shared among the classes in proportion to their sizes (largest remainders),
 * so a class of 50 rows and a test fraction of 0.2 puts exactly 10 of them in the test split. Splits that
 * would get no rows are omitted.
 */
export function splitDataset(ds: Dataset, fractions: SplitFractions, rng: Random): DatasetSplits {
  const fTest = fractions.test ?? 0;
  const fVal = fractions.validation ?? 0;
  checkFraction("test", fTest);
  checkFraction("validation", fVal);
  if (fTest + fVal >= 1) {
    throw localizedError(InputError, "splitFractionsSum", fTest, fVal);
  }
  const n = ds.x.shape[0];
  const stratify = (fractions.stratify ?? true) && ds.labels !== null && ds.classNames !== null;
  const train: number[] = [];
  const val: number[] = [];
  const test: number[] = [];
  const cut = (group: ArrayLike<number>, nTest: number, nVal: number): void => {
    for (let k = 0; k < group.length; k++) {
      const i = group[k];
      if (k < nTest) test.push(i);
      else if (k < nTest + nVal) val.push(i);
      else train.push(i);
    }
  };
  if (stratify) {
    const byClass: number[][] = ds.classNames!.map(() => []);
    const order = rng.permutation(n);
    for (const i of order) byClass[ds.labels![i]].push(i);
    const sizes = byClass.map((g) => g.length);
    const testQuota = apportion(sizes, fTest, Math.round(fTest * n));
    const left = sizes.map((m, c) => m - testQuota[c]);
    const valQuota = apportion(sizes, fVal, Math.round(fVal * n), left);
    byClass.forEach((group, c) => {
      cut(group, testQuota[c], valQuota[c]);
    });
    // Interleave the classes again: shuffle each split's rows once more.
    rng.shuffle(train);
    rng.shuffle(val);
    rng.shuffle(test);
  } else {
    const nTest = Math.round(fTest * n);
    cut(rng.permutation(n), nTest, Math.min(Math.round(fVal * n), n - nTest));
  }
  if (train.length === 0) throw localizedError(InputError, "splitNoTraining", ds.name);
  const out: DatasetSplits = { train: subsetDataset(ds, train) };
  if (val.length > 0) out.validation = subsetDataset(ds, val);
  if (test.length > 0) out.test = subsetDataset(ds, test);
  return out;
}

/**
 * Splits `total` rows among groups in proportion to `sizes` (largest remainders, ties to the first group),
 * never giving a group more than `caps[c]` (default its size).
 */
function apportion(sizes: number[], fraction: number, total: number, caps: number[] = sizes): number[] {
  const quota = sizes.map((m, c) => Math.min(Math.floor(fraction * m), caps[c]));
  let rest = total - quota.reduce((a, b) => a + b, 0);
  const order = sizes
    .map((m, c) => ({ c, r: fraction * m - Math.floor(fraction * m) }))
    .sort((a, b) => b.r - a.r || a.c - b.c);
  for (let pass = 0; pass < 2 && rest > 0; pass++) {
    for (const { c } of order) {
      if (rest <= 0) break;
      if (quota[c] < caps[c] && (pass === 1 || fraction * sizes[c] > quota[c])) {
        quota[c]++;
        rest--;
      }
    }
  }
  return quota;
}

// Batching lives beside fit (src/train, below this layer), its one user in the library; data re-exports it.
export { type Batch, BatchIterator, type BatchOptions } from "../train/batches.js";

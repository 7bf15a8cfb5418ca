import { gatherRows } from "../backend/nd.js";
import { NDArray } from "../tensor/ndarray.js";
import type { Dataset } from "./types.js";

/**
 * Targets for class indices: a single 0/1 column when there are two classes, one-hot rows otherwise
 * (a one-class problem also gets one column).
 */
export function encodeLabels(labels: Int32Array, classCount: number): NDArray {
  const n = labels.length;
  if (classCount <= 2) {
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) y[i] = labels[i];
    return new NDArray(y, [n, 1]);
  }
  const y = new Float32Array(n * classCount);
  for (let i = 0; i < n; i++) y[i * classCount + labels[i]] = 1;
  return new NDArray(y, [n, classCount]);
}

/** A new dataset holding the given rows (in that order) of `ds`. */
export function subsetDataset(ds: Dataset, indices: ArrayLike<number>, name = ds.name): Dataset {
  let labels: Int32Array | null = null;
  if (ds.labels) {
    labels = new Int32Array(indices.length);
    for (let k = 0; k < indices.length; k++) labels[k] = ds.labels[indices[k]];
  }
  return {
    ...ds,
    name,
    x: gatherRows(ds.x, indices),
    y: gatherRows(ds.y, indices),
    labels,
  };
}

/** How many rows of each class (index = class). */
export function classCounts(ds: Dataset): number[] {
  if (!ds.labels || !ds.classNames) throw new Error(`dataset ${ds.name} has no class labels`);
  const counts = new Array<number>(ds.classNames.length).fill(0);
  for (const c of ds.labels) counts[c]++;
  return counts;
}

import type { NDArray } from "../tensor/ndarray.js";

export type Task = "classification" | "regression";

/**
 * One table of examples. Rows are examples.
 *
 * - `x`: [rows, features], float32.
 * - `y`: [rows, outputs], float32: one-hot for 3 or more classes, a single 0/1 column for two classes,
 *   the target values for regression (and one 0/1 column per output for the multi-label `gates` set).
 * - `labels`: the class index of each row (null for regression and multi-label data).
 */
export interface Dataset {
  name: string;
  x: NDArray;
  y: NDArray;
  labels: Int32Array | null;
  classNames: string[] | null;
  task: Task;
  /** Height × width when each row is an image stored row-major (MNIST [28, 28], digits [8, 8]). */
  imageShape?: [number, number];
  /** Names of the input columns, when known (CSV headers, built-in sets). */
  featureNames?: string[];
  /** Names of the output columns of `y`, when known (regression targets, multi-label outputs). */
  outputNames?: string[];
}

/**
 * Feature scaling fitted on a training split: x' = (x − shift) / scale, column by column.
 * Plain numbers so that it can be stored in a model file and applied again at prediction time.
 */
export interface Normalization {
  method: "minmax" | "zscore";
  shift: number[];
  scale: number[];
}

export interface DatasetSplits {
  train: Dataset;
  validation?: Dataset;
  test?: Dataset;
  /** The scaling fitted on `train` and already applied to every split (absent when none was used). */
  normalization?: Normalization;
}

export type NormalizeMethod = "none" | "minmax" | "zscore";

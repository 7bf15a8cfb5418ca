/**
 * The user's own CSV in the playground: its columns (for the label and feature choices), then the training and
 * test tables built from it with the library's CSV parser (the same one `retroprop train --data file.csv`
 * uses, so errors name the file, line and column alike), z-scored with the statistics of the training rows.
 * Pure: the page calls it on the text of a picked or dropped file. The file itself never enters the link
 * (the URL keeps every other setting).
 */
import {
  applyNormalization,
  csvToDataset,
  fitNormalization,
  InputError,
  NDArray,
  type Normalization,
  parseCsvTable,
  Random,
} from "retroprop";
import { isNumeric } from "retroprop/internals";

/** The largest file the page takes: a few thousand rows train at the playground's pace. */
export const MAX_UPLOAD_BYTES = 2 * 2 ** 20;
/** The most feature columns the network's input layer shows. */
export const MAX_UPLOAD_FEATURES = 32;
/** The most classes (one output unit and one colour each). */
export const MAX_UPLOAD_CLASSES = 10;

export type UploadTask = "classification" | "regression";

export interface CsvColumns {
  file: string;
  /** Header names, or "column 1", "column 2", … for a file without one. */
  names: string[];
  /**
   * Whether most fields of a column are numbers: a feature candidate (a column of text, an id or a name, is
   * not; a number column with a typo is, so that the parser names the bad field's line and column).
   */
  numeric: boolean[];
  /** Distinct values of each column (counted up to MAX_UPLOAD_CLASSES + 1). */
  distinct: number[];
  rows: number;
}

export interface UploadChoice {
  /** Column index of the label. */
  label: number;
  /** Column indices of the features, in order. */
  features: number[];
  task: UploadTask;
}

/** One half of the data: z-scored features X (rows × inputs) and targets (class index or value). */
export interface UploadTable {
  X: Float32Array;
  target: Float32Array;
  rows: number;
}

export interface Upload {
  file: string;
  featureNames: string[];
  task: UploadTask;
  /** Class names in output order (null for regression). */
  classNames: string[] | null;
  /** The playground's problem: two classes (one sigmoid output), several (softmax), or regression. */
  problem: "classification" | "multiclass" | "regression";
  outputs: number;
  /** x′ = (x − mean)/σ with the training rows' mean and σ: what a model exported from the page expects. */
  normalization: Normalization;
  train: UploadTable;
  test: UploadTable;
}

function checkSize(text: string, file: string): void {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_UPLOAD_BYTES)
    throw new InputError(
      `${file}: ${bytes.toLocaleString("en-US")} bytes, more than the ${MAX_UPLOAD_BYTES / 2 ** 20} MiB the playground takes (train on larger files with retroprop train --data)`,
    );
}

/** The columns of a CSV text, for the page's choices; a text that is not a table is refused with its line. */
export function csvColumns(text: string, file: string): CsvColumns {
  checkSize(text, file);
  const table = parseCsvTable(text, file);
  const width = table.rows[0].length;
  if (width < 2) throw new InputError(`${file}: needs at least one feature column and a label column`);
  const names = table.header ?? Array.from({ length: width }, (_, j) => `column ${j + 1}`);
  const numeric = names.map(
    (_, j) => 2 * table.rows.filter((r) => isNumeric(r[j])).length > table.rows.length,
  );
  const distinct = names.map((_, j) => {
    const seen = new Set<string>();
    for (const r of table.rows) {
      seen.add(r[j]);
      if (seen.size > MAX_UPLOAD_CLASSES) break;
    }
    return seen.size;
  });
  return { file, names, numeric, distinct, rows: table.rows.length };
}

/** The page's first guess: the last column is the label, every other numeric column a feature. */
export function defaultChoice(columns: CsvColumns): UploadChoice {
  const label = columns.names.length - 1;
  const features = columns.numeric.flatMap((ok, j) => (ok && j !== label ? [j] : []));
  const task: UploadTask =
    columns.numeric[label] && columns.distinct[label] > MAX_UPLOAD_CLASSES ? "regression" : "classification";
  return { label, features, task };
}

/**
 * Training and test tables from the text and the user's choice: the first trainPercent % of a seeded
 * permutation train, the rest test; features z-scored with the training rows' statistics.
 */
export function buildUpload(
  text: string,
  file: string,
  choice: UploadChoice,
  trainPercent: number,
  seed: number,
): Upload {
  checkSize(text, file);
  if (choice.features.length > MAX_UPLOAD_FEATURES)
    throw new InputError(
      `${file}: ${choice.features.length} feature columns chosen, more than the ${MAX_UPLOAD_FEATURES} the playground draws`,
    );
  const ds = csvToDataset(text, file, { label: choice.label, features: choice.features, task: choice.task });
  const n = ds.x.shape[0];
  const k = ds.x.shape[1];
  if (n < 2) throw new InputError(`${file}: needs at least two data rows (one to train on, one to test)`);
  const classes = ds.classNames?.length ?? 0;
  if (choice.task === "classification" && classes > MAX_UPLOAD_CLASSES)
    throw new InputError(
      `${file}: the label column has ${classes} classes, more than the ${MAX_UPLOAD_CLASSES} the playground colours (is it a number to predict? choose regression)`,
    );
  const target = ds.labels ? Float32Array.from(ds.labels) : Float32Array.from(ds.y.data);
  const order = new Random(seed).permutation(n);
  const cut = Math.max(1, Math.min(n - 1, Math.round((n * trainPercent) / 100)));
  const rowsOf = (idx: Uint32Array): { X: Float32Array; target: Float32Array } => {
    const X = new Float32Array(idx.length * k);
    idx.forEach((i, r) => {
      X.set(ds.x.data.subarray(i * k, i * k + k), r * k);
    });
    return { X, target: Float32Array.from(idx, (i) => target[i]) };
  };
  const rawTrain = rowsOf(order.subarray(0, cut));
  const rawTest = rowsOf(order.subarray(cut));
  const normalization = fitNormalization(new NDArray(rawTrain.X, [cut, k]), "zscore");
  const scaled = (t: { X: Float32Array; target: Float32Array }, rows: number): UploadTable => ({
    X: applyNormalization(new NDArray(t.X, [rows, k]), normalization).data as Float32Array,
    target: t.target,
    rows,
  });
  const names = ds.featureNames ?? choice.features.map((j) => `column ${j + 1}`);
  return {
    file,
    featureNames: names,
    task: choice.task,
    classNames: ds.classNames,
    problem: choice.task === "regression" ? "regression" : classes > 2 ? "multiclass" : "classification",
    outputs: choice.task === "regression" || classes === 2 ? 1 : classes,
    normalization,
    train: scaled(rawTrain, cut),
    test: scaled(rawTest, n - cut),
  };
}

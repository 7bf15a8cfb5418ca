/**
 * loadDataset: one entry point for every dataset the CLI's `--data` accepts.
 */
import { NDArray } from "../tensor/ndarray.js";
import { Random } from "../tensor/random.js";
import { InputError } from "../util/errors.js";
import { localizedError, type Messages } from "../util/i18n.js";
import { allInOrder } from "../util/settle.js";
import { BUILTIN_DATASETS, type BuiltinName, builtinDataset, isBuiltinName } from "./builtin.js";
import { readCsvDataset } from "./csv-file.js";
import { ensureFiles } from "./download.js";
import { encodeLabels, subsetDataset } from "./encode.js";
import {
  type ChecksumTable,
  FASHION_CLASS_NAMES,
  FILE_DATASETS,
  type FileDatasetName,
  IDX_FILES,
  isFileDatasetName,
  MNIST_CLASS_NAMES,
} from "./files.js";
import { readIdxPair } from "./idx.js";
import { normalizeSplits } from "./normalize.js";
import { resolveDataRoot } from "./root.js";
import { splitDataset } from "./split.js";
import type { Dataset, DatasetSplits, NormalizeMethod, Task } from "./types.js";

/** Every name `loadDataset` accepts besides `csv:PATH`. */
export const datasetNames: readonly string[] = [...BUILTIN_DATASETS, ...FILE_DATASETS];

/** One line per dataset, for CLI help. */
export const datasetDescriptions: Readonly<Record<string, string>> = {
  and: "AND gate truth table (2 inputs, 4 rows, one 0/1 output)",
  or: "OR gate truth table",
  nand: "NAND gate truth table",
  nor: "NOR gate truth table",
  not: "NOT gate (1 input, 2 rows)",
  xor: "XOR truth table (not linearly separable)",
  gates: "AND, OR, NAND, NOR, XOR as five 0/1 outputs of the same 4 inputs (multi-label)",
  circles: "two concentric circles, 2-D, 2 classes",
  moons: "two interleaving half moons, 2-D, 2 classes",
  spirals: "two interleaved spirals, 2-D, 2 classes",
  blobs: "Gaussian blobs, 2-D, 3 classes by default",
  sin: "y = sin(x) on [−π, π], regression",
  cafeteria: "note 003's cafeteria bills (portions → total), linear regression",
  mnist: "MNIST handwritten digits, 28×28, 60,000 train + 10,000 test",
  "fashion-mnist": "Fashion-MNIST clothing images, 28×28, 60,000 train + 10,000 test",
  iris: "Fisher's iris, 4 features, 3 classes, 150 rows",
  digits: "UCI 8×8 digits, 64 features, 10 classes, 1,797 rows",
  "breast-cancer": "Wisconsin diagnostic breast cancer, 30 features, 2 classes, 569 rows",
  "csv:PATH": "any CSV file (label column via --label; default the last)",
};

export interface LoadDatasetOptions {
  /** Data root (the `--data-dir` flag); else RETROPROP_DATA, else the cache (see resolveDataRoot). */
  dataDir?: string;
  /** Seed of the generators and splits (default 1). */
  seed?: number;
  /** CSV label column: a header name or an index (default the last column). */
  label?: string | number;
  /** Fraction of rows held out for testing: default 0.2 for CSV datasets, 0 for built-ins; MNIST uses its test file. */
  testFraction?: number;
  /** Fraction of rows held out for validation (default 0); for MNIST taken from the training file. */
  validationFraction?: number;
  /** Feature scaling fitted on the training split: default "zscore" for CSV datasets, "none" otherwise. */
  normalize?: NormalizeMethod;
  /** Allow downloading missing files (default true). */
  download?: boolean;
  /** Mirror laid out as a data root (`<base>/<dataset>/<file>`); else RETROPROP_DATA_URL, else the official source. */
  baseUrl?: string;
  /** Built-ins: rows generated. MNIST/Fashion: only the first `samples` training rows. CSV: a seeded random subset of `samples` rows (before splitting). */
  samples?: number;
  /** Built-ins: noise level (see docs/data.md). */
  noise?: number;
  /** Blobs: number of classes (default 3). */
  classes?: number;
  /** CSV: force classification or regression. */
  task?: Task;
  /** CSV: force header detection on or off. */
  header?: boolean;
  /** MD5 table for file datasets (default the published sums). */
  checksums?: ChecksumTable;
  /** fetch used for downloads (default the global fetch). */
  fetch?: typeof fetch;
  /** Progress messages (downloads). */
  log?: (message: string) => void;
  /** The language of the progress messages (default English). */
  messages?: Messages;
  /** Environment (default process.env) for RETROPROP_DATA and RETROPROP_DATA_URL. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Loads a dataset by name (see `datasetNames`) or `csv:PATH`, splits it and scales its features.
 *
 * - Built-ins are generated from the seed; by default everything is training data.
 * - MNIST and Fashion-MNIST come with their own train (60,000) and test (10,000) files; pixels are scaled
 *   to [0, 1] (value / 255).
 * - CSV datasets (iris, digits, breast-cancer, csv:PATH) get a seeded test split of 0.2, stratified by class
 *   for classification, and z-score scaling fitted on the training split only.
 */
export async function loadDataset(spec: string, options: LoadDatasetOptions = {}): Promise<DatasetSplits> {
  const seed = options.seed ?? 1;
  const rng = new Random(seed);
  const genRng = rng.fork();
  const splitRng = rng.fork();
  const name = spec.trim();

  if (isBuiltinName(name.toLowerCase())) {
    const ds = builtinDataset(name.toLowerCase() as BuiltinName, genRng, options);
    const splits = split(ds, options.testFraction ?? 0, options.validationFraction ?? 0, splitRng);
    return normalizeSplits(splits, options.normalize ?? "none");
  }

  if (name.startsWith("csv:")) {
    const path = name.slice(4);
    if (!path) throw localizedError(InputError, "csvSpecNoPath");
    const ds = await readCsvDataset(path, {
      label: options.label,
      task: options.task,
      header: options.header,
    });
    return finishCsv(ds, options, splitRng);
  }

  const lower = name.toLowerCase();
  if (isFileDatasetName(lower)) {
    const dataset = lower;
    // Refused before its files are looked for or downloaded.
    if (isIdxDataset(dataset) && options.testFraction !== undefined && options.testFraction > 0) {
      throw localizedError(InputError, "ownTestSet", dataset);
    }
    const root = resolveDataRoot(options.dataDir, options.env);
    const paths = await ensureFiles(dataset, root, {
      baseUrl: options.baseUrl,
      fetch: options.fetch,
      checksums: options.checksums,
      download: options.download,
      log: options.log,
      messages: options.messages,
      env: options.env,
    });
    if (isIdxDataset(dataset)) return loadIdxDataset(dataset, paths, options, splitRng);
    const ds = await readCsvDataset(paths[0], {
      name: dataset,
      label: options.label,
      task: options.task,
      header: options.header,
      imageShape: dataset === "digits" ? [8, 8] : undefined,
    });
    return finishCsv(ds, options, splitRng);
  }

  const csvGuess = /\.csv(\.gz)?$/i.test(name) ? name : null;
  throw localizedError(InputError, "unknownDataset", spec, datasetNames.join(", "), csvGuess);
}

function split(ds: Dataset, test: number, validation: number, rng: Random): DatasetSplits {
  if (test === 0 && validation === 0) return { train: ds };
  return splitDataset(ds, { test, validation }, rng);
}

function checkSamples(samples: number): void {
  if (!Number.isInteger(samples) || samples < 1) throw localizedError(InputError, "samplesPositive", samples);
}

function takeFirst(ds: Dataset, samples: number | undefined): Dataset {
  if (samples === undefined) return ds;
  checkSamples(samples);
  const n = ds.x.shape[0];
  if (samples >= n) return ds;
  const xw = ds.x.shape[1];
  const yw = ds.y.shape[1];
  return {
    ...ds,
    x: new NDArray(ds.x.data.slice(0, samples * xw), [samples, xw]),
    y: new NDArray(ds.y.data.slice(0, samples * yw), [samples, yw]),
    labels: ds.labels ? ds.labels.slice(0, samples) : null,
  };
}

/** A seeded random subset of `samples` rows, kept in file order (CSV files are often sorted by class). */
function takeRandom(ds: Dataset, samples: number | undefined, rng: Random): Dataset {
  if (samples === undefined) return ds;
  checkSamples(samples);
  const n = ds.x.shape[0];
  if (samples >= n) return ds;
  const keep = rng.permutation(n).subarray(0, samples).sort();
  return subsetDataset(ds, keep);
}

function finishCsv(ds: Dataset, options: LoadDatasetOptions, rng: Random): DatasetSplits {
  const limited = takeRandom(ds, options.samples, rng);
  const splits = split(limited, options.testFraction ?? 0.2, options.validationFraction ?? 0, rng);
  return normalizeSplits(splits, options.normalize ?? "zscore");
}

/** The image datasets in IDX files, which come with their own test set. */
function isIdxDataset(name: FileDatasetName): name is "mnist" | "fashion-mnist" {
  return name === "mnist" || name === "fashion-mnist";
}

async function loadIdxDataset(
  dataset: "mnist" | "fashion-mnist",
  paths: string[],
  options: LoadDatasetOptions,
  rng: Random,
): Promise<DatasetSplits> {
  const files = Object.values(IDX_FILES);
  const at = (f: string): string => paths[files.indexOf(f as (typeof files)[number])];
  const classNames = dataset === "mnist" ? MNIST_CLASS_NAMES : FASHION_CLASS_NAMES;
  // Read together; when both pairs are bad, the training pair's error is the one reported.
  const [train, test] = await allInOrder([
    readIdxPair(at(IDX_FILES.trainImages), at(IDX_FILES.trainLabels), classNames.length),
    readIdxPair(at(IDX_FILES.testImages), at(IDX_FILES.testLabels), classNames.length),
  ]);
  if (train.shape[1] !== test.shape[1] || train.shape[2] !== test.shape[2]) {
    const size = (s: readonly number[]) => `${s[1]}×${s[2]}`;
    throw localizedError(InputError, "idxImageSizes", dataset, size(train.shape), size(test.shape));
  }
  const toDataset = (pair: typeof train): Dataset => {
    const [n, rows, cols] = pair.shape;
    const scale = new Float32Array(256);
    for (let v = 0; v < 256; v++) scale[v] = v / 255;
    const x = new Float32Array(pair.images.length);
    for (let i = 0; i < x.length; i++) x[i] = scale[pair.images[i]];
    const labels = Int32Array.from(pair.labels);
    return {
      name: dataset,
      x: new NDArray(x, [n, rows * cols]),
      y: encodeLabels(labels, classNames.length),
      labels,
      classNames: [...classNames],
      task: "classification",
      imageShape: [rows, cols],
    };
  };
  const trainDs = takeFirst(toDataset(train), options.samples);
  const testDs = toDataset(test);
  let splits: DatasetSplits = { train: trainDs, test: testDs };
  const fVal = options.validationFraction ?? 0;
  if (fVal > 0) {
    const inner = splitDataset(trainDs, { validation: fVal }, rng);
    splits = { train: inner.train, validation: inner.validation, test: testDs };
  }
  return normalizeSplits(splits, options.normalize ?? "none");
}

/**
 * CSV datasets: comma-separated numeric features and one label column, plain or gzipped.
 *
 * Three layouts are recognised (see docs/data.md):
 * 1. scikit-learn's header `n_samples,n_features,class0,class1,...` (iris, breast cancer): the class
 *    names are taken from it, labels are integers 0..k−1, and the counts are checked;
 * 2. a header of column names (any field of the first line that is not a number where the second line has
 *    a number, or a first line of non-numbers only);
 * 3. no header (digits): every line is data.
 *
 * Pure text in, dataset out (no Node built-ins), so the playground parses uploads with it in a browser;
 * csv-file.ts reads files, plain or gzipped.
 */
import { NDArray } from "../tensor/ndarray.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { FLOAT32_MAX } from "../util/limits.js";
import type { ColumnRole, FieldProblem } from "../util/messages/errors-data.en.js";
import { encodeLabels } from "./encode.js";
import type { Dataset, Task } from "./types.js";

export interface CsvOptions {
  /** Label column: a header name or a 0-based index (negative counts from the end); default the last. */
  label?: string | number;
  /**
   * Feature columns (header names or 0-based indices), in this order; default every column but the label's.
   * Columns left out are not read, so they may hold text (an id, a date).
   */
  features?: readonly (string | number)[];
  /** Force header detection on (true) or off (false); default: detect. */
  header?: boolean;
  /** Field separator (default ","). */
  delimiter?: string;
  /**
   * "classification": labels (integers or strings) become classes; "regression": the label column is a
   * numeric target. Default: classification, unless the labels are numbers that are not all integers.
   */
  task?: Task;
  /** Dataset name (default: the file name). */
  name?: string;
  /** Row shape of image data, e.g. [8, 8] for digits. */
  imageShape?: [number, number];
}

export interface CsvTable {
  /** Header names (null when there is none). */
  header: string[] | null;
  /** Class names from a scikit-learn style header. */
  sklearnClassNames: string[] | null;
  /** Data rows as strings, with their 1-based line numbers in the file. */
  rows: string[][];
  lines: number[];
}

/** Splits one CSV line into trimmed fields; double-quoted fields may contain the delimiter and "" escapes. */
export function splitCsvLine(line: string, delimiter = ",", where = "line"): string[] {
  checkDelimiter(delimiter);
  if (!line.includes('"')) return line.split(delimiter).map((f) => f.trim());
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    while (line[i] === " " || line[i] === "\t") i++;
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= line.length) throw localizedError(InputError, "csvUnterminatedQuote", where);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      while (line[i] === " " || line[i] === "\t") i++;
      if (i < line.length && !line.startsWith(delimiter, i)) {
        throw localizedError(InputError, "csvTextAfterQuote", where);
      }
      out.push(value);
      i += delimiter.length;
      if (i > line.length) break;
    } else {
      const end = line.indexOf(delimiter, i);
      const stop = end < 0 ? line.length : end;
      out.push(line.slice(i, stop).trim());
      if (end < 0) break;
      i = end + delimiter.length;
    }
  }
  return out;
}

/** An empty delimiter would split nowhere (and never advance); a quote or line break cannot delimit fields. */
function checkDelimiter(delimiter: string): void {
  if (delimiter === "" || /["\r\n]/.test(delimiter))
    throw localizedError(InputError, "csvDelimiter", JSON.stringify(delimiter));
}

/** A strict decimal number (what Number() accepts minus empty strings, hex, "Infinity"). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Data are trained in float32, so anything larger than FLOAT32_MAX would become Infinity. */
export { FLOAT32_MAX };

/** A decimal number that float32 can hold (1e39 and 1e400 are not). */
export function isNumeric(field: string): boolean {
  return NUMBER.test(field) && Math.abs(Number(field)) <= FLOAT32_MAX;
}

/** Written as a decimal number, whatever its size (for telling headers from data). */
export function looksNumeric(field: string): boolean {
  return NUMBER.test(field);
}

/** Why a field is not a number, for an error message (after isNumeric said no); the catalogue words it. */
export function fieldProblem(field: string): FieldProblem {
  if (field === "") return "empty";
  return NUMBER.test(field) ? "tooLarge" : "notNumber";
}

/** A field as an error message shows it: quoted with its control characters escaped, shortened when long. */
export function quoteField(field: string): string {
  return JSON.stringify(field.length > 60 ? `${field.slice(0, 57)}...` : field);
}

/** Splits text into non-empty lines (LF or CRLF) with their 1-based numbers. */
function textLines(text: string): { line: string; no: number }[] {
  const out: { line: string; no: number }[] = [];
  const parts = text.split(/\r?\n/);
  for (let k = 0; k < parts.length; k++) {
    if (parts[k].trim() !== "") out.push({ line: parts[k], no: k + 1 });
  }
  return out;
}

/** Parses CSV text into header + string rows, detecting the header and checking the field count of each row. */
export function parseCsvTable(
  text: string,
  file: string,
  options: Pick<CsvOptions, "header" | "delimiter"> = {},
): CsvTable {
  const delimiter = options.delimiter ?? ",";
  checkDelimiter(delimiter);
  const lines = textLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (lines.length === 0) throw localizedError(InputError, "csvEmpty", file);
  const split = (k: number): string[] => splitCsvLine(lines[k].line, delimiter, `${file}:${lines[k].no}`);
  const first = split(0);
  const second = lines.length > 1 ? split(1) : null;

  let header: string[] | null = null;
  let sklearnClassNames: string[] | null = null;
  let start = 0;
  let sklearnCount: number | null = null;

  const sk = second !== null && options.header !== false ? sklearnHeader(first, second) : null;
  if (sk) {
    sklearnClassNames = sk.classNames;
    sklearnCount = sk.samples;
    start = 1;
  } else if (options.header ?? detectHeader(first, second)) {
    header = first;
    start = 1;
  }

  const width = header ? header.length : start === 1 ? second!.length : first.length;
  const rows: string[][] = [];
  const nums: number[] = [];
  for (let k = start; k < lines.length; k++) {
    const fields = k === 0 ? first : k === 1 && second ? second : split(k);
    if (fields.length !== width) {
      throw localizedError(
        InputError,
        "csvFieldCount",
        file,
        lines[k].no,
        width,
        fields.length,
        header !== null,
      );
    }
    rows.push(fields);
    nums.push(lines[k].no);
  }
  if (rows.length === 0) throw localizedError(InputError, "csvNoDataRows", file);
  if (sklearnCount !== null && sklearnCount !== rows.length) {
    throw localizedError(InputError, "csvSampleCount", file, sklearnCount, rows.length);
  }
  return { header, sklearnClassNames, rows, lines: nums };
}

/** `n_samples,n_features,name0,name1,...` with n_features + 1 fields on the next line. */
function sklearnHeader(first: string[], second: string[]): { samples: number; classNames: string[] } | null {
  if (first.length < 2 || !/^\d+$/.test(first[0]) || !/^\d+$/.test(first[1])) return null;
  const names = first.slice(2);
  if (names.some((n) => n === "" || looksNumeric(n))) return null;
  if (Number(first[1]) + 1 !== second.length) return null;
  return { samples: Number(first[0]), classNames: names };
}

function detectHeader(first: string[], second: string[] | null): boolean {
  if (first.every((f) => !looksNumeric(f))) return true;
  if (!second) return false;
  return first.some((f, j) => !looksNumeric(f) && j < second.length && looksNumeric(second[j]));
}

/** Resolves a label option against the header (name or index, negative from the end). */
export function resolveLabelColumn(
  label: string | number | undefined,
  header: string[] | null,
  width: number,
  file: string,
  role: ColumnRole = "label",
): number {
  if (label === undefined) return width - 1;
  let index: number;
  if (typeof label === "number") {
    index = label;
  } else if (/^-?\d+$/.test(label.trim()) && !(header ?? []).includes(label)) {
    index = Number(label.trim());
  } else {
    const k = header ? header.indexOf(label) : -1;
    if (k < 0) {
      throw header
        ? localizedError(InputError, "csvNoColumnNamed", file, label, header.join(", "))
        : localizedError(InputError, "csvColumnNeedsIndex", file, role, width - 1, label);
    }
    return k;
  }
  if (!Number.isInteger(index) || index < -width || index >= width) {
    throw localizedError(InputError, "csvColumnOutOfRange", file, role, String(label), width);
  }
  return index < 0 ? width + index : index;
}

/** The feature columns' indices: the ones asked for (each once, not the label), or all but the label. */
function featureColumns(
  features: CsvOptions["features"],
  labelCol: number,
  header: string[] | null,
  width: number,
  file: string,
): number[] {
  if (features === undefined) return Array.from({ length: width }, (_, j) => j).filter((j) => j !== labelCol);
  if (features.length === 0) throw localizedError(InputError, "csvNoFeatures", file);
  const cols = features.map((f) => resolveLabelColumn(f, header, width, file, "feature"));
  cols.forEach((j, k) => {
    if (j === labelCol)
      throw localizedError(InputError, "csvLabelAsFeature", file, j + 1, header?.[j] ?? null);
    if (cols.indexOf(j) !== k)
      throw localizedError(InputError, "csvFeatureTwice", file, j + 1, header?.[j] ?? null);
  });
  return cols;
}

/**
 * Builds a dataset from CSV text: numeric features; labels become class indices (classes in ascending
 * numeric order for integer labels, alphabetical for strings, or the header's order for scikit-learn
 * files), encoded one-hot (or as one 0/1 column for two classes).
 */
export function csvToDataset(text: string, file: string, options: CsvOptions = {}): Dataset {
  const table = parseCsvTable(text, file, options);
  const { header, rows, lines, sklearnClassNames } = table;
  const width = rows[0].length;
  if (width < 2) throw localizedError(InputError, "csvTooFewColumns", file);
  const labelCol = resolveLabelColumn(options.label, header, width, file);
  const n = rows.length;
  const featureCols = featureColumns(options.features, labelCol, header, width, file);
  const d = featureCols.length;
  const x = new Float32Array(n * d);
  const rawLabels: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    rawLabels[i] = row[labelCol];
    featureCols.forEach((j, k) => {
      const f = row[j];
      if (!isNumeric(f)) {
        const name = header?.[j] ?? null;
        throw localizedError(
          InputError,
          "csvFeatureField",
          file,
          lines[i],
          j + 1,
          name,
          fieldProblem(f),
          quoteField(f),
        );
      }
      x[i * d + k] = Number(f);
    });
  }
  const featureNames = header ? featureCols.map((j) => header[j]) : undefined;
  const name = options.name ?? file.replace(/^.*[\\/]/, "").replace(/\.csv(\.gz)?$/i, "");

  // Written as numbers (even if too large: the regression check below then names the field).
  const allNumeric = rawLabels.every(looksNumeric);
  const task: Task =
    options.task ??
    (allNumeric && !rawLabels.every((l) => Number.isInteger(Number(l))) ? "regression" : "classification");
  const base = { name, x: new NDArray(x, [n, d]) } as const;
  const extras = (ds: Dataset): Dataset => {
    if (featureNames) ds.featureNames = featureNames;
    if (options.imageShape) ds.imageShape = options.imageShape;
    return ds;
  };

  if (task === "regression") {
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (!isNumeric(rawLabels[i])) {
        const v = rawLabels[i];
        throw localizedError(
          InputError,
          "csvTargetField",
          file,
          lines[i],
          labelCol + 1,
          fieldProblem(v),
          quoteField(v),
        );
      }
      y[i] = Number(rawLabels[i]);
    }
    const ds = extras({ ...base, y: new NDArray(y, [n, 1]), labels: null, classNames: null, task });
    if (header) ds.outputNames = [header[labelCol]];
    return ds;
  }

  const labels = new Int32Array(n);
  let classNames: string[];
  if (sklearnClassNames && labelCol === width - 1) {
    classNames = sklearnClassNames;
    for (let i = 0; i < n; i++) {
      const v = rawLabels[i];
      const c = Number(v);
      if (!/^\d+$/.test(v) || c >= classNames.length) {
        const last = classNames.length - 1;
        throw localizedError(
          InputError,
          "csvClassIndex",
          file,
          lines[i],
          labelCol + 1,
          v,
          last,
          classNames.join(", "),
        );
      }
      labels[i] = c;
    }
  } else {
    const distinct = [...new Set(rawLabels)];
    if (allNumeric) distinct.sort((a, b) => Number(a) - Number(b));
    else distinct.sort();
    const index = new Map(distinct.map((v, k) => [v, k]));
    for (let i = 0; i < n; i++) {
      if (rawLabels[i] === "")
        throw localizedError(InputError, "csvEmptyLabel", file, lines[i], labelCol + 1);
      labels[i] = index.get(rawLabels[i])!;
    }
    classNames = distinct;
  }
  if (classNames.length < 2) {
    throw localizedError(InputError, "csvSingleClass", file, classNames[0]);
  }
  return extras({ ...base, y: encodeLabels(labels, classNames.length), labels, classNames, task });
}

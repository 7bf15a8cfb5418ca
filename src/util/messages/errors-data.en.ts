/**
 * Errors about data: CSV, IDX, the built-in datasets, splits and normalisation, files read and written (src/data, src/util).
 * Spread into the `errors` namespace of en.ts; errors-data.es.ts must have every key.
 */

/** Why a CSV field is not a number (csv.ts's `fieldProblem`); the field itself is a parameter, quoted. */
export type FieldProblem = "empty" | "tooLarge" | "notNumber";

/** Which column option of a CSV is meant: the label's (`label`) or one of `features`. */
export type ColumnRole = "label" | "feature";

/** The first JSON syntax error json-text.ts's scanner finds; `got` is the character (JSON-quoted), null at the end. */
export type JsonProblem =
  | "unexpected"
  | "unexpectedAfterValue"
  | "unterminatedString"
  | "controlCharacter"
  | "badUnicodeEscape"
  | "badEscape"
  | "malformedNumber"
  | "nestedTooDeeply"
  | "expectedName"
  | "expectedColon"
  | "expectedCommaOrBrace"
  | "expectedCommaOrBracket";

/**
 * The kinds of file read-file.ts's callers name (`what`), which each catalogue words; any other text (already
 * in the reader's language) is shown as it is.
 */
export type FileKind =
  | "file"
  | "text file"
  | "JSON file"
  | "PNG image"
  | "IDX file"
  | "model file"
  | "weights file"
  | "checkpoint file"
  | "inputs file"
  | "targets file";

/** "1,234 bytes", "1 label": a count and its noun. */
function count(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

function fieldProblem(problem: FieldProblem, field: string): string {
  if (problem === "empty") return "empty field";
  if (problem === "tooLarge") return `${field} is too large for a float32 (beyond ±3.4e38)`;
  return `${field} is not a number`;
}

/** The column option meant, in words (a value, so each language words it). */
function roleColumn(role: ColumnRole): string {
  return role === "label" ? "label column" : "feature column";
}

function columnName(column: number, name: string | null): string {
  return name === null ? `column ${column}` : `column ${column} "${name}"`;
}

function jsonProblem(problem: JsonProblem, got: string | null): string {
  const shown = got ?? "end of input";
  switch (problem) {
    case "unexpected":
      return `unexpected ${shown}`;
    case "unexpectedAfterValue":
      return `unexpected ${shown} after the JSON value`;
    case "unterminatedString":
      return "unterminated string";
    case "controlCharacter":
      return "control character in string (use \\n, \\t)";
    case "badUnicodeEscape":
      return "bad \\u escape";
    case "badEscape":
      return `bad escape \\${got ?? ""}`;
    case "malformedNumber":
      return "malformed number";
    case "nestedTooDeeply":
      return "nested too deeply";
    case "expectedName":
      return `expected a double-quoted property name, got ${shown}`;
    case "expectedColon":
      return `expected ":", got ${shown}`;
    case "expectedCommaOrBrace":
      return `expected "," or "}", got ${shown}`;
    case "expectedCommaOrBracket":
      return `expected "," or "]", got ${shown}`;
  }
}

/** An IDX file as its errors name it: the path, and whether the bytes meant are those after gunzip. */
function idxSource(path: string, gunzipped: boolean): string {
  return gunzipped ? `${path} (after gunzip)` : path;
}

function idxProblem(truncated: boolean): string {
  return truncated ? "truncated IDX file" : "wrong IDX size";
}

export const dataErrorsEn = {
  // util/read-file.ts (readFailure): a file that cannot be read
  noSuchFile: (path: string) => `${path}: no such file`,
  cannotReadFile: (path: string, reason: string) => `${path}: cannot read (${reason})`,
  fileTooLarge: (path: string, size: number, max: number, what: FileKind | string) =>
    `${path}: ${count(size, "byte")}, more than the ${count(max, "byte")} accepted for a ${what}`,

  // util/json-text.ts
  jsonMalformedAt: (source: string, line: number, column: number, problem: JsonProblem, got: string | null) =>
    `${source}:${line}:${column}: malformed JSON (${jsonProblem(problem, got)})`,
  jsonMalformed: (source: string, engineMessage: string) => `${source}: malformed JSON (${engineMessage})`,

  // util/atomic-write.ts
  writeNoSpace: (path: string) => `no space left on device writing ${path}`,
  writeQuota: (path: string) => `disk quota exceeded writing ${path}`,
  writeReadOnly: (path: string) => `cannot write ${path}: read-only file system`,
  writePermission: (path: string) => `cannot write ${path}: permission denied`,
  writeNoFolder: (path: string, code: string) =>
    `cannot write ${path}: that folder cannot hold files (${code})`,
  writeIsFolder: (path: string) => `cannot write ${path}: is a folder, not a file`,
  writeFailed: (path: string, code: string) => `cannot write ${path} (${code})`,
  writeInFile: (dir: string, file: string) => `cannot write in ${dir}: ${file} is a file, not a folder`,
  writeTargetIsFolder: (path: string) => `${path} is a folder, not a file`,
  emptyFileName: (flag: string) => `${flag}: empty file name`,
  emptyFolderName: (flag: string) => `${flag}: empty folder name`,
  flagIsFolder: (flag: string, path: string) => `${flag} ${path}: is a folder, not a file`,
  flagNotRegularFile: (flag: string, path: string) => `${flag} ${path}: not a regular file`,
  flagIsFile: (flag: string, path: string) => `${flag} ${path}: is a file, not a folder`,
  flagParentIsFile: (flag: string, path: string, parent: string) =>
    `${flag} ${path}: ${parent} is a file, not a folder`,
  flagCannotCreate: (flag: string, path: string, folder: string, code: string) =>
    `${flag} ${path}: cannot create files in ${folder} (${code})`,

  // data/csv.ts
  csvUnterminatedQuote: (where: string) => `${where}: unterminated quoted field`,
  csvTextAfterQuote: (where: string) => `${where}: unexpected text after a quoted field`,
  csvDelimiter: (delimiter: string) =>
    `CSV delimiter ${delimiter}: must be non-empty, without quotes or line breaks`,
  csvEmpty: (file: string) => `${file}: empty CSV file`,
  csvFieldCount: (file: string, line: number, width: number, found: number, asInHeader: boolean) =>
    `${file}:${line}: expected ${width} fields, found ${found}${asInHeader ? " (as in the header)" : ""}`,
  csvNoDataRows: (file: string) => `${file}: no data rows after the header`,
  csvSampleCount: (file: string, samples: number, rows: number) =>
    `${file}:1: header says ${samples} samples, the file has ${rows} data rows`,
  csvNoColumnNamed: (file: string, name: string, columns: string) =>
    `${file}: no column named "${name}" (columns: ${columns})`,
  csvColumnNeedsIndex: (file: string, role: ColumnRole, last: number, name: string) =>
    `${file}: has no header, so the ${roleColumn(role)} must be an index (0..${last}), not "${name}"`,
  csvColumnOutOfRange: (file: string, role: ColumnRole, column: string, width: number) =>
    `${file}: ${roleColumn(role)} ${column} is out of range (the file has ${width} columns)`,
  csvNoFeatures: (file: string) => `${file}: no feature columns chosen`,
  csvLabelAsFeature: (file: string, column: number, name: string | null) =>
    `${file}: ${columnName(column, name)} is the label column; it cannot be a feature too`,
  csvFeatureTwice: (file: string, column: number, name: string | null) =>
    `${file}: ${columnName(column, name)} is chosen twice as a feature`,
  csvTooFewColumns: (file: string) => `${file}: needs at least one feature column and a label column`,
  csvFeatureField: (
    file: string,
    line: number,
    column: number,
    name: string | null,
    problem: FieldProblem,
    field: string,
  ) => `${file}:${line}:${column}: ${columnName(column, name)}: ${fieldProblem(problem, field)}`,
  csvTargetField: (file: string, line: number, column: number, problem: FieldProblem, field: string) =>
    `${file}:${line}:${column}: target ${fieldProblem(problem, field)}`,
  csvClassIndex: (file: string, line: number, column: number, label: string, last: number, classes: string) =>
    `${file}:${line}:${column}: label "${label}" is not a class index 0..${last} (${classes})`,
  csvEmptyLabel: (file: string, line: number, column: number) => `${file}:${line}:${column}: empty label`,
  csvSingleClass: (file: string, name: string) =>
    `${file}: the label column has a single class ("${name}"); nothing to classify`,

  // data/csv-file.ts
  gzipTooLarge: (path: string, max: number) =>
    `${path}: decompresses to more than the ${count(max, "byte")} accepted for a text file`,
  gzipCorrupt: (path: string, reason: string) => `${path}: corrupt or truncated gzip data (${reason})`,

  // data/input.ts
  pngWrongSize: (
    path: string,
    width: number,
    height: number,
    expectedWidth: number,
    expectedHeight: number,
  ) =>
    `${path}: image is ${width}×${height} pixels, expected ${expectedWidth}×${expectedHeight} (resize it to ${expectedWidth}×${expectedHeight} first)`,
  pngInvalid: (path: string, reason: string) => `${path}: not a valid PNG image (${reason})`,
  inputNoRows: (path: string) => `${path}: no input rows`,
  inputRowWidth: (path: string, row: number, values: number, features: number) =>
    `${path}: row ${row} has ${values} values, the model expects ${features}`,
  inputJsonForm: (path: string) =>
    `${path}: expected an array of numbers, an array of rows, or {"inputs": ...}`,
  inputNotArray: (path: string, at: string) => `${path}: ${at} must be an array`,
  inputRowNotArray: (path: string, at: string) => `${path}: ${at} must be an array of numbers`,
  inputNotFloat32: (path: string, at: string, got: string) =>
    `${path}: ${at} must be a finite float32 number, got ${got}`,
  inputField: (path: string, line: number, column: number, problem: FieldProblem, field: string) =>
    `${path}:${line}:${column}: ${fieldProblem(problem, field)}`,

  // data/idx-bytes.ts, data/idx.ts
  idxMagic: (path: string, gunzipped: boolean, found: string, expected: string) =>
    `${idxSource(path, gunzipped)}: bad IDX magic number 0x${found} (expected ${expected}); not an IDX file`,
  idxType: (path: string, gunzipped: boolean, type: string) =>
    `${idxSource(path, gunzipped)}: IDX data type 0x${type} is not supported (only 0x08, unsigned bytes)`,
  idxDims: (path: string, gunzipped: boolean, dims: number, expected: number) =>
    `${idxSource(path, gunzipped)}: IDX magic 0x0000080${dims} says ${dims} dimension(s), expected ${expected} (magic 0x0000080${expected})`,
  idxDimsRange: (path: string, gunzipped: boolean, dims: number) =>
    `${idxSource(path, gunzipped)}: IDX header has ${dims} dimensions (expected 1 to 4)`,
  idxTooLarge: (path: string, gunzipped: boolean, shape: string, size: number, max: number) =>
    `${idxSource(path, gunzipped)}: IDX header announces shape ${shape} = ${count(size, "byte")}, more than the ${count(max, "byte")} accepted`,
  idxHeaderTruncated: (path: string, gunzipped: boolean, need: number, has: number) =>
    `${idxSource(path, gunzipped)}: truncated IDX header: expected at least ${count(need, "byte")}, the file has ${count(has, "byte")}`,
  /** A size that is not header + data: truncated (fewer bytes) or too long (`has` > `needs`). */
  idxSize: (path: string, gunzipped: boolean, shape: string, needs: number, has: number) =>
    `${idxSource(path, gunzipped)}: ${idxProblem(has < needs)}: header ${shape} needs ${count(needs, "byte")}, the file has ${count(has, "byte")}${has > needs ? ` (${count(has - needs, "byte")} too many)` : ""}`,
  idxGzipClaim: (path: string, shape: string, needs: number, fileSize: number) =>
    `${idxSource(path, true)}: truncated IDX file: header ${shape} needs ${count(needs, "byte")}, more than a gzip file of ${count(fileSize, "byte")} can hold`,
  idxNoImages: (path: string, shape: string) => `${path}: holds no images (shape ${shape})`,
  idxPairCount: (labelsPath: string, labels: number, imagesPath: string, images: number) =>
    `labels do not match images: ${labelsPath} has ${count(labels, "label")}, ${imagesPath} has ${count(images, "image")}`,
  idxLabelRange: (path: string, label: number, item: number, offset: number, last: number) =>
    `${path}: label ${label} of item ${item} (byte offset ${offset}) is out of range 0..${last}`,

  // data/builtin.ts
  samplesAtLeast: (dataset: string, min: number, got: number) =>
    `${dataset}: samples must be an integer ≥ ${min}, got ${got}`,
  samplesAtMost: (dataset: string, max: number, got: number) =>
    `${dataset}: samples must be at most ${max.toLocaleString("en-US")} (generated rows are held in memory), got ${got}`,
  noiseRange: (dataset: string, got: number) => `${dataset}: noise must be a finite number ≥ 0, got ${got}`,
  spiralArms: (got: number) => `spirals: arms must be an integer from 2 to the number of samples, got ${got}`,
  blobClasses: (got: number) => `blobs: classes must be an integer ≥ 2, got ${got}`,

  // data/split.ts
  splitFraction: (part: "test" | "validation", got: number) =>
    `${part === "test" ? "test" : "validation"} fraction must be in [0, 1), got ${got}`,
  splitFractionsSum: (test: number, validation: number) =>
    `test (${test}) + validation (${validation}) fractions must leave rows for training`,
  splitNoTraining: (dataset: string) => `dataset ${dataset}: the split leaves no training rows`,

  // data/download.ts
  noFileList: (dataset: string) => `unknown dataset "${dataset}": no list of files`,
  noFetch: () => "this Node.js has no fetch(); download the files by hand",

  // data/load.ts
  csvSpecNoPath: () => `--data csv:PATH needs a file path after "csv:"`,
  ownTestSet: (dataset: string) =>
    `${dataset} has its own 10,000-image test set; a test fraction applies to built-in and CSV data`,
  unknownDataset: (spec: string, names: string, csvGuess: string | null) =>
    `unknown dataset "${spec}"; use one of ${names}, or csv:PATH${csvGuess === null ? "" : ` (did you mean csv:${csvGuess}?)`}`,
  samplesPositive: (got: number) => `samples must be a positive integer, got ${got}`,
  idxImageSizes: (dataset: string, train: string, test: string) =>
    `${dataset}: training images are ${train}, test images ${test}`,

  // data/normalize.ts
  normalizeRank: (rank: number) => `normalisation needs a [rows, features] array, got rank ${rank}`,
  normalizeEmpty: () => "cannot fit a normalisation on an empty training set",
  normalizeMethod: (method: string) => `unknown normalisation "${method}" (use none, minmax or zscore)`,
  normalizeFeatures: (features: number, shape: string) =>
    `normalisation was fitted on ${features} features, input has shape ${shape}`,
  normalizeRowWidth: (row: number, values: number, features: number) =>
    `row ${row} has ${values} values, the model's normalisation expects ${features}`,
};

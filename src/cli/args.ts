import type { Command } from "commander";
import { assertWritableFile, assertWritableFolder } from "../util/atomic-write.js";
import { InputError, RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { parseJsonText } from "../util/json-text.js";
import { MAX_PARAMETERS, MAX_TEXT_BYTES, MAX_UNITS } from "../util/limits.js";
import type { FileKind } from "../util/messages/errors-data.en.js";
import { readInputFile } from "../util/read-file.js";

/** A flag value that is not what the flag needs. */
export class UsageError extends RetropropError {
  override name = "UsageError";
}

/** Parses a number flag; accepts fractions such as 1/35 (the notes write learning rates that way). */
export function parseNumber(flag: string, text: string, min = Number.NEGATIVE_INFINITY): number {
  const t = text.trim();
  const m = /^([-+]?[0-9.eE+-]+)\s*\/\s*([-+]?[0-9.eE+-]+)$/.exec(t);
  const value = m ? Number(m[1]) / Number(m[2]) : t === "" ? Number.NaN : Number(t);
  if (!Number.isFinite(value)) throw localizedError(UsageError, "expectedNumber", flag, text);
  if (value < min) throw localizedError(UsageError, "atLeast", flag, min, value);
  return value;
}

export function parseInteger(
  flag: string,
  text: string,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = Number(text.trim());
  if (!Number.isInteger(value) || text.trim() === "")
    throw localizedError(UsageError, "expectedInteger", flag, text);
  if (value < min) throw localizedError(UsageError, "atLeast", flag, min, value);
  // Beyond 2⁵³ integers are no longer exact (1e30 + 1 === 1e30): no count or seed means that.
  if (value > max) throw localizedError(UsageError, "atMost", flag, max, text.trim());
  return value;
}

/** Comma-separated unit counts (`5,10,30`), each a positive integer of at most MAX_UNITS. */
export function parseSizeList(flag: string, text: string): number[] {
  return text.split(",").map((part) => parseInteger(flag, part, 1, MAX_UNITS));
}

/**
 * Layer sizes (`784,30,10`): at least two positive integers, each at most MAX_UNITS, and a network of at most
 * MAX_PARAMETERS weights and biases, refused before anything is allocated.
 */
export function parseLayerSizes(flag: string, text: string): number[] {
  const sizes = parseSizeList(flag, text);
  if (sizes.length < 2) throw localizedError(UsageError, "twoSizes", flag, text);
  let parameters = 0;
  for (let l = 1; l < sizes.length; l++) parameters += sizes[l] * sizes[l - 1] + sizes[l];
  if (parameters > MAX_PARAMETERS) {
    throw localizedError(UsageError, "tooManyParameters", flag, sizes.join("-"), parameters, MAX_PARAMETERS);
  }
  return sizes;
}

export function parseNumberList(flag: string, text: string): number[] {
  return text.split(",").map((part) => parseNumber(flag, part));
}

export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw localizedError(UsageError, "oneOf", flag, choices.join(", "), text);
  }
  return text as T;
}

/** Reads and parses a JSON file; a syntax error names the file, line and column. */
export function readJsonFile(path: string, what: FileKind = "JSON file"): unknown {
  let text: string;
  try {
    text = readInputFile(path, MAX_TEXT_BYTES, what).toString("utf8");
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw localizedError(InputError, "cannotRead", what, path, code ?? String(err));
  }
  // file:line:column and the problem, found by the model loader's own scanner (Node 20's message often
  // gives no position).
  return parseJsonText(text, path);
}

/** Reads a JSON array of rows of numbers (inputs or targets), naming the first bad entry. */
export function readMatrixFile(path: string, what: FileKind): number[][] {
  const value = readJsonFile(path, what);
  if (!Array.isArray(value) || value.length === 0) throw localizedError(InputError, "notRows", path);
  const rows = value.map((row) => (Array.isArray(row) ? row : [row]));
  const width = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== width) throw localizedError(InputError, "rowLength", path, i, width, row.length);
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        const got = typeof v === "number" ? String(v) : JSON.stringify(v);
        throw localizedError(InputError, "notFinite", path, i, j, got);
      }
    });
  });
  return rows as number[][];
}

/** Flags that name where results are written; checked before any work, so a bad path fails in a second. */
const OUTPUT_FLAGS: readonly string[] = ["--save", "--out", "--plot"];

/**
 * Checks every flag value a command was given, before it runs: an empty value (`--save ""`) is refused rather
 * than taken as "absent", and output paths must be writable (a `<dir>` flag as a folder, else as a file).
 * Runs from the program's preAction hook, so every command and every new flag gets it.
 */
export function checkFlagValues(command: Command): void {
  const values = command.opts();
  for (const option of command.options) {
    const value = values[option.attributeName()];
    if (option.long === undefined) continue;
    // Repeatable flags (graph's --at) collect their values in an array.
    if (Array.isArray(value) && value.some((v) => typeof v === "string" && v.trim() === ""))
      throw localizedError(UsageError, "emptyValue", option.long);
    if (typeof value !== "string") continue;
    if (value.trim() === "") throw localizedError(UsageError, "emptyValueDefault", option.long);
    if (OUTPUT_FLAGS.includes(option.long)) {
      if (/<dir>/.test(option.flags)) assertWritableFolder(value, option.long);
      else assertWritableFile(value, option.long);
    }
  }
}
/**
 * Parses --at values: "x=-2,y=5" (spaces allowed; the flag may be repeated). Numbers may be fractions
 * such as 1/3. A name given twice, a missing "=", or a value that is not a number is a one-line error.
 */
export function parseAt(specs: readonly string[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const spec of specs) {
    for (const part of spec.split(",")) {
      const item = part.trim();
      if (item === "") continue;
      const eq = item.indexOf("=");
      if (eq < 0) throw localizedError(UsageError, "atPair", item);
      const name = item.slice(0, eq).trim();
      const text = item.slice(eq + 1).trim();
      if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) {
        throw localizedError(UsageError, "atName", name, item);
      }
      if (Object.hasOwn(values, name)) throw localizedError(UsageError, "atTwice", name);
      if (text === "") throw localizedError(UsageError, "atNoValue", name, item);
      values[name] = parseNumber(`--at ${name}`, text);
    }
  }
  return values;
}

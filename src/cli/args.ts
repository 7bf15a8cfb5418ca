import { readFileSync } from "node:fs";
import { InputError, RetropropError } from "../util/errors.js";
import { parseJsonText } from "../util/json-text.js";

/** A flag value that is not what the flag needs. */
export class UsageError extends RetropropError {
  override name = "UsageError";
}

/** Parses a number flag; accepts fractions such as 1/35 (the notes write learning rates that way). */
export function parseNumber(flag: string, text: string, min = Number.NEGATIVE_INFINITY): number {
  const t = text.trim();
  const m = /^([-+]?[0-9.eE+-]+)\s*\/\s*([-+]?[0-9.eE+-]+)$/.exec(t);
  const value = m ? Number(m[1]) / Number(m[2]) : t === "" ? Number.NaN : Number(t);
  if (!Number.isFinite(value)) throw new UsageError(`${flag}: expected a number, got "${text}"`);
  if (value < min) throw new UsageError(`${flag}: must be at least ${min}, got ${value}`);
  return value;
}

export function parseInteger(flag: string, text: string, min = Number.MIN_SAFE_INTEGER): number {
  const value = Number(text.trim());
  if (!Number.isInteger(value) || text.trim() === "")
    throw new UsageError(`${flag}: expected an integer, got "${text}"`);
  if (value < min) throw new UsageError(`${flag}: must be at least ${min}, got ${value}`);
  return value;
}

export function parseNumberList(flag: string, text: string): number[] {
  return text.split(",").map((part) => parseNumber(flag, part));
}

export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`${flag}: expected one of ${choices.join(", ")}, got "${text}"`);
  }
  return text as T;
}

/** Reads and parses a JSON file; a syntax error names the file, line and column. */
export function readJsonFile(path: string, what = "JSON file"): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${what} ${path}: cannot read (${code ?? String(err)})`);
  }
  // file:line:column and the problem, found by the model loader's own scanner (Node 20's message often
  // gives no position).
  return parseJsonText(text, path);
}

/** Reads a JSON array of rows of numbers (inputs or targets), naming the first bad entry. */
export function readMatrixFile(path: string, what: string): number[][] {
  const value = readJsonFile(path, what);
  if (!Array.isArray(value) || value.length === 0)
    throw new InputError(`${path}: expected a non-empty JSON array of rows`);
  const rows = value.map((row) => (Array.isArray(row) ? row : [row]));
  const width = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== width)
      throw new InputError(`${path}: [${i}]: expected ${width} numbers, got ${row.length}`);
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new InputError(
          `${path}: [${i}][${j}]: expected a finite number, got ${typeof v === "number" ? String(v) : JSON.stringify(v)}`,
        );
      }
    });
  });
  return rows as number[][];
}

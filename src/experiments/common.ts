/**
 * What every experiment shares: its result shape, where it writes, and the raw-number files (JSON and CSV).
 * Experiments sit above train/data/viz and below the CLI: each is a library function `runXxx(options)` that
 * computes, draws its figures with src/viz, writes `<out>/<name>.json` and `<out>/<name>.csv`, and returns
 * the numbers, the paths and a short text summary.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.js";
import { InputError } from "../util/errors.js";
import { writeFigure } from "../viz/figure.js";

/** A figure on disk, as writeFigure wrote it. */
export interface FigureFiles {
  /** File name without extension, e.g. "lr-sweep-loss". */
  name: string;
  svg: string;
  png: string;
}

export interface ExperimentResult<Data = unknown> {
  /** The experiment's name, e.g. "lr-sweep". */
  name: string;
  /** Folder everything was written to. */
  out: string;
  /** A few lines saying what was found (what the CLI prints). */
  summary: string;
  figures: FigureFiles[];
  /** `<out>/<name>.json` (settings + every number) and `<out>/<name>.csv` (the main table). */
  files: { json: string; csv: string };
  /** The raw numbers (the same object as the JSON file's "data"). */
  data: Data;
  seconds: number;
}

/** Options every experiment takes. */
export interface CommonOptions {
  /** Output folder (created). */
  out: string;
  /** Seed of initialisation, data generation and shuffling (default 1). */
  seed?: number;
  /** Progress messages (one line each). */
  log?: (message: string) => void;
  /** PNG pixels per SVG unit (default 2; 1 gives files about a quarter the size). */
  pngScale?: number;
}

/** One CSV table: header names and rows of numbers or strings. */
export interface Table {
  columns: string[];
  rows: Array<Array<number | string | null>>;
}

function csvCell(v: number | string | null): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? "inf" : v < 0 ? "-inf" : "nan";
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(table: Table): string {
  const lines = [table.columns.map(csvCell).join(",")];
  for (const row of table.rows) {
    if (row.length !== table.columns.length) {
      throw new Error(`CSV row has ${row.length} cells, header has ${table.columns.length}`);
    }
    lines.push(row.map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** JSON.stringify that writes non-finite numbers as null (a diverged run). */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  if (value instanceof Float32Array || value instanceof Float64Array) return Array.from(value);
  return value;
}

/** Writes `<out>/<name>.json` ({experiment, settings, data}) and `<out>/<name>.csv`, atomically. */
export function writeRawNumbers(
  out: string,
  name: string,
  settings: Record<string, unknown>,
  data: unknown,
  table: Table,
): { json: string; csv: string } {
  const json = join(out, `${name}.json`);
  const csv = join(out, `${name}.csv`);
  writeFileAtomic(json, `${JSON.stringify({ experiment: name, settings, data }, jsonReplacer, 1)}\n`);
  writeFileAtomic(csv, toCsv(table));
  return { json, csv };
}

/** Writes one figure (SVG + PNG at `scale` pixels per SVG unit, default 2) and returns its paths with its name. */
export function saveFigure(out: string, name: string, svg: string, scale?: number): FigureFiles {
  if (scale !== undefined && !(scale > 0 && scale <= 8)) {
    throw new InputError(`PNG scale must be a number in (0, 8], got ${scale}`);
  }
  return { name, ...writeFigure(out, name, svg, scale === undefined ? {} : { scale }) };
}

/** A list flag's values must be positive (learning rates, layer counts...). */
export function checkPositiveList(
  what: string,
  values: readonly number[],
  integer = false,
  unique = true,
): void {
  if (values.length === 0) throw new InputError(`${what}: give at least one value`);
  values.forEach((v, i) => {
    if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
      throw new InputError(
        `${what}: value ${i + 1} must be a positive ${integer ? "integer" : "number"}, got ${v}`,
      );
    }
  });
  if (unique && new Set(values).size !== values.length) throw new InputError(`${what}: values repeat`);
}

export function checkPositiveInteger(what: string, v: number, min = 1): void {
  if (!Number.isInteger(v) || v < min) throw new InputError(`${what} must be an integer ≥ ${min}, got ${v}`);
}

/** Compact number formatting for summaries: 4 significant digits, no trailing zeros. */
export function fmt(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}

/** Euclidean norm of a buffer. */
export function norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

export function elapsedSince(started: number): number {
  return (performance.now() - started) / 1000;
}

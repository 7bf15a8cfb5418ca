/**
 * What every experiment's Node half shares: its result shape, where it writes, and the raw-number files (JSON
 * and CSV). Each experiment is three steps: `measureXxx` (in measure/, plain JSON-serialisable data, no Node
 * and no Vega, so a browser can run it), `drawXxx` (the figures as SVG, via src/viz) and `summariseXxx` (the
 * text); `runXxx(options)` loads the data, runs the three and writes `<out>/<name>.json`, `<out>/<name>.csv`
 * and the figures.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { writeFigure } from "../viz/figure.js";
import type { MeasureOptions, Table } from "./measure/shared.js";

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

/** A figure as drawXxx returns it: its file name without extension and its SVG text. */
export interface Figure {
  name: string;
  svg: string;
}

/** Options every experiment takes. */
export interface CommonOptions extends MeasureOptions {
  /** Output folder (created). */
  out: string;
  /** PNG pixels per SVG unit (default 2; 1 gives files about a quarter the size). */
  pngScale?: number;
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

/** JSON.stringify's replacer that writes non-finite numbers as null (a diverged run) and typed arrays as arrays. */
export function jsonReplacer(_key: string, value: unknown): unknown {
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
    throw localizedError(InputError, "figureScale", scale);
  }
  return { name, ...writeFigure(out, name, svg, scale === undefined ? {} : { scale }) };
}

export function elapsedSince(started: number): number {
  return (performance.now() - started) / 1000;
}

/** What runXxx has made once it has measured, drawn and summarised. */
export interface Outcome<Data> {
  /** The settings the JSON file records (what a rerun needs). */
  settings: Record<string, unknown>;
  data: Data;
  table: Table;
  figures: Figure[];
  summary: string;
}

/** Writes an experiment's figures, JSON and CSV into `options.out`, and returns what runXxx returns. */
export function saveExperiment<Data>(
  name: string,
  options: CommonOptions,
  started: number,
  outcome: Outcome<Data>,
): ExperimentResult<Data> {
  const figures = outcome.figures.map((f) => saveFigure(options.out, f.name, f.svg, options.pngScale));
  const files = writeRawNumbers(options.out, name, outcome.settings, outcome.data, outcome.table);
  const { data, summary } = outcome;
  return { name, out: options.out, summary, figures, files, data, seconds: elapsedSince(started) };
}

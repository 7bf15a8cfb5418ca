/**
 * What the measuring halves of the experiments share: option checks, number formatting for summaries, the CSV
 * table shape. Nothing here imports a Node built-in or Vega, so the measurements run in a browser too.
 */
import { InputError } from "../../util/errors.js";
import { localizedError, type Messages } from "../../util/i18n.js";
import type { ExperimentSetting } from "../../util/messages/errors-figures.en.js";

/** Options every measurement takes. */
export interface MeasureOptions {
  /** Seed of initialisation, data generation and shuffling (default 1). */
  seed?: number;
  /** Progress messages (one line each). */
  log?: (message: string) => void;
  /** The language of the summaries and progress messages (default English). */
  messages?: Messages;
}

/** One CSV table: header names and rows of numbers or strings. */
export interface Table {
  columns: string[];
  rows: Array<Array<number | string | null>>;
}

/** A list flag's values must be positive (learning rates, layer counts...). */
export function checkPositiveList(
  what: ExperimentSetting,
  values: readonly number[],
  integer = false,
  unique = true,
): void {
  if (values.length === 0) throw localizedError(InputError, "settingEmpty", what);
  values.forEach((v, i) => {
    if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
      throw localizedError(InputError, "settingValue", what, i + 1, integer, v);
    }
  });
  if (unique && new Set(values).size !== values.length)
    throw localizedError(InputError, "settingRepeats", what);
}

export function checkPositiveInteger(what: ExperimentSetting, v: number, min = 1): void {
  if (!Number.isInteger(v) || v < min) throw localizedError(InputError, "settingInteger", what, min, v);
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

/** n evenly spaced numbers from a to b, both included. */
export function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

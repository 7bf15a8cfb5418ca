import * as vega from "vega";
import { InputError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";

/** Options every chart takes. */
export interface ChartBase {
  title: string;
  /** A second, smaller line under the title. */
  subtitle?: string;
  /** Plot area size in pixels (axes, legend and title come on top). */
  width?: number;
  height?: number;
}

export function titleSpec(base: ChartBase): Record<string, unknown> {
  return base.subtitle ? { text: base.title, subtitle: base.subtitle } : { text: base.title };
}

export function checkSize(chart: string, what: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!Number.isFinite(v) || v < 20) throw localizedError(InputError, "chartSize", chart, what, v);
  return v;
}

/** A finite number or null (Vega treats null as missing: lines break, points are skipped). */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Categorical colours for series/paths: Vega's tableau10, or tableau20 when there are more than ten. */
export function categoricalScheme(count: number): string {
  return count > 10 ? "tableau20" : "tableau10";
}

/** n categorical colours (cycling when n exceeds the scheme). */
export function categoricalColors(n: number): string[] {
  const palette = vega.scheme(categoricalScheme(n)) as string[];
  return Array.from({ length: n }, (_, i) => palette[i % palette.length]!);
}

/** Checks that a grid's xs, ys and row-major values agree and that xs, ys are evenly spaced and increasing. */
export function checkGrid(
  chart: string,
  grid: { xs: ArrayLike<number>; ys: ArrayLike<number>; values: ArrayLike<number> },
): void {
  const nx = grid.xs.length;
  const ny = grid.ys.length;
  if (nx < 2 || ny < 2) throw localizedError(InputError, "chartGridSize", chart, nx, ny);
  if (grid.values.length !== nx * ny) {
    throw localizedError(InputError, "chartGridValues", chart, grid.values.length, ny, nx);
  }
  for (const [axis, a] of [
    ["xs", grid.xs],
    ["ys", grid.ys],
  ] as const) {
    const step = a[1]! - a[0]!;
    for (let i = 1; i < a.length; i++) {
      const d = a[i]! - a[i - 1]!;
      if (!(d > 0) || Math.abs(d - step) > 1e-6 * Math.max(Math.abs(step), 1e-300) + 1e-9 * Math.abs(a[i]!)) {
        throw localizedError(InputError, "chartGridSpacing", chart, axis, i);
      }
    }
  }
}

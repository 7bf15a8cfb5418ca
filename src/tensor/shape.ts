import { RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";

/** Shapes are arrays of non-negative integers; [] is a scalar (0-d), with one element. */
export type Shape = readonly number[];

export class ShapeError extends RetropropError {
  override name = "ShapeError";
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C-order) strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(",")}]`;
}

/** NumPy broadcasting: align from the right; each pair of sizes must be equal or one of them 1. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw localizedError(ShapeError, "noBroadcast", formatShape(a), formatShape(b));
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Resolves negative axes and checks bounds; returns sorted unique axes. */
export function normalizeAxes(axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === "number" ? [axes] : axes;
  const out = new Set<number>();
  for (const a of list) {
    const r = a < 0 ? a + rank : a;
    if (!Number.isInteger(r) || r < 0 || r >= rank) {
      throw localizedError(ShapeError, "axisRange", a, rank);
    }
    out.add(r);
  }
  return [...out].sort((x, y) => x - y);
}

export function normalizeAxis(axis: number, rank: number): number {
  return normalizeAxes(axis, rank)[0];
}

export function checkShape(shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw localizedError(ShapeError, "invalidShape", formatShape(shape));
  }
}

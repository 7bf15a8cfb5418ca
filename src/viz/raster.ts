import { PNG } from "pngjs";
import * as vega from "vega";

/** An RGB triple, 0–255. */
export type Rgb = [number, number, number];

/** Parses the colour strings Vega's schemes produce: "rgb(r, g, b)" or "#rrggbb". */
export function parseColor(css: string): Rgb {
  const m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/.exec(css);
  if (m) return [Math.round(+m[1]!), Math.round(+m[2]!), Math.round(+m[3]!)];
  const h = /^#([0-9a-f]{6})$/i.exec(css);
  if (h) {
    const n = Number.parseInt(h[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  throw new Error(`unrecognised colour ${css}`);
}

/** A Vega colour scheme as a function of t in [0, 1] (clamped); `reverse` runs it from 1 to 0. */
export function schemeColor(name: string, reverse = false): (t: number) => Rgb {
  const interp = vega.scheme(name) as ((t: number) => string) | string[] | undefined;
  if (typeof interp !== "function") throw new Error(`no continuous Vega scheme named ${name}`);
  return (t: number) => {
    const c = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5));
    return parseColor(interp(reverse ? 1 - c : c));
  };
}

/**
 * Encodes a row-major raster (row 0 at the top) as a PNG data URI; `color` maps each value to RGB.
 * Used where a chart would otherwise need one SVG rectangle per cell (fields and weight tiles).
 */
export function rasterDataUri(
  values: ArrayLike<number>,
  width: number,
  height: number,
  color: (v: number) => Rgb,
): string {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = color(values[i]!);
    data[3 * i] = r;
    data[3 * i + 1] = g;
    data[3 * i + 2] = b;
  }
  png.data = data;
  const bytes = PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
  return `data:image/png;base64,${bytes.toString("base64")}`;
}

import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { type PngOptions, svgToPng } from "./render.js";

/**
 * Writes `<dir>/<name>.svg` and `<dir>/<name>.png` (each atomically), creating `dir`. The PNG is drawn at
 * scale 2 unless told otherwise. Returns the two paths.
 */
export function writeFigure(
  dir: string,
  name: string,
  svg: string,
  options: PngOptions = {},
): { svg: string; png: string } {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw localizedError(InputError, "figureName", name);
  }
  const png = svgToPng(svg, { scale: 2, ...options });
  const svgPath = join(dir, `${name}.svg`);
  const pngPath = join(dir, `${name}.png`);
  writeFileAtomic(svgPath, svg);
  writeFileAtomic(pngPath, png);
  return { svg: svgPath, png: pngPath };
}

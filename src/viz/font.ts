import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export { FONT_FAMILY, FONT_STACK } from "./font-names.js";

let fontDir: string | undefined;

/** Absolute folder of the shipped .ttf files. */
export function fontDirectory(): string {
  if (fontDir === undefined) {
    const require = createRequire(import.meta.url);
    fontDir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  }
  return fontDir;
}

/** The font files resvg loads: regular, bold and their obliques. */
export function fontFiles(): string[] {
  const dir = fontDirectory();
  return [
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
  ].map((f) => join(dir, f));
}

/** Horizontal advance widths of a TrueType font, read from its cmap (format 4) and hmtx tables. */
export class FontMetrics {
  private readonly unitsPerEm: number;
  private readonly advances: Uint16Array;
  private readonly glyphOf = new Map<number, number>();
  private readonly cache = new Map<number, number>();

  constructor(bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const tables = new Map<string, number>();
    const numTables = view.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + 16 * i;
      const tag = String.fromCharCode(
        view.getUint8(rec),
        view.getUint8(rec + 1),
        view.getUint8(rec + 2),
        view.getUint8(rec + 3),
      );
      tables.set(tag, view.getUint32(rec + 8));
    }
    const table = (tag: string): number => {
      const off = tables.get(tag);
      if (off === undefined) throw new Error(`font has no ${tag} table`);
      return off;
    };
    this.unitsPerEm = view.getUint16(table("head") + 18);
    const numberOfHMetrics = view.getUint16(table("hhea") + 34);
    const hmtx = table("hmtx");
    this.advances = new Uint16Array(numberOfHMetrics);
    for (let i = 0; i < numberOfHMetrics; i++) this.advances[i] = view.getUint16(hmtx + 4 * i);

    // cmap: the Windows Unicode BMP subtable (platform 3, encoding 1), format 4.
    const cmap = table("cmap");
    const n = view.getUint16(cmap + 2);
    let sub = -1;
    for (let i = 0; i < n; i++) {
      const platform = view.getUint16(cmap + 4 + 8 * i);
      const encoding = view.getUint16(cmap + 6 + 8 * i);
      const off = cmap + view.getUint32(cmap + 8 + 8 * i);
      if (platform === 3 && encoding === 1 && view.getUint16(off) === 4) sub = off;
    }
    if (sub < 0) throw new Error("font has no Unicode BMP cmap subtable");
    const segX2 = view.getUint16(sub + 6);
    const ends = sub + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = view.getUint16(ends + 2 * s);
      const start = view.getUint16(starts + 2 * s);
      const delta = view.getInt16(deltas + 2 * s);
      const ro = view.getUint16(rangeOffsets + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let g: number;
        if (ro === 0) g = (c + delta) & 0xffff;
        else {
          const at = rangeOffsets + 2 * s + ro + 2 * (c - start);
          g = view.getUint16(at);
          if (g !== 0) g = (g + delta) & 0xffff;
        }
        if (g !== 0) this.glyphOf.set(c, g);
      }
    }
  }

  /** Advance width of one code point, in em. Unknown characters count as the .notdef glyph. */
  advance(codePoint: number): number {
    let w = this.cache.get(codePoint);
    if (w === undefined) {
      const g = this.glyphOf.get(codePoint) ?? 0;
      const units = this.advances[Math.min(g, this.advances.length - 1)]!;
      w = units / this.unitsPerEm;
      this.cache.set(codePoint, w);
    }
    return w;
  }

  /** Width of a string in pixels at the given font size (no kerning). */
  width(text: string, fontSize: number): number {
    let em = 0;
    for (const ch of text) em += this.advance(ch.codePointAt(0)!);
    return em * fontSize;
  }
}

let regular: FontMetrics | undefined;
let bold: FontMetrics | undefined;

/** Metrics of the shipped DejaVu Sans, regular or bold (loaded once). */
export function fontMetrics(isBold: boolean): FontMetrics {
  if (isBold) {
    bold ??= new FontMetrics(readFileSync(join(fontDirectory(), "DejaVuSans-Bold.ttf")));
    return bold;
  }
  regular ??= new FontMetrics(readFileSync(join(fontDirectory(), "DejaVuSans.ttf")));
  return regular;
}

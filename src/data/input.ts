/**
 * Inputs for prediction: a 28×28 PNG digit, a JSON row or array of rows, or a CSV of feature rows.
 */
import { PNG } from "pngjs";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { parseJsonText } from "../util/json-text.js";
import { readFailure, readInputFile } from "../util/read-file.js";
import { FLOAT32_MAX, fieldProblem, isNumeric, looksNumeric, quoteField, splitCsvLine } from "./csv.js";
import { readTextFileSync } from "./csv-file.js";

export interface DigitPngOptions {
  /**
   * MNIST digits are white ink on black (0 = background, 1 = full ink). `true` inverts the luminance (for
   * black ink on white paper), `false` never does, `"auto"` (the default) inverts when the mean of the
   * border pixels is above 0.5, i.e. when the background is light.
   */
  invert?: boolean | "auto";
  /** Expected width and height (default 28 × 28). */
  size?: [number, number];
}

/**
 * Reads a PNG digit as MNIST input: row-major luminance in [0, 1] (0.299 R + 0.587 G + 0.114 B; grayscale,
 * RGB, palette and 16-bit images are all accepted). Transparent pixels are composited over white paper.
 * The image must be exactly 28 × 28 (no resizing).
 */
export function readDigitPng(path: string, options: DigitPngOptions = {}): Float32Array {
  const [width, height] = options.size ?? [28, 28];
  let buf: Buffer;
  try {
    buf = readInputFile(path, MAX_PNG_BYTES, "PNG image");
  } catch (err) {
    throw readFailure(path, err);
  }
  // The header's size is checked before decoding: pngjs allocates what the header claims.
  const header = pngHeaderSize(buf);
  if (header && (header.width !== width || header.height !== height)) {
    throw localizedError(InputError, "pngWrongSize", path, header.width, header.height, width, height);
  }
  let png: PNG;
  try {
    png = PNG.sync.read(buf);
  } catch (err) {
    throw localizedError(InputError, "pngInvalid", path, (err as Error).message);
  }
  if (png.width !== width || png.height !== height) {
    throw localizedError(InputError, "pngWrongSize", path, png.width, png.height, width, height);
  }
  const n = width * height;
  const out = new Float32Array(n);
  const rgba = png.data;
  for (let i = 0; i < n; i++) {
    const r = rgba[4 * i];
    const g = rgba[4 * i + 1];
    const b = rgba[4 * i + 2];
    const a = rgba[4 * i + 3] / 255;
    const lum = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    out[i] = a * lum + (1 - a); // over white
  }
  let invert = options.invert ?? "auto";
  if (invert === "auto") {
    let sum = 0;
    let count = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (y === 0 || y === height - 1 || x === 0 || x === width - 1) {
          sum += out[y * width + x];
          count++;
        }
      }
    }
    invert = sum / count > 0.5;
  }
  if (invert) for (let i = 0; i < n; i++) out[i] = 1 - out[i];
  for (let i = 0; i < n; i++) out[i] = Math.min(1, Math.max(0, out[i]));
  return out;
}

/** A 28 × 28 digit is a few kilobytes; anything past this is not one. */
const MAX_PNG_BYTES = 16 * 2 ** 20;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Width and height from a PNG's IHDR chunk (the first chunk, right after the 8-byte signature), or null when
 * the bytes do not start that way (pngjs then says what is wrong).
 */
export function pngHeaderSize(buf: Uint8Array): { width: number; height: number } | null {
  if (buf.length < 24 || PNG_SIGNATURE.some((b, i) => buf[i] !== b)) return null;
  if (String.fromCharCode(buf[12], buf[13], buf[14], buf[15]) !== "IHDR") return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export interface InputRowsOptions {
  /** Required number of values per row (the model's input size); checked when given. */
  features?: number;
  /** Options for PNG inputs. */
  png?: DigitPngOptions;
}

/**
 * Rows of input features for prediction, from:
 * - a `.json` file: one row `[1, 2]`, an array of rows `[[1, 2], [3, 4]]`, or an object with an `inputs`
 *   (or `input`) field holding either;
 * - a `.png` file: one 28 × 28 digit (see readDigitPng), flattened to 784 values;
 * - anything else is read as CSV (plain or gzipped): numbers only, an optional header line of names.
 * Errors name the file and the JSON path or line:column.
 */
export function readInputRows(path: string, options: InputRowsOptions = {}): number[][] {
  let rows: number[][];
  if (/\.png$/i.test(path)) {
    rows = [Array.from(readDigitPng(path, options.png))];
  } else {
    const text = readTextFileSync(path);
    const trimmed = text.trimStart();
    if (/\.json$/i.test(path) || trimmed.startsWith("[") || trimmed.startsWith("{")) {
      rows = jsonRows(text, path);
    } else {
      rows = csvRows(text, path);
    }
  }
  if (rows.length === 0) throw localizedError(InputError, "inputNoRows", path);
  const features = options.features;
  if (features !== undefined) {
    rows.forEach((row, i) => {
      if (row.length !== features) {
        throw localizedError(InputError, "inputRowWidth", path, i + 1, row.length, features);
      }
    });
  }
  return rows;
}

function jsonRows(text: string, path: string): number[][] {
  let value = parseJsonText(text, path);
  let where = "$";
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const key = "inputs" in obj ? "inputs" : "input" in obj ? "input" : null;
    if (!key) throw localizedError(InputError, "inputJsonForm", path);
    value = obj[key];
    where = `$.${key}`;
  }
  if (!Array.isArray(value)) throw localizedError(InputError, "inputNotArray", path, where);
  const checkRow = (row: unknown, at: string): number[] => {
    if (!Array.isArray(row)) throw localizedError(InputError, "inputRowNotArray", path, at);
    return row.map((v, j) => {
      if (typeof v !== "number" || !(Math.abs(v) <= FLOAT32_MAX)) {
        const got = typeof v === "number" ? String(v) : JSON.stringify(v);
        throw localizedError(InputError, "inputNotFloat32", path, `${at}[${j}]`, got);
      }
      return v;
    });
  };
  if (value.length > 0 && value.every((v) => typeof v === "number")) return [checkRow(value, where)];
  return value.map((row, i) => checkRow(row, `${where}[${i}]`));
}

function csvRows(text: string, path: string): number[][] {
  const lines = text.split(/\r?\n/);
  const rows: number[][] = [];
  let width = -1;
  let first = true;
  for (let k = 0; k < lines.length; k++) {
    if (lines[k].trim() === "") continue;
    const fields = splitCsvLine(lines[k], ",", `${path}:${k + 1}`);
    if (first) {
      first = false;
      if (fields.some((f) => !looksNumeric(f))) {
        width = fields.length; // header line of names
        continue;
      }
    }
    if (width >= 0 && fields.length !== width) {
      throw localizedError(InputError, "csvFieldCount", path, k + 1, width, fields.length, false);
    }
    width = fields.length;
    rows.push(
      fields.map((f, j) => {
        if (!isNumeric(f)) {
          throw localizedError(InputError, "inputField", path, k + 1, j + 1, fieldProblem(f), quoteField(f));
        }
        return Number(f);
      }),
    );
  }
  return rows;
}

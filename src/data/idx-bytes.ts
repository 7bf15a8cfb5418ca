/**
 * IDX (the MNIST format) from bytes already in memory: the header checks and the image/label pairing that
 * idx.ts's streaming file reader uses too, and a whole-buffer parser for a browser (the playground fetches
 * MNIST and gunzips it with DecompressionStream). Pure: no Node built-ins.
 *
 * Header: two zero bytes, a type byte (0x08 = unsigned bytes, the only type MNIST uses), the number of
 * dimensions, then one big-endian uint32 per dimension; the data follows, exactly the product of the
 * dimensions in bytes.
 */
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";

export interface IdxData {
  shape: number[];
  data: Uint8Array;
}

export interface ReadIdxOptions {
  /** Required number of dimensions (1 for label files, 3 for image files); any 1–4 when absent. */
  dims?: number;
  /** Largest data size accepted before allocating (default 1 GiB), against corrupt headers. */
  maxBytes?: number;
}

export interface IdxPair {
  /** [count, rows, cols] */
  shape: [number, number, number];
  images: Uint8Array;
  labels: Uint8Array;
}

/** What errors name: a file (or a download's name), or a file whose bytes are meant after gunzip. */
export type IdxSource = string | { path: string; gunzipped: boolean };

/** An IDX source as the catalogue's parameters: the path and whether it was gunzipped. */
function at(what: IdxSource): [string, boolean] {
  return typeof what === "string" ? [what, false] : [what.path, what.gunzipped];
}

/** A shape as errors show it: [60000, 28, 28]. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * The header's length (4 + 4 per dimension) from its first four bytes, after checking the magic number, the
 * type and the number of dimensions; undefined while fewer than four bytes are known. `what` names the file.
 */
export function idxHeaderLength(
  head: Uint8Array,
  what: IdxSource,
  options: ReadIdxOptions = {},
): number | undefined {
  if (head.length < 4) return undefined;
  const [z0, z1, type, nd] = head;
  if (z0 !== 0 || z1 !== 0) {
    const found = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
    const expected = options.dims === 3 ? "0x00000803" : options.dims === 1 ? "0x00000801" : "0x000008NN";
    throw localizedError(InputError, "idxMagic", ...at(what), found, expected);
  }
  if (type !== 0x08) {
    throw localizedError(InputError, "idxType", ...at(what), type.toString(16).padStart(2, "0"));
  }
  if (options.dims !== undefined && nd !== options.dims) {
    throw localizedError(InputError, "idxDims", ...at(what), nd, options.dims);
  }
  if (nd < 1 || nd > 4) throw localizedError(InputError, "idxDimsRange", ...at(what), nd);
  return 4 + 4 * nd;
}

/** The shape a complete header announces and its data size, refused beyond `maxBytes` (before any allocation). */
export function idxShape(
  head: Uint8Array,
  headerLength: number,
  what: IdxSource,
  maxBytes = 2 ** 30,
): { shape: number[]; size: number } {
  const view = new DataView(head.buffer, head.byteOffset, headerLength);
  const shape: number[] = [];
  let size = 1;
  for (let k = 1; k < headerLength / 4; k++) {
    const dim = view.getUint32(4 * k);
    shape.push(dim);
    size *= dim;
  }
  if (size > maxBytes) {
    throw localizedError(InputError, "idxTooLarge", ...at(what), shapeText(shape), size, maxBytes);
  }
  return { shape, size };
}

/** A whole IDX file in memory (already gunzipped): its shape and a view of its data, sizes checked exactly. */
export function parseIdxBytes(bytes: Uint8Array, source: string, options: ReadIdxOptions = {}): IdxData {
  const headerLength = idxHeaderLength(bytes, source, options) ?? 4;
  if (bytes.length < headerLength) {
    throw localizedError(InputError, "idxHeaderTruncated", source, false, headerLength, bytes.length);
  }
  const { shape, size } = idxShape(bytes, headerLength, source, options.maxBytes);
  const expected = headerLength + size;
  if (bytes.length !== expected) {
    throw localizedError(InputError, "idxSize", source, false, shapeText(shape), expected, bytes.length);
  }
  return { shape, data: bytes.subarray(headerLength) };
}

/**
 * An image file and its label file, checked against each other: 3-D images, 1-D labels, the same count,
 * and every label below `classCount` (the first bad label is reported with its index and byte offset).
 */
export function pairIdx(
  img: IdxData,
  lab: IdxData,
  imagesName: string,
  labelsName: string,
  classCount = 10,
): IdxPair {
  const [n, rows, cols] = img.shape;
  if (img.shape.length !== 3 || n === 0 || rows === 0 || cols === 0)
    throw localizedError(InputError, "idxNoImages", imagesName, shapeText(img.shape));
  if (lab.shape.length !== 1 || lab.shape[0] !== n) {
    throw localizedError(InputError, "idxPairCount", labelsName, lab.shape[0], imagesName, n);
  }
  for (let i = 0; i < lab.data.length; i++) {
    if (lab.data[i] >= classCount) {
      throw localizedError(InputError, "idxLabelRange", labelsName, lab.data[i], i, 8 + i, classCount - 1);
    }
  }
  return { shape: [n, rows, cols], images: img.data, labels: lab.data };
}

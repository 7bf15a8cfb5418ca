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

export function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The header's length (4 + 4 per dimension) from its first four bytes, after checking the magic number, the
 * type and the number of dimensions; undefined while fewer than four bytes are known. `what` names the file.
 */
export function idxHeaderLength(
  head: Uint8Array,
  what: string,
  options: ReadIdxOptions = {},
): number | undefined {
  if (head.length < 4) return undefined;
  const [z0, z1, type, nd] = head;
  if (z0 !== 0 || z1 !== 0) {
    const found = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
    const expected = options.dims === 3 ? "0x00000803" : options.dims === 1 ? "0x00000801" : "0x000008NN";
    throw new InputError(`${what}: bad IDX magic number 0x${found} (expected ${expected}); not an IDX file`);
  }
  if (type !== 0x08) {
    throw new InputError(
      `${what}: IDX data type 0x${type.toString(16).padStart(2, "0")} is not supported (only 0x08, unsigned bytes)`,
    );
  }
  if (options.dims !== undefined && nd !== options.dims) {
    throw new InputError(
      `${what}: IDX magic 0x0000080${nd} says ${nd} dimension(s), expected ${options.dims} (magic 0x0000080${options.dims})`,
    );
  }
  if (nd < 1 || nd > 4) throw new InputError(`${what}: IDX header has ${nd} dimensions (expected 1 to 4)`);
  return 4 + 4 * nd;
}

/** The shape a complete header announces and its data size, refused beyond `maxBytes` (before any allocation). */
export function idxShape(
  head: Uint8Array,
  headerLength: number,
  what: string,
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
    throw new InputError(
      `${what}: IDX header announces shape [${shape.join(", ")}] = ${plural(size, "byte")}, more than the ${plural(maxBytes, "byte")} accepted`,
    );
  }
  return { shape, size };
}

/** A whole IDX file in memory (already gunzipped): its shape and a view of its data, sizes checked exactly. */
export function parseIdxBytes(bytes: Uint8Array, source: string, options: ReadIdxOptions = {}): IdxData {
  const headerLength = idxHeaderLength(bytes, source, options) ?? 4;
  if (bytes.length < headerLength) {
    throw new InputError(
      `${source}: truncated IDX header: expected at least ${plural(headerLength, "byte")}, the file has ${plural(bytes.length, "byte")}`,
    );
  }
  const { shape, size } = idxShape(bytes, headerLength, source, options.maxBytes);
  const expected = headerLength + size;
  if (bytes.length !== expected) {
    const problem = bytes.length < expected ? "truncated IDX file" : "wrong IDX size";
    const extra = bytes.length > expected ? ` (${plural(bytes.length - expected, "byte")} too many)` : "";
    throw new InputError(
      `${source}: ${problem}: header [${shape.join(", ")}] needs ${plural(expected, "byte")}, the file has ${plural(bytes.length, "byte")}${extra}`,
    );
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
    throw new InputError(`${imagesName}: holds no images (shape [${img.shape.join(", ")}])`);
  if (lab.shape.length !== 1 || lab.shape[0] !== n) {
    throw new InputError(
      `labels do not match images: ${labelsName} has ${plural(lab.shape[0], "label")}, ${imagesName} has ${plural(n, "image")}`,
    );
  }
  for (let i = 0; i < lab.data.length; i++) {
    if (lab.data[i] >= classCount) {
      throw new InputError(
        `${labelsName}: label ${lab.data[i]} of item ${i} (byte offset ${8 + i}) is out of range 0..${classCount - 1}`,
      );
    }
  }
  return { shape: [n, rows, cols], images: img.data, labels: lab.data };
}

/**
 * IDX files (the MNIST format), raw or gzipped, read with streaming decompression and strict checks (the
 * header's checks and the image/label pairing are idx-bytes.ts's, which parses bytes in memory too).
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { readFailure, statInputFile } from "../util/read-file.js";
import { allInOrder } from "../util/settle.js";
import {
  type IdxData,
  type IdxPair,
  idxHeaderLength,
  idxShape,
  pairIdx,
  type ReadIdxOptions,
  shapeText,
} from "./idx-bytes.js";

export type { IdxData, IdxPair, ReadIdxOptions } from "./idx-bytes.js";

/** Whether a file starts with the gzip magic bytes 1f 8b (decided by content, not by name). */
export async function isGzipFile(path: string): Promise<boolean> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(path, "r");
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } catch (err) {
    throw readFailure(path, err);
  } finally {
    await fh?.close();
  }
}

/**
 * Reads an IDX file of unsigned bytes. Streams the file (through gunzip when it starts with the gzip magic)
 * and fills one buffer of exactly the size the header announces. Errors name the file and say what is
 * wrong: bad magic (with the bytes found), unsupported type, truncated or oversized data (expected vs actual
 * byte counts of the decompressed IDX content), a corrupt gzip stream.
 */
export async function readIdx(path: string, options: ReadIdxOptions = {}): Promise<IdxData> {
  const maxBytes = options.maxBytes ?? 2 ** 30;
  let fileSize: number;
  try {
    // A regular file only (a device such as /dev/zero never ends); its size bounds what the header may claim.
    fileSize = statInputFile(path, Number.MAX_SAFE_INTEGER, "IDX file").size;
  } catch (err) {
    throw readFailure(path, err);
  }
  const gz = await isGzipFile(path);
  const what = { path, gunzipped: gz };
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = gz ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (gz) raw.on("error", (err) => stream.destroy(err));

  let header: Buffer = Buffer.alloc(0);
  let headerLength = -1;
  let shape: number[] = [];
  let data: Uint8Array | null = null;
  let filled = 0;
  let extra = 0;

  const parseHeader = (): void => {
    if (headerLength < 0) headerLength = idxHeaderLength(header, what, options) ?? -1;
    if (headerLength > 0 && data === null && header.length >= headerLength) {
      const announced = idxShape(header, headerLength, what, maxBytes);
      shape = announced.shape;
      checkClaim(announced.size);
      data = new Uint8Array(announced.size);
      const rest = header.subarray(headerLength);
      header = Buffer.alloc(0);
      consume(rest);
    }
  };

  // Before allocating what the header claims, compare the claim with the file: a raw file must be exactly
  // header + data bytes; gzip's deflate cannot expand more than 1032:1, so a claim beyond that is truncated.
  const checkClaim = (size: number): void => {
    const expected = headerLength + size;
    if (!gz && fileSize !== expected) {
      throw localizedError(InputError, "idxSize", path, false, shapeText(shape), expected, fileSize);
    }
    if (gz && size > MAX_DEFLATE_RATIO * fileSize) {
      throw localizedError(InputError, "idxGzipClaim", path, shapeText(shape), expected, fileSize);
    }
  };

  const consume = (chunk: Uint8Array): void => {
    if (data === null) {
      header = Buffer.concat([header, chunk]);
      parseHeader();
      return;
    }
    const room = data.length - filled;
    if (chunk.length <= room) {
      data.set(chunk, filled);
      filled += chunk.length;
    } else {
      data.set(chunk.subarray(0, room), filled);
      filled += room;
      extra += chunk.length - room;
    }
  };

  try {
    for await (const chunk of stream) consume(chunk as Buffer);
  } catch (err) {
    if (err instanceof InputError) {
      stream.destroy();
      raw.destroy();
      throw err;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ENOENT" || e.code === "EISDIR" || e.code === "EACCES") throw readFailure(path, err);
    if (gz) throw localizedError(InputError, "gzipCorrupt", path, e.message);
    throw localizedError(InputError, "cannotReadFile", path, e.message);
  }

  if (data === null) {
    const need = headerLength > 0 ? headerLength : 4;
    throw localizedError(InputError, "idxHeaderTruncated", path, gz, need, header.length);
  }
  const expected = headerLength + (data as Uint8Array).length;
  const actual = headerLength + filled + extra;
  if (filled < (data as Uint8Array).length) {
    throw localizedError(InputError, "idxSize", path, gz, shapeText(shape), expected, actual);
  }
  if (extra > 0) {
    throw localizedError(InputError, "idxSize", path, gz, shapeText(shape), expected, actual);
  }
  return { shape, data: data as Uint8Array };
}

/** deflate's largest expansion (a run of one byte): about 1032 output bytes per input byte. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * An image file and its label file, checked against each other (idx-bytes.ts's pairIdx): 3-D images, 1-D
 * labels, the same count, and every label below `classCount`.
 */
export async function readIdxPair(imagesPath: string, labelsPath: string, classCount = 10): Promise<IdxPair> {
  // Read together; when both are bad, the images file's error is the one reported.
  const [img, lab] = await allInOrder([readIdx(imagesPath, { dims: 3 }), readIdx(labelsPath, { dims: 1 })]);
  return pairIdx(img, lab, imagesPath, labelsPath, classCount);
}

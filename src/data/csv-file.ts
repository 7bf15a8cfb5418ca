/**
 * CSV files on disk (Node): read whole, gunzipped when they start with the gzip magic bytes, then parsed by
 * csv.ts, which is pure so that a browser can parse the same text.
 */
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { MAX_TEXT_BYTES } from "../util/limits.js";
import { readFailure, readInputFile, statInputFile } from "../util/read-file.js";
import { type CsvOptions, csvToDataset } from "./csv.js";
import type { Dataset } from "./types.js";

function decodeText(buf: Buffer, path: string): string {
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      // Bounded like a plain file: a few kilobytes of gzip can claim gigabytes.
      buf = gunzipSync(buf, { maxOutputLength: MAX_TEXT_BYTES });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
        throw localizedError(InputError, "gzipTooLarge", path, MAX_TEXT_BYTES);
      throw localizedError(InputError, "gzipCorrupt", path, (err as Error).message);
    }
  }
  let text = buf.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** Reads a text file, gunzipping it when it starts with the gzip magic bytes (whatever its name). */
export async function readTextFile(path: string): Promise<string> {
  let buf: Buffer;
  try {
    statInputFile(path, MAX_TEXT_BYTES, "text file");
    buf = await readFile(path);
  } catch (err) {
    throw readFailure(path, err);
  }
  return decodeText(buf, path);
}

/** The same, synchronously. */
export function readTextFileSync(path: string): string {
  let buf: Buffer;
  try {
    buf = readInputFile(path, MAX_TEXT_BYTES, "text file");
  } catch (err) {
    throw readFailure(path, err);
  }
  return decodeText(buf, path);
}

/** Reads a CSV dataset (plain or gzipped) from a file. */
export async function readCsvDataset(path: string, options: CsvOptions = {}): Promise<Dataset> {
  return csvToDataset(await readTextFile(path), path, options);
}

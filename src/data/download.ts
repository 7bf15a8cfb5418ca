/**
 * Finding a dataset's files in the data root, checking them against published MD5 sums, and downloading the
 * missing ones (written to a temporary file, verified, then renamed into place: a file failing its checksum is
 * deleted and never used).
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { InputError, RetropropError } from "../util/errors.js";
import { localizedError, type Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import {
  type ChecksumTable,
  DATASET_FILES,
  DEFAULT_SOURCES,
  isFileDatasetName,
  KNOWN_CHECKSUMS,
} from "./files.js";

export interface EnsureFilesOptions {
  /**
   * Base URL of a mirror laid out like a data root: files are fetched from `<base>/<dataset>/<file>`.
   * Default: the environment variable RETROPROP_DATA_URL, else the dataset's official source (MNIST,
   * Fashion-MNIST only).
   */
  baseUrl?: string;
  /** The fetch function (default: Node's global fetch). */
  fetch?: typeof fetch;
  /** MD5 sums keyed "dataset/file" (default KNOWN_CHECKSUMS). Injectable for tests and private mirrors. */
  checksums?: ChecksumTable;
  /** Allow downloading missing files (default true). */
  download?: boolean;
  /** Per-file download time limit in milliseconds (default 300000). */
  timeoutMs?: number;
  /** Progress messages ("downloading ..."); default: none. */
  log?: (message: string) => void;
  /** The language of the progress messages (default English). */
  messages?: Messages;
  /** Environment to read RETROPROP_DATA_URL from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The file names to ensure (default: all files of the dataset). */
  files?: readonly string[];
}

/** MD5 of a file, lowercase hex, computed while streaming it. */
export async function md5File(path: string): Promise<string> {
  const hash = createHash("md5");
  await pipeline(createReadStream(path), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) hash.update(chunk);
  });
  return hash.digest("hex");
}

function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The URL a file is downloaded from. */
export function downloadUrl(dataset: string, file: string, baseUrl?: string): string | undefined {
  if (baseUrl) return `${baseUrl.replace(/\/+$/, "")}/${dataset}/${file}`;
  const source = isFileDatasetName(dataset) ? DEFAULT_SOURCES[dataset] : undefined;
  return source ? new URL(file, source).href : undefined;
}

/**
 * Makes sure every file of `dataset` is present under `root/<dataset>/` and returns their paths (in the
 * order of DATASET_FILES, or of `options.files`).
 *
 * - A present file with a known checksum is verified; a mismatch is an error (the file is not used; delete
 *   it to download it again). For a `.gz` name, an uncompressed copy (the name without `.gz`) is accepted
 *   when the `.gz` is absent; it cannot be checked against the published sums of the compressed files.
 * - A missing file is downloaded when allowed, into a temporary file in the same folder, hashed on the way,
 *   and renamed into place only if its MD5 matches. A file with no known checksum is never downloaded.
 */
export async function ensureFiles(
  dataset: string,
  root: string,
  options: EnsureFilesOptions = {},
): Promise<string[]> {
  const files = options.files ?? (isFileDatasetName(dataset) ? DATASET_FILES[dataset] : undefined);
  if (!files) throw localizedError(InputError, "noFileList", dataset);
  const checksums = options.checksums ?? KNOWN_CHECKSUMS;
  const env = options.env ?? process.env;
  const baseUrl = options.baseUrl ?? (env.RETROPROP_DATA_URL || undefined);
  const folder = join(root, dataset);
  const out: string[] = [];
  for (const file of files) {
    const path = join(folder, file);
    const expected = checksums[`${dataset}/${file}`]?.toLowerCase();
    if (await isFile(path)) {
      if (expected) {
        const actual = await md5File(path);
        if (actual !== expected) {
          throw localizedError(InputError, "checksumMismatch", path, actual, expected);
        }
      }
      out.push(path);
      continue;
    }
    const rawAlternative = file.endsWith(".gz") ? path.slice(0, -3) : undefined;
    if (rawAlternative && (await isFile(rawAlternative))) {
      out.push(rawAlternative);
      continue;
    }
    if (options.download === false) {
      throw localizedError(InputError, "missingNoDownload", dataset, path, folder);
    }
    const url = downloadUrl(dataset, file, baseUrl);
    if (!url) {
      throw localizedError(InputError, "missingNoSource", dataset, path);
    }
    if (!expected) {
      throw localizedError(InputError, "missingNoChecksum", dataset, path, url);
    }
    options.log?.((options.messages ?? en).dataReport.downloading(url, path));
    await downloadVerified(url, path, expected, options);
    out.push(path);
  }
  return out;
}

/**
 * Downloads `url` to `path`: streams into a temporary file in the same folder while computing the MD5; on a
 * match renames it over `path`, otherwise deletes it and throws.
 */
export async function downloadVerified(
  url: string,
  path: string,
  expectedMd5: string,
  options: Pick<EnsureFilesOptions, "fetch" | "timeoutMs"> = {},
): Promise<void> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (!fetchFn) throw localizedError(RetropropError, "noFetch");
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.download`,
  );
  let response: Response;
  try {
    response = await fetchFn(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 300_000) });
  } catch (err) {
    const e = err as Error & { cause?: Error };
    const reason = e.cause?.message ?? e.message;
    throw localizedError(RetropropError, "cannotDownload", url, reason);
  }
  if (!response.ok || !response.body) {
    const status = `HTTP ${response.status} ${response.statusText}`.trimEnd();
    throw localizedError(RetropropError, "cannotDownload", url, status);
  }
  // The folder is made only once there is something to put in it: a failed download leaves nothing behind.
  await mkdir(dirname(path), { recursive: true });
  const hash = createHash("md5");
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream),
      tap,
      createWriteStream(tmp, { flush: true }),
    );
    const actual = hash.digest("hex");
    if (actual !== expectedMd5.toLowerCase()) {
      throw localizedError(InputError, "downloadMismatch", url, bytes, actual, expectedMd5);
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    if (err instanceof RetropropError) throw err;
    throw localizedError(RetropropError, "cannotDownload", url, (err as Error).message);
  }
}

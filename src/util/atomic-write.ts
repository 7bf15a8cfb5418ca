import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError, RetropropError } from "./errors.js";
import { localizedError } from "./i18n.js";

/** A write that failed for a reason outside retroprop (a full disk, a read-only folder): one line, no trace. */
export class WriteError extends RetropropError {
  override name = "WriteError";
}

/** What an errno of a failed write means, worded for a person. */
function writeFailure(path: string, err: unknown): RetropropError {
  if (err instanceof RetropropError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOSPC") return localizedError(WriteError, "writeNoSpace", path);
  if (code === "EDQUOT") return localizedError(WriteError, "writeQuota", path);
  if (code === "EROFS") return localizedError(WriteError, "writeReadOnly", path);
  if (code === "EACCES" || code === "EPERM") return localizedError(WriteError, "writePermission", path);
  if (code === "ENOENT" || code === "ENOTDIR") return localizedError(WriteError, "writeNoFolder", path, code);
  if (code === "EISDIR") return localizedError(WriteError, "writeIsFolder", path);
  if (typeof code === "string") return localizedError(WriteError, "writeFailed", path, code);
  throw err;
}

/**
 * Creates `dir` and its missing parents, one level at a time. Node's `mkdirSync(…, { recursive: true })` never
 * returns under /proc (it retries ENOENT forever), so the levels are walked here and any failure is one line.
 */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  let st = statOrNull(at);
  while (!st && dirname(at) !== at) {
    missing.push(at);
    at = dirname(at);
    st = statOrNull(at);
  }
  if (st && !st.isDirectory()) throw localizedError(InputError, "writeInFile", dir, at);
  for (let k = missing.length - 1; k >= 0; k--) {
    try {
      mkdirSync(missing[k]);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST" && statOrNull(missing[k])?.isDirectory()) continue;
      throw writeFailure(missing[k], err);
    }
  }
}

/** The temporary name of a write to `path` by this process: `.name.<pid>.<random>.tmp` beside it. */
const TMP = /^\.(.*)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes a file so that readers see either the old content or the new, never a half-written file:
 * write a temporary file in the same folder (same filesystem), flush it, then rename over the target, and
 * flush the folder so that the rename itself survives a power cut. Temporary files of earlier writes to the
 * same path whose process is gone (a killed save) are removed.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  if (statOrNull(path)?.isDirectory()) throw localizedError(InputError, "writeTargetIsFolder", path);
  makeFolders(dir);
  removeOrphanTemporaries(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, content, { flush: true });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw writeFailure(path, err);
  }
  syncFolder(dir);
}

/** Removes `.name.<pid>.<hex>.tmp` files of `path` left by processes that no longer run. */
function removeOrphanTemporaries(path: string): void {
  removeDeadTemporaries(dirname(path), basename(path));
}

/**
 * Removes the temporary files in `dir` of writes whose process no longer runs: those of one target `name`,
 * or of every target (a checkpoint folder, whose files change names from one checkpoint to the next).
 */
export function removeDeadTemporaries(dir: string, name?: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = TMP.exec(entry);
    if (m && (name === undefined || m[1] === name) && !processRuns(Number(m[2]))) {
      rmSync(join(dir, entry), { force: true });
    }
  }
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

/** fsync a folder's entry list; best effort, since some platforms (Windows) cannot open a folder for it. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // The file itself is already flushed and in place; only the rename's durability is not guaranteed here.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Checks, before any long work, that `path` can be written as a file: it is not a folder, the nearest
 * existing folder above it is a folder (not a file), and a file can really be created there (a probe file is
 * created and removed: permissions alone do not tell, e.g. under /proc as root). `what` names the flag.
 */
export function assertWritableFile(path: string, what: string): void {
  if (path === "") throw localizedError(InputError, "emptyFileName", what);
  const st = statOrNull(path);
  if (st?.isDirectory()) throw localizedError(InputError, "flagIsFolder", what, path);
  if (st && !st.isFile()) throw localizedError(InputError, "flagNotRegularFile", what, path);
  probeFolder(dirname(path), path, what);
}

/** The same for a folder that files will be written into (`--plot DIR`, `--out DIR`). */
export function assertWritableFolder(dir: string, what: string): void {
  if (dir === "") throw localizedError(InputError, "emptyFolderName", what);
  const st = statOrNull(dir);
  if (st && !st.isDirectory()) throw localizedError(InputError, "flagIsFile", what, dir);
  probeFolder(dir, dir, what);
}

/** Creates and removes a probe file in the nearest existing folder at or above `dir`. */
function probeFolder(dir: string, target: string, what: string): void {
  let at = dir;
  let st = statOrNull(at);
  while (!st && dirname(at) !== at) {
    at = dirname(at);
    st = statOrNull(at);
  }
  if (!st) return;
  if (!st.isDirectory()) throw localizedError(InputError, "flagParentIsFile", what, target, at);
  const probe = join(at, `.retroprop-probe.${process.pid}.${randomBytes(4).toString("hex")}`);
  try {
    closeSync(openSync(probe, "wx"));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw localizedError(InputError, "flagCannotCreate", what, target, at, code);
  }
  rmSync(probe, { force: true });
}

/** stat, or null where there is nothing (or a file stands where a folder should be). */
function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

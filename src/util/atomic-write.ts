import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "./errors.js";

/**
 * Writes a file so that readers see either the old content or the new, never a half-written file:
 * write a temporary file in the same folder (same filesystem), flush it, then rename over the target, and
 * flush the folder so that the rename itself survives a power cut.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  if (statOrNull(path)?.isDirectory()) throw new InputError(`${path} is a folder, not a file`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOTDIR")
      throw new InputError(`cannot write ${path}: a part of ${dir} is a file, not a folder`);
    throw err;
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, content, { flush: true });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  syncFolder(dir);
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
 * Checks, before any long work, that `path` can be written as a file: it is not a folder, and the nearest
 * existing folder above it is a folder (not a file). `what` names the flag or setting in the message.
 */
export function assertWritableFile(path: string, what: string): void {
  if (statOrNull(path)?.isDirectory()) throw new InputError(`${what} ${path}: is a folder, not a file`);
  let dir = dirname(path);
  let st = statOrNull(dir);
  while (!st && dirname(dir) !== dir) {
    dir = dirname(dir);
    st = statOrNull(dir);
  }
  if (st && !st.isDirectory()) throw new InputError(`${what} ${path}: ${dir} is a file, not a folder`);
}

/** stat, or null where there is nothing (or a file stands where a folder should be). */
function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

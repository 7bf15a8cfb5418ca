import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "./errors.js";

/**
 * Writes a file so that readers see either the old content or the new, never a half-written file:
 * write a temporary file in the same folder (same filesystem), flush it, then rename over the target.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
    throw new InputError(`${path} is a folder, not a file`);
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
}

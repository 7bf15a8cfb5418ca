/**
 * Reading a file a user named, bounded: only regular files (a device such as /dev/zero, a pipe or a socket
 * never ends, so it is refused before a byte is read), and no more than a limit, checked against the file's
 * size before anything is allocated.
 */
import { readFileSync, type Stats, statSync } from "node:fs";
import { InputError } from "./errors.js";
import { localizedError } from "./i18n.js";
import type { FileKind } from "./messages/errors-data.en.js";

export { byteCount } from "./messages/en.js";

/**
 * stat a file that is about to be read: refuses a folder, a device, pipe or socket, and a file larger than
 * `maxBytes` (`what` names it in that message). Errors of stat itself (ENOENT, EACCES) are thrown as they are,
 * for the caller to word.
 */
export function statInputFile(path: string, maxBytes: number, what: FileKind | string = "file"): Stats {
  const st = statSync(path);
  if (st.isDirectory()) throw localizedError(InputError, "isFolder", path);
  if (!st.isFile()) throw localizedError(InputError, "notRegularFile", path);
  if (st.size > maxBytes) throw localizedError(InputError, "fileTooLarge", path, st.size, maxBytes, what);
  return st;
}

/**
 * The error for a file a user named that could not be read: this module's own InputErrors as they are, else
 * worded from the errno (no such file, a folder, or the system's reason).
 */
export function readFailure(path: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e.code === "ENOENT") return localizedError(InputError, "noSuchFile", path);
  if (e.code === "EISDIR") return localizedError(InputError, "isFolder", path);
  return localizedError(InputError, "cannotReadFile", path, e.message);
}

/** readFileSync after statInputFile's checks. */
export function readInputFile(path: string, maxBytes: number, what: FileKind | string = "file"): Buffer {
  statInputFile(path, maxBytes, what);
  return readFileSync(path);
}

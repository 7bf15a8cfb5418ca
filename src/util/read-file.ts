/**
 * Reading a file a user named, bounded: only regular files (a device such as /dev/zero, a pipe or a socket
 * never ends, so it is refused before a byte is read), and no more than a limit, checked against the file's
 * size before anything is allocated.
 */
import { readFileSync, type Stats, statSync } from "node:fs";
import { InputError } from "./errors.js";

/** A size in bytes for a message: "1,234 bytes". */
export function byteCount(n: number): string {
  return `${n.toLocaleString("en-US")} byte${n === 1 ? "" : "s"}`;
}

/**
 * stat a file that is about to be read: refuses a folder, a device, pipe or socket, and a file larger than
 * `maxBytes` (`what` names it in that message). Errors of stat itself (ENOENT, EACCES) are thrown as they are,
 * for the caller to word.
 */
export function statInputFile(path: string, maxBytes: number, what = "file"): Stats {
  const st = statSync(path);
  if (st.isDirectory()) throw new InputError(`${path}: is a folder, not a file`);
  if (!st.isFile()) {
    throw new InputError(
      `${path}: not a regular file (a device, pipe or socket, which may never end); give a file`,
    );
  }
  if (st.size > maxBytes) {
    throw new InputError(
      `${path}: ${byteCount(st.size)}, more than the ${byteCount(maxBytes)} accepted for a ${what}`,
    );
  }
  return st;
}

/** readFileSync after statInputFile's checks. */
export function readInputFile(path: string, maxBytes: number, what = "file"): Buffer {
  statInputFile(path, maxBytes, what);
  return readFileSync(path);
}

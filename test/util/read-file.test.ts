import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { InputError } from "../../src/util/errors.js";
import { readInputFile } from "../../src/util/read-file.js";

const dir = mkdtempSync(join(tmpdir(), "retroprop-read-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("a device that never ends (/dev/zero) is refused before a byte is read", {
  skip: !existsSync("/dev/zero") && "no /dev/zero",
}, () => {
  assert.throws(
    () => readInputFile("/dev/zero", 1024),
    (e) => e instanceof InputError && /^\/dev\/zero: not a regular file/.test(e.message),
  );
});

test("a named pipe is refused without blocking on it", {
  skip: process.platform === "win32" && "no mkfifo",
}, () => {
  const fifo = join(dir, "pipe");
  if (spawnSync("mkfifo", [fifo]).status !== 0) return;
  assert.throws(
    () => readInputFile(fifo, 1024),
    (e) => e instanceof InputError && /pipe: not a regular file/.test(e.message),
  );
});

test("a file larger than the limit is refused from its size, naming both", () => {
  const f = join(dir, "big.csv");
  writeFileSync(f, Buffer.alloc(2048));
  assert.throws(
    () => readInputFile(f, 1024, "CSV file"),
    (e) =>
      e instanceof InputError &&
      e.message === `${f}: 2,048 bytes, more than the 1,024 bytes accepted for a CSV file`,
  );
  assert.equal(readInputFile(f, 4096).length, 2048);
});

test("a folder is refused; a missing file is left to the caller's wording (ENOENT)", () => {
  assert.throws(
    () => readInputFile(dir, 1024),
    (e) => e instanceof InputError && /is a folder, not a file/.test(e.message),
  );
  assert.throws(
    () => readInputFile(join(dir, "none"), 1024),
    (e) => (e as NodeJS.ErrnoException).code === "ENOENT",
  );
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { assertWritableFile, assertWritableFolder, writeFileAtomic } from "../../src/util/atomic-write.js";
import { RetropropError } from "../../src/util/errors.js";

const dir = mkdtempSync(join(tmpdir(), "retroprop-atomic-"));

/** The pid of a process that has exited (a real pid, so the check cannot pass by luck of a huge number). */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid as number;
}

const oneLine = (err: unknown, pattern: RegExp): boolean =>
  err instanceof RetropropError && !err.message.includes("\n") && pattern.test(err.message);

test("a save removes the temporary files that killed saves to the same path left, and only those", () => {
  const target = join(dir, "model.json");
  const dead = deadPid();
  const orphan = join(dir, `.model.json.${dead}.0badf00d.tmp`);
  const live = join(dir, `.model.json.${process.ppid}.0badf00d.tmp`); // a running process's write in progress
  const other = join(dir, `.other.json.${dead}.0badf00d.tmp`); // another file's
  for (const f of [orphan, live, other]) writeFileSync(f, "partial");
  writeFileAtomic(target, "new");
  assert.equal(readFileSync(target, "utf8"), "new");
  assert.equal(existsSync(orphan), false);
  assert.equal(existsSync(live), true);
  assert.equal(existsSync(other), true);
});

test("folders are created level by level; a file in the way is one line", () => {
  writeFileAtomic(join(dir, "a", "b", "c.txt"), "x");
  assert.equal(readFileSync(join(dir, "a", "b", "c.txt"), "utf8"), "x");
  writeFileSync(join(dir, "plain"), "x");
  assert.throws(
    () => writeFileAtomic(join(dir, "plain", "sub", "f.txt"), "x"),
    (e) => oneLine(e, /plain is a file, not a folder/),
  );
});

// Node's mkdirSync(…, { recursive: true }) retries ENOENT under /proc forever: these returned never before.
test("/proc, where no file can be created, is refused up front and by the write itself", {
  skip: !existsSync("/proc/self") && "no /proc here",
}, () => {
  assert.throws(
    () => assertWritableFile("/proc/retroprop-x/model.json", "--save"),
    (e) => oneLine(e, /^--save \/proc\/retroprop-x\/model\.json: cannot create files in \/proc/),
  );
  assert.throws(
    () => assertWritableFolder("/proc/retroprop-x", "--plot"),
    (e) => oneLine(e, /^--plot \/proc\/retroprop-x: cannot create files in \/proc/),
  );
  assert.throws(
    () => writeFileAtomic("/proc/retroprop-x/y/z.json", "{}"),
    (e) => oneLine(e, /cannot write \/proc\/retroprop-x/),
  );
});

test("up-front checks: a folder where a file goes, a file where a folder goes, empty names", () => {
  mkdirSync(join(dir, "folder"));
  assert.throws(
    () => assertWritableFile(join(dir, "folder"), "--save"),
    (e) => oneLine(e, /is a folder, not a file/),
  );
  assert.throws(
    () => assertWritableFolder(join(dir, "plain"), "--plot"),
    (e) => oneLine(e, /is a file, not a folder/),
  );
  assert.throws(
    () => assertWritableFile("", "--save"),
    (e) => oneLine(e, /--save: empty file name/),
  );
  assertWritableFile(join(dir, "new", "deeper", "m.json"), "--save"); // does not exist yet: fine
  assertWritableFolder(join(dir, "plots"), "--plot");
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith(".retroprop-probe")),
    [],
  );
});

// A 64 KiB tmpfs is a disk that fills during the save. Mounting needs root; elsewhere the test says so.
const small = join(dir, "small");
mkdirSync(small);
const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", small]).status === 0;
after(() => {
  if (mounted) spawnSync("umount", [small]);
  rmSync(dir, { recursive: true, force: true });
});

test("a disk that fills during a save: one line naming the file, the old file intact, no temporary left", {
  skip: !mounted && "cannot mount a small tmpfs here (needs root)",
}, () => {
  const target = join(small, "model.json");
  writeFileAtomic(target, "old");
  assert.throws(
    () => writeFileAtomic(target, new Uint8Array(1 << 20)),
    (e) => oneLine(e, new RegExp(`^no space left on device writing ${target.replace(/[.]/g, "\\.")}$`)),
  );
  assert.equal(readFileSync(target, "utf8"), "old");
  assert.deepEqual(readdirSync(small), ["model.json"]);
});

/**
 * What a file may claim before retroprop believes it (issue 13's probe): sizes in headers are compared with the
 * file before anything is allocated, and files that never end are refused.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { parseCsvTable } from "../../src/data/csv.js";
import { readCsvDataset, readTextFile } from "../../src/data/csv-file.js";
import { readIdx, readIdxPair } from "../../src/data/idx.js";
import { readDigitPng, readInputRows } from "../../src/data/input.js";
import { InputError } from "../../src/util/errors.js";
import { fileWriter, idxBytes, tempDir } from "./helpers.js";

const { dir, cleanup } = tempDir();
after(cleanup);
const file = fileWriter(dir);
const inputError = (pattern: RegExp) => (e: unknown) =>
  e instanceof InputError && !e.message.includes("\n") && pattern.test(e.message);

test("an IDX header claiming 1 GiB in a 16-byte file is refused from the file's size, before allocating", async () => {
  // [1, 32768, 32768] unsigned bytes: 2^30 bytes announced, none present.
  const p = file("claims.idx", idxBytes([1, 32768, 32768], []));
  await assert.rejects(
    readIdx(p, { dims: 3 }),
    inputError(
      /claims\.idx: truncated IDX file: header \[1, 32768, 32768\] needs 1,073,741,840 bytes, the file has 16 bytes/,
    ),
  );
  // The 8-byte label header of the probe: 0x40000000 labels.
  const q = file("labels8.idx", Buffer.from([0, 0, 8, 1, 0x40, 0, 0, 0]));
  await assert.rejects(
    readIdx(q, { dims: 1 }),
    inputError(/needs 1,073,741,832 bytes, the file has 8 bytes/),
  );
});

test("a gzipped IDX header claiming more than deflate can expand its file to is refused before allocating", async () => {
  const p = file("claims.idx.gz", gzipSync(idxBytes([1, 32768, 32768], [])));
  await assert.rejects(
    readIdx(p, { dims: 3 }),
    inputError(
      /truncated IDX file: header \[1, 32768, 32768\] needs 1,073,741,840 bytes, more than a gzip file of \d+ bytes can hold/,
    ),
  );
});

test("IDX files with no items are refused by readIdxPair", async () => {
  const images = file("empty-images.idx", idxBytes([0, 28, 28], []));
  const labels = file("empty-labels.idx", idxBytes([0], []));
  await assert.rejects(
    readIdxPair(images, labels),
    inputError(/empty-images\.idx: holds no images \(shape \[0, 28, 28\]\)/),
  );
});

test("/dev/zero as an IDX, a CSV, a prediction input or a PNG is refused at once", {
  skip: !existsSync("/dev/zero") && "no /dev/zero",
}, async () => {
  const notRegular = inputError(/^\/dev\/zero: not a regular file/);
  await assert.rejects(readIdx("/dev/zero"), notRegular);
  await assert.rejects(readTextFile("/dev/zero"), notRegular);
  await assert.rejects(readCsvDataset("/dev/zero"), notRegular);
  assert.throws(() => readInputRows("/dev/zero"), notRegular);
  assert.throws(() => readDigitPng("/dev/zero"), notRegular);
});

test("a gzipped CSV that decompresses beyond the text limit is refused, naming the limit", async () => {
  // 300 MiB of newlines compresses to ~300 KiB; the limit is 256 MiB.
  const p = file("bomb.csv.gz", gzipSync(Buffer.alloc(300 * 2 ** 20, 10), { level: 9 }));
  await assert.rejects(
    readTextFile(p),
    inputError(/bomb\.csv\.gz: decompresses to more than the 268,435,456 bytes accepted/),
  );
});

test("a PNG whose header claims 1 × 2,147,483,647 pixels is refused from its IHDR, before decoding", () => {
  // The signature, then an IHDR chunk (length 13, "IHDR", width, height, depth 8, gray) and some bytes.
  const head = Buffer.alloc(8 + 25);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(head);
  head.writeUInt32BE(13, 8);
  head.write("IHDR", 12, "latin1");
  head.writeUInt32BE(1, 16);
  head.writeUInt32BE(2147483647, 20);
  head[24] = 8;
  const p = file("huge.png", Buffer.concat([head, Buffer.alloc(40)]));
  assert.equal(Buffer.concat([head, Buffer.alloc(40)]).length, 73); // the probe's 73-byte file
  assert.throws(() => readDigitPng(p), inputError(/huge\.png: image is 1×2147483647 pixels, expected 28×28/));
});

test("parseCsvTable refuses an empty delimiter (it would never advance) and quotes fields with control characters", () => {
  assert.throws(
    () => parseCsvTable("a,b\n1,2\n", "t.csv", { delimiter: "" }),
    inputError(/CSV delimiter "": must be non-empty/),
  );
  assert.throws(
    () => readInputRows(file("cr.csv", "1,2\n3,4\r5\n")),
    inputError(/cr\.csv:2:2: "4\\r5" is not a number/),
  );
});

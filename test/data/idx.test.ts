import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { readIdx, readIdxPair } from "../../src/data/idx.js";
import { InputError } from "../../src/util/errors.js";
import { idxBytes, tempDir } from "./helpers.js";

const { dir, cleanup } = tempDir();
after(cleanup);
const file = (name: string, content: Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

// Two 2×3 "images" and their labels.
const pixels = [0, 1, 2, 3, 4, 255, 10, 20, 30, 40, 50, 60];
const images = idxBytes([2, 2, 3], pixels);
const labels = idxBytes([2], [7, 3]);

test("reads a raw IDX image file: shape from the header, bytes in order", async () => {
  const r = await readIdx(file("imgs-idx3-ubyte", images));
  assert.deepEqual(r.shape, [2, 2, 3]);
  assert.deepEqual(Array.from(r.data), pixels);
});

test("reads a gzipped IDX file, detected by its magic bytes whatever its name", async () => {
  const gz = gzipSync(images);
  const a = await readIdx(file("imgs.gz", gz));
  const b = await readIdx(file("imgs-no-suffix", gz));
  assert.deepEqual(Array.from(a.data), pixels);
  assert.deepEqual(Array.from(b.data), pixels);
  // and a raw file named .gz is read as raw
  const c = await readIdx(file("raw-named.gz", labels));
  assert.deepEqual(c.shape, [2]);
  assert.deepEqual(Array.from(c.data), [7, 3]);
});

test("files larger than one read chunk (1 MiB) are reassembled, raw and gzipped", async () => {
  const n = 3_000_001;
  const big = new Uint8Array(n);
  for (let i = 0; i < n; i++) big[i] = (i * 7) % 256;
  const bytes = Buffer.concat([idxBytes([n], []), big]);
  for (const [name, content] of [
    ["big-raw", bytes],
    ["big.gz", gzipSync(bytes, { level: 1 })],
  ] as const) {
    const r = await readIdx(file(name, content));
    assert.deepEqual(r.shape, [n]);
    assert.equal(r.data.length, n);
    assert.equal(r.data[1 << 20], ((1 << 20) * 7) % 256);
    assert.equal(r.data[n - 1], ((n - 1) * 7) % 256);
  }
});

async function rejects(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof InputError, `expected InputError, got ${err}`);
    assert.match((err as Error).message, pattern);
    return true;
  });
}

test("bad magic number is reported with the bytes found and the file name", async () => {
  const p = file("bad-magic", Buffer.from([0x12, 0x34, 0x08, 0x01, 0, 0, 0, 1, 5]));
  await rejects(readIdx(p), /bad-magic.*bad IDX magic number 0x12340801/);
});

test("wrong data type and wrong dimension count are rejected", async () => {
  await rejects(readIdx(file("type", idxBytes([1], [1], 0x0d))), /data type 0x0d is not supported/);
  await rejects(readIdx(file("dims", labels), { dims: 3 }), /1 dimension\(s\), expected 3.*0x00000803/);
});

test("a truncated file reports expected and actual byte counts (raw and gzipped)", async () => {
  // header 16 bytes + 12 data bytes = 28 expected; drop 5 data bytes -> 23
  const cut = images.subarray(0, images.length - 5);
  await rejects(
    readIdx(file("short", cut)),
    /short: truncated IDX file: header \[2, 2, 3\] needs 28 bytes, the file has 23 bytes/,
  );
  await rejects(
    readIdx(file("short.gz", gzipSync(cut))),
    /short\.gz \(after gunzip\): truncated .* needs 28 bytes, the file has 23 bytes/,
  );
});

test("an oversized file reports the surplus", async () => {
  const long = Buffer.concat([images, Buffer.from([1, 2, 3])]);
  await rejects(
    readIdx(file("long", long)),
    /long: wrong IDX size: header \[2, 2, 3\] needs 28 bytes, the file has 31 bytes \(3 bytes too many\)/,
  );
});

test("a truncated header and an empty file are reported", async () => {
  await rejects(
    readIdx(file("head", images.subarray(0, 10))),
    /truncated IDX header: expected at least 16 bytes, the file has 10 bytes/,
  );
  await rejects(
    readIdx(file("empty", new Uint8Array(0))),
    /truncated IDX header: expected at least 4 bytes, the file has 0 bytes/,
  );
});

test("a corrupt or cut gzip stream is an InputError naming the file", async () => {
  const gz = gzipSync(images);
  await rejects(
    readIdx(file("cut.gz", gz.subarray(0, gz.length - 6))),
    /cut\.gz: (corrupt or truncated gzip|truncated)/,
  );
  const bad = Buffer.from(gz);
  bad[12] ^= 0xff;
  bad[13] ^= 0xff;
  await rejects(readIdx(file("flipped.gz", bad)), /flipped\.gz/);
});

test("a header announcing an absurd size is refused before allocating", async () => {
  await rejects(readIdx(file("huge", idxBytes([60000, 28000, 28000], []))), /more than the/);
});

test("a missing file is a one-line error", async () => {
  await rejects(readIdx(join(dir, "nope")), /nope: no such file/);
});

test("image and label files are checked against each other", async () => {
  const imgs = file("p-images", images);
  const ok = await readIdxPair(imgs, file("p-labels", labels));
  assert.deepEqual(ok.shape, [2, 2, 3]);
  assert.deepEqual(Array.from(ok.labels), [7, 3]);
  await rejects(
    readIdxPair(imgs, file("three-labels", idxBytes([3], [1, 2, 3]))),
    /labels do not match images: .*three-labels has 3 labels, .*p-images has 2 images/,
  );
  await rejects(
    readIdxPair(imgs, file("bad-label", idxBytes([2], [1, 12]))),
    /bad-label: label 12 of item 1 \(byte offset 9\) is out of range 0\.\.9/,
  );
  // swapped: a label file where images are expected
  await rejects(readIdxPair(file("p-labels2", labels), imgs), /expected 3/);
});

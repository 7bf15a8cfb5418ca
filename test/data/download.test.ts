import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { ensureFiles } from "../../src/data/download.js";
import { loadDataset } from "../../src/data/load.js";
import { RetropropError } from "../../src/util/errors.js";
import { idxBytes, tempDir } from "./helpers.js";

const md5 = (b: Uint8Array): string => createHash("md5").update(b).digest("hex");

// A tiny MNIST: 3 training images of 2×2, 2 test images.
const trainPixels = [0, 255, 51, 102, 255, 0, 0, 0, 10, 20, 30, 40];
const testPixels = [255, 255, 255, 255, 0, 0, 0, 0];
const fixtures: Record<string, Buffer> = {
  "train-images-idx3-ubyte.gz": gzipSync(idxBytes([3, 2, 2], trainPixels)),
  "train-labels-idx1-ubyte.gz": gzipSync(idxBytes([3], [5, 0, 9])),
  "t10k-images-idx3-ubyte.gz": gzipSync(idxBytes([2, 2, 2], testPixels)),
  "t10k-labels-idx1-ubyte.gz": gzipSync(idxBytes([2], [1, 1])),
};
const checksums: Record<string, string> = {};
for (const [name, bytes] of Object.entries(fixtures)) {
  checksums[`mnist/${name}`] = md5(bytes);
  checksums[`fashion-mnist/${name}`] = md5(bytes);
}

// The loopback server: /good/<dataset>/<file> serves the fixtures, /bad/... serves a corrupted copy.
const requests: string[] = [];
let server: Server;
let base = "";
before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const m = /^\/(good|bad)\/(mnist|fashion-mnist)\/([^/]+)$/.exec(req.url ?? "");
    const body = m ? fixtures[m[3]] : undefined;
    if (!m || !body) {
      res.writeHead(404).end("not found");
      return;
    }
    const out = Buffer.from(body);
    if (m[1] === "bad") out[out.length - 1] ^= 0x55;
    res.writeHead(200, { "content-type": "application/octet-stream" }).end(out);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const roots: (() => void)[] = [];
after(() => roots.forEach((c) => c()));
function root(): string {
  const t = tempDir("retroprop-dl-");
  roots.push(t.cleanup);
  return t.dir;
}

test("missing files are downloaded from the base URL, verified and kept; a second call uses the cache", async () => {
  const r = root();
  requests.length = 0;
  const paths = await ensureFiles("mnist", r, { baseUrl: `${base}/good/`, checksums, env: {} });
  assert.equal(paths.length, 4);
  for (const [name, bytes] of Object.entries(fixtures)) {
    assert.deepEqual(readFileSync(join(r, "mnist", name)), bytes);
  }
  assert.deepEqual(
    requests.sort(),
    Object.keys(fixtures)
      .map((f) => `/good/mnist/${f}`)
      .sort(),
  );
  assert.deepEqual(readdirSync(join(r, "mnist")).sort(), Object.keys(fixtures).sort()); // no temporary files left
  requests.length = 0;
  await ensureFiles("mnist", r, { baseUrl: `${base}/good`, checksums, env: {} });
  assert.equal(requests.length, 0);
});

test("a download failing its checksum is discarded and reported", async () => {
  const r = root();
  await assert.rejects(
    ensureFiles("mnist", r, { baseUrl: `${base}/bad`, checksums, env: {} }),
    (err: unknown) => {
      assert.ok(err instanceof RetropropError);
      assert.match(
        (err as Error).message,
        new RegExp(
          `downloaded ${base}/bad/mnist/train-images-idx3-ubyte.gz \\(\\d+ bytes\\) has MD5 [0-9a-f]{32}, expected ${checksums["mnist/train-images-idx3-ubyte.gz"]}; the file was discarded`,
        ),
      );
      return true;
    },
  );
  assert.deepEqual(readdirSync(join(r, "mnist")), []); // neither the file nor a temporary copy
});

test("a present file failing its checksum is never used (and no download is tried)", async () => {
  const r = root();
  mkdirSync(join(r, "mnist"));
  const corrupt = Buffer.from(fixtures["train-images-idx3-ubyte.gz"]);
  corrupt[20] ^= 1;
  writeFileSync(join(r, "mnist", "train-images-idx3-ubyte.gz"), corrupt);
  requests.length = 0;
  await assert.rejects(
    loadDataset("mnist", { dataDir: r, baseUrl: `${base}/good`, checksums, env: {} }),
    /train-images-idx3-ubyte\.gz: checksum mismatch \(MD5 [0-9a-f]{32}, expected [0-9a-f]{32}\).*delete it/,
  );
  assert.equal(requests.length, 0);
});

test("HTTP errors, refused connections, disabled downloads and unknown checksums are one-line errors", async () => {
  const r = root();
  await assert.rejects(
    ensureFiles("mnist", r, { baseUrl: `${base}/nowhere`, checksums, env: {} }),
    /could not download .*\/nowhere\/mnist\/train-images-idx3-ubyte\.gz: HTTP 404/,
  );
  // a port nobody listens on: bind one, then close it
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await assert.rejects(
    // (a short timeout, should anything else have taken the port meanwhile and never answer)
    ensureFiles("mnist", r, { baseUrl: `http://127.0.0.1:${port}`, checksums, env: {}, timeoutMs: 10_000 }),
    /could not download http:\/\/127\.0\.0\.1:\d+\/mnist\/train-images-idx3-ubyte\.gz: /,
  );
  await assert.rejects(
    ensureFiles("mnist", r, { download: false, checksums, env: {} }),
    /mnist: missing file .*train-images-idx3-ubyte\.gz; put the dataset's files in/,
  );
  await assert.rejects(
    ensureFiles("mnist", r, { baseUrl: `${base}/good`, checksums: {}, env: {} }),
    /refusing to download .* without a known checksum/,
  );
  assert.equal(existsSync(join(r, "mnist", "train-images-idx3-ubyte.gz")), false);
});

test("RETROPROP_DATA_URL sets the base URL", async () => {
  const r = root();
  requests.length = 0;
  await ensureFiles("fashion-mnist", r, { checksums, env: { RETROPROP_DATA_URL: `${base}/good` } });
  assert.ok(requests.every((u) => u.startsWith("/good/fashion-mnist/")));
  assert.equal(requests.length, 4);
});

test("loadDataset('mnist') end to end: download into the data root, then pixels / 255 and one-hot labels", async () => {
  const r = root();
  const splits = await loadDataset("mnist", { dataDir: r, baseUrl: `${base}/good`, checksums, env: {} });
  const { train, test: testSet } = splits;
  assert.deepEqual(train.x.shape, [3, 4]);
  assert.deepEqual(testSet!.x.shape, [2, 4]);
  assert.deepEqual(train.imageShape, [2, 2]);
  assert.deepEqual(
    Array.from(train.x.data),
    trainPixels.map((v) => Math.fround(v / 255)),
  );
  assert.deepEqual(Array.from(train.labels!), [5, 0, 9]);
  assert.deepEqual(train.y.shape, [3, 10]);
  assert.deepEqual(Array.from(train.y.data.subarray(0, 10)), [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
  assert.equal(splits.normalization, undefined);
  // cached now: downloads off still works
  const again = await loadDataset("mnist", { dataDir: r, download: false, checksums, env: {} });
  assert.deepEqual(Array.from(again.test!.labels!), [1, 1]);
  // fashion-mnist: same reader, its own class names
  const fashion = await loadDataset("fashion-mnist", {
    dataDir: r,
    baseUrl: `${base}/good`,
    checksums,
    env: {},
  });
  assert.equal(fashion.train.classNames![9], "Ankle boot");
});

test("uncompressed IDX files are accepted when the .gz is absent; RETROPROP_DATA is the data root", async () => {
  const r = root();
  mkdirSync(join(r, "mnist"));
  writeFileSync(join(r, "mnist", "train-images-idx3-ubyte"), idxBytes([3, 2, 2], trainPixels));
  writeFileSync(join(r, "mnist", "train-labels-idx1-ubyte"), idxBytes([3], [5, 0, 9]));
  writeFileSync(join(r, "mnist", "t10k-images-idx3-ubyte"), idxBytes([2, 2, 2], testPixels));
  writeFileSync(join(r, "mnist", "t10k-labels-idx1-ubyte"), idxBytes([2], [1, 1]));
  const splits = await loadDataset("mnist", {
    download: false,
    env: { RETROPROP_DATA: r },
    validationFraction: 0.34,
  });
  assert.equal(splits.train.x.shape[0], 2);
  assert.equal(splits.validation!.x.shape[0], 1);
  assert.equal(splits.test!.x.shape[0], 2);
});

test("labels that do not match the images are reported by loadDataset", async () => {
  const r = root();
  mkdirSync(join(r, "mnist"));
  writeFileSync(join(r, "mnist", "train-images-idx3-ubyte.gz"), fixtures["train-images-idx3-ubyte.gz"]);
  writeFileSync(join(r, "mnist", "train-labels-idx1-ubyte.gz"), gzipSync(idxBytes([2], [1, 2])));
  writeFileSync(join(r, "mnist", "t10k-images-idx3-ubyte.gz"), fixtures["t10k-images-idx3-ubyte.gz"]);
  writeFileSync(join(r, "mnist", "t10k-labels-idx1-ubyte.gz"), fixtures["t10k-labels-idx1-ubyte.gz"]);
  await assert.rejects(
    loadDataset("mnist", { dataDir: r, download: false, checksums: {}, env: {} }),
    /labels do not match images: .*train-labels-idx1-ubyte\.gz has 2 labels, .*train-images-idx3-ubyte\.gz has 3 images/,
  );
});

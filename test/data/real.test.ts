/** The real datasets of ../shared/datasets (skipped when that folder is absent). */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ensureFiles } from "../../src/data/download.js";
import { classCounts } from "../../src/data/encode.js";
import { loadDataset } from "../../src/data/load.js";
import { sharedDatasets } from "./helpers.js";

const has = (dataset: string): boolean => existsSync(join(sharedDatasets, dataset));
const opts = { dataDir: sharedDatasets, download: false, env: {} };

test("MNIST: 60,000 + 10,000 images of 28×28 with the README's class counts", {
  skip: !has("mnist"),
}, async () => {
  const { train, test: t } = await loadDataset("mnist", opts);
  assert.deepEqual(train.x.shape, [60000, 784]);
  assert.deepEqual(t!.x.shape, [10000, 784]);
  assert.deepEqual(train.imageShape, [28, 28]);
  assert.deepEqual(classCounts(train), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  assert.deepEqual(classCounts(t!), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  let lo = 1;
  let hi = 0;
  for (const v of train.x.data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  assert.deepEqual([lo, hi], [0, 1]);
});

test("the shared files pass the published checksums", { skip: !has("mnist") }, async () => {
  for (const d of ["mnist", "iris", "digits", "breast-cancer"]) {
    if (has(d)) assert.ok((await ensureFiles(d, sharedDatasets, { download: false, env: {} })).length > 0);
  }
});

test("iris: 150 rows, 4 features, 50 per class; the default split keeps 10 per class for testing", {
  skip: !has("iris"),
}, async () => {
  const all = await loadDataset("iris", { ...opts, testFraction: 0 });
  assert.deepEqual(all.train.x.shape, [150, 4]);
  assert.deepEqual(all.train.classNames, ["setosa", "versicolor", "virginica"]);
  assert.deepEqual(classCounts(all.train), [50, 50, 50]);
  const s = await loadDataset("iris", opts);
  assert.deepEqual(classCounts(s.test!), [10, 10, 10]);
  assert.equal(s.train.x.shape[0], 120);
});

test("digits: 1,797 rows of 8×8, the README's class counts", { skip: !has("digits") }, async () => {
  const { train } = await loadDataset("digits", { ...opts, testFraction: 0, normalize: "none" });
  assert.deepEqual(train.x.shape, [1797, 64]);
  assert.deepEqual(train.imageShape, [8, 8]);
  assert.deepEqual(classCounts(train), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  assert.ok(train.x.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 16));
});

test("breast cancer: 569 rows, 30 features, 212 malignant / 357 benign as one 0/1 output", {
  skip: !has("breast-cancer"),
}, async () => {
  const { train } = await loadDataset("breast-cancer", { ...opts, testFraction: 0 });
  assert.deepEqual(train.x.shape, [569, 30]);
  assert.deepEqual(train.y.shape, [569, 1]);
  assert.deepEqual(train.classNames, ["malignant", "benign"]);
  assert.deepEqual(classCounts(train), [212, 357]);
});

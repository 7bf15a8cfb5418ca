import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeLabels } from "../../src/data/encode.js";
import {
  applyNormalization,
  fitNormalization,
  normalizeRows,
  normalizeSplits,
} from "../../src/data/normalize.js";
import { BatchIterator, splitDataset } from "../../src/data/split.js";
import type { Dataset } from "../../src/data/types.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";

/** n rows; row i has features (i, 10·i) and class i % k (k = 3 unless given), one-hot targets. */
function table(n: number, k = 3, classOf = (i: number) => i % k): Dataset {
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = 10 * i;
    labels[i] = classOf(i);
  }
  return {
    name: "t",
    x: new NDArray(x, [n, 2]),
    y: encodeLabels(labels, k),
    labels,
    classNames: Array.from({ length: k }, (_, c) => `c${c}`),
    task: "classification",
  };
}

const ids = (ds: Dataset | undefined): number[] =>
  ds ? Array.from({ length: ds.x.shape[0] }, (_, r) => ds.x.data[2 * r]) : [];

test("a split is a partition of the rows with the requested sizes, and rows keep their targets", () => {
  const ds = table(100);
  const s = splitDataset(ds, { test: 0.2, validation: 0.1 }, new Random(3));
  assert.equal(s.train.x.shape[0], 70);
  assert.equal(s.validation!.x.shape[0], 10);
  assert.equal(s.test!.x.shape[0], 20);
  const all = [...ids(s.train), ...ids(s.validation), ...ids(s.test)].sort((a, b) => a - b);
  assert.deepEqual(
    all,
    Array.from({ length: 100 }, (_, i) => i),
  );
  for (const part of [s.train, s.validation!, s.test!]) {
    for (let r = 0; r < part.x.shape[0]; r++) {
      const i = part.x.data[2 * r];
      assert.equal(part.x.data[2 * r + 1], 10 * i);
      assert.equal(part.labels![r], i % 3);
      assert.equal(part.y.data[r * 3 + (i % 3)], 1);
    }
  }
});

test("the same seed gives the same split, another seed a different one", () => {
  const ds = table(60);
  const a = splitDataset(ds, { test: 0.25 }, new Random(9));
  const b = splitDataset(ds, { test: 0.25 }, new Random(9));
  const c = splitDataset(ds, { test: 0.25 }, new Random(10));
  assert.deepEqual(ids(a.test), ids(b.test));
  assert.notDeepEqual(ids(a.test), ids(c.test));
});

test("stratified splits keep class proportions; plain splits need not", () => {
  // 80 rows of class 0, 20 of class 1
  const ds = table(100, 2, (i) => (i < 80 ? 0 : 1));
  for (let seed = 1; seed <= 5; seed++) {
    const s = splitDataset(ds, { test: 0.2 }, new Random(seed));
    const counts = [0, 0];
    for (const c of s.test!.labels!) counts[c]++;
    assert.deepEqual(counts, [16, 4]);
  }
  // odd sizes: 569 rows, 212/357 -> round(0.2·569) = 114 test rows: 42.4 and 71.4 -> 42 + 71 + one more
  const bc = table(569, 2, (i) => (i < 212 ? 0 : 1));
  const s = splitDataset(bc, { test: 0.2 }, new Random(1));
  const counts = [0, 0];
  for (const c of s.test!.labels!) counts[c]++;
  assert.equal(counts[0] + counts[1], 114);
  assert.ok(counts[0] >= 42 && counts[0] <= 43 && counts[1] >= 71 && counts[1] <= 72);
  // without stratification, over several seeds the minority share varies
  const shares = new Set<number>();
  for (let seed = 1; seed <= 8; seed++) {
    const p = splitDataset(ds, { test: 0.2, stratify: false }, new Random(seed));
    shares.add(p.test!.labels!.reduce((a, c) => a + c, 0));
  }
  assert.ok(shares.size > 1);
});

test("bad fractions are refused", () => {
  const ds = table(10);
  assert.throws(() => splitDataset(ds, { test: 1 }, new Random(1)), /test fraction must be in \[0, 1\)/);
  assert.throws(
    () => splitDataset(ds, { test: 0.6, validation: 0.5 }, new Random(1)),
    /must leave rows for training/,
  );
});

test("min-max and z-score scalings, checked by hand", () => {
  // column 0: 1, 2, 3, 6 ; column 1: constant 5
  const x = new NDArray(Float32Array.from([1, 5, 2, 5, 3, 5, 6, 5]), [4, 2]);
  const mm = fitNormalization(x, "minmax");
  assert.deepEqual(mm, { method: "minmax", shift: [1, 5], scale: [5, 1] });
  assert.deepEqual(Array.from(applyNormalization(x, mm).data), [0, 0, 0.2, 0, 0.4, 0, 1, 0].map(Math.fround));
  const z = fitNormalization(x, "zscore");
  // mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5
  assert.equal(z.shift[0], 3);
  assert.ok(Math.abs(z.scale[0] - Math.sqrt(3.5)) < 1e-12);
  assert.deepEqual([z.shift[1], z.scale[1]], [5, 1]);
  const zx = applyNormalization(x, z);
  assert.ok(Math.abs(zx.data[0] - -2 / Math.sqrt(3.5)) < 1e-6);
  assert.deepEqual(normalizeRows([[6, 5]], mm), [[1, 0]]);
  assert.throws(
    () => normalizeRows([[1, 2, 3]], mm),
    /row 1 has 3 values, the model's normalisation expects 2/,
  );
});

test("normalisation is fitted on the training split only and applied unchanged to the others", () => {
  const train = table(4); // column 0: 0..3
  const test = { ...table(2), x: new NDArray(Float32Array.from([10, 100, 20, 200]), [2, 2]) };
  const s = normalizeSplits({ train, test }, "minmax");
  assert.deepEqual(s.normalization!.shift, [0, 0]);
  assert.deepEqual(s.normalization!.scale, [3, 30]);
  assert.deepEqual(
    Array.from(s.train.x.data.filter((_, k) => k % 2 === 0)),
    [0, 1 / 3, 2 / 3, 1].map(Math.fround),
  );
  // test values are outside [0, 1]: proof that the test split did not take part in the fit
  assert.deepEqual(Array.from(s.test!.x.data), [10 / 3, 100 / 30, 20 / 3, 200 / 30].map(Math.fround));
  assert.equal(normalizeSplits({ train }, "none").normalization, undefined);
});

function collect(it: BatchIterator): { rows: number[][]; sizes: number[] } {
  const rows: number[][] = [];
  const sizes: number[] = [];
  for (const b of it.epoch()) {
    sizes.push(b.size);
    assert.deepEqual(b.x.shape, [b.size, 2]);
    assert.deepEqual(b.y.shape, [b.size, 3]);
    for (let r = 0; r < b.size; r++) {
      const i = b.x.data[2 * r];
      assert.equal(i, b.indices[r]);
      assert.equal(b.x.data[2 * r + 1], 10 * i);
      assert.equal(b.y.data[r * 3 + (i % 3)], 1);
    }
    rows.push(Array.from(b.indices));
  }
  return { rows, sizes };
}

test("batches cover every row once per epoch for batch sizes 1, b and full", () => {
  const ds = table(10);
  for (const [size, expected] of [
    [1, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    [4, [4, 4, 2]],
    [5, [5, 5]],
    [10, [10]],
    [64, [10]],
  ] as const) {
    const it = new BatchIterator(ds, size, new Random(2));
    assert.equal(it.batchesPerEpoch, expected.length);
    for (let epoch = 0; epoch < 2; epoch++) {
      const { rows, sizes } = collect(it);
      assert.deepEqual(sizes, expected);
      assert.deepEqual(
        rows.flat().sort((a, b) => a - b),
        Array.from({ length: 10 }, (_, i) => i),
      );
    }
  }
});

test("each epoch reshuffles; shuffle: false keeps the order; dropLast drops the short batch", () => {
  const ds = table(12);
  const it = new BatchIterator(ds, 12, new Random(5));
  const e1 = collect(it).rows[0];
  const e2 = collect(it).rows[0];
  assert.notDeepEqual(e1, e2);
  const ordered = new BatchIterator(ds, 5, new Random(5), { shuffle: false });
  assert.deepEqual(collect(ordered).rows, [
    [0, 1, 2, 3, 4],
    [5, 6, 7, 8, 9],
    [10, 11],
  ]);
  const dropped = new BatchIterator(ds, 5, new Random(5), { dropLast: true });
  assert.equal(dropped.batchesPerEpoch, 2);
  assert.deepEqual(collect(dropped).sizes, [5, 5]);
});

test("batch buffers are preallocated and reused, never the dataset's own storage", () => {
  const ds = table(9);
  const it = new BatchIterator(ds, 4, new Random(1));
  const seen = new Set<Float32Array | Float64Array>();
  for (let epoch = 0; epoch < 3; epoch++) for (const b of it.epoch()) seen.add(b.x.data);
  assert.equal(seen.size, 2); // one buffer for full batches, one for the batch of 1
  assert.ok(![...seen].includes(ds.x.data));
  assert.throws(() => new BatchIterator(ds, 0, new Random(1)), /batch size must be a positive integer/);
});

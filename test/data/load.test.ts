import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { datasetNames, loadDataset } from "../../src/data/load.js";
import { InputError } from "../../src/util/errors.js";
import { tempDir } from "./helpers.js";

const { dir, cleanup } = tempDir();
after(cleanup);

test("datasetNames lists the built-ins and the file datasets", () => {
  for (const n of [
    "and",
    "or",
    "nand",
    "nor",
    "not",
    "xor",
    "circles",
    "moons",
    "spirals",
    "blobs",
    "sin",
    "cafeteria",
    "mnist",
    "fashion-mnist",
    "iris",
    "digits",
    "breast-cancer",
  ]) {
    assert.ok(datasetNames.includes(n), n);
  }
});

test("unknown names are one-line InputErrors that suggest csv:", async () => {
  await assert.rejects(
    loadDataset("cirkles"),
    (e: unknown) =>
      e instanceof InputError && /unknown dataset "cirkles"; use one of and, or/.test((e as Error).message),
  );
  await assert.rejects(loadDataset("data.csv"), /did you mean csv:data\.csv\?/);
  await assert.rejects(loadDataset("csv:"), /needs a file path/);
});

test("built-ins: all rows train by default; a test fraction and normalisation on request", async () => {
  const plain = await loadDataset("moons", { seed: 3, samples: 50 });
  assert.equal(plain.train.x.shape[0], 50);
  assert.equal(plain.test, undefined);
  const split = await loadDataset("moons", { seed: 3, samples: 50, testFraction: 0.2, normalize: "zscore" });
  assert.equal(split.train.x.shape[0], 40);
  assert.equal(split.test!.x.shape[0], 10);
  // z-scored training columns: mean 0, population standard deviation 1
  const x = split.train.x.data;
  for (let j = 0; j < 2; j++) {
    let s = 0;
    let ss = 0;
    for (let i = 0; i < 40; i++) s += x[2 * i + j];
    for (let i = 0; i < 40; i++) ss += (x[2 * i + j] - s / 40) ** 2;
    assert.ok(Math.abs(s / 40) < 1e-5 && Math.abs(ss / 40 - 1) < 1e-4);
  }
  const again = await loadDataset("moons", { seed: 3, samples: 50, testFraction: 0.2, normalize: "zscore" });
  assert.deepEqual(Array.from(again.test!.x.data), Array.from(split.test!.x.data));
});

test("csv:PATH: label by name, default 0.2 stratified test split, z-score fitted on train", async () => {
  const lines = ["a,kind,b"];
  for (let i = 0; i < 20; i++) lines.push(`${i},${i % 2 ? "cat" : "dog"},${2 * i}`);
  const p = join(dir, "pets.csv");
  writeFileSync(p, lines.join("\n"));
  const s = await loadDataset(`csv:${p}`, { label: "kind", seed: 7 });
  assert.equal(s.train.x.shape[0], 16);
  assert.equal(s.test!.x.shape[0], 4);
  assert.deepEqual(s.train.classNames, ["cat", "dog"]);
  assert.deepEqual(s.train.featureNames, ["a", "b"]);
  assert.equal(
    s.test!.labels!.reduce((a, c) => a + c, 0),
    2,
  );
  assert.equal(s.normalization!.method, "zscore");
  // the fitted mean is the mean of the 16 training values of column a (recovered from the scaled data)
  const raw = Array.from(
    { length: 16 },
    (_, r) => s.train.x.data[2 * r] * s.normalization!.scale[0] + s.normalization!.shift[0],
  );
  assert.ok(Math.abs(raw.reduce((a, b) => a + b, 0) / 16 - s.normalization!.shift[0]) < 1e-4);
  assert.ok(raw.every((v) => Math.abs(v - Math.round(v)) < 1e-3));
  const none = await loadDataset(`csv:${p}`, { label: 1, normalize: "none", testFraction: 0 });
  assert.equal(none.train.x.shape[0], 20);
  assert.equal(none.normalization, undefined);
});

test("samples on a class-sorted CSV takes a seeded random subset, not the first rows", async () => {
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) lines.push(`${i},${i < 15 ? 0 : 1}`);
  const p = join(dir, "sorted.csv");
  writeFileSync(p, lines.join("\n"));
  const s = await loadDataset(`csv:${p}`, { samples: 10, testFraction: 0, normalize: "none", seed: 2 });
  assert.equal(s.train.x.shape[0], 10);
  const values = Array.from(s.train.x.data);
  assert.deepEqual(
    [...values].sort((a, b) => a - b),
    values,
  ); // file order kept
  assert.ok(values.some((v) => v >= 15) && values.some((v) => v < 15));
  const again = await loadDataset(`csv:${p}`, { samples: 10, testFraction: 0, normalize: "none", seed: 2 });
  assert.deepEqual(Array.from(again.train.x.data), values);
});

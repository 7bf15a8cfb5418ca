/**
 * The playground's pure parts for own data, in Node: a CSV's columns and the first guess of label, features
 * and task; the training and test tables (every row once, features standardised with the training rows' own
 * mean and σ, computed here); the limits; MNIST's centre-of-mass placement on hand-made images.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../src/util/errors.js";
import { centreByMass } from "../../web/src/mnist-centre.js";
import { buildUpload, csvColumns, defaultChoice, MAX_UPLOAD_BYTES } from "../../web/src/upload.js";

const TEXT = [
  "id,a,b,kind",
  ...Array.from({ length: 12 }, (_, i) => `r${i},${i},${(i * 7) % 5},${["x", "y", "z"][i % 3]}`),
].join("\n");

test("columns and the first guess: text columns are no features, the last column is the label", () => {
  const columns = csvColumns(TEXT, "t.csv");
  assert.deepEqual(columns.names, ["id", "a", "b", "kind"]);
  assert.deepEqual(columns.numeric, [false, true, true, false]);
  assert.equal(columns.rows, 12);
  assert.deepEqual(defaultChoice(columns), { label: 3, features: [1, 2], task: "classification" });
  // A numeric label with more than ten values is a number to predict.
  const many = ["u,v", ...Array.from({ length: 20 }, (_, i) => `${i},${i * 0.5}`)].join("\n");
  assert.equal(defaultChoice(csvColumns(many, "m.csv")).task, "regression");
});

test("tables: every row once, split by the percentage, features standardised with the training rows' mean and σ", () => {
  const up = buildUpload(TEXT, "t.csv", { label: 3, features: [1, 2], task: "classification" }, 50, 7);
  assert.equal(up.problem, "multiclass");
  assert.equal(up.outputs, 3);
  assert.deepEqual(up.classNames, ["x", "y", "z"]);
  assert.deepEqual(up.featureNames, ["a", "b"]);
  assert.equal(up.train.rows, 6);
  assert.equal(up.test.rows, 6);
  const raw = Array.from({ length: 12 }, (_, i) => [i, (i * 7) % 5]);
  const undo = (X: Float32Array, r: number) =>
    [0, 1].map((j) => X[2 * r + j] * up.normalization.scale[j] + up.normalization.shift[j]);
  const seen = new Set<number>();
  for (const t of [up.train, up.test])
    for (let r = 0; r < t.rows; r++) {
      const [a, b] = undo(t.X, r);
      const i = Math.round(a) + 0; // + 0: a −0 row index would compare unequal
      assert.ok(Math.abs(a - i) < 1e-4 && Math.abs(b - raw[i][1]) < 1e-4, `row ${r}: ${a}, ${b}`);
      assert.equal(t.target[r], i % 3, "the label stays with its row");
      seen.add(i);
    }
  assert.equal(seen.size, 12);
  // The training rows' mean and population σ, written out.
  const trainRaw = Array.from({ length: 6 }, (_, r) => undo(up.train.X, r));
  for (const j of [0, 1]) {
    const mean = trainRaw.reduce((s, row) => s + row[j], 0) / 6;
    const sigma = Math.sqrt(trainRaw.reduce((s, row) => s + (row[j] - mean) ** 2, 0) / 6);
    assert.ok(Math.abs(up.normalization.shift[j] - mean) < 1e-4);
    assert.ok(Math.abs(up.normalization.scale[j] - sigma) < 1e-4);
  }
  const two = buildUpload(
    TEXT.replace(/,z$/gm, ",x"),
    "t.csv",
    { label: 3, features: [1], task: "classification" },
    50,
    7,
  );
  assert.equal(two.problem, "classification");
  assert.equal(two.outputs, 1);
});

test("refusals in one line: size, classes, a bad field's line and column", () => {
  const refused = (fn: () => unknown, pattern: RegExp) =>
    assert.throws(
      fn,
      (e: unknown) => e instanceof InputError && pattern.test(e.message) && !e.message.includes("\n"),
    );
  refused(
    () => csvColumns("a,b\n".repeat(MAX_UPLOAD_BYTES / 4 + 1), "big.csv"),
    /^big\.csv: .* more than the 2 MiB/,
  );
  const eleven = ["v,c", ...Array.from({ length: 11 }, (_, i) => `${i},k${i}`)].join("\n");
  refused(
    () => buildUpload(eleven, "e.csv", { label: 1, features: [0], task: "classification" }, 50, 1),
    /11 classes, more than the 10/,
  );
  refused(
    () =>
      buildUpload(
        "a,b,c\n1,2,x\n3,?,y\n",
        "bad.csv",
        { label: 2, features: [0, 1], task: "classification" },
        50,
        1,
      ),
    /^bad\.csv:3:2: column 2 "b": "\?" is not a number$/,
  );
});

test("MNIST centring: the ink's centre of mass lands on the image's centre (13.5, 13.5), rounded", () => {
  const dot = centreByMass(Float32Array.from([1, 0, 0, 0]), 2, 2);
  assert.equal(dot[14 * 28 + 14], 1);
  assert.equal(
    dot.reduce((s, v) => s + v, 0),
    1,
  );
  // A bar of two pixels, centre of mass x = 0.5: shifted by round(13) to columns 13 and 14 of row 14.
  const bar = centreByMass(Float32Array.from([1, 1]), 2, 1);
  assert.equal(bar[14 * 28 + 13], 1);
  assert.equal(bar[14 * 28 + 14], 1);
  // Heavier on the right: mass at x = (0·0.2 + 2·0.8)/1 = 1.6, so dx = round(11.9) = 12.
  const lop = centreByMass(Float32Array.from([0.2, 0, 0.8]), 3, 1);
  assert.ok(Math.abs(lop[14 * 28 + 12] - 0.2) < 1e-7 && Math.abs(lop[14 * 28 + 14] - 0.8) < 1e-7);
  assert.equal(
    centreByMass(new Float32Array(4), 2, 2).every((v) => v === 0),
    true,
  );
});

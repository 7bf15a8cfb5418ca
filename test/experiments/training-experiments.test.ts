import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, test } from "node:test";
import { runDecisionBoundary, runHiddenSize, runLrSweep } from "../../src/experiments/index.js";
import { checkFiles, tempOut } from "./helpers.js";

describe("experiment lr-sweep", () => {
  test("one curve per η from the same start; a tiny η barely moves, a good one learns", async () => {
    const lrs = [0.0001, 1];
    const r = await runLrSweep({
      out: tempOut("lr"),
      data: "moons",
      samples: 80,
      lrs,
      epochs: 8,
      hidden: [8],
    });
    const { json, csv } = checkFiles(r, ["lr-sweep-loss", "lr-sweep-accuracy"]);
    assert.equal(json.data.runs.length, 2);
    for (const run of json.data.runs) assert.equal(run.loss.length, 8);
    const [tiny, good] = json.data.runs;
    assert.equal(tiny.initialLoss, good.initialLoss);
    assert.ok(Math.abs(tiny.finalLoss - tiny.initialLoss) < 0.01 * tiny.initialLoss);
    assert.ok(good.finalLoss < 0.8 * good.initialLoss);
    assert.equal(json.data.bestLr, 1);
    // CSV: header, then epoch 0..8 for each η.
    assert.deepEqual(csv[0], ["lr", "epoch", "loss", "accuracy"]);
    assert.equal(csv.length - 1, 2 * 9);
    assert.equal(Number(csv[1 + 9 + 8][2]), good.loss[7]);
  });

  test("a learning rate far too large diverges and is reported as such", async () => {
    const r = await runLrSweep({
      out: tempOut("lr-div"),
      data: "sin",
      samples: 40,
      lrs: [0.05, 50],
      epochs: 5,
      activation: "tanh",
    });
    checkFiles(r, ["lr-sweep-loss"]);
    const [ok, bad] = r.data.runs;
    assert.equal(ok.divergedAtEpoch, null);
    assert.ok(bad.divergedAtEpoch !== null && bad.divergedAtEpoch <= 5);
    assert.match(r.summary, /η=50: diverged in epoch \d/);
    assert.match(r.summary, /η=0\.05 reached the lowest final loss/);
  });
});

describe("experiment hidden-size", () => {
  test("one hidden unit cannot separate concentric circles; eight can", async () => {
    const r = await runHiddenSize({
      out: tempOut("hs"),
      data: "circles",
      samples: 200,
      hidden: [1, 8],
      epochs: 150,
      lr: 2,
      batchSize: 10,
    });
    const { json, csv } = checkFiles(r, ["hidden-size"]);
    const [one, eight] = json.data.rows;
    assert.equal(one.hidden, 1);
    assert.equal(eight.hidden, 8);
    assert.equal(eight.parameters, 2 * 8 + 8 + 8 + 1);
    // A single sigmoid unit sees one direction of the plane: a ring is not a half-plane.
    assert.ok(one.meanTestAccuracy < 0.8, `1 unit: ${one.meanTestAccuracy}`);
    assert.ok(eight.meanTestAccuracy > 0.9, `8 units: ${eight.meanTestAccuracy}`);
    assert.equal(json.data.trainRows + json.data.testRows, 200);
    assert.deepEqual(csv[0], ["hidden", "repeat", "train_accuracy", "test_accuracy", "parameters"]);
    assert.equal(csv.length, 3);
  });
});

describe("experiment decision-boundary", () => {
  test("the coloured field agrees with the training points' labels", async () => {
    const res = 30;
    const r = await runDecisionBoundary({
      out: tempOut("db"),
      data: "moons",
      samples: 100,
      epochs: 100,
      lr: 0.03,
      resolution: res,
    });
    const { json, csv } = checkFiles(r, ["decision-boundary", "decision-boundary-loss"]);
    const { xs, ys, values } = json.data.grid;
    assert.equal(xs.length, res);
    assert.equal(values.length, res * res);
    assert.ok(values.every((v) => v >= 0 && v <= 1));
    const accuracy = json.data.finalAccuracy ?? 0;
    assert.ok(accuracy > 0.85, `accuracy ${json.data.finalAccuracy}`);
    // Look each training point up in the grid (values[j·nx + i] at (xs[i], ys[j])): the field's side of 0.5
    // match the label about as often as the network's own accuracy says (the grid cell is only near the point).
    const nearest = (a: number[], v: number) =>
      a.reduce((b, x, i) => (Math.abs(x - v) < Math.abs(a[b] - v) ? i : b), 0);
    let agree = 0;
    for (const p of json.data.points) {
      const v = values[nearest(ys, p.y) * res + nearest(xs, p.x)];
      if ((v >= 0.5 ? 1 : 0) === p.label) agree++;
    }
    const n = json.data.points.length;
    assert.ok(agree >= (accuracy - 0.06) * n, `${agree} of ${n}`);
    assert.equal(csv.length - 1, res * res);
  });

  test("three blobs give a field of class indices", async () => {
    const r = await runDecisionBoundary({
      out: tempOut("db3"),
      data: "blobs",
      samples: 90,
      epochs: 30,
      resolution: 20,
    });
    assert.equal(r.data.grid.classes, 3);
    assert.ok(r.data.grid.values.every((v) => Number.isInteger(v) && v >= 0 && v < 3));
    assert.deepEqual(new Set(r.data.grid.values), new Set([0, 1, 2]));
  });

  test("a dataset without two input features is refused with a one-line message", async () => {
    await assert.rejects(
      runDecisionBoundary({ out: tempOut("db-bad"), data: "sin" }),
      /needs a dataset with 2 input features; sin has 1/,
    );
  });

  test("a file dataset of another width is refused before its files are looked for or downloaded", async () => {
    const empty = tempOut("db-no-data");
    await assert.rejects(
      runDecisionBoundary({ out: tempOut("db-mnist"), data: "mnist", dataDir: empty }),
      /needs a dataset with 2 input features; mnist has 784$/,
    );
    assert.deepEqual(readdirSync(empty), [], "nothing downloaded, no folder made");
  });
});

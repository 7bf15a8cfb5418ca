import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type DescentPath, runGradientDescent } from "../../src/experiments/index.js";
import { checkFiles, tempOut } from "./helpers.js";

describe("experiment gradient-descent", () => {
  test("bowl paths follow the closed form; too large η diverges; online and batch delta rule reach least squares", async () => {
    const out = tempOut("gd");
    const lrs = [0.02, 0.05, 0.09, 0.105];
    const steps = 25;
    const r = await runGradientDescent({ out, lrs, steps, weeks: 6, epochs: 40 });
    const { json, csv } = checkFiles(r, [
      "gradient-descent-bowl",
      "gradient-descent-bowl-value",
      "gradient-descent-linear-neuron",
    ]);

    // f = x² + 10y²: each step multiplies x by (1 − 2η) and y by (1 − 20η).
    const [x0, y0] = json.data.function.start;
    for (const p of json.data.function.paths) {
      assert.equal(p.points.length, steps + 1);
      p.points.forEach(([x, y]: [number, number], k: number) => {
        assert.ok(Math.abs(x - x0 * (1 - 2 * p.lr) ** k) < 1e-9 * (1 + Math.abs(x)));
        assert.ok(Math.abs(y - y0 * (1 - 20 * p.lr) ** k) < 1e-9 * (1 + Math.abs(y)));
      });
    }
    const byLr = new Map(json.data.function.paths.map((p) => [p.lr, p]));
    const big = byLr.get(0.105) as DescentPath;
    const small = byLr.get(0.02) as DescentPath;
    // |1 − 20·0.105| = 1.1 > 1: every step overshoots the valley further.
    assert.equal(big.diverged, true);
    assert.ok(big.values[big.values.length - 1] > 10 * big.values[0]);
    assert.ok(big.zigzag > 0.9);
    // η = 0.02 goes monotonically downhill without crossing the valley.
    assert.equal(small.diverged, false);
    for (let k = 1; k < small.values.length; k++) assert.ok(small.values[k] < small.values[k - 1]);
    assert.equal(small.zigzag, 0);
    // η = 0.09 converges while zig-zagging (1 − 20η = −0.8).
    const osc = byLr.get(0.09) as DescentPath;
    assert.equal(osc.diverged, false);
    assert.ok(osc.zigzag > 0.9);

    // Linear neuron: noise-free bills, so least squares gives the true prices back.
    const ln = json.data.linearNeuron;
    assert.deepEqual(ln.prices, [50, 150]);
    ln.inputs.forEach((x: number[], n: number) => assert.equal(ln.targets[n], 50 * x[0] + 150 * x[1]));
    assert.ok(Math.abs(ln.solution[0] - 50) < 1e-6 && Math.abs(ln.solution[1] - 150) < 1e-6);
    const online = ln.runs.find((q) => q.mode === "online")!;
    const batch = ln.runs.find((q) => q.mode === "batch")!;
    assert.equal(online.points.length, 1 + 40 * ln.inputs.length);
    assert.equal(batch.points.length, 1 + 40);
    for (const run of [online, batch]) {
      const [w1, w2] = run.points[run.points.length - 1];
      assert.ok(Math.hypot(w1 - 50, w2 - 150) < 5, `${run.mode} ends at ${w1}, ${w2}`);
    }
    // Batch gradient descent on a quadratic with η·λmax < 2 lowers E at every epoch.
    assert.ok(0.01 * ln.curvatures[1] < 2);
    for (let k = 1; k < batch.errors.length; k++) assert.ok(batch.errors[k] < batch.errors[k - 1]);

    // CSV: one row per position of every path.
    assert.deepEqual(csv[0], ["surface", "run", "step", "x", "y", "value"]);
    const expectedRows =
      json.data.function.paths.reduce((s, p) => s + p.points.length, 0) +
      online.points.length +
      batch.points.length;
    assert.equal(csv.length - 1, expectedRows);
    assert.match(r.summary, /η=0\.105: diverged/);
  });

  test("rosenbrock: small steps go downhill towards (1, 1)", async () => {
    const r = await runGradientDescent({
      out: tempOut("gd-rosen"),
      function: "rosenbrock",
      lrs: [0.001],
      steps: 2000,
      epochs: 2,
    });
    const p = r.data.function.paths[0];
    assert.equal(p.diverged, false);
    assert.ok(p.finalValue < 0.05 * p.values[0]);
  });

  test("bad options are one-line input errors", async () => {
    await assert.rejects(
      runGradientDescent({ out: tempOut("gd-bad"), lrs: [0.1, -1] }),
      /learning rates: value 2 must be a positive number/,
    );
  });
});

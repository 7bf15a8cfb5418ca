import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { builtinDataset } from "../../src/data/builtin.js";
import type { Dataset } from "../../src/data/types.js";
import {
  drawDecisionBoundary,
  drawGradientDescent,
  drawHiddenSize,
  drawLrSweep,
  type Figure,
  measureDecisionBoundary,
  measureGradientDescent,
  measureHiddenSize,
  measureLrSweep,
  measureVanishingGradient,
  summariseDecisionBoundary,
  summariseGradientDescent,
  summariseHiddenSize,
  summariseLrSweep,
  summariseVanishingGradient,
} from "../../src/experiments/index.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Random } from "../../src/tensor/random.js";
import { BROWSER_PACKAGES } from "../architecture/browser-packages.js";

const moons = (samples: number, seed = 1): Dataset => builtinDataset("moons", new Random(seed), { samples });

/** Numbers, strings, booleans, null, arrays and plain objects only: what JSON (and postMessage) carry. */
function assertPlain(value: unknown, path = "data"): void {
  if (value === null || ["number", "string", "boolean"].includes(typeof value)) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertPlain(v, `${path}[${i}]`));
    return;
  }
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path} is not a plain object or array`);
  for (const [k, v] of Object.entries(value as object)) assertPlain(v, `${path}.${k}`);
}

/** Figures' SVG with Vega's clip-path and gradient ids (numbered across all renders) made comparable. */
const comparable = (figures: Figure[]) =>
  figures.map((f) => ({ ...f, svg: f.svg.replace(/(clip|gradient_)\d+/g, "$1") }));

/** The data survive JSON, and the summary and figures drawn from the copy are those drawn from the original. */
async function assertReusable<D>(data: D, summarise: (d: D) => string, draw: (d: D) => Promise<Figure[]>) {
  assertPlain(data);
  const copy = JSON.parse(JSON.stringify(data)) as D;
  assert.equal(summarise(copy), summarise(data));
  assert.deepEqual(comparable(await draw(copy)), comparable(await draw(data)));
}

describe("measuring functions", () => {
  test("the measure modules load with no Node built-in and no package the browser build may not import", () => {
    const script = (entry: string) => `
      import { register } from "node:module";
      register(${JSON.stringify(new URL("./portable-hooks.js", import.meta.url).href)}, {
        data: { allowed: ${JSON.stringify(BROWSER_PACKAGES)} },
      });
      const mod = await import(${JSON.stringify(new URL(entry, import.meta.url).href)});
      process.stdout.write(Object.keys(mod).sort().join(","));`;
    const run = (entry: string) =>
      spawnSync(process.execPath, ["--input-type=module", "-e", script(entry)], { encoding: "utf8" });
    const measure = run("../../src/experiments/measure/index.js");
    assert.equal(measure.status, 0, measure.stderr);
    for (const name of ["measureLrSweep", "measureVanishingGradient", "summariseHiddenUnits"]) {
      assert.ok(measure.stdout.split(",").includes(name), `${name} not exported: ${measure.stdout}`);
    }
    // The hooks do refuse: the whole entry point writes files and renders with Vega.
    const whole = run("../../src/experiments/index.js");
    assert.notEqual(whole.status, 0);
    assert.match(whole.stderr, /imports (node:|vega)/);
  });

  test("lr-sweep: the shared initial loss is the cross-entropy of a forward pass written out here", async () => {
    const train = moons(60);
    const data = await measureLrSweep(train, { lrs: [0.5, 2], epochs: 3, hidden: [5], seed: 4 });
    // The same initial network (seed 4), evaluated by hand in float64: σ(W₂·σ(W₁x + b₁) + b₂).
    const model = Sequential.fromSizes({
      sizes: [2, 5, 1],
      activation: "sigmoid",
      output: "sigmoid",
      rng: new Random(4),
    });
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    let E = 0;
    for (let n = 0; n < 60; n++) {
      let a = [train.x.data[2 * n], train.x.data[2 * n + 1]];
      for (const layer of model.layers) {
        const W = layer.weight.data;
        a = Array.from({ length: layer.units }, (_, j) =>
          sig(a.reduce((z, ai, i) => z + W[j * layer.inputs + i] * ai, layer.bias.data[j])),
        );
      }
      const t = train.y.data[n];
      E -= t * Math.log(a[0]) + (1 - t) * Math.log(1 - a[0]);
    }
    for (const run of data.runs) assert.ok(Math.abs(run.initialLoss - E / 60) < 1e-5, `${run.initialLoss}`);
    assert.deepEqual(
      data.runs.map((r) => r.loss.length),
      [3, 3],
    );
    await assertReusable(data, summariseLrSweep, drawLrSweep);
  });

  test("hidden-size: parameters are (in+1)·h + (h+1)·out; without a test split, test accuracy is training accuracy", async () => {
    const data = await measureHiddenSize({ train: moons(80) }, { hidden: [3, 1], epochs: 2, repeats: 2 });
    assert.deepEqual(
      data.rows.map((r) => r.hidden),
      [1, 3],
    );
    for (const r of data.rows) {
      assert.equal(r.parameters, 3 * r.hidden + (r.hidden + 1));
      assert.deepEqual(r.testAccuracy, r.trainAccuracy);
      assert.equal(r.meanTestAccuracy, (r.testAccuracy[0] + r.testAccuracy[1]) / 2);
    }
    assert.equal(data.hasTestSplit, false);
    assert.equal(data.testRows, 80);
    await assertReusable(data, summariseHiddenSize, drawHiddenSize);
  });

  test("decision-boundary: the grid spans the points with a 10% margin, evenly; the points are the data's", async () => {
    const train = moons(50);
    const data = await measureDecisionBoundary(train, { hidden: [4], epochs: 2, resolution: 11 });
    const xs = data.points.map((p) => p.x);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const { grid } = data;
    assert.ok(Math.abs(grid.xs[0] - (lo - 0.1 * (hi - lo))) < 1e-12);
    assert.ok(Math.abs(grid.xs[10] - (hi + 0.1 * (hi - lo))) < 1e-12);
    for (let i = 1; i < 11; i++) assert.ok(Math.abs(grid.xs[i] - grid.xs[i - 1] - 0.12 * (hi - lo)) < 1e-12);
    assert.equal(grid.values.length, 121);
    assert.ok(
      grid.values.every((v) => v > 0 && v < 1),
      "sigmoid outputs",
    );
    data.points.forEach((p, r) => {
      assert.equal(p.x, train.x.data[2 * r]);
      assert.equal(p.label, train.labels![r]);
    });
    await assertReusable(data, summariseDecisionBoundary, drawDecisionBoundary);
  });

  test("gradient-descent: the measurement alone, reusable from JSON", async () => {
    const data = measureGradientDescent({ lrs: [0.05, 0.02], steps: 5, weeks: 4, epochs: 2 });
    // Smallest η first; the bowl's y after one step of η = 0.05 = 1/20 is exactly 0.
    assert.deepEqual(
      data.function.paths.map((p) => p.lr),
      [0.02, 0.05],
    );
    assert.equal(data.function.paths[1].points[1][1], 0);
    await assertReusable(data, summariseGradientDescent, drawGradientDescent);
  });

  test("vanishing-gradient: each network's initialisers, and norms only at initialisation for 0 epochs", async () => {
    const train = moons(40);
    const base = { layersMax: 2, width: 4, epochs: 0 };
    const data = await measureVanishingGradient(train, { ...base, activations: ["sigmoid", "relu"] });
    assert.deepEqual(
      data.networks.map((n) => [n.activation, n.hiddenLayers, n.init, n.biasInit]),
      [
        ["sigmoid", 1, "nielsen", "normal"],
        ["sigmoid", 2, "nielsen", "normal"],
        ["relu", 1, "he_normal", "zeros"],
        ["relu", 2, "he_normal", "zeros"],
      ],
    );
    for (const n of data.networks) {
      assert.equal(n.biasGradNorm.length, 1);
      assert.equal(n.initialBiasGradNorm.length, n.hiddenLayers);
      assert.deepEqual(n.loss, []);
    }
    const glorot = await measureVanishingGradient(train, {
      ...base,
      activations: ["tanh"],
      init: "glorot_uniform",
    });
    assert.deepEqual(
      glorot.networks.map((n) => n.biasInit),
      ["zeros", "zeros"],
    );
    assertPlain(data);
    assert.equal(
      summariseVanishingGradient(JSON.parse(JSON.stringify(data))),
      summariseVanishingGradient(data),
    );
  });
});

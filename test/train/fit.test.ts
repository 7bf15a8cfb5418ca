import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { backpropTrace, Sequential } from "../../src/nn/index.js";
import { makeOptimizer, SGD } from "../../src/optim/index.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { earlyStopping, evaluate, fit, predict } from "../../src/train/index.js";
import { DivergenceError } from "../../src/util/errors.js";

const X = NDArray.from(
  [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  "float64",
);
const Y = NDArray.from([[0], [1], [1], [0]], "float64");

function xorModel(seed: number): Sequential {
  return Sequential.fromSizes({
    sizes: [2, 2, 1],
    activation: "sigmoid",
    output: "sigmoid",
    dtype: "float64",
    rng: new Random(seed),
  });
}

describe("fit", () => {
  test("the 2-2-1 sigmoid network learns XOR from at least 9 of 10 random starts (documented config)", async () => {
    // docs: --layers 2,2,1 --activation sigmoid --output sigmoid --loss mse --optimizer sgd --lr 2 --batch full --epochs 5000
    let learned = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const model = xorModel(seed);
      await fit(model, X, Y, { loss: "mse", optimizer: new SGD({ lr: 2 }), epochs: 5000, batchSize: "full" });
      const out = predict(model, X).data;
      if ([0, 1, 1, 0].every((t, i) => Math.abs(out[i] - t) < 0.5)) learned++;
    }
    assert.ok(learned >= 9, `learned XOR from ${learned}/10 seeds`);
  });

  test("batch mode is exactly gradient descent on the notes' summed gradient", async () => {
    const model = xorModel(3);
    const manual = model.clone();
    await fit(model, X, Y, {
      loss: "mse",
      reduction: "sum",
      optimizer: new SGD({ lr: 0.7 }),
      epochs: 3,
      batchSize: "full",
    });
    for (let step = 0; step < 3; step++) {
      const t = backpropTrace(manual, X, Y, "mse", "sum");
      manual.layers.forEach((layer, l) => {
        for (let i = 0; i < layer.weight.size; i++) layer.weight.data[i] -= 0.7 * t.layers[l].gradW.data[i];
        for (let i = 0; i < layer.bias.size; i++) layer.bias.data[i] -= 0.7 * t.layers[l].gradB.data[i];
      });
    }
    // Shuffling only reorders the sum over examples: equal up to rounding.
    model.parameters().forEach((p, i) => {
      const q = manual.parameters()[i];
      for (let k = 0; k < p.size; k++) assert.ok(Math.abs(p.data[k] - q.data[k]) < 1e-14);
    });
  });

  test("online mode makes one update per example, in a reshuffled order each epoch", async () => {
    const model = xorModel(4);
    let batches = 0;
    await fit(model, X, Y, {
      loss: "mse",
      optimizer: new SGD({ lr: 0.5 }),
      epochs: 3,
      batchSize: 1,
      callbacks: [{ onBatchEnd: () => void batches++ }],
    });
    assert.equal(batches, 12);
  });

  test("the autograd engine and the matrix fast path train to the same weights", async () => {
    const rng = new Random(9);
    const x = NDArray.zeros([20, 3], "float64");
    for (let i = 0; i < x.size; i++) x.data[i] = rng.normal();
    const y = NDArray.zeros([20, 4], "float64");
    for (let r = 0; r < 20; r++) y.data[r * 4 + rng.int(4)] = 1;
    const a = Sequential.fromSizes({
      sizes: [3, 5, 4],
      activation: "tanh",
      output: "softmax",
      dtype: "float64",
      rng,
    });
    const b = a.clone();
    const opts = { loss: "cce" as const, epochs: 4, batchSize: 6 };
    await fit(a, x, y, { ...opts, optimizer: makeOptimizer("momentum", { lr: 0.1 }), rng: new Random(1) });
    await fit(b, x, y, {
      ...opts,
      optimizer: makeOptimizer("momentum", { lr: 0.1 }),
      rng: new Random(1),
      engine: "autograd",
    });
    a.parameters().forEach((p, i) => {
      const q = b.parameters()[i];
      for (let k = 0; k < p.size; k++) assert.ok(Math.abs(p.data[k] - q.data[k]) < 1e-12);
    });
  });

  test("the same seed gives the same run bit for bit", async () => {
    const run = async () => {
      const m = xorModel(5);
      const r = await fit(m, X, Y, {
        loss: "bce",
        optimizer: makeOptimizer("adam", { lr: 0.05 }),
        epochs: 20,
        batchSize: 2,
        rng: new Random(8),
      });
      return [r.history.map((h) => h.loss), [...m.layers[0].weight.data]];
    };
    assert.deepEqual(await run(), await run());
  });

  test("history has loss, accuracy and validation figures per epoch", async () => {
    const m = xorModel(6);
    const xs = NDArray.from([...(X.toArray() as number[][]), ...(X.toArray() as number[][])], "float64");
    const ys = NDArray.from([...(Y.toArray() as number[][]), ...(Y.toArray() as number[][])], "float64");
    const r = await fit(m, xs, ys, {
      loss: "mse",
      optimizer: new SGD({ lr: 1 }),
      epochs: 2,
      batchSize: 2,
      validationSplit: 0.25,
    });
    assert.equal(r.history.length, 2);
    for (const h of r.history) {
      for (const key of ["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds", "lr"] as const) {
        assert.equal(typeof h[key], "number", key);
      }
    }
    assert.equal(r.accuracy, "binary");
  });

  test("a diverging run stops with a clear message and keeps finite weights", async () => {
    const rng = new Random(2);
    const x = NDArray.zeros([8, 1], "float64");
    for (let i = 0; i < 8; i++) x.data[i] = rng.uniform(-10, 10);
    const y = NDArray.from(
      Array.from(x.data, (v) => [3 * v]),
      "float64",
    );
    const m = Sequential.fromSizes({
      sizes: [1, 1],
      activation: "linear",
      output: "linear",
      dtype: "float64",
      rng,
    });
    await assert.rejects(
      fit(m, x, y, { loss: "mse", optimizer: new SGD({ lr: 100 }), epochs: 200, batchSize: "full" }),
      (err: unknown) => err instanceof DivergenceError && /diverged.*learning rate 100/.test(err.message),
    );
    assert.ok(m.parameters().every((p) => p.data.every(Number.isFinite)));
  });

  test("early stopping ends training when the monitored loss stalls", async () => {
    const m = xorModel(7);
    const stop = earlyStopping({ monitor: "loss", patience: 2, minDelta: 1 });
    const r = await fit(m, X, Y, {
      loss: "mse",
      optimizer: new SGD({ lr: 0.1 }),
      epochs: 50,
      batchSize: "full",
      callbacks: [stop],
    });
    assert.equal(r.history.length, 3);
    assert.match(r.stopReason ?? "", /early stopping/);
  });

  test("evaluate counts categorical accuracy by argmax", () => {
    const m = Sequential.fromSizes({
      sizes: [2, 3],
      activation: "linear",
      output: "softmax",
      dtype: "float64",
    });
    m.layers[0].weight.data.set([1, 0, 0, 1, 0, 0]);
    const x = NDArray.from(
      [
        [5, 0],
        [0, 5],
        [5, 0],
      ],
      "float64",
    );
    const y = NDArray.from(
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      "float64",
    );
    const r = evaluate(m, x, y, { loss: "cce" });
    assert.equal(r.accuracy, 2 / 3);
  });
});

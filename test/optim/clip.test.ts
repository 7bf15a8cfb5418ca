import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { backpropTrace, Sequential } from "../../src/nn/index.js";
import { ClippedOptimizer, clipGradNorm, SGD } from "../../src/optim/index.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { fit } from "../../src/train/index.js";

describe("clipGradNorm (PyTorch's clip_grad_norm_)", () => {
  test("the total 2-norm over all parameters, and the scale C / (norm + 1e-6) when above C", () => {
    // ‖(3, 4, 12)‖ = √(9 + 16 + 144) = 13, over two parameters
    const a = { grad: new Float64Array([3, 4]) };
    const b = { grad: new Float64Array([12]) };
    assert.equal(clipGradNorm([a, b], 6.5), 13);
    const k = 6.5 / (13 + 1e-6);
    assert.deepEqual([...a.grad, ...b.grad], [3 * k, 4 * k, 12 * k]);
    // below the bound nothing changes (PyTorch clamps the coefficient at 1)
    const c = { grad: new Float64Array([0.3, 0.4]) };
    assert.equal(clipGradNorm([c], 1), 0.5);
    assert.deepEqual([...c.grad], [0.3, 0.4]);
    assert.throws(() => clipGradNorm([c], 0), /maximum norm must be a positive number, got 0/);
  });

  test("fit's clipGradNorm: one SGD step moves the weights by η × the clipped gradient", async () => {
    const x = NDArray.from(
      [
        [0.5, -1],
        [2, 1],
      ],
      "float64",
    );
    const y = NDArray.from([[1], [0]], "float64");
    const make = () =>
      Sequential.fromSizes({
        sizes: [2, 3, 1],
        activation: "tanh",
        output: "linear",
        dtype: "float64",
        rng: new Random(4),
      });
    const model = make();
    const before = make();
    const t = backpropTrace(before, x, y, "mse", "mean");
    const grads = t.layers.flatMap((l) => [Array.from(l.gradW.data), Array.from(l.gradB.data)]);
    const norm = Math.sqrt(grads.flat().reduce((s, g) => s + g * g, 0));
    const C = norm / 4; // well below the gradient's norm, so the step is clipped
    await fit(model, x, y, {
      loss: "mse",
      optimizer: new SGD({ lr: 0.1 }),
      epochs: 1,
      batchSize: "full",
      shuffle: false,
      clipGradNorm: C,
    });
    const k = C / (norm + 1e-6);
    model.parameters().forEach((p, i) => {
      const w0 = before.parameters()[i].data;
      p.data.forEach((w, j) =>
        assert.ok(Math.abs(w - (w0[j] - 0.1 * k * grads[i][j])) < 1e-15, `parameter ${i}[${j}]`),
      );
    });
  });

  test("ClippedOptimizer passes η through to the optimizer it wraps (schedules set it)", () => {
    const sgd = new SGD({ lr: 0.5 });
    const clipped = new ClippedOptimizer(sgd, 1);
    clipped.learningRate = 0.25;
    assert.equal(sgd.learningRate, 0.25);
    assert.deepEqual(clipped.config(), { momentum: 0, nesterov: false, weightDecay: 0, clipGradNorm: 1 });
  });
});

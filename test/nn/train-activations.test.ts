/**
 * The newer activations train: XOR and the two spirals reach full (XOR) and at least 95 % (spirals)
 * training accuracy, on whichever backend the suite runs (the spirals' 32-unit layers are large enough for
 * the wasm backend's own kernels: fused bias + activation forward, its unaryBackward).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { spirals } from "../../src/data/builtin.js";
import type { Activation } from "../../src/nn/activations.js";
import { Sequential } from "../../src/nn/sequential.js";
import { makeOptimizer } from "../../src/optim/index.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { evaluate, fit } from "../../src/train/index.js";

const NEW: Activation[] = ["elu", "softplus", "gelu", "silu"];

describe("elu, softplus, gelu and silu train", () => {
  for (const activation of NEW) {
    test(`XOR: a 2-4-1 ${activation} network with a sigmoid output classifies all four points`, async () => {
      const x = NDArray.from(
        [
          [0, 0],
          [0, 1],
          [1, 0],
          [1, 1],
        ],
        "float32",
      );
      const y = NDArray.from([[0], [1], [1], [0]], "float32");
      const model = Sequential.fromSizes({
        sizes: [2, 4, 1],
        activation,
        output: "sigmoid",
        rng: new Random(1),
      });
      await fit(model, x, y, {
        loss: "bce",
        optimizer: makeOptimizer("adam", { lr: 0.05 }),
        epochs: 500,
        batchSize: "full",
      });
      assert.equal(evaluate(model, x, y, { loss: "bce" }).accuracy, 1);
    });

    test(`spirals: a 2-32-32-1 ${activation} network reaches 95 % training accuracy`, async () => {
      const data = spirals(new Random(1), 200, 0.02);
      const model = Sequential.fromSizes({
        sizes: [2, 32, 32, 1],
        activation,
        output: "sigmoid",
        rng: new Random(1),
      });
      await fit(model, data.x, data.y, {
        loss: "bce",
        optimizer: makeOptimizer("adam", { lr: 0.02 }),
        epochs: 200,
        batchSize: 32,
        rng: new Random(2),
      });
      const { accuracy } = evaluate(model, data.x, data.y, { loss: "bce" });
      assert.ok(accuracy! >= 0.95, `${activation}: accuracy ${accuracy}`);
    });
  }
});

/**
 * The shapes issue 10.6 asked for: fit, evaluate and predict alike (model, x, y?, options); evaluate reusing the
 * loss fit trained on; camelCase history keys beside the deprecated snake_case ones; a typed toArray. Expected
 * values are computed here from the notes' formulas (E = (1/N)·Σₙ ½‖ŷₙ − yₙ‖² for MSE, cross-entropy
 * −(1/N)·Σₙ Σₖ yₙₖ·log ŷₙₖ), not by the code under test.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Sequential } from "../../src/nn/sequential.js";
import { SGD } from "../../src/optim/optimizers.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { ShapeError } from "../../src/tensor/shape.js";
import { evaluate, fit, predict } from "../../src/train/fit.js";
import { InputError } from "../../src/util/errors.js";

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

const model = (seed: number, output: "sigmoid" | "softmax" = "sigmoid", outputs = 1) =>
  Sequential.fromSizes({
    sizes: [2, 3, outputs],
    activation: "tanh",
    output,
    rng: new Random(seed),
    dtype: "float64",
  });

/** ½·mean over rows of ‖ŷ − y‖², from plain arrays. */
function halfMse(yHat: number[][], y: number[][]): number {
  let sum = 0;
  for (let n = 0; n < y.length; n++)
    for (let k = 0; k < y[n].length; k++) sum += 0.5 * (yHat[n][k] - y[n][k]) ** 2;
  return sum / y.length;
}

describe("evaluate reuses the training loss", () => {
  test("after fit, evaluate(model, x, y) reports fit's loss, computed by the formula", async () => {
    const m = model(3);
    const result = await fit(m, X, Y, {
      loss: "mse",
      optimizer: new SGD({ lr: 0.5 }),
      epochs: 3,
      batchSize: 2,
    });
    assert.equal(result.loss, "mse");
    const yHat = predict(m, X).toArray(2);
    const expected = halfMse(yHat, Y.toArray(2));
    const reused = evaluate(m, X, Y);
    assert.ok(Math.abs(reused.loss - expected) < 1e-12, `${reused.loss} vs ${expected}`);
    assert.deepEqual(reused, evaluate(m, X, Y, { loss: "mse" }));
  });

  test("fit's sum reduction is reused too, and an explicit loss overrides the stored one", async () => {
    const m = model(4);
    await fit(m, X, Y, { loss: "mse", reduction: "sum", optimizer: "sgd", epochs: 1, batchSize: 4 });
    const yHat = predict(m, X).toArray(2);
    const mean = halfMse(yHat, Y.toArray(2));
    assert.ok(Math.abs(evaluate(m, X, Y).loss - 4 * mean) < 1e-12);
    // Binary cross-entropy by hand: −mean of y·log ŷ + (1 − y)·log(1 − ŷ).
    const y = Y.toArray(2);
    let bce = 0;
    for (let n = 0; n < 4; n++)
      bce -= y[n][0] * Math.log(yHat[n][0]) + (1 - y[n][0]) * Math.log(1 - yHat[n][0]);
    assert.ok(Math.abs(evaluate(m, X, Y, { loss: "bce" }).loss - bce / 4) < 1e-9);
  });

  test("a model fit never trained needs { loss }, with a clear error", () => {
    assert.throws(
      () => evaluate(model(5), X, Y),
      (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.match(e.message, /evaluate needs options\.loss/);
        return true;
      },
    );
    assert.throws(() => evaluate(model(5), X, Y, { loss: "nope" as "mse" }), InputError);
  });
});

describe("predict", () => {
  test("the chunk size does not change the outputs; a bad one is refused", () => {
    const m = model(6, "softmax", 2);
    const whole = predict(m, X).toArray(2);
    assert.deepEqual(predict(m, X, { batchSize: 1 }).toArray(2), whole);
    assert.deepEqual(predict(m, X, 3).toArray(2), whole, "the old positional batch size still works");
    // softmax rows sum to 1
    for (const row of whole) assert.ok(Math.abs(row[0] + row[1] - 1) < 1e-12);
    assert.throws(() => predict(m, X, { batchSize: 0 }), /batchSize must be a positive integer, got 0/);
  });

  test("predict(model, x) and the deprecated model.predict(x) agree", () => {
    const m = model(7);
    const fast = predict(m, X).toArray(2);
    const graph = m.predict(X).toArray(2);
    for (let n = 0; n < 4; n++) assert.ok(Math.abs(fast[n][0] - graph[n][0]) < 1e-12);
  });
});

describe("history keys", () => {
  test("valLoss and valAccuracy, with val_loss and val_accuracy still readable and equal", async () => {
    const m = model(8);
    const xs = NDArray.from([...X.toArray(2), ...X.toArray(2)], "float64");
    const ys = NDArray.from([...Y.toArray(2), ...Y.toArray(2)], "float64");
    const { history } = await fit(m, xs, ys, {
      loss: "mse",
      optimizer: new SGD({ lr: 1 }),
      epochs: 2,
      batchSize: 2,
      validationSplit: 0.25,
    });
    for (const h of history) {
      assert.equal(typeof h.valLoss, "number");
      assert.equal(typeof h.valAccuracy, "number");
      assert.equal(h.val_loss, h.valLoss);
      assert.equal(h.val_accuracy, h.valAccuracy);
    }
    // The last epoch's validation loss is the formula's on the held-out rows (the last quarter: rows 6 and 7).
    const heldX = NDArray.from(xs.toArray(2).slice(6), "float64");
    const heldY = ys.toArray(2).slice(6);
    const last = history[history.length - 1];
    assert.ok(Math.abs((last.valLoss ?? Number.NaN) - halfMse(predict(m, heldX).toArray(2), heldY)) < 1e-12);
  });
});

describe("typed toArray", () => {
  test("toArray(rank) returns the nested arrays of that rank, and refuses another rank", () => {
    assert.equal(NDArray.scalar(2.5, "float64").toArray(0), 2.5);
    assert.deepEqual(NDArray.from([1, 2, 3]).toArray(1), [1, 2, 3]);
    const rows: number[][] = NDArray.from([
      [1, 2],
      [3, 4],
    ]).toArray(2);
    assert.deepEqual(rows, [
      [1, 2],
      [3, 4],
    ]);
    const cube: number[][][] = NDArray.zeros([1, 2, 1]).toArray(3);
    assert.deepEqual(cube, [[[0], [0]]]);
    assert.throws(
      () => NDArray.from([1, 2]).toArray(2),
      (e: unknown) => {
        assert.ok(e instanceof ShapeError);
        assert.equal(e.message, "toArray(2): the array has rank 1, shape [2]");
        return true;
      },
    );
  });
});

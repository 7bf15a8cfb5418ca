import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { NDArray } from "../../src/tensor/ndarray.js";
import {
  checkDifferentiable,
  checkTrainable,
  defaultLoss,
  defaultOutputActivation,
  scheduleFromSpec,
  stepsPerEpoch,
} from "../../src/train/index.js";
import { InputError } from "../../src/util/errors.js";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe("training setup (the rules the library and the CLI share)", () => {
  test("default output layer and loss for a dataset", () => {
    const data = (task: "classification" | "regression", cols: number, labels: number[] | null) => ({
      task,
      y: NDArray.zeros([4, cols]),
      labels: labels && Int32Array.from(labels),
    });
    assert.equal(defaultOutputActivation(data("classification", 3, [0, 1, 2, 0])), "softmax");
    assert.equal(defaultOutputActivation(data("classification", 1, [0, 1, 1, 0])), "sigmoid");
    // independent 0/1 outputs (the gates set) have no single label
    assert.equal(defaultOutputActivation(data("classification", 5, null)), "sigmoid");
    assert.equal(defaultOutputActivation(data("regression", 1, null)), "linear");
    assert.equal(defaultLoss("softmax", data("classification", 3, [0, 1, 2, 0])), "cce");
    assert.equal(defaultLoss("sigmoid", data("classification", 1, [0, 1, 1, 0])), "bce");
    assert.equal(defaultLoss("sigmoid", data("regression", 1, null)), "mse");
    assert.equal(defaultLoss("linear", data("regression", 1, null)), "mse");
    assert.equal(defaultLoss("sigmoid"), "bce", "a saved model alone: a sigmoid output is a classifier");
  });

  test("loss/activation pairs backpropagation cannot train are refused with the reason", () => {
    // grad checks only what the gradient needs: cce on sigmoid units is computable (not trainable to sense)
    checkDifferentiable("cce", ["relu", "sigmoid"]);
    assert.throws(() => checkDifferentiable("bce", ["relu", "relu"]), /loss bce needs outputs in \(0, 1\)/);
    const refused: Array<[Parameters<typeof checkTrainable>, RegExp]> = [
      [["cce", ["sigmoid", "sigmoid"], 1], /loss cce needs a softmax output layer \(got sigmoid\)/],
      [
        ["bce", ["relu", "linear"], 1],
        /loss bce needs outputs in \(0, 1\) \(a sigmoid or softmax output layer\), but the output layer is linear/,
      ],
      [["cce", ["relu", "tanh"], 3], /loss cce needs outputs in \(0, 1\)/],
      [["cce", ["relu", "softmax"], 1], /a softmax output needs at least 2 units \(this one has 1\)/],
      [["mse", ["step", "sigmoid"], 1], /layers\[0\]\.activation: "step" has no useful gradient \(f′ = 0\)/],
      [["mse", ["sigmoid", "step"], 1], /layers\[1\]\.activation: "step"/],
    ];
    for (const [args, pattern] of refused) {
      assert.throws(
        () => checkTrainable(...args),
        (e: unknown) => e instanceof InputError && pattern.test(e.message),
      );
    }
    for (const ok of [
      ["mse", ["sigmoid", "sigmoid"], 1],
      ["bce", ["tanh", "sigmoid"], 1],
      ["bce", ["relu", "softmax"], 3],
      ["cce", ["relu", "softmax"], 3],
      ["mse", ["relu", "linear"], 2],
    ] as const) {
      checkTrainable(ok[0], ok[1], ok[2]);
    }
  });

  test("schedules from a spec follow their formulas", () => {
    // step: η₀·γ^⌊epoch/size⌋; exp: η₀·γ^epoch; cosine: min + (η₀ − min)(1 + cos(π·epoch/epochs))/2
    close(scheduleFromSpec("step:10:0.5", 100)(25, 1), 0.25);
    close(scheduleFromSpec("step:10", 100)(10, 2), 0.2);
    close(scheduleFromSpec("exp:0.9", 100)(3, 1), 0.9 ** 3);
    close(scheduleFromSpec("cosine", 10)(5, 2), 1);
    close(scheduleFromSpec("cosine:0.1", 10)(10, 1), 0.1);
    close(scheduleFromSpec("cosine:0.1", 10)(0, 1), 1);
    for (const bad of ["step", "step:0", "step:1.5", "exp:x", "exp", "linear", "step:2:0.5:1", "cosine:a"]) {
      assert.throws(
        () => scheduleFromSpec(bad, 10),
        (e: unknown) => e instanceof InputError && e.message.includes(`"`) && !e.message.includes("\n"),
        bad,
      );
    }
  });

  test("steps per epoch are ⌈N / batch⌉ (⌊N / batch⌋ when the last batch is dropped)", () => {
    assert.equal(stepsPerEpoch(10, 4), 3);
    assert.equal(stepsPerEpoch(10, 4, true), 2);
    assert.equal(stepsPerEpoch(10, "full"), 1);
    assert.equal(stepsPerEpoch(4, 32), 1);
    assert.equal(stepsPerEpoch(60000, 10), 6000);
    assert.equal(stepsPerEpoch(150, 1), 150);
  });
});

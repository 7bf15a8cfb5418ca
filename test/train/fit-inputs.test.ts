import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Activation } from "../../src/nn/activations.js";
import { Dense } from "../../src/nn/dense.js";
import { Sequential } from "../../src/nn/sequential.js";
import { SGD } from "../../src/optim/index.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { ShapeError } from "../../src/tensor/shape.js";
import {
  type BatchLogs,
  countCorrect,
  type EpochLogs,
  evaluate,
  type FitOptions,
  fit,
  predict,
} from "../../src/train/index.js";
import { InputError, RetropropError } from "../../src/util/errors.js";

const rowsX = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const rowsY = [[0], [1], [1], [0]];
const X = NDArray.from(rowsX, "float64");
const Y = NDArray.from(rowsY, "float64");

const xorModel = (output: Activation = "sigmoid", units = 1) =>
  Sequential.fromSizes({
    sizes: [2, 3, units],
    activation: "tanh",
    output,
    dtype: "float64",
    rng: new Random(4),
  });

/** Asserts that `run` rejects with a RetropropError (one line, no stack needed) whose message matches. */
async function refuses(run: () => Promise<unknown> | unknown, pattern: RegExp): Promise<void> {
  await assert.rejects(
    async () => run(),
    (e: unknown) => e instanceof RetropropError && pattern.test(e.message) && !e.message.includes("\n"),
  );
}

describe("fit checks what it is given, with the CLI's messages", () => {
  const base = (): FitOptions => ({ loss: "mse", optimizer: new SGD({ lr: 0.5 }), epochs: 2, batchSize: 2 });

  test("unknown names: loss, optimizer, engine, reduction", async () => {
    const model = xorModel();
    await refuses(() => fit(model, X, Y, { ...base(), loss: "hinge" as never }), /unknown loss "hinge"/);
    await refuses(
      () => fit(model, X, Y, { ...base(), optimizer: "adamw" as never }),
      /unknown optimizer "adamw"/,
    );
    await refuses(
      () => fit(model, X, Y, { ...base(), optimizer: {} as never }),
      /optimizer must be an Optimizer/,
    );
    await refuses(
      () => fit(model, X, Y, { ...base(), engine: "gpu" as never }),
      /engine must be one of matrix, autograd/,
    );
    await refuses(
      () => fit(model, X, Y, { ...base(), reduction: "avg" as never }),
      /reduction must be "mean" or "sum"/,
    );
    await refuses(
      () => fit(model, X, Y, { ...base(), epochs: 1.5 }),
      /epochs must be a non-negative integer/,
    );
    await refuses(
      () => fit(model, X, Y, { ...base(), batchSize: 0 }),
      /batch size must be a positive integer/,
    );
    await refuses(() => evaluate(model, X, Y, { loss: "l1" as never }), /unknown loss "l1"/);
  });

  test("pairs that cannot train: cross-entropy on one sigmoid output, bce on a linear output", async () => {
    // cce on a single sigmoid unit would report every prediction correct at chance: refused before training.
    await refuses(
      () => fit(xorModel(), X, Y, { ...base(), loss: "cce" }),
      /loss cce needs a softmax output layer/,
    );
    await refuses(
      () => fit(xorModel("linear"), X, Y, { ...base(), loss: "bce" }),
      /loss bce needs outputs in \(0, 1\) \(a sigmoid or softmax output layer\)/,
    );
  });

  test("an activation no kernel knows is refused when the model is built, not at predict", () => {
    assert.throws(
      () => Sequential.fromSizes({ sizes: [2, 2, 1], activation: "swish" as never, output: "sigmoid" }),
      /unknown activation "swish"/,
    );
    const odd = new Dense(2, 1, "sigmoid");
    (odd as { activation: string }).activation = "swish";
    assert.throws(
      () => new Sequential([odd]),
      (e: unknown) => e instanceof InputError && /layer 1: unknown activation "swish"/.test(e.message),
    );
  });

  test("plain arrays train as NDArrays do (the same weights), and bad ones are named", async () => {
    const a = xorModel();
    const b = xorModel();
    await fit(a, X, Y, { ...base(), rng: new Random(3) });
    await fit(b, rowsX, rowsY, { ...base(), rng: new Random(3) });
    assert.deepEqual(predict(b, rowsX).data, predict(a, X).data);
    await refuses(() => fit(xorModel(), [[0, 0], [1]], rowsY, base()), /\[1\]: expected 2 items, got 1/);
    await refuses(
      () => fit(xorModel(), undefined as never, rowsY, base()),
      /training inputs must be an NDArray or an array of rows/,
    );
    await refuses(
      () => fit(xorModel(), rowsX, [[0], [1]], base()),
      /training targets have 2 rows but the inputs have 4/,
    );
    await refuses(
      () => fit(xorModel(), [[0, 0, 0]], [[1]], base()),
      /training inputs must have shape \[N,2\], got \[1,3\]/,
    );
    await assert.rejects(async () => fit(xorModel(), rowsX, [[0, 1]], base()), ShapeError);
  });

  test("an optimizer may be given by name, with its default η", async () => {
    const model = xorModel();
    const { history } = await fit(model, X, Y, { ...base(), optimizer: "adam", epochs: 3 });
    assert.equal(history.length, 3);
    assert.equal(history[0].lr, 0.001, "Adam's default learning rate (Kingma & Ba)");
  });
});

describe("fit's callbacks and its accuracy rule", () => {
  test("callbacks see every step of every epoch: ⌈N / batch⌉ batches, examples counted up to N", async () => {
    const rng = new Random(9);
    const x = NDArray.from(
      Array.from({ length: 10 }, () => [rng.uniform(-1, 1), rng.uniform(-1, 1)]),
      "float64",
    );
    const y = NDArray.from(
      Array.from({ length: 10 }, (_, i) => [i % 2]),
      "float64",
    );
    const seen: string[] = [];
    const batches: BatchLogs[] = [];
    const epochs: EpochLogs[] = [];
    await fit(xorModel(), x, y, {
      loss: "mse",
      optimizer: new SGD({ lr: 0.1 }),
      epochs: 2,
      batchSize: 4,
      callbacks: [
        {
          onTrainBegin: (ctx) => seen.push(`begin ${ctx.examples}`),
          onEpochBegin: (e) => seen.push(`epoch ${e}`),
          onBatchEnd: (logs) => batches.push({ ...logs }),
          onEpochEnd: (logs) => epochs.push(logs),
          onTrainEnd: (history) => seen.push(`end ${history.length}`),
        },
      ],
    });
    assert.deepEqual(seen, ["begin 10", "epoch 0", "epoch 1", "end 2"]);
    assert.deepEqual(
      batches.map((b) => [b.epoch, b.batch, b.batches, b.examples, b.totalExamples]),
      [0, 1].flatMap((e) => [
        [e, 0, 3, 4, 10],
        [e, 1, 3, 8, 10],
        [e, 2, 3, 10, 10],
      ]),
    );
    // the last batch's running mean is the epoch's loss
    assert.equal(batches[2].loss, epochs[0].loss);
    assert.equal(batches[5].accuracy, epochs[1].accuracy);
  });

  test("an output of exactly 0.5 is class 0 (ŷ > 0.5 is class 1, as Keras and torchmetrics count)", () => {
    // With every weight 0 the network outputs σ(0) = 0.5 for every input: at chance, it must not score 75 %.
    const model = Sequential.fromSizes({
      sizes: [2, 2, 1],
      activation: "sigmoid",
      output: "sigmoid",
      dtype: "float64",
      init: "zeros",
    });
    assert.deepEqual(Array.from(predict(model, X).data), [0.5, 0.5, 0.5, 0.5]);
    assert.equal(evaluate(model, X, Y, { loss: "mse" }).accuracy, 2 / 4, "the two class-0 rows, no more");
    const out = Float64Array.from([0.5, 0.5000001, 0.4999999, 0.9]);
    const target = Float64Array.from([0, 1, 0, 1]);
    assert.equal(countCorrect("binary", out, target, 4, 1, 0.5), 4);
    assert.equal(
      countCorrect("binary", Float64Array.from([0, 0]), Float64Array.from([0, 1]), 2, 1, 0),
      1,
      "tanh: 0 is class 0",
    );
  });
});

import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import { progressCallback } from "../../src/cli/progress.js";
import { Sequential } from "../../src/nn/sequential.js";
import { makeOptimizer } from "../../src/optim/optimizers.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { fit } from "../../src/train/fit.js";

/** A stream that says it is a terminal, collecting what is written to it. */
function fakeStream(tty: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const s = new PassThrough();
  let out = "";
  s.on("data", (d) => {
    out += String(d);
  });
  Object.assign(s, { isTTY: tty, columns: 160, rows: 40 });
  return { stream: s as unknown as NodeJS.WriteStream, text: () => out };
}

async function train(stream: NodeJS.WriteStream, epochs: number): Promise<void> {
  const x = NDArray.from([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
    [0.5, 0.5],
    [0.2, 0.9],
  ]);
  const y = NDArray.from([[0], [1], [1], [0], [0], [1]]);
  const model = Sequential.fromSizes({
    sizes: [2, 3, 1],
    activation: "tanh",
    output: "sigmoid",
    rng: new Random(1),
  });
  await fit(model, x, y, {
    loss: "mse",
    optimizer: makeOptimizer("sgd", { lr: 0.5 }),
    epochs,
    batchSize: 2,
    callbacks: [progressCallback({ stream })],
  });
}

describe("training progress", () => {
  test("on a terminal the bar counts the epoch's examples from its first frame (never 0/1)", async () => {
    const { stream, text } = fakeStream(true);
    await train(stream, 2);
    const frames = text();
    assert.match(frames, /epoch 1\/2 \|.*\| 0\/6 ex/);
    assert.match(frames, /epoch 2\/2 \|.*\| 6\/6 ex/);
    assert.doesNotMatch(frames, /\/1 ex/);
  });

  test("elsewhere, one plain line per epoch with its loss", async () => {
    const { stream, text } = fakeStream(false);
    await train(stream, 3);
    const lines = text().trim().split("\n");
    assert.equal(lines.length, 3);
    lines.forEach((line, i) => assert.match(line, new RegExp(`^epoch ${i + 1}/3  loss \\d`)));
  });
});

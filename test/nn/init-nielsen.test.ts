import assert from "node:assert/strict";
import { test } from "node:test";
import { initialize, parseInitializer } from "../../src/nn/init.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Random } from "../../src/tensor/random.js";

/** Sample mean and variance. */
function moments(a: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  const mean = s / a.length;
  let q = 0;
  for (let i = 0; i < a.length; i++) q += (a[i] - mean) ** 2;
  return { mean, variance: q / (a.length - 1) };
}

// Nielsen, "Neural Networks and Deep Learning", chapter 3, "Weight initialization": weights Gaussian with mean 0
// and standard deviation 1/√n_in; biases stay Gaussian with mean 0 and standard deviation 1.
test('"nielsen" draws weights N(0, 1/n_in)', () => {
  assert.equal(parseInitializer("nielsen"), "nielsen");
  const fanIn = 784;
  const w = new Float64Array(fanIn * 30);
  initialize("nielsen", w, fanIn, 30, new Random(11));
  const { mean, variance } = moments(w);
  // 23,520 draws: the sample mean's standard error is 0.00021, the variance's relative one 0.9%.
  assert.ok(Math.abs(mean) < 4 * Math.sqrt(1 / fanIn / w.length), `mean ${mean}`);
  assert.ok(Math.abs(variance * fanIn - 1) < 0.05, `variance ${variance} vs ${1 / fanIn}`);
});

test("a network built with nielsen weights and normal biases has each layer's variances", () => {
  const model = Sequential.fromSizes({
    sizes: [400, 300, 100],
    activation: "sigmoid",
    output: "sigmoid",
    init: "nielsen",
    biasInit: "normal",
    dtype: "float64",
    rng: new Random(5),
  });
  for (const layer of model.layers) {
    const w = moments(layer.weight.data);
    assert.ok(Math.abs(w.variance * layer.inputs - 1) < 0.05, `W of ${layer.inputs} inputs: ${w.variance}`);
    // 300 or 100 biases: relative standard error of the variance √(2/n) ≤ 14%; 4 of them.
    const b = moments(layer.bias.data);
    assert.ok(
      Math.abs(b.variance - 1) < 4 * Math.sqrt(2 / layer.units),
      `b of ${layer.units} units: ${b.variance}`,
    );
  }
});

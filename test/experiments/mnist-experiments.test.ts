import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadDataset } from "../../src/data/load.js";
import {
  layerGradientNorms,
  NIELSEN_THREE_LAYER_SPEEDS,
  runHiddenUnits,
  runVanishingGradient,
} from "../../src/experiments/index.js";
import { Sequential } from "../../src/nn/sequential.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { InputError } from "../../src/util/errors.js";
import { checkFiles, datasetsDir, haveMnist, tempOut } from "./helpers.js";

const skip = haveMnist ? false : "MNIST not found in ../shared/datasets";

describe("layerGradientNorms", () => {
  test("matches central differences of an independently written forward pass", () => {
    const rng = new Random(7);
    const sizes = [3, 4, 2, 2];
    const model = Sequential.fromSizes({
      sizes,
      activation: "sigmoid",
      output: "sigmoid",
      dtype: "float64",
      init: "normal",
      biasInit: "normal",
      rng,
    });
    const rows = 5;
    const x = Array.from({ length: rows }, () => Array.from({ length: 3 }, () => rng.uniform(-1, 1)));
    const y = Array.from({ length: rows }, () => [rng.int(2), rng.int(2)]);
    // C = (1/n) Σ ½‖y − a‖², with a plain loop forward pass.
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    const cost = () => {
      let total = 0;
      for (let n = 0; n < rows; n++) {
        let a = x[n];
        for (const layer of model.layers) {
          const W = layer.weight.data;
          const b = layer.bias.data;
          a = Array.from({ length: layer.units }, (_, j) => {
            let z = b[j];
            for (let i = 0; i < layer.inputs; i++) z += W[j * layer.inputs + i] * a[i];
            return sig(z);
          });
        }
        total += 0.5 * a.reduce((s, v, k) => s + (v - y[n][k]) ** 2, 0);
      }
      return total / rows;
    };
    const h = 1e-6;
    const expected = model.layers.map((layer) => {
      let s = 0;
      for (let j = 0; j < layer.units; j++) {
        const b = layer.bias.data;
        const keep = b[j];
        b[j] = keep + h;
        const up = cost();
        b[j] = keep - h;
        const down = cost();
        b[j] = keep;
        s += ((up - down) / (2 * h)) ** 2;
      }
      return Math.sqrt(s);
    });
    const got = layerGradientNorms(
      model,
      NDArray.from(x, "float64"),
      NDArray.from(y, "float64"),
      rows,
      "mse",
      2, // chunks of 2 rows: the sums across chunks must add up to the full mean
    );
    got.bias.forEach((v, l) =>
      assert.ok(Math.abs(v - expected[l]) < 1e-6 * (1 + expected[l]), `layer ${l}: ${v} vs ${expected[l]}`),
    );
  });
});

describe("experiment vanishing-gradient", { skip }, () => {
  test("in a 4-hidden-layer sigmoid net the first layer learns slowest; files and shapes", async () => {
    const r = await runVanishingGradient({
      out: tempOut("vg"),
      dataDir: datasetsDir,
      samples: 200,
      probeRows: 200,
      layersMax: 4,
      epochs: 1,
      activations: ["sigmoid", "relu"],
    });
    const { json, csv } = checkFiles(r, [
      "vanishing-gradient-init-sigmoid",
      "vanishing-gradient-training-sigmoid",
      "vanishing-gradient-init-relu",
      "vanishing-gradient-training-relu",
    ]);
    assert.equal(json.data.networks.length, 8);
    for (const n of json.data.networks) {
      assert.equal(n.initialBiasGradNorm.length, n.hiddenLayers);
      assert.equal(n.biasGradNorm.length, 2); // initialisation + 1 epoch
    }
    const deep = json.data.networks.find((n) => n.activation === "sigmoid" && n.hiddenLayers === 4);
    const g: number[] = deep!.initialBiasGradNorm;
    assert.ok(g[0] < g[3] / 10, `first ${g[0]}, last ${g[3]}`);
    for (let l = 1; l < 4; l++) assert.ok(g[l - 1] < g[l]);
    // relu with He initialisation keeps the layers within a small factor of each other.
    const relu = json.data.networks.find((n) => n.activation === "relu" && n.hiddenLayers === 4);
    const rg: number[] = relu!.initialBiasGradNorm;
    assert.ok(Math.max(...rg) / Math.min(...rg) < 5);
    // CSV: one row per network, epoch and hidden layer.
    assert.deepEqual(csv[0], ["activation", "hidden_layers", "epoch", "layer", "grad_b_norm", "grad_w_norm"]);
    assert.equal(csv.length - 1, 2 * 2 * (1 + 2 + 3 + 4));
  });

  test("Nielsen's configuration gives his published speeds for three hidden layers (within a factor 1.6)", async () => {
    const r = await runVanishingGradient({
      out: tempOut("vg-nielsen"),
      dataDir: datasetsDir,
      samples: 1000,
      probeRows: 1000,
      layersMax: 3,
      epochs: 0,
      activations: ["sigmoid"],
    });
    const three = r.data.networks.find((n) => n.hiddenLayers === 3)!;
    three.initialBiasGradNorm.forEach((v, l) => {
      const ratio = v / NIELSEN_THREE_LAYER_SPEEDS[l];
      assert.ok(ratio > 1 / 1.6 && ratio < 1.6, `layer ${l + 1}: ${v} vs ${NIELSEN_THREE_LAYER_SPEEDS[l]}`);
    });
  });
});

describe("experiment hidden-units", { skip }, () => {
  test("a quick model's first-layer weights as images; pixels never inked keep their initial weights", async () => {
    const samples = 150;
    const r = await runHiddenUnits({
      out: tempOut("hu"),
      dataDir: datasetsDir,
      samples,
      hidden: 4,
      epochs: 1,
    });
    const { json, csv } = checkFiles(r, ["hidden-units"]);
    assert.deepEqual(json.data.imageShape, [28, 28]);
    assert.equal(json.data.weights.length, 4);
    assert.ok(json.data.weights.every((w) => w.length === 784));
    // ∂E/∂w_ji = δ_j·x_i: a pixel that is 0 in every training image never gets a gradient.
    const { train } = await loadDataset("mnist", { dataDir: datasetsDir, samples });
    const inked = new Array<boolean>(784).fill(false);
    for (let n = 0; n < samples; n++)
      for (let p = 0; p < 784; p++) if (train.x.data[n * 784 + p] > 0) inked[p] = true;
    let blank = 0;
    let moved = 0;
    json.data.weights.forEach((w, u) => {
      w.forEach((v, p) => {
        const v0 = json.data.initialWeights![u][p];
        if (!inked[p]) {
          assert.equal(v, v0);
          blank++;
        } else if (v !== v0) moved++;
      });
    });
    assert.ok(blank > 4 * 50, "MNIST has blank border pixels");
    assert.ok(moved > 0.9 * (4 * 784 - blank));
    assert.deepEqual(csv[0], ["unit", "row", "col", "weight", "initial_weight"]);
    assert.equal(csv.length - 1, 4 * 784);
  });

  test("a given model is drawn as it is; a model of the wrong input size is refused", async () => {
    const model = Sequential.fromSizes({
      sizes: [784, 3, 10],
      activation: "relu",
      output: "softmax",
      rng: new Random(3),
    });
    const r = await runHiddenUnits({ out: tempOut("hu-model"), dataDir: datasetsDir, model });
    assert.equal(r.data.trainedHere, false);
    assert.equal(r.data.initialWeights, null);
    assert.deepEqual(r.data.weights[2], Array.from(model.layers[0].weight.data.subarray(2 * 784, 3 * 784)));
    const wrong = Sequential.fromSizes({ sizes: [64, 3, 10], activation: "relu", output: "softmax" });
    await assert.rejects(
      runHiddenUnits({ out: tempOut("hu-wrong"), dataDir: datasetsDir, model: wrong }),
      (err: unknown) =>
        err instanceof InputError &&
        /takes 64 inputs but mnist images have 28×28 = 784 pixels/.test(err.message),
    );
  });
});

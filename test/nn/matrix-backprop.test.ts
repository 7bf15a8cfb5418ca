import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as ag from "../../src/autograd/index.js";
import {
  type Activation,
  Dense,
  type LossName,
  lossOnGraph,
  MatrixBackprop,
  Sequential,
  TRAINABLE_ACTIVATIONS,
} from "../../src/nn/index.js";
import { backpropTrace } from "../../src/nn/matrix-backprop.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";

const sigma = (z: number) => 1 / (1 + Math.exp(-z));

function xorNetwork(W1: number[][], b1: number[], W2: number[][], b2: number[]): Sequential {
  const l1 = new Dense(2, 2, "sigmoid", { dtype: "float64" });
  const l2 = new Dense(2, 1, "sigmoid", { dtype: "float64" });
  l1.weight.data.set(W1.flat());
  l1.bias.data.set(b1);
  l2.weight.data.set(W2.flat());
  l2.bias.data.set(b2);
  return new Sequential([l1, l2]);
}

describe("the notes' 2-2-1 sigmoid XOR network in matrix form (note 000)", () => {
  test("Δ⁽²⁾, Δ⁽¹⁾, ∇W, ∇b match the notes' per-example scalar formulas", () => {
    const W1 = [
      [0.5, -0.4],
      [0.9, 1.0],
    ];
    const b1 = [0.1, -0.3];
    const W2 = [[-1.2, 1.1]];
    const b2 = [0.2];
    const X = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ];
    const Y = [0, 1, 1, 0];
    // The notes, example by example: z_j = Σ_i w_ji x_i + b_j, a = σ(z); δ⁽²⁾ = (ŷ − y)·ŷ(1 − ŷ);
    // δ_j⁽¹⁾ = δ⁽²⁾·w_1j⁽²⁾·a_j(1 − a_j); ∂E/∂w_1j⁽²⁾ = Σₙ δ⁽²⁾ a_j; ∂E/∂w_ji⁽¹⁾ = Σₙ δ_j⁽¹⁾ x_i.
    const gW1 = [
      [0, 0],
      [0, 0],
    ];
    const gb1 = [0, 0];
    const gW2 = [0, 0];
    let gb2 = 0;
    let E = 0;
    const d2: number[] = [];
    const d1: number[][] = [];
    X.forEach((x, n) => {
      const a1 = [0, 1].map((j) => sigma(W1[j][0] * x[0] + W1[j][1] * x[1] + b1[j]));
      const yhat = sigma(W2[0][0] * a1[0] + W2[0][1] * a1[1] + b2[0]);
      E += 0.5 * (yhat - Y[n]) ** 2;
      const delta2 = (yhat - Y[n]) * yhat * (1 - yhat);
      d2.push(delta2);
      const delta1 = [0, 1].map((j) => delta2 * W2[0][j] * a1[j] * (1 - a1[j]));
      d1.push(delta1);
      gb2 += delta2;
      for (let j = 0; j < 2; j++) {
        gW2[j] += delta2 * a1[j];
        gb1[j] += delta1[j];
        for (let i = 0; i < 2; i++) gW1[j][i] += delta1[j] * x[i];
      }
    });

    const model = xorNetwork(W1, b1, W2, b2);
    const t = backpropTrace(
      model,
      NDArray.from(X, "float64"),
      NDArray.from(
        Y.map((y) => [y]),
        "float64",
      ),
      "mse",
      "sum",
    );
    const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-14, `${a} vs ${b}`);
    close(t.loss, E);
    for (const [n, v] of t.layers[1].delta.data.entries()) close(v, d2[n]);
    (t.layers[0].delta.toArray() as number[][]).forEach((row, n) =>
      row.forEach((v, j) => close(v, d1[n][j])),
    );
    for (const [j, v] of t.layers[1].gradW.data.entries()) close(v, gW2[j]);
    close(t.layers[1].gradB.data[0], gb2);
    (t.layers[0].gradW.toArray() as number[][]).forEach((row, j) =>
      row.forEach((v, i) => close(v, gW1[j][i])),
    );
    for (const [j, v] of t.layers[0].gradB.data.entries()) close(v, gb1[j]);
  });
});

const combos: Array<{ hidden: Activation | Activation[]; output: Activation; loss: LossName }> = [];
// Every activation backpropagation can train, as the hidden layers' (softmax, a row function, as the output's).
for (const hidden of TRAINABLE_ACTIVATIONS.filter((n) => n !== "softmax")) {
  combos.push({ hidden, output: "sigmoid", loss: "mse" });
  combos.push({ hidden, output: "sigmoid", loss: "bce" });
  combos.push({ hidden, output: "softmax", loss: "cce" });
}
combos.push({ hidden: "tanh", output: "linear", loss: "mse" });
combos.push({ hidden: "tanh", output: "tanh", loss: "mse" });
combos.push({ hidden: "sigmoid", output: "softmax", loss: "mse" });
combos.push({ hidden: "relu", output: "relu", loss: "mse" });
// One activation per hidden layer, and the newer ones as outputs.
combos.push({ hidden: ["gelu", "tanh"], output: "sigmoid", loss: "bce" });
combos.push({ hidden: ["relu", "silu"], output: "softmax", loss: "cce" });
combos.push({ hidden: "tanh", output: "elu", loss: "mse" });
combos.push({ hidden: "tanh", output: "softplus", loss: "mse" });
combos.push({ hidden: "sigmoid", output: "gelu", loss: "mse" });
combos.push({ hidden: "sigmoid", output: "silu", loss: "mse" });

function randomTargets(loss: LossName, rows: number, cols: number, rng: Random): NDArray {
  const y = NDArray.zeros([rows, cols], "float64");
  for (let r = 0; r < rows; r++) {
    if (loss === "cce") y.data[r * cols + rng.int(cols)] = 1;
    else
      for (let c = 0; c < cols; c++) y.data[r * cols + c] = loss === "bce" ? rng.int(2) : rng.uniform(-1, 1);
  }
  return y;
}

describe("matrix-form backprop agrees with the autograd engine and with finite differences (float64)", () => {
  for (const { hidden, output, loss } of combos) {
    for (const reduction of ["mean", "sum"] as const) {
      test(`${hidden} hidden, ${output} output, ${loss}, ${reduction}`, () => {
        const rng = new Random(
          String(hidden).length * 31 + output.length * 7 + loss.length + (reduction === "sum" ? 1 : 0),
        );
        const sizes = [3, 4, 5, 3];
        const model = Sequential.fromSizes({
          sizes,
          activation: hidden,
          output,
          dtype: "float64",
          rng,
          init: "glorot_normal",
          biasInit: "uniform",
        });
        const rows = 5;
        const X = NDArray.zeros([rows, 3], "float64");
        for (let i = 0; i < X.size; i++) X.data[i] = rng.uniform(-2, 2);
        const Y = randomTargets(loss, rows, 3, rng);

        const t = backpropTrace(model, X, Y, loss, reduction);

        // The autograd engine on the same network.
        const layers = model.forwardLayers(X);
        const last = layers[layers.length - 1];
        const E = lossOnGraph(loss, output, last.z, last.a, Y, reduction);
        E.backward();
        assert.ok(Math.abs(E.item() - t.loss) < 1e-12 * Math.max(1, Math.abs(t.loss)));
        model.layers.forEach((layer, l) => {
          const gw = layer.weight.grad!;
          const gb = layer.bias.grad!;
          for (let i = 0; i < gw.size; i++)
            assert.ok(Math.abs(gw.data[i] - t.layers[l].gradW.data[i]) < 1e-12);
          for (let i = 0; i < gb.size; i++)
            assert.ok(Math.abs(gb.data[i] - t.layers[l].gradB.data[i]) < 1e-12);
          layer.weight.zeroGrad();
          layer.bias.zeroGrad();
        });

        // Central finite differences of the loss with respect to every weight and bias.
        const params = model.layers.flatMap((layer) => [layer.weight.value, layer.bias.value]);
        const check = ag.gradCheck(
          (...ps) => {
            const copy = new Sequential(
              model.layers.map((layer, l) => {
                const d = new Dense(layer.inputs, layer.units, layer.activation, { dtype: "float64" });
                d.weight.value = ps[2 * l].value;
                d.bias.value = ps[2 * l + 1].value;
                (d as { weight: ag.Tensor }).weight = ps[2 * l];
                (d as { bias: ag.Tensor }).bias = ps[2 * l + 1];
                return d;
              }),
            );
            const ls = copy.forwardLayers(X);
            const o = ls[ls.length - 1];
            return lossOnGraph(loss, output, o.z, o.a, Y, reduction);
          },
          params,
          { rtol: 1e-5, atol: 1e-8 },
        );
        assert.ok(check.ok, JSON.stringify(check.inputs.map((c) => [c.maxRelError, c.worst])));
      });
    }
  }
});

describe("numerical stability", () => {
  test("sigmoid+bce and softmax+cce give finite losses and gradients for logits of ±1000", () => {
    for (const [output, loss] of [
      ["sigmoid", "bce"],
      ["softmax", "cce"],
    ] as const) {
      const layer = new Dense(1, 2, output, { dtype: "float64" });
      layer.weight.data.set([1000, -1000]);
      const model = new Sequential([layer]);
      const t = backpropTrace(
        model,
        NDArray.from([[1]], "float64"),
        NDArray.from([[0, 1]], "float64"),
        loss,
        "mean",
      );
      assert.ok(Number.isFinite(t.loss) && t.loss > 1000 - 1e-9, `${loss}: ${t.loss}`);
      assert.ok(t.layers[0].gradW.data.every(Number.isFinite));
    }
  });
});

describe("the fast path reuses its buffers", () => {
  test("batches of different sizes give the same gradients as one-shot traces", () => {
    const rng = new Random(5);
    const model = Sequential.fromSizes({
      sizes: [4, 6, 3],
      activation: "relu",
      output: "softmax",
      dtype: "float64",
      rng,
    });
    const bp = new MatrixBackprop(model, 8);
    for (const rows of [8, 3, 8, 1]) {
      const X = NDArray.zeros([rows, 4], "float64");
      for (let i = 0; i < X.size; i++) X.data[i] = rng.normal();
      const Y = randomTargets("cce", rows, 3, rng);
      bp.forward(X.data, rows);
      bp.backward(Y.data, "cce");
      const ref = backpropTrace(model, X, Y, "cce");
      const fast = bp.trace();
      fast.forEach((l, i) => {
        assert.deepEqual([...l.gradW.data], [...ref.layers[i].gradW.data]);
        assert.deepEqual([...l.gradB.data], [...ref.layers[i].gradB.data]);
      });
    }
  });
});

describe("one activation per hidden layer", () => {
  test("Sequential.fromSizes gives each hidden layer its own activation, and refuses a list of the wrong length", () => {
    const model = Sequential.fromSizes({
      sizes: [2, 3, 4, 1],
      activation: ["gelu", "tanh"],
      output: "sigmoid",
    });
    assert.deepEqual(
      model.layers.map((l) => l.activation),
      ["gelu", "tanh", "sigmoid"],
    );
    assert.throws(
      () => Sequential.fromSizes({ sizes: [2, 3, 4, 1], activation: ["relu"], output: "sigmoid" }),
      {
        name: "InputError",
        message: "1 hidden activation (relu) for 2 hidden layers: give one, or one per hidden layer",
      },
    );
  });
});

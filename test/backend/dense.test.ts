import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DenseActivation } from "../../src/backend/backend.js";
import { ReferenceBackend } from "../../src/backend/reference.js";
import { createWasmBackend, type WasmBackend, wasmAvailable } from "../../src/backend/wasm/index.js";
import { SMALL_DENSE_MACS } from "../../src/backend/wasm/wasm-backend.js";
import { Random } from "../../src/tensor/random.js";
import { newActivations } from "./activation-formulas.js";

// The dense-layer kernels against the notes' formulas written out here, one scalar at a time:
//   z_rj = b_j + Σ_i w_ji·x_ri,  a_rj = f(z_rj)
//   ∇w_ji = Σ_r δ_rj·x_ri,  ∇b_j = Σ_r δ_rj,  δ_ri (below) = (Σ_j δ_rj·w_ji)·f′(z_ri)

const SLOPE = 0.2;
// Non-default parameters, so that the kernels are seen to take them.
const ALPHA = 1.5;
const BETA = 2;
const f: Record<Exclude<DenseActivation, "softmax">, (z: number) => number> = {
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: (z) => (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z)),
  relu: (z) => Math.max(z, 0),
  leaky_relu: (z) => (z > 0 ? z : SLOPE * z),
  linear: (z) => z,
  step: (z) => (z >= 0 ? 1 : 0),
  neg: (z) => -z,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  elu: (z) => newActivations.elu.f(z, ALPHA),
  softplus: (z) => newActivations.softplus.f(z, BETA),
  gelu: newActivations.gelu.f,
  silu: newActivations.silu.f,
};
/** f′(z) written from calculus, not from the code under test (relu′(0) = 0). */
const df: Partial<Record<DenseActivation, (z: number) => number>> = {
  sigmoid: (z) => f.sigmoid(z) * (1 - f.sigmoid(z)),
  tanh: (z) => 1 - f.tanh(z) ** 2,
  relu: (z) => (z > 0 ? 1 : 0),
  leaky_relu: (z) => (z > 0 ? 1 : SLOPE),
  linear: () => 1,
  elu: (z) => newActivations.elu.df(z, ALPHA),
  softplus: (z) => newActivations.softplus.df(z, BETA),
  gelu: newActivations.gelu.df,
  silu: newActivations.silu.df,
};
const activations: DenseActivation[] = [
  "sigmoid",
  "tanh",
  "relu",
  "leaky_relu",
  "linear",
  "softmax",
  "elu",
  "softplus",
  "gelu",
  "silu",
];

interface Layer {
  rows: number;
  units: number;
  inputs: number;
  X: Float64Array;
  W: Float64Array;
  b: Float64Array;
  delta: Float64Array;
}

function randomLayer(rng: Random, rows: number, units: number, inputs: number): Layer {
  const fill = (n: number, lo = -1, hi = 1) => Float64Array.from({ length: n }, () => rng.uniform(lo, hi));
  return {
    rows,
    units,
    inputs,
    X: fill(rows * inputs, 0, 1),
    W: fill(units * inputs),
    b: fill(units),
    delta: fill(rows * units),
  };
}

function expectedForward(L: Layer, act: DenseActivation): { Z: Float64Array; A: Float64Array } {
  const Z = new Float64Array(L.rows * L.units);
  for (let r = 0; r < L.rows; r++)
    for (let j = 0; j < L.units; j++) {
      let z = L.b[j];
      for (let i = 0; i < L.inputs; i++) z += L.W[j * L.inputs + i] * L.X[r * L.inputs + i];
      Z[r * L.units + j] = z;
    }
  const A = new Float64Array(Z.length);
  if (act === "softmax") {
    for (let r = 0; r < L.rows; r++) {
      const row = Array.from(Z.subarray(r * L.units, (r + 1) * L.units));
      const m = Math.max(...row);
      const total = row.reduce((s, z) => s + Math.exp(z - m), 0);
      row.forEach((z, j) => {
        A[r * L.units + j] = Math.exp(z - m) / total;
      });
    }
  } else Z.forEach((z, k) => (A[k] = f[act](z)));
  return { Z, A };
}

/** ∇W, ∇b and the Δ of a layer below whose activation is `belowAct` and whose Z is `Zbelow` (X = f(Zbelow)). */
function expectedBackward(L: Layer, belowAct: DenseActivation, Zbelow: Float64Array) {
  const gradW = new Float64Array(L.units * L.inputs);
  const gradB = new Float64Array(L.units);
  for (let j = 0; j < L.units; j++) {
    for (let r = 0; r < L.rows; r++) gradB[j] += L.delta[r * L.units + j];
    for (let i = 0; i < L.inputs; i++)
      for (let r = 0; r < L.rows; r++)
        gradW[j * L.inputs + i] += L.delta[r * L.units + j] * L.X[r * L.inputs + i];
  }
  const g = new Float64Array(L.rows * L.inputs);
  for (let r = 0; r < L.rows; r++)
    for (let i = 0; i < L.inputs; i++)
      for (let j = 0; j < L.units; j++)
        g[r * L.inputs + i] += L.delta[r * L.units + j] * L.W[j * L.inputs + i];
  const below = new Float64Array(g.length);
  if (belowAct === "softmax") {
    // Row Jacobian of softmax: ∂a_k/∂z_i = a_k(1[k=i] − a_i).
    for (let r = 0; r < L.rows; r++)
      for (let i = 0; i < L.inputs; i++) {
        let s = 0;
        for (let k = 0; k < L.inputs; k++) {
          const ak = L.X[r * L.inputs + k];
          const ai = L.X[r * L.inputs + i];
          s += g[r * L.inputs + k] * ak * ((k === i ? 1 : 0) - ai);
        }
        below[r * L.inputs + i] = s;
      }
  } else g.forEach((v, k) => (below[k] = v * df[belowAct]!(Zbelow[k])));
  return { gradW, gradB, below };
}

/** A layer whose input X is the output of a layer below with activation `belowAct` (so f′ can be read through X). */
function layerAbove(rng: Random, rows: number, units: number, inputs: number, belowAct: DenseActivation) {
  const L = randomLayer(rng, rows, units, inputs);
  const Zbelow = Float64Array.from({ length: rows * inputs }, () => rng.uniform(-2, 2));
  Zbelow[0] = 0; // relu′(0) = 0 is part of the contract
  if (belowAct === "softmax") {
    for (let r = 0; r < rows; r++) {
      const row = Zbelow.subarray(r * inputs, (r + 1) * inputs);
      const total = row.reduce((s, z) => s + Math.exp(z), 0);
      row.forEach((z, i) => (L.X[r * inputs + i] = Math.exp(z) / total));
    }
  } else Zbelow.forEach((z, k) => (L.X[k] = f[belowAct](z)));
  return { L, Zbelow };
}

function assertClose(got: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(got.length, expected.length, `${what}: length`);
  for (let k = 0; k < got.length; k++) {
    const e = expected[k];
    assert.ok(Math.abs(got[k] - e) <= tol * (1 + Math.abs(e)), `${what}[${k}]: got ${got[k]}, expected ${e}`);
  }
}

const PARAMS: Partial<Record<DenseActivation, number>> = { leaky_relu: SLOPE, elu: ALPHA, softplus: BETA };
const param = (act: DenseActivation) => PARAMS[act];

describe("dense-layer kernels: reference backend, float64", () => {
  const ref = new ReferenceBackend();
  const rng = new Random(21);
  for (const act of activations) {
    test(`${act}: denseForward and denseBackward follow the formulas`, () => {
      for (const [rows, units, inputs] of [
        [1, 1, 1],
        [4, 2, 2],
        [3, 5, 7],
      ]) {
        const { L, Zbelow } = layerAbove(rng, rows, units, inputs, act);
        const Z = new Float64Array(rows * units);
        const A = new Float64Array(rows * units);
        ref.denseForward(L.X, L.W, L.b, rows, units, inputs, act, Z, A, param(act));
        const fwd = expectedForward(L, act);
        assertClose(Z, fwd.Z, 1e-12, `${act} Z`);
        assertClose(A, fwd.A, 1e-12, `${act} A`);

        const gradW = new Float64Array(units * inputs).fill(Number.NaN);
        const gradB = new Float64Array(units).fill(Number.NaN);
        const below = new Float64Array(rows * inputs).fill(Number.NaN);
        ref.denseBackward(L.delta, L.X, L.W, rows, units, inputs, gradW, gradB, {
          activation: act,
          Z: Zbelow,
          delta: below,
          param: param(act),
        });
        const bwd = expectedBackward(L, act, Zbelow);
        assertClose(gradW, bwd.gradW, 1e-12, `${act} ∇W`);
        assertClose(gradB, bwd.gradB, 1e-12, `${act} ∇b`);
        assertClose(below, bwd.below, 1e-12, `${act} Δ below`);
      }
    });
  }

  test("without a layer below, nothing is written for the input data", () => {
    const L = randomLayer(rng, 3, 2, 4);
    const gradW = new Float64Array(8);
    const gradB = new Float64Array(2);
    const X = L.X.slice();
    ref.denseBackward(L.delta, L.X, L.W, 3, 2, 4, gradW, gradB);
    assert.deepEqual(L.X, X);
    assertClose(gradW, expectedBackward(L, "linear", new Float64Array(12)).gradW, 1e-12, "∇W");
  });
});

describe("dense-layer kernels: wasm backend, float32, against the formulas", {
  skip: !wasmAvailable() && "the wasm modules are not built",
}, () => {
  let wasm: WasmBackend;
  before(() => {
    wasm = createWasmBackend({ threads: 1, memoryMiB: 64 });
  });
  after(() => wasm.close());

  // Below SMALL_DENSE_MACS the JavaScript loops run; above, the GEMMs and the fused wasm epilogue.
  const shapes = [
    [4, 2, 2],
    [10, 30, 10],
    [10, 30, 784], // the notes' MNIST hidden layer on a batch of 10
    [37, 33, 50],
  ] as const;

  test("both size regimes are exercised", () => {
    assert.ok(shapes.some(([r, u, i]) => r * u * i <= SMALL_DENSE_MACS));
    assert.ok(shapes.some(([r, u, i]) => r * u * i > SMALL_DENSE_MACS));
  });

  for (const act of activations) {
    test(`${act}: forward and backward agree with the formulas, arrays in wasm memory and outside it`, () => {
      const rng = new Random(7);
      for (const [rows, units, inputs] of shapes) {
        for (const inArena of [true, false]) {
          const { L, Zbelow } = layerAbove(rng, rows, units, inputs, act);
          const f32 = (x: Float64Array) => {
            const y = inArena
              ? (wasm.allocate("float32", x.length) as Float32Array)
              : new Float32Array(x.length);
            y.set(x);
            return y;
          };
          // The formulas run on the float32-rounded inputs, so only the kernels' own rounding differs.
          const X = f32(L.X);
          const W = f32(L.W);
          const b = f32(L.b);
          const delta = f32(L.delta);
          const Zb = f32(Zbelow);
          const L32 = {
            ...L,
            X: Float64Array.from(X),
            W: Float64Array.from(W),
            b: Float64Array.from(b),
            delta: Float64Array.from(delta),
          };
          const Z = f32(new Float64Array(rows * units));
          const A = f32(new Float64Array(rows * units));
          wasm.denseForward(X, W, b, rows, units, inputs, act, Z, A, param(act));
          const fwd = expectedForward(L32, act);
          const tol = 2e-6 * Math.sqrt(inputs);
          const what = `${act} ${rows}×${units}×${inputs} ${inArena ? "arena" : "plain"}`;
          assertClose(Z, fwd.Z, tol, `${what} Z`);
          assertClose(A, fwd.A, tol, `${what} A`);

          const gradW = f32(new Float64Array(units * inputs).fill(Number.NaN));
          const gradB = f32(new Float64Array(units).fill(Number.NaN));
          const below = f32(new Float64Array(rows * inputs).fill(Number.NaN));
          wasm.denseBackward(delta, X, W, rows, units, inputs, gradW, gradB, {
            activation: act,
            Z: Zb,
            delta: below,
            param: param(act),
          });
          const bwd = expectedBackward(L32, act, Float64Array.from(Zb));
          const tolB = 2e-6 * Math.sqrt(Math.max(rows, units));
          assertClose(gradW, bwd.gradW, tolB, `${what} ∇W`);
          assertClose(gradB, bwd.gradB, tolB, `${what} ∇b`);
          assertClose(below, bwd.below, tolB, `${what} Δ below`);
        }
      }
    });
  }
});

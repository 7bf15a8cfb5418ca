/**
 * The activation table (src/backend/activations.ts) against values from outside it: known values, formulas
 * written out in activation-formulas.ts, CPython's math.erf/erfc, central finite differences of f for f′,
 * and sampling of f for the ranges.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ACTIVATIONS,
  activationHelp,
  activationInfo,
  activationParam,
  classificationThreshold,
  defaultInitializerName,
  type ElementwiseActivation,
  elementwiseInfo,
  isElementwiseActivation,
  outputDisplayRange,
  outputRange,
  parseActivation,
  TRAINABLE_ACTIVATIONS,
} from "../../src/backend/activations.js";
import { erf, erfc } from "../../src/backend/erf.js";
import { newActivations } from "./activation-formulas.js";

const ELEMENTWISE = ACTIVATIONS.filter(isElementwiseActivation);
const f = (name: ElementwiseActivation, x: number, p?: number) => {
  const info = elementwiseInfo(name)!;
  return info.f(x, p ?? info.param?.value ?? 0);
};
const df = (name: ElementwiseActivation, x: number, p?: number) => {
  const info = elementwiseInfo(name)!;
  const q = p ?? info.param?.value ?? 0;
  return info.df(x, info.f(x, q), q);
};

describe("activation table", () => {
  test("known values: gelu(1) = Φ(1), softplus(0) = ln 2, elu(−1) = e⁻¹ − 1, silu(1) = σ(1)", () => {
    // Φ(1) and σ(1) to 16 digits (CPython: 0.5·erfc(−1/√2), 1/(1 + e⁻¹)).
    assert.ok(Math.abs(f("gelu", 1) - 0.8413447460685429) <= 2e-16);
    assert.ok(Math.abs(f("softplus", 0) - Math.LN2) <= 1e-16);
    assert.ok(Math.abs(f("elu", -1) - (Math.exp(-1) - 1)) <= 1e-16);
    assert.ok(Math.abs(f("silu", 1) - 0.7310585786300049) <= 1e-16);
    // gelu(−3) = −3·Φ(−3), CPython: −3·0.5·erfc(3/√2)
    assert.ok(Math.abs(f("gelu", -3) - -0.004049694094890287) <= 1e-17);
  });

  test("erf and erfc match CPython's math.erf and math.erfc to 1e-15 (erfc's tail relatively)", () => {
    const table: Array<[number, number, number]> = [
      [0.1, 0.1124629160182849, 0.8875370839817152],
      [0.5, 0.5204998778130465, 0.4795001221869535],
      [1, 0.8427007929497149, 0.15729920705028513],
      [2, 0.9953222650189527, 0.004677734981047265],
      [2.5, 0.999593047982555, 0.0004069520174449589],
      [3, 0.9999779095030014, 2.2090496998585438e-5],
      [4, 0.9999999845827421, 1.541725790028002e-8],
      [5, 0.9999999999984626, 1.5374597944280351e-12],
    ];
    for (const [x, e, c] of table) {
      assert.ok(Math.abs(erf(x) - e) <= 1e-15, `erf(${x}) = ${erf(x)}, expected ${e}`);
      assert.ok(Math.abs(erf(-x) + e) <= 1e-15, `erf(−${x}) is odd`);
      assert.ok(Math.abs(erfc(x) - c) <= 1e-13 * c + 1e-16, `erfc(${x}) = ${erfc(x)}, expected ${c}`);
      assert.ok(Math.abs(erfc(-x) - (1 + e)) <= 1e-15, `erfc(−${x}) = 2 − erfc(${x})`);
    }
    assert.equal(erf(0), 0);
    assert.equal(erf(Number.POSITIVE_INFINITY), 1);
    assert.equal(erfc(Number.POSITIVE_INFINITY), 0);
    assert.ok(Number.isNaN(erf(Number.NaN)) && Number.isNaN(erfc(Number.NaN)));
  });

  test("elu, softplus, gelu and silu match their definitions written out (float64), with default and other parameters", () => {
    for (let x = -8; x <= 8; x += 1 / 64) {
      for (const [name, formulas] of Object.entries(newActivations)) {
        const n = name as ElementwiseActivation;
        const tol = 1e-12 * (1 + Math.abs(formulas.f(x)));
        assert.ok(
          Math.abs(f(n, x) - formulas.f(x)) <= tol,
          `${n}(${x}) = ${f(n, x)}, expected ${formulas.f(x)}`,
        );
        assert.ok(Math.abs(df(n, x) - formulas.df(x)) <= 1e-12, `${n}′(${x})`);
      }
      assert.ok(Math.abs(f("elu", x, 0.5) - newActivations.elu.f(x, 0.5)) <= 1e-15 * (1 + Math.abs(x)));
      assert.ok(Math.abs(df("elu", x, 0.5) - newActivations.elu.df(x, 0.5)) <= 1e-15);
      assert.ok(Math.abs(f("softplus", x, 3) - newActivations.softplus.f(x, 3)) <= 1e-14 * (1 + Math.abs(x)));
      assert.ok(Math.abs(df("softplus", x, 3) - newActivations.softplus.df(x, 3)) <= 1e-15);
    }
    // softplus stays finite where e^(βz) overflows, and is z there (PyTorch switches to z above βz = 20).
    assert.equal(f("softplus", 1000), 1000);
    assert.ok(f("softplus", -1000) >= 0 && f("softplus", -1000) < 1e-300);
    // gelu's left tail keeps its relative accuracy: −10·Φ(−10), Φ(−10) = 7.619853024160593e-24 (CPython).
    assert.ok(Math.abs(f("gelu", -10) / (-10 * 7.619853024160593e-24) - 1) <= 1e-13);
  });

  test("every elementwise f′ (through x and y) agrees with central differences of f, away from kinks", () => {
    let checks = 0;
    for (const name of ELEMENTWISE) {
      if (name === "step") continue;
      for (let x = -4; x <= 4; x += 0.0625) {
        if (Math.abs(x) < 1e-3) continue; // relu, leaky relu and elu have kinks at 0
        const h = 1e-6;
        const numeric = (f(name, x + h) - f(name, x - h)) / (2 * h);
        assert.ok(Math.abs(df(name, x) - numeric) <= 1e-7 * (1 + Math.abs(numeric)), `${name}′(${x})`);
        checks++;
      }
    }
    assert.ok(checks > 1000);
  });

  test("relu′(0) = 0, leaky relu′(0) = slope, elu′(0) = α (the left-hand value, as PyTorch), step′ = 0", () => {
    assert.equal(df("relu", 0), 0);
    assert.equal(df("leaky_relu", 0), 0.01);
    assert.equal(df("elu", 0), 1);
    assert.equal(df("elu", 0, 0.5), 0.5);
    assert.equal(df("step", 0.3), 0);
  });

  test("outputs stay in the stated range, and the lower bounds of gelu and silu are tight", () => {
    for (const name of ELEMENTWISE) {
      const [lo, hi] = outputRange(name);
      let min = Number.POSITIVE_INFINITY;
      for (let x = -30; x <= 30; x += 1 / 256) {
        const y = f(name, x);
        assert.ok(y >= lo && y <= hi, `${name}(${x}) = ${y} outside [${lo}, ${hi}]`);
        min = Math.min(min, y);
      }
      if (Number.isFinite(lo)) assert.ok(min - lo < 2e-3, `${name}: the minimum ${min} is far above ${lo}`);
    }
    assert.deepEqual(outputRange("softmax"), [0, 1]);
  });

  test("thresholds, display ranges, initialisers and parameters", () => {
    assert.equal(classificationThreshold("sigmoid"), 0.5);
    assert.equal(classificationThreshold("tanh"), 0);
    assert.equal(classificationThreshold("relu"), 0.5);
    assert.deepEqual(outputDisplayRange("tanh"), [-1, 1]);
    assert.deepEqual(outputDisplayRange("sigmoid"), [0, 1]);
    assert.deepEqual(outputDisplayRange("relu"), [0, 1]);
    assert.deepEqual(outputDisplayRange("gelu"), [0, 1]);
    for (const name of ["sigmoid", "tanh", "linear", "softmax"] as const)
      assert.equal(defaultInitializerName(name), "glorot_uniform");
    for (const name of ["relu", "leaky_relu", "elu", "softplus", "gelu", "silu"] as const)
      assert.equal(defaultInitializerName(name), "he_uniform");
    assert.equal(activationParam("leaky_relu"), 0.01);
    assert.equal(activationParam("elu"), 1);
    assert.equal(activationParam("softplus"), 1);
    assert.equal(activationParam("gelu"), undefined);
    assert.equal(activationParam("exp"), undefined);
  });

  test("parse takes names and aliases and refuses the rest in one line", () => {
    assert.equal(parseActivation("leaky-relu"), "leaky_relu");
    assert.equal(parseActivation("leakyrelu"), "leaky_relu");
    assert.equal(parseActivation("identity"), "linear");
    for (const name of ACTIVATIONS) assert.equal(parseActivation(name), name);
    assert.throws(() => parseActivation("gelu2"), {
      message:
        'unknown activation "gelu2" (known: sigmoid, tanh, relu, leaky_relu, linear, step, elu, softplus, gelu, silu, softmax)',
    });
    assert.throws(() => parseActivation("toString"), /unknown activation "toString"/);
  });

  test("help lists every activation with its formula; step is not trainable", () => {
    const help = activationHelp();
    for (const name of ACTIVATIONS) assert.match(help, new RegExp(`^  ${name} +\\S`, "m"));
    assert.match(help, /gelu +z·Φ\(z\).*outputs in \[−0\.17, ∞\)$/m);
    assert.match(help, /leaky_relu .*outputs in \(−∞, ∞\)$/m);
    assert.ok(!TRAINABLE_ACTIVATIONS.includes("step"));
    assert.equal(TRAINABLE_ACTIVATIONS.length, ACTIVATIONS.length - 1);
    assert.equal(activationInfo("softmax").differentiable, true);
  });
});

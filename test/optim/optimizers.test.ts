import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  Adam,
  cosineDecay,
  exponentialDecay,
  makeOptimizer,
  RMSProp,
  SGD,
  stepDecay,
} from "../../src/optim/index.js";

const param = (data: number[], grad: number[]) => ({
  data: Float64Array.from(data),
  grad: Float64Array.from(grad),
});
const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

describe("optimizers, step by step against hand-computed updates", () => {
  test("gradient descent: w ← w − η·g", () => {
    const p = param([1, -2], [0.5, -1]);
    new SGD({ lr: 0.1 }).step([p]);
    close(p.data[0], 0.95);
    close(p.data[1], -1.9);
  });
  test("L2 weight decay adds λ·w to the gradient", () => {
    const p = param([2], [0]);
    new SGD({ lr: 0.5, weightDecay: 0.1 }).step([p]);
    close(p.data[0], 2 - 0.5 * 0.2);
  });
  test("momentum: v ← μv + g, w ← w − ηv over two steps", () => {
    const p = param([0], [1]);
    const opt = new SGD({ lr: 0.1, momentum: 0.9 });
    opt.step([p]); // v = 1, w = -0.1
    opt.step([p]); // v = 1.9, w = -0.29
    close(p.data[0], -0.29);
  });
  test("Nesterov: w ← w − η(g + μv)", () => {
    const p = param([0], [1]);
    const opt = new SGD({ lr: 0.1, momentum: 0.9, nesterov: true });
    opt.step([p]); // v = 1, w = -0.1·(1 + 0.9) = -0.19
    close(p.data[0], -0.19);
    opt.step([p]); // v = 1.9, w = -0.19 - 0.1·(1 + 1.71) = -0.461
    close(p.data[0], -0.461);
  });
  test("RMSProp first step: s = (1−ρ)g², w ← w − ηg/(√s + ε)", () => {
    const p = param([1], [2]);
    new RMSProp({ lr: 0.01, rho: 0.9, eps: 0 }).step([p]);
    close(p.data[0], 1 - (0.01 * 2) / Math.sqrt(0.1 * 4));
  });
  test("Adam's first step moves each weight by η·sign(g) (bias correction)", () => {
    const p = param([1, 1], [3, -0.001]);
    new Adam({ lr: 0.1, eps: 0 }).step([p]);
    close(p.data[0], 0.9);
    close(p.data[1], 1.1);
  });
  test("Adam's second step, computed by hand", () => {
    const p = param([0], [1]);
    const opt = new Adam({ lr: 0.1, eps: 0 });
    opt.step([p]);
    p.grad[0] = 3;
    opt.step([p]);
    const m = 0.9 * 0.1 + 0.1 * 3; // 0.39
    const v = 0.999 * 0.001 + 0.001 * 9; // 0.009999
    const expected = -0.1 - (0.1 * (m / (1 - 0.81))) / Math.sqrt(v / (1 - 0.998001));
    close(p.data[0], expected, 1e-12);
  });
  test("makeOptimizer rejects unknown names and bad rates", () => {
    assert.throws(() => makeOptimizer("adagrad"), /unknown optimizer "adagrad"/);
    assert.throws(() => new SGD({ lr: Number.NaN }), /lr/);
  });
});

describe("learning-rate schedules", () => {
  test("step, exponential and cosine follow their formulas", () => {
    close(stepDecay(10, 0.5)(25, 1), 0.25);
    close(exponentialDecay(0.9)(2, 2), 1.62);
    close(cosineDecay(10)(0, 1), 1);
    close(cosineDecay(10)(5, 1), 0.5);
    close(cosineDecay(10, 0.1)(10, 1), 0.1);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linearOutput, squaredError, trainDeltaRule } from "../../src/classic/index.js";
import { DivergenceError, InputError } from "../../src/util/errors.js";

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} ≉ ${b}`);
const closeAll = (a: readonly number[], b: readonly number[], tol = 1e-9) => {
  assert.equal(a.length, b.length);
  a.forEach((v, i) => close(v, b[i], tol));
};

describe("delta rule: note 003's cafeteria", () => {
  // Note 003, in cents: estimates start at 0.50 € (50) each; the bill leaves a residual of 3.50 € (350);
  // with η = 1/35 the correction is Δw = (+50, +20, +30) and the new error is −0.30 € (−30).
  // That Δw = η·350·x fixes the quantities x = (5, 2, 3) (coffee, juice, toast).
  const x = [[5, 2, 3]];
  const t = [850];

  it("reproduces the printed numbers", () => {
    const r = trainDeltaRule(x, t, { learningRate: 1 / 35, initialWeights: [50, 50, 50] });
    assert.equal(r.updates.length, 1);
    const u = r.updates[0];
    closeAll(u.weightsBefore, [50, 50, 50]);
    closeAll(u.predictions, [500]);
    closeAll(u.residuals, [350]); // "Error residual = 3.50€"
    closeAll(u.delta, [50, 20, 30]); // "Δw = (+50, +20, +30)"
    closeAll(u.weightsAfter, [100, 70, 80]);
    closeAll(u.residualsAfter, [-30]); // "Nuevo error = -0.30€"
    close(r.initialError, 61250); // ½·350²
    close(u.errorAfter, 450); // ½·30²
    closeAll(r.weights, [100, 70, 80]);
  });

  it("the coffee estimate got worse (note 003: «ha empeorado»): true price 50, estimate 50 → 100", () => {
    const r = trainDeltaRule(x, t, { learningRate: 1 / 35, initialWeights: [50, 50, 50] });
    const truePrices = [50, 150, 100]; // 5·50 + 2·150 + 3·100 = 850
    close(linearOutput(truePrices, x[0]), 850);
    assert.ok(Math.abs(r.weights[0] - truePrices[0]) > Math.abs(50 - truePrices[0]));
  });

  it("with several weeks, online learning finds the true prices", () => {
    // Totals computed by hand from the prices 50, 150, 100.
    const weeks = [
      [5, 2, 3],
      [2, 4, 1],
      [3, 1, 4],
      [1, 3, 2],
    ];
    const totals = [850, 800, 700, 700];
    for (const mode of ["online", "batch"] as const) {
      const r = trainDeltaRule(weeks, totals, {
        learningRate: mode === "online" ? 1 / 50 : 1 / 200,
        epochs: 3000,
        mode,
        initialWeights: [50, 50, 50],
      });
      closeAll(r.weights, [50, 150, 100], 1e-6);
      assert.ok(r.error < 1e-8, `${mode}: E = ${r.error}`);
    }
  });
});

describe("delta rule: online vs batch by hand", () => {
  // x¹ = (1, 2), x² = (3, 1), t = (5, 5), w = (0, 0), η = 0.1.
  const x = [
    [1, 2],
    [3, 1],
  ];
  const t = [5, 5];

  it("batch: Δw = η Σ x(t − y) = 0.1·(20, 15) = (2, 1.5); residuals after (0, −2.5), E = 3.125", () => {
    const r = trainDeltaRule(x, t, { learningRate: 0.1, mode: "batch" });
    assert.equal(r.updates.length, 1);
    const u = r.updates[0];
    assert.deepEqual(u.examples, [0, 1]);
    closeAll(u.residuals, [5, 5]);
    closeAll(u.delta, [2, 1.5]);
    closeAll(u.weightsAfter, [2, 1.5]);
    closeAll(u.residualsAfter, [0, -2.5]);
    close(u.errorAfter, 3.125);
  });

  it("online: (0.5, 1) after the first example, (1.25, 1.25) after the second; E = 0.78125", () => {
    const r = trainDeltaRule(x, t, { learningRate: 0.1, mode: "online" });
    assert.equal(r.updates.length, 2);
    const [u1, u2] = r.updates;
    assert.deepEqual(u1.examples, [0]);
    closeAll(u1.delta, [0.5, 1]);
    closeAll(u1.weightsAfter, [0.5, 1]);
    closeAll(u2.predictions, [2.5]);
    closeAll(u2.residuals, [2.5]);
    closeAll(u2.delta, [0.75, 0.25]);
    closeAll(u2.weightsAfter, [1.25, 1.25]);
    closeAll(u2.residualsAfter, [1.25, 0]);
    close(u2.errorAfter, 0.78125);
    close(r.error, 0.78125);
  });

  it("E = ½Σ(t − y)²", () => {
    close(squaredError([1, 1], x, t), 0.5 * (2 * 2 + 1 * 1));
  });

  it("the batch step is the negative gradient of E, checked by central differences", () => {
    const w = [0.3, -0.7];
    const eta = 0.05;
    const r = trainDeltaRule(x, t, { learningRate: eta, mode: "batch", initialWeights: w });
    const h = 1e-6;
    const grad = w.map((_, i) => {
      const plus = [...w];
      const minus = [...w];
      plus[i] += h;
      minus[i] -= h;
      return (squaredError(plus, x, t) - squaredError(minus, x, t)) / (2 * h);
    });
    closeAll(
      r.updates[0].delta,
      grad.map((g) => -eta * g),
      1e-6,
    );
  });
});

describe("delta rule: errors", () => {
  it("stops with DivergenceError before the weights become infinite", () => {
    assert.throws(
      () =>
        trainDeltaRule([[5, 2, 3]], [850], { learningRate: 1, epochs: 1000, initialWeights: [50, 50, 50] }),
      (err: unknown) => err instanceof DivergenceError && /diverged at update \d+/.test(err.message),
    );
  });

  it("rejects bad shapes and options with InputError", () => {
    assert.throws(() => trainDeltaRule([], [], { learningRate: 0.1 }), InputError);
    assert.throws(
      () => trainDeltaRule([[1, 2]], [1, 2], { learningRate: 0.1 }),
      /1 input rows but 2 targets/,
    );
    assert.throws(
      () => trainDeltaRule([[1, 2]], [1], { learningRate: 0.1, initialWeights: [1, 2, 3] }),
      /3 initial weights but each input row has 2 values/,
    );
    assert.throws(() => trainDeltaRule([[1, 2]], [1], { learningRate: -1 }), /learning rate/);
    assert.throws(() => trainDeltaRule([[1, 2]], [1], { learningRate: 0.1, epochs: 1.5 }), /epochs/);
    assert.throws(() => trainDeltaRule([[1, Number.NaN]], [1], { learningRate: 0.1 }), /\[0\]\[1\]/);
  });
});

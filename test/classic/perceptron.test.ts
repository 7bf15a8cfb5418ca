import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  FIXED_GATE_UNITS,
  GATES,
  randomThresholdInit,
  step,
  thresholdOutput,
  trainPerceptron,
  weightedSum,
} from "../../src/classic/index.js";
import { Random } from "../../src/tensor/random.js";
import { InputError } from "../../src/util/errors.js";

// Truth tables typed from note 004 (AND, NOR, NOT, XOR) and the usual definitions (OR, NAND),
// rows in the notes' order x1x2 = 00, 01, 10, 11.
const X2 = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const TABLES = {
  and: { x: X2, t: [0, 0, 0, 1] },
  or: { x: X2, t: [0, 1, 1, 1] },
  nand: { x: X2, t: [1, 1, 1, 0] },
  nor: { x: X2, t: [1, 0, 0, 0] },
  not: { x: [[0], [1]], t: [1, 0] },
  xor: { x: X2, t: [0, 1, 1, 0] },
} as const;
type Sep = "and" | "or" | "nand" | "nor" | "not";
const SEPARABLE: Sep[] = ["and", "or", "nand", "nor", "not"];

describe("gates", () => {
  it("the GATES truth tables are the ones of the notes", () => {
    for (const [name, table] of Object.entries(TABLES)) {
      const gate = GATES[name as keyof typeof TABLES];
      assert.deepEqual(
        gate.inputs.map((r) => [...r]),
        table.x.map((r) => [...r]),
        name,
      );
      assert.deepEqual([...gate.targets], [...table.t], name);
      assert.equal(gate.linearlySeparable, name !== "xor");
    }
  });

  it("the fixed threshold units compute AND, OR, NAND, NOR and NOT under both step conventions", () => {
    for (const name of SEPARABLE) {
      for (const conv of ["ge", "gt"] as const) {
        const out = TABLES[name].x.map((x) => thresholdOutput(FIXED_GATE_UNITS[name], x, conv));
        assert.deepEqual(out, [...TABLES[name].t], `${name} (${conv})`);
      }
    }
  });

  it("the notebook's AND unit (10, 10, −15): z by hand is −15, −5, −5, 5", () => {
    const u = FIXED_GATE_UNITS.and;
    assert.deepEqual([...u.weights], [10, 10]);
    assert.equal(u.bias, -15);
    assert.deepEqual(
      X2.map((x) => weightedSum(u.weights, u.bias, x)),
      [-15, -5, -5, 5],
    );
  });
});

describe("step", () => {
  it("ge gives 1 at z = 0, gt gives 0 at z = 0", () => {
    assert.equal(step(0), 1);
    assert.equal(step(0, "ge"), 1);
    assert.equal(step(0, "gt"), 0);
    assert.equal(step(-1e-12), 0);
    assert.equal(step(1e-12, "gt"), 1);
  });
});

describe("trainPerceptron", () => {
  it("OR from zeros, z ≥ 0: the hand trace (mistakes 2, 2, 1, 0; w = (1, 1), b = −1)", () => {
    const r = trainPerceptron(TABLES.or.x, [...TABLES.or.t]);
    // Epoch 1 by hand: (0,0): z = 0 → ŷ = 1, t − ŷ = −1, b = −1; (0,1): z = −1 → 0, +1: w = (0,1), b = 0;
    // (1,0): z = 0 → 1 correct; (1,1): z = 1 correct.
    assert.deepEqual(
      r.trace.slice(0, 4).map((u) => [u.z, u.output, u.error, ...u.weightsAfter, u.biasAfter]),
      [
        [0, 1, -1, 0, 0, -1],
        [-1, 0, 1, 0, 1, 0],
        [0, 1, 0, 0, 1, 0],
        [1, 1, 0, 0, 1, 0],
      ],
    );
    assert.deepEqual(
      r.history.map((h) => h.mistakes),
      [2, 2, 1, 0],
    );
    assert.deepEqual(r.weights, [1, 1]);
    assert.equal(r.bias, -1);
    assert.equal(r.epochs, 4);
    assert.equal(r.converged, true);
  });

  // Published numbers: the course's companion notebook (gibranfp/CursoAprendizajeProfundo,
  // 1a_neuronas_artificiales.ipynb) prints the mean absolute error per epoch (mistakes / 4) and the
  // final weights, from zeros with η = 1; its current version uses z ≥ 0, its 2020 version z > 0.
  const published = [
    { gate: "or", conv: "ge", errors: [0.5, 0.5, 0.25, 0], w: [1, 1], b: -1 },
    { gate: "and", conv: "ge", errors: [0.5, 0.75, 0.75, 0.5, 0.25, 0], w: [2, 1], b: -3 },
    { gate: "or", conv: "gt", errors: [0.25, 0.5, 0.25, 0], w: [1, 1], b: 0 },
    { gate: "and", conv: "gt", errors: [0.25, 0.75, 0.75, 0.5, 0.25, 0], w: [2, 1], b: -2 },
  ] as const;
  for (const p of published) {
    it(`${p.gate.toUpperCase()} with z ${p.conv === "ge" ? "≥" : ">"} 0 reproduces the notebook's epochs and weights`, () => {
      const table = TABLES[p.gate];
      const r = trainPerceptron(table.x, [...table.t], { step: p.conv });
      assert.deepEqual(
        r.history.map((h) => h.mistakes / 4),
        [...p.errors],
      );
      assert.deepEqual(r.weights, [...p.w]);
      assert.equal(r.bias, p.b);
      assert.equal(r.converged, true);
    });
  }

  it("learns the five linearly separable gates from zeros and from random starts", () => {
    for (const name of SEPARABLE) {
      const table = TABLES[name];
      const fromZeros = trainPerceptron(table.x, [...table.t]);
      assert.equal(fromZeros.converged, true, name);
      assert.deepEqual(fromZeros.outputs, [...table.t], name);
      for (let seed = 1; seed <= 20; seed++) {
        const rng = new Random(seed);
        const init = randomThresholdInit(table.x[0].length, rng);
        const eta = [1, 0.5, 0.1, 0.01][seed % 4];
        const r = trainPerceptron(table.x, [...table.t], {
          learningRate: eta,
          initialWeights: init.weights,
          initialBias: init.bias,
          maxEpochs: 1000,
        });
        assert.equal(r.converged, true, `${name} seed ${seed}`);
        // Checked independently of the training loop: the final unit computes the gate.
        const out = table.x.map((x) => thresholdOutput({ weights: r.weights, bias: r.bias }, x));
        assert.deepEqual(out, [...table.t], `${name} seed ${seed}`);
        assert.equal(r.history.at(-1)?.mistakes, 0);
      }
    }
  });

  it("does not converge on XOR: stops at the epoch limit with a wrong truth table", () => {
    for (const maxEpochs of [1, 10, 100]) {
      const r = trainPerceptron(TABLES.xor.x, [...TABLES.xor.t], { maxEpochs });
      assert.equal(r.converged, false);
      assert.equal(r.epochs, maxEpochs);
      assert.equal(r.history.length, maxEpochs);
      assert.ok(r.history.every((h) => h.mistakes > 0));
      assert.notDeepEqual(r.outputs, [...TABLES.xor.t]);
    }
    const rng = new Random(3);
    const init = randomThresholdInit(2, rng);
    const r = trainPerceptron(TABLES.xor.x, [...TABLES.xor.t], {
      learningRate: 0.3,
      initialWeights: init.weights,
      initialBias: init.bias,
      maxEpochs: 500,
    });
    assert.equal(r.converged, false);
  });

  it("each update is w + η(t − ŷ)x, b + η(t − ŷ) with a non-unit η", () => {
    const r = trainPerceptron(TABLES.nand.x, [...TABLES.nand.t], { learningRate: 0.25 });
    // First update by hand: x = (0,0), t = 1, z = 0 → ŷ = 1, no change; second: x = (0,1), z = 0 → ŷ = 1
    // correct; third: x = (1,0) correct; fourth: x = (1,1), t = 0, z = 0 → ŷ = 1, t − ŷ = −1:
    // w = (−0.25, −0.25), b = −0.25.
    assert.deepEqual(
      r.trace.slice(0, 4).map((u) => u.error),
      [0, 0, 0, -1],
    );
    assert.deepEqual(r.trace[3].weightsAfter, [-0.25, -0.25]);
    assert.equal(r.trace[3].biasAfter, -0.25);
    assert.equal(r.converged, true);
  });

  it("rejects bad input with InputError", () => {
    assert.throws(() => trainPerceptron([], []), InputError);
    assert.throws(() => trainPerceptron([[0, 1]], [2]), /must be 0 or 1/);
    assert.throws(() => trainPerceptron([[0, 1], [1]], [0, 1]), /row 1 has 1 values, expected 2/);
    assert.throws(() => trainPerceptron([[0, 1]], [0, 1]), /1 input rows but 2 targets/);
    assert.throws(() => trainPerceptron([[0, 1]], [1], { learningRate: 0 }), /learning rate/);
    assert.throws(() => trainPerceptron([[0, 1]], [1], { maxEpochs: 0 }), /epoch limit/);
    assert.throws(() => trainPerceptron([[0, 1]], [1], { initialWeights: [1] }), /1 initial weights/);
  });
});

/**
 * The perceptron rule written out (note 004: w_j ← w_j + (y − ŷ)·x_j, b ← b + (y − ŷ), η = 1, from zeros, φ(z) = 1
 * for z ≥ 0). The AND run worked by hand from the note's rule, example by example:
 *   epoch 1: (0,0) z = 0 → ŷ = 1, t − ŷ = −1, b = −1; (0,1), (1,0) z = −1 → right; (1,1) z = −1 → ŷ = 0,
 *            t − ŷ = +1, w = (1, 1), b = 0
 *   epoch 2: (0,0) z = 0 → −1, b = −1; (0,1) z = 0 → −1, w = (1, 0), b = −2; (1,0) z = −1 right;
 *            (1,1) z = −1 → +1, w = (2, 1), b = −1
 *   epoch 3: (0,0) right; (0,1) z = 0 → −1, w = (2, 0), b = −2; (1,0) z = 0 → −1, w = (1, 0), b = −3;
 *            (1,1) z = −2 → +1, w = (2, 1), b = −2
 *   epoch 4: (1,0) z = 0 → −1, w = (1, 1), b = −3; (1,1) z = −1 → +1, w = (2, 2), b = −2
 *   epoch 5: (0,1) z = 0 → −1, w = (2, 1), b = −3; the rest right
 *   epoch 6: z = −3, −2, −1, 0: all right. Converged after 6 epochs with w = (2, 1), b = −3.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { GATES } from "../../src/classic/gates.js";
import type { EquationStep, Step } from "../../src/explain/derivation.js";
import { explainPerceptron } from "../../src/explain/perceptron-steps.js";
import { renderText } from "../../src/explain/render.js";

function step(steps: Step[], id: string): EquationStep {
  const s = steps.find((x) => x.id === id);
  assert.ok(s && s.kind === "equation", `no step ${id}`);
  return s as EquationStep;
}

const AND = GATES.and;
const rows = AND.inputs.map((r) => [...r]);

describe("the perceptron rule, written out (note 004)", () => {
  test("AND from zeros with η = 1: the hand-worked steps, and convergence after 6 epochs at w = (2, 1), b = −3", () => {
    const d = explainPerceptron(rows, [...AND.targets], { gate: "AND", maxSteps: 100 });
    const steps = d.sections.flatMap((s) => s.steps);
    // Step 1: (0, 0) with t = 0.
    assert.equal(step(steps, "step.1.z").forms[0].text, "0·0 + 0·0 + 0");
    assert.deepEqual(
      ["z", "y", "error", "w.1", "w.2", "b"].map((k) => step(steps, `step.1.${k}`).value),
      [0, 1, -1, 0, 0, -1],
    );
    assert.equal(step(steps, "step.1.b").forms[0].text, "0 + 1·(-1)");
    // Steps 2 and 3 are right and change nothing.
    for (const k of [2, 3]) {
      assert.equal(step(steps, `step.${k}.error`).value, 0);
      assert.ok(steps.some((s) => s.id === `step.${k}.same`));
    }
    // Step 4: (1, 1), t = 1, z = −1: w = (1, 1), b = 0.
    assert.deepEqual(
      ["z", "y", "error", "w.1", "w.2", "b"].map((k) => step(steps, `step.4.${k}`).value),
      [-1, 0, 1, 1, 1, 0],
    );
    assert.equal(step(steps, "step.4.w.1").lhs.text, "w₁ ← w₁ + η·(t − ŷ)·x₁");
    assert.equal(step(steps, "step.4.w.1").forms[0].text, "0 + 1·1·1");
    // Step 6 (epoch 2, (0, 1)): z = 0 → ŷ = 1, w = (1, 0), b = −2; step 8: w = (2, 1), b = −1.
    assert.deepEqual(
      ["w.1", "w.2", "b"].map((k) => step(steps, `step.6.${k}`).value),
      [1, 0, -2],
    );
    assert.deepEqual(
      ["w.1", "w.2", "b"].map((k) => step(steps, `step.8.${k}`).value),
      [2, 1, -1],
    );
    // Epoch ends with their mistakes, counted in the hand trace above: 2, 3, 3, 2, 1, 0.
    const mistakes = d.sections.filter((s) => s.id.startsWith("epoch.")).map((s) => s.steps[0]);
    assert.deepEqual(
      mistakes.map((s) => (s.kind === "note" ? /^(\d+) mistake/.exec(s.text)?.[1] : "")),
      ["2", "3", "3", "2", "1", "0"],
    );
    assert.deepEqual([d.quantities.weights, d.quantities.bias, d.quantities.epochs], [[2, 1], -3, 6]);
    assert.match(renderText(d), /Converged: epoch 6 made no mistake/);
    assert.deepEqual(d.omitted, []);
  });

  test("every written update obeys w ← w + η(t − ŷ)x and b ← b + η(t − ŷ) with its own numbers (η = 0.5, NAND)", () => {
    const eta = 0.5;
    const d = explainPerceptron(
      GATES.nand.inputs.map((r) => [...r]),
      [...GATES.nand.targets],
      { learningRate: eta, gate: "NAND", maxSteps: 1000 },
    );
    assert.ok(d.quantities.converged);
    for (const [k, u] of d.quantities.trace.entries()) {
      const steps = d.sections.find((s) => s.id === `step.${k + 1}`)!.steps;
      const z = u.weightsBefore[0] * u.x[0] + u.weightsBefore[1] * u.x[1] + u.biasBefore;
      assert.equal(step(steps, `step.${k + 1}.z`).value, z);
      const y = z >= 0 ? 1 : 0;
      assert.equal(step(steps, `step.${k + 1}.error`).value, u.target - y);
      if (u.target === y) continue;
      [0, 1].forEach((j) =>
        assert.equal(
          step(steps, `step.${k + 1}.w.${j + 1}`).value,
          u.weightsBefore[j] + eta * (u.target - y) * u.x[j],
        ),
      );
      assert.equal(step(steps, `step.${k + 1}.b`).value, u.biasBefore + eta * (u.target - y));
    }
  });

  test("XOR never converges and the derivation says why, in Spanish with the notes' terms; long runs are cut", () => {
    const d = explainPerceptron(
      GATES.xor.inputs.map((r) => [...r]),
      [...GATES.xor.targets],
      { gate: "XOR", linearlySeparable: false, maxEpochs: 20, lang: "es" },
    );
    assert.equal(d.quantities.converged, false);
    const text = renderText(d);
    assert.match(text, /No converge en 20 épocas/);
    assert.match(text, /XOR no es linealmente separable/);
    assert.match(text, /sesgo/);
    assert.match(d.omitted[0], /primeros 24 de 80 pasos/);
    assert.equal(d.sections.filter((s) => s.id.startsWith("step.")).length, 24);
  });
});

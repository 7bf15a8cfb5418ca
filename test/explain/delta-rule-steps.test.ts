import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { EquationStep, Step } from "../../src/explain/index.js";
import { explainDeltaRule, renderText } from "../../src/explain/index.js";

const close = (a: number | undefined, b: number, what: string) =>
  assert.ok(a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

function step(steps: Step[], id: string): EquationStep {
  const s = steps.find((x) => x.id === id);
  assert.ok(s && s.kind === "equation", `no step ${id}`);
  return s as EquationStep;
}

describe("the delta rule, derived (note 003's cafeteria)", () => {
  test("one week: y = 500, t − y = 350, Δw = (50, 20, 30), w = (100, 70, 80), E = 450, each with its numbers", () => {
    const d = explainDeltaRule([[5, 2, 3]], [850], { learningRate: 1 / 35, initialWeights: [50, 50, 50] });
    const steps = d.sections.flatMap((s) => s.steps);
    close(step(steps, "rule.start").value, 0.5 * 350 ** 2, "E at the start");
    const y = step(steps, "update.1.y.1");
    assert.equal(y.forms[0].text, "50·5 + 50·2 + 50·3");
    close(y.value, 50 * 5 + 50 * 2 + 50 * 3, "y");
    close(step(steps, "update.1.residual.1").value, 850 - 500, "t − y");
    [5, 2, 3].forEach((x, i) => {
      const dw = step(steps, `update.1.delta.${i + 1}`);
      close(dw.value, (1 / 35) * x * 350, `Δw${i + 1}`);
      assert.equal(dw.forms[0].text, `0.0285714·${x}·350`);
      close(step(steps, `update.1.w.${i + 1}`).value, 50 + (1 / 35) * x * 350, `w${i + 1}`);
    });
    close(step(steps, "update.1.E").value, 0.5 * (850 - (100 * 5 + 70 * 2 + 80 * 3)) ** 2, "E after");
    assert.equal(step(steps, "rule.gradient").forms[1].text, "−Σₙ xᵢⁿ(tⁿ − yⁿ)");
    assert.match(renderText(d), /Δw₁ += 0\.0285714·5·350 = 50/);
  });

  test("batch mode sums xᵢ(t − y) over the examples; Spanish uses the notes' terms; long runs are cut", () => {
    const X = [
      [1, 2],
      [3, 1],
    ];
    const T = [5, 4];
    const d = explainDeltaRule(X, T, {
      learningRate: 0.1,
      mode: "batch",
      epochs: 12,
      lang: "es",
      maxUpdates: 2,
    });
    const steps = d.sections.flatMap((s) => s.steps);
    // w starts at 0: y = 0, t − y = t, Δwᵢ = 0.1·Σ xᵢ t
    close(step(steps, "update.1.delta.1").value, 0.1 * (1 * 5 + 3 * 4), "Δw1");
    close(step(steps, "update.1.delta.2").value, 0.1 * (2 * 5 + 1 * 4), "Δw2");
    assert.equal(step(steps, "update.1.delta.1").forms[0].text, "0.1·(1·5 + 3·4)");
    assert.equal(d.sections.filter((s) => s.id.startsWith("update.")).length, 2);
    assert.match(d.omitted[0], /primeras 2 de 12 actualizaciones/);
    assert.match(d.summary[0], /modo por lotes/);
  });
});

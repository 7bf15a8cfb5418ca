import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { DeriveDerivation, EquationStep, Step } from "../../src/explain/index.js";
import {
  CENTRAL_H,
  deriveExpression,
  ExpressionError,
  renderMarkdown,
  renderText,
} from "../../src/explain/index.js";

// Note 000's chain-rule exercises with their derivatives worked out by hand (not by mathjs or retroprop).
const sigma = (z: number) => 1 / (1 + Math.exp(-z));
const EXERCISES = [
  {
    text: "sen(2x^2+3)",
    x: "x",
    f: (x: number) => Math.sin(2 * x * x + 3),
    df: (x: number) => 4 * x * Math.cos(2 * x * x + 3),
    inner: "2x² + 3",
    outer: { en: "sin(u)", es: "sen(u)" },
  },
  {
    text: "ln(cos(x^2+1))",
    x: "x",
    f: (x: number) => Math.log(Math.cos(x * x + 1)),
    df: (x: number) => -2 * x * Math.tan(x * x + 1),
    inner: "cos(x² + 1)",
    outer: { en: "ln(u)", es: "ln(u)" },
  },
  {
    text: "e^(2x^2+3x)",
    x: "x",
    f: (x: number) => Math.exp(2 * x * x + 3 * x),
    df: (x: number) => (4 * x + 3) * Math.exp(2 * x * x + 3 * x),
    inner: "2x² + 3x",
    outer: { en: "e^u", es: "e^u" },
  },
  {
    text: "(1 + e^(-z))^(-1)",
    x: "z",
    f: sigma,
    df: (z: number) => sigma(z) * (1 - sigma(z)),
    inner: "1 + e^(-z)",
    outer: { en: "u^(-1)", es: "u^(-1)" },
  },
  {
    text: "(3x^2 + 1)^2",
    x: "x",
    f: (x: number) => (3 * x * x + 1) ** 2,
    df: (x: number) => 12 * x * (3 * x * x + 1),
    inner: "3x² + 1",
    outer: { en: "u²", es: "u²" },
  },
];

const close = (a: number | null | undefined, b: number, what: string, tol = 1e-9) =>
  assert.ok(
    a !== null && a !== undefined && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)),
    `${what}: ${a} vs ${b}`,
  );

const allSteps = (d: DeriveDerivation): Step[] => d.sections.flatMap((s) => s.steps);
const eq = (d: DeriveDerivation, id: string): EquationStep => {
  const s = allSteps(d).find((step) => step.id === id);
  assert.ok(s && s.kind === "equation", `no step ${id}`);
  return s as EquationStep;
};

describe("derive: note 000's chain-rule exercises", () => {
  for (const ex of EXERCISES) {
    test(`${ex.text}: inner u, outer y = f(u), and dy/d${ex.x} against the hand derivative and a central difference`, () => {
      for (const point of [-0.7, 0.3, 0.6]) {
        const d = deriveExpression(ex.text, { at: { [ex.x]: point } });
        const q = d.quantities;
        close(q.value, ex.f(point), "f");
        close(q.derivativeValue, ex.df(point), "symbolic dy/dx");
        close(q.autodiff, ex.df(point), "autodiff");
        // central difference computed here, from the hand-written f
        const central = (ex.f(point + CENTRAL_H) - ex.f(point - CENTRAL_H)) / (2 * CENTRAL_H);
        close(q.centralDifference, central, "central difference", 1e-9);
        close(q.centralDifference, ex.df(point), "central vs hand", 1e-6);
        assert.equal(eq(d, "link.1.inner").forms[0].text, ex.inner);
        assert.equal(eq(d, "link.1.outer").forms[0].text, ex.outer.en);
        close(eq(d, "link.1.product").value, ex.df(point), "product step");
        assert.ok(allSteps(d).some((s) => s.kind === "note" && /agree/.test(s.text)));
      }
      const es = deriveExpression(ex.text, { lang: "es" });
      assert.equal(eq(es, "link.1.outer").forms[0].text, ex.outer.es);
      assert.equal(es.quantities.value, null);
    });
  }

  test("ln(cos(x² + 1)) goes one link at a time: the inner cos(x² + 1) gets its own link", () => {
    const d = deriveExpression("ln(cos(x^2+1))", { at: { x: 0.3 } });
    assert.equal(d.sections[1].id, "link.2");
    assert.equal(eq(d, "link.2.inner").forms[0].text, "x² + 1");
    assert.equal(eq(d, "link.2.outer").forms[0].text, "cos(v)");
    close(eq(d, "link.2.dOuter").value, -Math.sin(0.3 ** 2 + 1), "dv/du = −sin");
    close(eq(d, "link.1.dInner").value, -2 * 0.3 * Math.sin(1.09), "du/dx");
  });

  test("the sigmoid: dσ/dz = σ(1 − σ), the notes' identity, stated and checked", () => {
    const d = deriveExpression("(1 + e^(-z))^(-1)", { at: { z: 0.3 } });
    const identity = eq(d, "result.sigmoid");
    assert.equal(identity.forms[0].text, "y·(1 − y)");
    close(identity.value, sigma(0.3) * (1 - sigma(0.3)), "σ(1 − σ)");
    assert.ok(
      deriveExpression("sigmoid(2*z)").sections.some((s) =>
        s.steps.some((x) => x.id === "result.sigmoid"),
      ) === false,
    );
    assert.ok(!allSteps(deriveExpression("sen(2x^2+3)")).some((s) => s.id === "result.sigmoid"));
  });

  test("products and quotients name their rule; Spanish tg is tan", () => {
    const p = deriveExpression("x*sen(x)", { at: { x: 0.5 } });
    assert.equal(eq(p, "link.1.rule").label, "product rule");
    close(p.quantities.derivativeValue, Math.sin(0.5) + 0.5 * Math.cos(0.5), "product");
    const q = deriveExpression("tg(x)/(1+x^2)", { at: { x: 0.4 }, lang: "es" });
    assert.equal(eq(q, "link.1.rule").label, "regla del cociente");
    const hand = ((1 / Math.cos(0.4) ** 2) * 1.16 - Math.tan(0.4) * 0.8) / 1.16 ** 2;
    close(q.quantities.derivativeValue, hand, "quotient");
    assert.match(renderText(q), /tg\(x\)/);
  });

  test("an error in an expression with tg or sen names the position in the text as typed", () => {
    // "tg(x +* 2)": the value missing after "*" is character 7 of what the student typed ("tan(…" would say 8).
    assert.throws(
      () => deriveExpression("tg(x +* 2)"),
      (err: unknown) =>
        err instanceof ExpressionError &&
        err.position === 7 &&
        err.message === 'syntax error at char 7 in "tg(x +* 2)": value expected',
    );
    assert.throws(
      () => deriveExpression("x + tg(x, 2)"),
      (err: unknown) => err instanceof ExpressionError && err.position === 5 && err.kind === "arguments",
    );
  });

  test("Markdown uses LaTeX, with sen as an operator name in Spanish", () => {
    const md = renderMarkdown(deriveExpression("sen(2x^2+3)", { lang: "es", at: { x: 0.3 } }));
    assert.match(md, /\\operatorname\{sen\}/);
    assert.match(md, /\\frac\{dy\}\{dx\}/);
  });

  test("bad input is one ExpressionError line", () => {
    assert.throws(() => deriveExpression("x*y"), /several variables \(x, y\).*--var/);
    assert.throws(() => deriveExpression("x*y", { variable: "z" }), /z does not appear/);
    assert.throws(() => deriveExpression("relu(x)"), ExpressionError);
    assert.throws(() => deriveExpression("relu(x)"), /cannot differentiate relu/);
    assert.throws(() => deriveExpression("x^2", { at: { y: 1 } }), /no value for x/);
    assert.throws(() => deriveExpression("3 + 4"), /no variable/);
  });
});

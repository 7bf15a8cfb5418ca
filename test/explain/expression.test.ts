import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  buildExpression,
  ExpressionError,
  evaluateExpression,
  parseExpression,
} from "../../src/explain/expression.js";
import { SIGMOID_NEURON } from "./notes-circuits.js";

const close = (actual: number, expected: number, tol = 1e-12, what = "") =>
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what} ${actual} ≠ ${expected}`,
  );

/** The node whose sub-expression is `label`. */
const node = (r: ReturnType<typeof evaluateExpression>, label: string) => {
  const n = r.nodes.find((x) => x.label === label);
  assert.ok(n, `no node labelled ${label}: ${r.nodes.map((x) => x.label).join(" | ")}`);
  return n;
};

/** Runs fn and checks it throws an ExpressionError of this kind whose message matches. */
function rejects(fn: () => unknown, kind: string, message: RegExp, position?: number): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ExpressionError, `not an ExpressionError: ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    assert.match(err.message, message);
    assert.ok(!err.message.includes("\n"), "one line");
    if (position !== undefined) assert.equal(err.position, position, err.message);
    return true;
  });
}

describe("the notes' worked examples", () => {
  test("f(x, y, z) = (x + y)z at x=-2, y=5, z=-4: q = 3, f = -12, ∂f/∂x = ∂f/∂y = -4, ∂f/∂z = 3", () => {
    const r = evaluateExpression("(x + y) * z", { x: -2, y: 5, z: -4 });
    assert.equal(r.value, -12);
    assert.deepEqual(r.gradients, { x: -4, y: -4, z: 3 });
    assert.deepEqual(r.variables, ["x", "y", "z"]);
    const q = node(r, "x + y");
    assert.equal(q.op, "add");
    assert.equal(q.value, 3);
    assert.equal(q.grad, -4); // ∂f/∂q = z
    const f = r.nodes[r.nodes.length - 1];
    assert.equal(f.label, "(x + y) * z");
    assert.equal(f.grad, 1);
    assert.deepEqual(f.inputs, [q.id, node(r, "z").id]);
  });

  test("the sigmoid neuron 1/(1+e^-(w0x0+w1x1+w2)) at w0=2, x0=-1, w1=-3, x1=-2, w2=-3", () => {
    const r = evaluateExpression(SIGMOID_NEURON.expression, SIGMOID_NEURON.at);
    // By hand: s = w0x0 + w1x1 + w2 = -2 + 6 - 3 = 1, f = σ(1), ∂f/∂s = σ(1)(1 − σ(1)); then multiply swaps.
    const sigma = 1 / (1 + Math.exp(-1));
    const ds = sigma * (1 - sigma);
    close(r.value, sigma);
    close(r.gradients.w0, -1 * ds); // x0
    close(r.gradients.x0, 2 * ds); // w0
    close(r.gradients.w1, -2 * ds); // x1
    close(r.gradients.x1, -3 * ds); // w1
    close(r.gradients.w2, ds);
    // The notes' rounded figures: f ≈ 0.73; w0 ≈ -0.20, x0 ≈ 0.39, w1 ≈ -0.39, x1 ≈ -0.59, w2 ≈ 0.20.
    assert.equal(r.value.toFixed(2), "0.73");
    const notes = { w0: "-0.20", x0: "0.39", w1: "-0.39", x1: "-0.59", w2: "0.20" };
    for (const [v, text] of Object.entries(notes)) assert.equal(r.gradients[v].toFixed(2), text, v);
    // The circuit's wires (cs231n figure): values -2, 6, 4, 1, -1, 0.37, 1.37, 0.73 and gradients back.
    assert.equal(node(r, "w0 * x0").value, -2);
    assert.equal(node(r, "w1 * x1").value, 6);
    assert.equal(node(r, "w0 * x0 + w1 * x1").value, 4);
    assert.equal(node(r, "w0 * x0 + w1 * x1 + w2").value, 1);
    assert.equal(node(r, "-(w0 * x0 + w1 * x1 + w2)").value, -1);
    close(node(r, "exp(-(w0 * x0 + w1 * x1 + w2))").value as number, Math.exp(-1));
    close(node(r, "1 + exp(-(w0 * x0 + w1 * x1 + w2))").value as number, 1 + Math.exp(-1));
    // 1/x: ∂/∂x = -1/x², at x = 1.37: -0.53; +1 passes it on; exp multiplies by e^-1: -0.20; *-1 flips: 0.20.
    const denominator = 1 + Math.exp(-1);
    close(node(r, "1 + exp(-(w0 * x0 + w1 * x1 + w2))").grad as number, -1 / denominator ** 2);
    assert.equal((node(r, "exp(-(w0 * x0 + w1 * x1 + w2))").grad as number).toFixed(2), "-0.53");
    assert.equal((node(r, "-(w0 * x0 + w1 * x1 + w2)").grad as number).toFixed(2), "-0.20");
    assert.equal((node(r, "w0 * x0 + w1 * x1 + w2").grad as number).toFixed(2), "0.20");
  });

  test("the same neuron written with sigmoid() and with e^ gives the same numbers", () => {
    const at = { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 };
    const a = evaluateExpression("1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))", at);
    for (const text of ["sigmoid(w0*x0 + w1*x1 + w2)", "1 / (1 + e^-(w0*x0 + w1*x1 + w2))"]) {
      const b = evaluateExpression(text, at);
      close(b.value, a.value, 1e-12, text);
      for (const v of Object.keys(at)) close(b.gradients[v], a.gradients[v], 1e-12, `${text} ∂/∂${v}`);
    }
  });
});

describe("gradient patterns (add distributes, multiply swaps, max routes, branches add)", () => {
  test("add distributes the gradient unchanged", () => {
    assert.deepEqual(evaluateExpression("x + y", { x: 4, y: -7 }).gradients, { x: 1, y: 1 });
  });
  test("multiply swaps the inputs", () => {
    assert.deepEqual(evaluateExpression("x * y", { x: 3, y: -4 }).gradients, { x: -4, y: 3 });
  });
  test("max routes the whole gradient to the larger input, min to the smaller", () => {
    assert.deepEqual(evaluateExpression("2 * max(x, y)", { x: 1, y: 2 }).gradients, { x: 0, y: 2 });
    assert.deepEqual(evaluateExpression("2 * max(x, y)", { x: 5, y: 2 }).gradients, { x: 2, y: 0 });
    assert.deepEqual(evaluateExpression("min(x, y)", { x: 1, y: 2 }).gradients, { x: 1, y: 0 });
  });
  test("branches add: x*x + x at x = 3 is 12 with gradient 2x + 1 = 7", () => {
    const r = evaluateExpression("x*x + x", { x: 3 });
    assert.equal(r.value, 12);
    assert.deepEqual(r.gradients, { x: 7 });
    const xx = node(r, "x * x");
    assert.deepEqual(xx.inputs, [0, 0]); // the same node twice
    assert.equal(r.nodes.filter((n) => n.op === "leaf").length, 1);
  });
});

describe("operators and functions against their calculus-book derivatives", () => {
  const x = 0.7;
  const sigma = 1 / (1 + Math.exp(-x));
  const cases: Array<[string, number, number]> = [
    ["exp(x)", Math.exp(x), Math.exp(x)],
    ["log(x)", Math.log(x), 1 / x],
    ["ln(x)", Math.log(x), 1 / x],
    ["sqrt(x)", Math.sqrt(x), 0.5 / Math.sqrt(x)],
    ["abs(x)", x, 1],
    ["abs(-x)", x, 1],
    ["sin(x)", Math.sin(x), Math.cos(x)],
    ["cos(x)", Math.cos(x), -Math.sin(x)],
    ["tan(x)", Math.tan(x), 1 / Math.cos(x) ** 2],
    ["sigmoid(x)", sigma, sigma * (1 - sigma)],
    ["tanh(x)", Math.tanh(x), 1 - Math.tanh(x) ** 2],
    ["relu(x)", x, 1],
    ["relu(-x)", 0, 0],
    ["x^3", x ** 3, 3 * x ** 2],
    ["2^x", 2 ** x, 2 ** x * Math.log(2)],
    ["1/x", 1 / x, -1 / x ** 2],
    ["x - 5", x - 5, 1],
    ["5 - x", 5 - x, -1],
    ["-x", -x, -1],
    ["+x", x, 1],
    ["3x", 3 * x, 3],
    ["pi * x", Math.PI * x, Math.PI],
    ["-x^2", -(x ** 2), -2 * x],
    ["2^-x", 2 ** -x, -(2 ** -x) * Math.log(2)],
  ];
  for (const [text, value, grad] of cases) {
    test(`${text} at x = ${x}`, () => {
      const r = evaluateExpression(text, { x });
      close(r.value, value, 1e-14, "value");
      close(r.gradients.x, grad, 1e-12, "gradient");
    });
  }

  test("values are float64 (0.1 + 0.2 is not rounded to float32)", () => {
    assert.equal(evaluateExpression("x + 0.2", { x: 0.1 }).value, 0.1 + 0.2);
  });

  test("an expression without variables is a constant with no gradients", () => {
    const r = evaluateExpression("(2 + 3) * 4", {});
    assert.equal(r.value, 20);
    assert.deepEqual(r.gradients, {});
    assert.equal(r.nodes.length, 1);
    assert.equal(r.nodes[0].op, "const");
  });

  test("a variable on its own is the output, with gradient 1", () => {
    const r = evaluateExpression("x", { x: 5 });
    assert.deepEqual(r.gradients, { x: 1 });
    assert.equal(r.value, 5);
  });

  test("variables are listed in order of first appearance; pi and e are constants", () => {
    assert.deepEqual(parseExpression("b * a + max(c, a) + e^pi").variables, ["b", "a", "c"]);
  });

  test("every node is labelled with its sub-expression", () => {
    const r = evaluateExpression("sqrt(x*y) + 1", { x: 2, y: 8 });
    assert.deepEqual(
      r.nodes.map((n) => n.label),
      ["x", "y", "x * y", "sqrt(x * y)", "1", "sqrt(x * y) + 1"],
    );
  });
});

describe("bad expressions and values give one-line errors naming the problem", () => {
  test("syntax errors name the 1-based position", () => {
    rejects(
      () => parseExpression("x +* y"),
      "syntax",
      /syntax error at char 4 in "x \+\* y": value expected/,
      4,
    );
    rejects(() => parseExpression("(x + y"), "syntax", /char 7.*parenthesis \) expected/i, 7);
    rejects(() => parseExpression("x ^"), "syntax", /char 4.*unexpected end/i, 4);
    rejects(() => parseExpression("x $ y"), "syntax", /unexpected character "\$" at char 3/, 3);
    rejects(() => parseExpression("   "), "syntax", /empty expression/);
    rejects(() => parseExpression("sin x"), "syntax", /sin is a function: write sin\(\.\.\.\)/, 1);
  });

  test("unknown functions are named, with their position and the known ones", () => {
    rejects(
      () => parseExpression("2 * foo(x)"),
      "unknown-function",
      /unknown function foo at char 5.*known functions: exp/,
      5,
    );
    rejects(() => parseExpression("x(2)"), "unknown-function", /unknown function x .*write x\*\(\.\.\.\)/);
  });

  test("wrong numbers of arguments", () => {
    rejects(() => parseExpression("max(x)"), "arguments", /max takes 2 arguments, max\(a, b\), got 1/, 1);
    rejects(
      () => parseExpression("1 + exp(x, y)"),
      "arguments",
      /exp takes 1 argument, exp\(x\), got 2 at char 5/,
      5,
    );
    rejects(() => parseExpression("min(1, 2, 3)"), "arguments", /min takes 2 arguments.*got 3/);
  });

  test("operators and syntax outside arithmetic", () => {
    rejects(() => parseExpression("x!"), "unsupported", /operator ! \(factorial\) is not supported/, 2);
    rejects(() => parseExpression("x == 1"), "unsupported", /operator == \(equal\)/, 3);
    rejects(() => parseExpression("x mod 2"), "unsupported", /operator mod/);
    rejects(() => parseExpression("[1, 2]"), "unsupported", /unsupported syntax \(array\)/);
    rejects(() => parseExpression("x = 3"), "unsupported", /unsupported syntax \(assignment\)/);
  });

  test("nesting beyond fixed limits is refused by count, not by running out of stack", () => {
    const sum = (n: number): string => Array(n).fill("x").join("+");
    const parens = (n: number): string => `${"(".repeat(n)}x${")".repeat(n)}`;
    // A sum of n terms is a left-deep tree of n levels.
    assert.equal(parseExpression(sum(1000)).variables.length, 1);
    rejects(() => parseExpression(sum(1001)), "unsupported", /1001 levels of operations, more than 1000/);
    rejects(() => parseExpression(sum(5000)), "unsupported", /\(9999 characters\): 5000 levels/);
    assert.deepEqual(evaluateExpression(parens(100), { x: 2 }).gradients, { x: 1 });
    rejects(() => parseExpression(parens(101)), "unsupported", /101 nested parentheses, more than 100/);
  });

  test("numbers that are not numbers", () => {
    rejects(() => parseExpression('"a" + x'), "number", /string "a" is not a number/);
    rejects(() => parseExpression("1e400 * x"), "number", /the number 1e400 is too large for float64/, 1);
  });

  test("a variable without a value, and a constant given a value", () => {
    rejects(() => buildExpression("x + y * z", { x: 1 }), "missing-value", /no value for variables y, z/, 5);
    rejects(() => buildExpression("x", { x: 1, e: 2 }), "constant", /e is a constant/);
    rejects(() => buildExpression("x", { x: Number.NaN }), "number", /value of x must be a finite number/);
  });

  test("domain errors name the operation, its input and the sub-expression", () => {
    rejects(
      () => evaluateExpression("1 + log(x)", { x: -3 }),
      "domain",
      /^log of -3 is undefined \(negative\) \(at log\(x\)\)$/,
    );
    rejects(
      () => evaluateExpression("ln(x - 1)", { x: 1 }),
      "domain",
      /^ln of 0 is -Infinity \(at ln\(x - 1\)\)$/,
    );
    rejects(
      () => evaluateExpression("sqrt(x)", { x: -4 }),
      "domain",
      /^sqrt of -4 is undefined \(negative\) \(at sqrt\(x\)\)$/,
    );
    rejects(
      () => evaluateExpression("1 / (x - 2)", { x: 2 }),
      "domain",
      /^division by zero: 1 \/ 0 \(at 1 \/ \(x - 2\)\)$/,
    );
    rejects(() => evaluateExpression("x / x", { x: 0 }), "domain", /0 \/ 0 is undefined/);
    rejects(
      () => evaluateExpression("x ^ 0.5", { x: -4 }),
      "domain",
      /\(-4\) \^ 0\.5 is undefined.*\(at x \^ 0\.5\)/,
    );
    rejects(() => evaluateExpression("x ^ -1", { x: 0 }), "domain", /0 \^ \(-1\) is infinite/);
    rejects(
      () => evaluateExpression("exp(x)", { x: 1000 }),
      "domain",
      /exp\(1000\) overflows float64 \(at exp\(x\)\)/,
    );
    rejects(() => evaluateExpression("x * x", { x: 1e200 }), "domain", /1e\+200 \* 1e\+200 overflows/);
    // Constant sub-expressions are checked too.
    rejects(() => evaluateExpression("x + log(-1)", { x: 1 }), "domain", /log of -1 is undefined/);
  });

  test("a derivative that does not exist at the point is named", () => {
    rejects(
      () => evaluateExpression("sqrt(x) + 1", { x: 0 }),
      "gradient",
      /no finite gradient: the derivative of sqrt\(x\) with respect to x is infinite at x = 0/,
    );
  });
});

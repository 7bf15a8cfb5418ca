import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ExpressionError,
  evaluateExpression,
  evaluateTensorExpression,
  type TensorExpressionResult,
  type VariableValue,
} from "../../src/explain/expression.js";
import { type GraphEdge, graphEdges } from "../../src/explain/graph-edges.js";
import { graphReport } from "../../src/explain/graph-report.js";
import type { NestedArray } from "../../src/tensor/ndarray.js";
import { SIGMOID_NEURON } from "./notes-circuits.js";

/** Flattens nested arrays (a number is one element). */
const flat = (v: NestedArray): number[] => (typeof v === "number" ? [v] : v.flatMap((x) => flat(x)));

const close = (actual: NestedArray, expected: NestedArray, tol: number, what: string) => {
  const [a, e] = [flat(actual), flat(expected)];
  assert.equal(a.length, e.length, `${what}: ${a.length} numbers, expected ${e.length}`);
  a.forEach((v, i) => {
    assert.ok(
      Math.abs(v - e[i]) <= tol * Math.max(1, Math.abs(e[i])),
      `${what}[${i}]: ${v}, expected ${e[i]}`,
    );
  });
};

/** The wire from the node labelled `from` into the node labelled `into` (argument k when given). */
function wire(result: TensorExpressionResult, from: string, into: string, k?: number): GraphEdge {
  const id = (label: string) => result.nodes.find((n) => n.label === label)!.id;
  const edges = graphEdges(result).edges.filter(
    (e) => e.from === id(from) && e.to === id(into) && (k === undefined || e.args.includes(k)),
  );
  assert.equal(edges.length, 1, `one wire ${from} → ${into}`);
  return edges[0];
}

/**
 * ∂f/∂v by central differences in float64, entry by entry, as nested arrays of shape f's then v's: the forward
 * pass only, at v ± h in one element at a time.
 */
function centralJacobian(expression: string, values: Record<string, VariableValue>, v: string): number[] {
  const h = 1e-6;
  const base = flat(values[v]);
  const fAt = (i: number, d: number): number[] => {
    const moved = base.slice();
    moved[i] += d;
    const reshaped = reshapeLike(values[v], moved);
    return flat(evaluateTensorExpression(expression, { ...values, [v]: reshaped }).value);
  };
  const columns = base.map((_, i) => {
    const [plus, minus] = [fAt(i, h), fAt(i, -h)];
    return plus.map((p, n) => (p - minus[n]) / (2 * h));
  });
  // Row-major over (f element n, v element i).
  const rows = columns[0].length;
  return Array.from(
    { length: rows * base.length },
    (_, j) => columns[j % base.length][Math.floor(j / base.length)],
  );
}

function reshapeLike(like: VariableValue, data: number[]): VariableValue {
  let k = 0;
  const walk = (v: VariableValue): VariableValue => (typeof v === "number" ? data[k++] : v.map(walk));
  return walk(like);
}

describe("graph edges: note 001's worked circuits", () => {
  test("f = (x + y)·z at x = −2, y = 5, z = −4: q = 3, f = −12, local × from above on every wire", () => {
    // From note 001 / 002: ∂q/∂x = ∂q/∂y = 1, ∂f/∂q = z = −4, ∂f/∂z = q = 3, so ∂f/∂x = ∂f/∂y = −4.
    const r = evaluateExpression("(x + y) * z", { x: -2, y: 5, z: -4 });
    assert.equal(r.value, -12);
    const xq = wire(r, "x", "x + y");
    assert.deepEqual([xq.rule, xq.local, xq.upstream, xq.product], ["add distributes", 1, -4, -4]);
    const yq = wire(r, "y", "x + y");
    assert.deepEqual([yq.local, yq.upstream, yq.product], [1, -4, -4]);
    const qf = wire(r, "x + y", "(x + y) * z");
    assert.deepEqual(
      [qf.rule, qf.formula, qf.local, qf.upstream, qf.product],
      ["multiply swaps", "z", -4, 1, -4],
    );
    const zf = wire(r, "z", "(x + y) * z");
    assert.deepEqual([zf.formula, zf.local, zf.upstream, zf.product], ["(x + y)", 3, 1, 3]);
    assert.deepEqual(graphEdges(r).branches, []);
  });

  test("the sigmoid neuron (w0 = 2, x0 = −1, w1 = −3, x1 = −2, w2 = −3): the circuit's reds, wire by wire", () => {
    const r = evaluateExpression(SIGMOID_NEURON.expression, SIGMOID_NEURON.at);
    // By hand: the sum is 2·(−1) + (−3)·(−2) − 3 = 1; e^(−1) = 0.37; 1 + e^(−1) = 1.37; f = 1/1.37 = 0.73.
    const e = Math.exp(-1);
    const d = 1 + e;
    const recip = wire(r, "1 + exp(-(w0 * x0 + w1 * x1 + w2))", "1 / (1 + exp(-(w0 * x0 + w1 * x1 + w2)))");
    assert.equal(recip.rule, "divide");
    close(recip.local, -1 / d ** 2, 1e-12, "d(1/x)/dx = −1/x²"); // −0.53 in the circuit
    assert.equal(recip.upstream, 1);
    const ex = wire(r, "-(w0 * x0 + w1 * x1 + w2)", "exp(-(w0 * x0 + w1 * x1 + w2))");
    close(ex.local, e, 1e-12, "d(eˣ)/dx = eˣ"); // 0.37
    close(ex.upstream, -1 / d ** 2, 1e-12, "from above"); // −0.53
    close(ex.product, (-1 / d ** 2) * e, 1e-12, "on the wire"); // −0.20
    const neg = wire(r, "w0 * x0 + w1 * x1 + w2", "-(w0 * x0 + w1 * x1 + w2)");
    assert.equal(neg.local, -1);
    const sigma = 1 / d;
    close(neg.product, sigma * (1 - sigma), 1e-12, "σ(1 − σ) = 0.20");
    const w0 = wire(r, "w0", "w0 * x0");
    assert.deepEqual([w0.rule, w0.formula, w0.local], ["multiply swaps", "x0", -1]);
    close(w0.product, -sigma * (1 - sigma), 1e-12, "∂f/∂w0 = −0.20");
    close(wire(r, "x1", "w1 * x1").product, -3 * sigma * (1 - sigma), 1e-12, "∂f/∂x1 = −0.59");
    // The circuit's two-digit reds.
    assert.deepEqual(
      [w0.product, wire(r, "x0", "w0 * x0").product, wire(r, "w1", "w1 * x1").product].map((v) =>
        (v as number).toFixed(2),
      ),
      ["-0.20", "0.39", "-0.39"],
    );
  });
});

describe("graph edges: the chain rule assembled from the wires", () => {
  const cases: Array<[string, Record<string, VariableValue>]> = [
    ["x * x + sin(x) * y", { x: 0.7, y: -1.3 }],
    ["max(x, y) * exp(x) - y / (x + 2)", { x: 0.4, y: -0.6 }],
    [
      "sum((W * x + b) ^ 2)",
      {
        W: [
          [1, 2],
          [3, 4],
        ],
        x: [1, -1],
        b: [0, 1],
      },
    ],
    [
      "sum(softmax(W * x + b) * t)",
      {
        W: [
          [0.5, -1],
          [2, 0.25],
          [-1, 1],
        ],
        x: [0.3, -0.7],
        b: [0.1, 0, -0.2],
        t: [0, 1, 0],
      },
    ],
  ];
  for (const [expression, values] of cases) {
    test(`${expression}: shares of each operand add up to its gradient, which central differences confirm`, () => {
      const r = evaluateTensorExpression(expression, values);
      const { edges, branches } = graphEdges(r);
      for (const e of edges) {
        // product = from above · local, for flattened Jacobians: here f is a number, so a row vector.
        const up = flat(e.upstream);
        const local = flat(e.local);
        const cols = flat(e.product).length;
        const expected = Array.from({ length: cols }, (_, c) =>
          up.reduce((s, u, n) => s + u * local[n * cols + c], 0),
        );
        close(e.product, expected, 1e-12, `${expression}: wire ${e.from} → ${e.to}`);
      }
      for (const v of r.variables) {
        const leaf = r.nodes.find((n) => n.label === v && n.op === "leaf")!;
        const out = edges.filter((e) => e.from === leaf.id);
        const sum = flat(out[0].product).map((_, i) => out.reduce((s, e) => s + flat(e.product)[i], 0));
        close(sum, r.gradients[v], 1e-12, `${expression}: Σ wires from ${v}`);
        close(
          r.gradients[v],
          centralJacobian(expression, values, v),
          1e-7,
          `${expression}: ∂f/∂${v} vs central difference`,
        );
        if (out.length > 1)
          assert.ok(
            branches.some((b) => b.node === leaf.id),
            `${v} is a branch`,
          );
      }
    });
  }
});

describe("graph: vectors and matrices (note 001's Jacobians)", () => {
  const W = [
    [1, 2],
    [3, 4],
  ];
  const x = [1, -1];
  const b = [0, 1];

  test("z = W·x + b: ∂z/∂W, ∂z/∂x = W, ∂z/∂b = I, with their shapes, against formulas and central differences", () => {
    const values = { W, x, b };
    const r = evaluateTensorExpression("W*x + b", values);
    // z_i = Σ_k W_ik x_k + b_i = [1 − 2 + 0, 3 − 4 + 1].
    assert.deepEqual(r.value, [-1, 0]);
    assert.deepEqual(r.shape, [2]);
    // ∂z_i/∂W_jk = [i = j]·x_k.
    const dW = [0, 1].map((i) => [0, 1].map((j) => [0, 1].map((k) => (i === j ? x[k] : 0))));
    assert.deepEqual(r.gradients.W, dW);
    assert.deepEqual(r.gradients.x, W);
    assert.deepEqual(r.gradients.b, [
      [1, 0],
      [0, 1],
    ]);
    for (const v of ["W", "x", "b"])
      close(r.gradients[v], centralJacobian("W*x + b", values, v), 1e-8, `∂z/∂${v}`);
    const wx = wire(r, "W", "W * x");
    assert.equal(wx.rule, "multiply swaps (matrix product)");
    assert.deepEqual(wx.localShape, [2, 2, 2]);
    assert.deepEqual(wx.local, dW);
    assert.deepEqual(wire(r, "x", "W * x").local, W);
    // The formulas: each row of ∂z/∂W takes xᵀ, ∂z/∂x = W, and add's 1 between vectors is I.
    assert.deepEqual(
      [wx.formula, wire(r, "x", "W * x").formula, wire(r, "b", "W * x + b").formula],
      ["xᵀ", "W", "I"],
    );
    assert.deepEqual(wire(r, "b", "W * x + b").upstreamShape, [2, 2]);
  });

  test("softmax(z): the Jacobian diag(s) − s·sᵀ, and chained through z = W·x + b", () => {
    const z = [1, 2, 3];
    const sum = z.reduce((s, v) => s + Math.exp(v), 0);
    const s = z.map((v) => Math.exp(v) / sum);
    const formula = s.map((si, i) => s.map((sj, j) => (i === j ? si : 0) - si * sj));
    const r = evaluateTensorExpression("softmax(z)", { z });
    close(r.value, s, 1e-15, "s");
    close(r.gradients.z, formula, 1e-15, "∂s/∂z");
    close(r.gradients.z, centralJacobian("softmax(z)", { z }, "z"), 1e-8, "∂s/∂z vs central difference");
    const edge = wire(r, "z", "softmax(z)");
    assert.deepEqual([edge.rule, edge.formula], ["softmax", "diag(s) − s·sᵀ"]);
    // softmax(W·x + b): ∂s/∂x = (diag(s) − s·sᵀ)·W by the chain rule written out here.
    const values = { W, x, b };
    const zz = [0, 1].map((i) => W[i][0] * x[0] + W[i][1] * x[1] + b[i]);
    const total = zz.reduce((acc, v) => acc + Math.exp(v), 0);
    const ss = zz.map((v) => Math.exp(v) / total);
    const J = ss.map((si, i) => ss.map((sj, j) => (i === j ? si : 0) - si * sj));
    const dsdx = J.map((row) => [0, 1].map((k) => row[0] * W[0][k] + row[1] * W[1][k]));
    const chained = evaluateTensorExpression("softmax(W*x + b)", values);
    close(chained.gradients.x, dsdx, 1e-14, "∂s/∂x = J·W");
    close(chained.gradients.W, centralJacobian("softmax(W*x + b)", values, "W"), 1e-8, "∂s/∂W");
  });

  test("shapes that do not fit and values that are not arrays of numbers are one-line errors", () => {
    const cases: Array<[string, Record<string, VariableValue>, RegExp]> = [
      [
        "W*x",
        { W, x: [1, 2, 3] },
        /shapes do not fit in W \* x: matmul: shapes \[2,2\] and \[3,1\] do not align/,
      ],
      ["x + y", { x: [1, 2], y: [1, 2, 3] }, /shapes do not fit in x \+ y/],
      ["x", { x: [[1, 2], [3]] }, /the value of x is not a number, vector or matrix/],
      ["x", { x: [] }, /the value of x is empty/],
      ["x", { x: Array(300).fill(1) }, /x has 300 elements .*more than the 256/],
      ["x * y", { x: Array(20).fill([1]), y: [Array(20).fill(1)] }, /x \* y has 400 elements/],
      ["x", { x: [1, Number.NaN] }, /the value of x must be a finite number \(element 1 of \[2\]\), got NaN/],
    ];
    for (const [expression, values, message] of cases) {
      assert.throws(
        () => evaluateTensorExpression(expression, values),
        (err: unknown) =>
          err instanceof ExpressionError && message.test(err.message) && !err.message.includes("\n"),
        expression,
      );
    }
  });
});

describe("graph: max at a tie", () => {
  test("retroprop routes the gradient to the first operand and says where the notes' 1(x ≥ y), 1(y ≥ x) differ", () => {
    const r = evaluateExpression("max(x, y) * 2", { x: 3, y: 3 });
    const [ex, ey] = [wire(r, "x", "max(x, y)"), wire(r, "y", "max(x, y)")];
    assert.deepEqual([ex.rule, ex.local, ey.local], ["max routes", 1, 0]);
    // The shares add up to the gradient from above (2); the notes' rule would send 2 to each.
    assert.equal((ex.product as number) + (ey.product as number), 2);
    assert.match(
      ex.tie!,
      /notes' rule 1\(x ≥ y\), 1\(y ≥ x\) gives both operands .* retroprop gives it to the first/,
    );
    assert.equal(ey.tie, ex.tie);
    // Away from the tie the two rules agree, and nothing is said.
    const apart = evaluateExpression("max(x, y) * 2", { x: 3, y: 4 });
    assert.deepEqual([wire(apart, "x", "max(x, y)").local, wire(apart, "y", "max(x, y)").local], [0, 1]);
    assert.equal(wire(apart, "x", "max(x, y)").tie, undefined);
    const min = evaluateExpression("min(x, y)", { x: -1, y: -1 });
    assert.match(wire(min, "x", "min(x, y)").tie!, /min at a tie .*1\(x ≤ y\), 1\(y ≤ x\)/);
  });
});

describe("graphReport", () => {
  test("an expression of numbers reports numbers (typed so); with arrays, f's shape and Jacobians", () => {
    const scalar = graphReport(evaluateExpression("x * x + y", { x: 3, y: 1 }));
    // ∂(x² + y)/∂x = 2x = 6, ∂/∂y = 1: numbers, usable where a number is expected.
    const value: number = scalar.value;
    const dx: number = scalar.gradients.x;
    assert.deepEqual([value, dx, scalar.gradients.y, scalar.shape], [10, 6, 1, []]);
    assert.equal(scalar.edges.length, 4);
    assert.deepEqual(
      scalar.branches.map((b) => scalar.nodes[b.node].label),
      ["x"],
    );
    const arrays = graphReport(evaluateTensorExpression("2 * v", { v: [1, 2] }));
    assert.deepEqual(
      [arrays.value, arrays.shape, arrays.gradients.v],
      [
        [2, 4],
        [2],
        [
          [2, 0],
          [0, 2],
        ],
      ],
    );
  });
});

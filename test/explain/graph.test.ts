import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as ops from "../../src/autograd/ops.js";
import { scalar, tensor } from "../../src/autograd/tensor.js";
import { graphToDot, graphToSvg } from "../../src/explain/dot.js";
import { evaluateExpression, evaluateTensorExpression } from "../../src/explain/expression.js";
import { formatNumber } from "../../src/explain/format.js";
import { describeGraph, graphNodes, graphToJSON } from "../../src/explain/graph.js";
import { SIGMOID_NEURON } from "./notes-circuits.js";

/** The notes' first circuit, built with the engine's operations. */
function firstCircuit() {
  const x = scalar(-2, { dtype: "float64", requiresGrad: true, label: "x" });
  const y = scalar(5, { dtype: "float64", requiresGrad: true, label: "y" });
  const z = scalar(-4, { dtype: "float64", requiresGrad: true, label: "z" });
  const q = ops.add(x, y);
  q.label = "q";
  const f = ops.mul(q, z);
  f.label = "f";
  f.backward(undefined, { retainGraph: true });
  return f;
}

describe("describeGraph", () => {
  test("lists every node, inputs first, with op, inputs, shape, value and gradient", () => {
    const nodes = describeGraph(firstCircuit());
    assert.deepEqual(nodes, [
      { id: 0, op: "leaf", label: "x", inputs: [], shape: [], value: -2, grad: -4, attrs: {} },
      { id: 1, op: "leaf", label: "y", inputs: [], shape: [], value: 5, grad: -4, attrs: {} },
      { id: 2, op: "add", label: "q", inputs: [0, 1], shape: [], value: 3, grad: -4, attrs: {} },
      { id: 3, op: "leaf", label: "z", inputs: [], shape: [], value: -4, grad: 3, attrs: {} },
      { id: 4, op: "mul", label: "f", inputs: [2, 3], shape: [], value: -12, grad: 1, attrs: {} },
    ]);
  });

  test("tensors keep their shape; constants are listed without a gradient; attrs are copied", () => {
    const w = tensor([1, -2, 3], { dtype: "float64", requiresGrad: true, label: "w" });
    const loss = ops.sum(ops.pow(w, 2));
    loss.backward(undefined, { retainGraph: true });
    const nodes = describeGraph(loss);
    assert.deepEqual(
      nodes.map((n) => [n.op, n.shape]),
      [
        ["leaf", [3]],
        ["const", []],
        ["pow", [3]],
        ["sum", []],
      ],
    );
    assert.deepEqual(nodes[0].value, [1, -2, 3]);
    assert.deepEqual(nodes[0].grad, [2, -4, 6]); // 2w
    assert.equal(nodes[1].grad, null);
    assert.deepEqual(nodes[2].attrs, { exponent: 2 });
    assert.equal(graphNodes(loss)[0], w);
  });

  test("graphToJSON is the same listing as JSON text", () => {
    const json = JSON.parse(graphToJSON(firstCircuit()));
    assert.equal(json.output, 4);
    assert.equal(json.nodes.length, 5);
    assert.deepEqual(json.nodes[2], {
      id: 2,
      op: "add",
      label: "q",
      inputs: [0, 1],
      shape: [],
      value: 3,
      grad: -4,
      attrs: {},
    });
  });
});

describe("formatNumber", () => {
  test("up to the given significant digits, trailing zeros dropped", () => {
    assert.equal(formatNumber(0.7310585786300049), "0.731059");
    assert.equal(formatNumber(-0.19661193324148188, 3), "-0.197");
    assert.equal(formatNumber(-12), "-12");
    assert.equal(formatNumber(1e-9), "1e-9");
    assert.equal(formatNumber(-0), "0");
    assert.equal(formatNumber(Number.NaN), "NaN");
    assert.equal(formatNumber(Number.NEGATIVE_INFINITY), "-Infinity");
  });
});

/** The (value, gradient) pairs written on the DOT wires, in order. */
function wires(dot: string): Array<[string, string]> {
  const re =
    /<font color="#1a8f2e">([^<]*)<\/font><\/td><\/tr><tr><td><font color="#d62728">([^<]*)<\/font>/g;
  return [...dot.matchAll(re)].map((m) => [m[1], m[2]]);
}

describe("graphToDot / graphToSvg (the notes' circuit diagrams)", () => {
  test("every wire carries its value and the gradient flowing back along it", () => {
    const dot = graphToDot(firstCircuit());
    assert.match(dot, /^digraph retroprop \{/);
    assert.match(dot, /rankdir=LR/);
    // x → +, y → +, q → *, z → *, and the output wire: values (green) and gradients (red) from the notes.
    assert.deepEqual(wires(dot), [
      ["-2", "-4"],
      ["5", "-4"],
      ["3", "-4"],
      ["-4", "3"],
      ["-12", "1"],
    ]);
    // Gates carry their rule's verb under the symbol (note 001: add distributes, multiply swaps).
    assert.match(dot, /label=<\+<br\/><font [^>]*>distributes<\/font>>/);
    assert.match(dot, /label=<\*<br\/><font [^>]*>swaps<\/font>>/);
    for (const name of ["x", "y", "z", "f"]) assert.match(dot, new RegExp(`label="${name}"`));
    // Under each gradient, local × from above, from note 001: ∂q/∂x = ∂q/∂y = 1, ∂f/∂q = z = −4, ∂f/∂z = q = 3.
    const locals = [...dot.matchAll(/<font point-size="9" color="#555555">([^<]*)<\/font>/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(locals, ["1 × -4", "1 × -4", "-4 × 1", "3 × 1"]);
    assert.doesNotMatch(graphToDot(firstCircuit(), { showLocal: false }), /distributes|×/);
  });

  test("the sigmoid circuit folds its constants into the gates like the notes (+1, *-1, 1/x)", () => {
    const r = evaluateExpression(SIGMOID_NEURON.expression, SIGMOID_NEURON.at);
    const dot = graphToDot(r.output, { digits: 2 });
    for (const gate of ["+1", "*-1", "exp", "1/x"])
      assert.match(dot, new RegExp(`label=(?:"|<)${gate.replace(/[+*/]/g, "\\$&")}(?:"|<br)`));
    const w = wires(dot);
    // cs231n's figure, to two digits: w0: 2 / -0.2, x0: -1 / 0.39, w1: -3 / -0.39, x1: -2 / -0.59, w2: -3 / 0.2,
    // then 1 / 0.2, -1 / -0.2, 0.37 / -0.53, 1.4 / -0.53, 0.73 / 1.
    for (const pair of [
      ["2", "-0.2"],
      ["-1", "0.39"],
      ["-3", "-0.39"],
      ["-2", "-0.59"],
      ["-3", "0.2"],
      ["-2", "0.2"],
      ["6", "0.2"],
      ["4", "0.2"],
      ["1", "0.2"],
      ["-1", "-0.2"],
      ["0.37", "-0.53"],
      ["1.4", "-0.53"],
      ["0.73", "1"],
    ]) {
      assert.ok(
        w.some(([v, g]) => v === pair[0] && g === pair[1]),
        `no wire ${pair.join(" / ")} in ${JSON.stringify(w)}`,
      );
    }
    // 5 inputs, 7 wires between gates, the output, as in the figure; no wires for the folded constants.
    assert.equal(w.length, 13);
  });

  test("a variable used twice shows that its gradient is the sum of its wires (branches add)", () => {
    const r = evaluateExpression("x*x + x", { x: 3 });
    const dot = graphToDot(r.output);
    assert.deepEqual(
      wires(dot).map(([v, g]) => `${v}/${g}`),
      ["3/3", "3/3", "9/1", "3/1", "12/1"],
    );
    assert.match(dot, /7 = 3 \+ 3 \+ 1/);
  });

  test("without backward there are values but no gradients", () => {
    const a = scalar(2, { requiresGrad: true, label: "a" });
    const dot = graphToDot(ops.exp(a));
    assert.deepEqual(
      wires(dot).map(([, g]) => g),
      ["&nbsp;", "&nbsp;"],
    );
  });

  test("the SVG (Graphviz) has the values and gradients as coloured text", async () => {
    const svg = await graphToSvg(firstCircuit(), { title: "f(x, y, z) = (x + y) z" });
    assert.match(svg, /<svg[\s>]/);
    const decode = (s: string) => s.replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));
    const texts = (color: string) =>
      [
        ...svg.matchAll(
          new RegExp(`<text[^>]* x="([-\\d.]+)" y="([-\\d.]+)"[^>]*fill="${color}"[^>]*>([^<]*)</text>`, "g"),
        ),
      ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: decode(m[3]) }));
    const values = texts("#1a8f2e");
    const grads = texts("#d62728");
    assert.deepEqual(values.map((t) => t.text).sort(), ["-12", "-2", "-4", "3", "5"].sort());
    assert.deepEqual(grads.map((t) => t.text).sort(), ["-4", "-4", "-4", "1", "3"].sort());
    // Each value is written above its wire and the gradient below it (SVG y grows downwards).
    values.forEach((v, i) => assert.ok(v.y < grads[i].y, `${v.text} above ${grads[i].text}`));
    assert.match(svg, /f\(x, y, z\) = \(x \+ y\) z/);
  });
});

describe("graphToDot with an array-valued f", () => {
  test("each wire carries the shape of its Jacobian ∂f/∂(input), small ones their numbers", () => {
    const r = evaluateTensorExpression("softmax(W*x + b)", {
      W: [
        [1, 2],
        [3, 4],
      ],
      x: [1, -1],
      b: [0, 1],
    });
    const dot = graphToDot(r.output);
    assert.match(dot, /J \[2\] × \[2, 2\]/); // ∂s/∂W
    assert.match(dot, /J = I \[2\]/); // the output wire: ∂f/∂f
    // f = softmax(z) of two: s = (σ(z₁ − z₂), σ(z₂ − z₁)) with z = (−1, 0).
    const s1 = 1 / (1 + Math.exp(1));
    assert.match(dot, new RegExp(`\\[${formatNumber(s1, 3)}, ${formatNumber(1 - s1, 3)}\\]`));
  });
});

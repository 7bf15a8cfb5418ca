import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { EquationStep, ExplainDerivation, Step } from "../../src/explain/index.js";
import {
  EXPLAIN_LIMITS,
  explainStep,
  renderJson,
  renderMarkdown,
  renderText,
} from "../../src/explain/index.js";
import { Dense } from "../../src/nn/dense.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Random } from "../../src/tensor/random.js";
import { InputError } from "../../src/util/errors.js";

// ---------------------------------------------------------------------------------------------------------------
// The notes' 2-2-1 sigmoid XOR network (examples/xor/model.json), and note 000's formulas written out here in
// plain float64, independently of retroprop.
// ---------------------------------------------------------------------------------------------------------------

const W1 = [
  [0.2, -0.3],
  [0.4, 0.1],
];
const b1 = [-0.4, 0.2];
const W2 = [[0.3, -0.2]];
const b2 = [0.1];
const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const Y = [[0], [1], [1], [0]];

function xorModel(): Sequential {
  const l1 = new Dense(2, 2, "sigmoid", { dtype: "float64" });
  const l2 = new Dense(2, 1, "sigmoid", { dtype: "float64" });
  l1.weight.value.data.set(W1.flat());
  l1.bias.value.data.set(b1);
  l2.weight.value.data.set(W2.flat());
  l2.bias.value.data.set(b2);
  return new Sequential([l1, l2]);
}

const sigma = (z: number) => 1 / (1 + Math.exp(-z));

/** Note 000 by hand: forward, δ⁽²⁾ = (ŷ − y)ŷ(1 − ŷ), δⱼ⁽¹⁾ = δ⁽²⁾·w₁ⱼ⁽²⁾·aⱼ(1 − aⱼ), sums of δ·a; scale = 1 or 1/N. */
function handXor(rows: number[], scale: number, w1 = W1, bb1 = b1, w2 = W2, bb2 = b2) {
  const z1 = rows.map((n) => [0, 1].map((j) => w1[j][0] * X[n][0] + w1[j][1] * X[n][1] + bb1[j]));
  const a1 = z1.map((r) => r.map(sigma));
  const z2 = a1.map((a) => w2[0][0] * a[0] + w2[0][1] * a[1] + bb2[0]);
  const yh = z2.map(sigma);
  const y = rows.map((n) => Y[n][0]);
  const E = scale * 0.5 * yh.reduce((s, v, i) => s + (v - y[i]) ** 2, 0);
  const d2 = yh.map((v, i) => scale * (v - y[i]) * v * (1 - v));
  const d1 = a1.map((a, i) => [0, 1].map((j) => d2[i] * w2[0][j] * a[j] * (1 - a[j])));
  const gW2 = [[0, 1].map((j) => d2.reduce((s, d, i) => s + d * a1[i][j], 0))];
  const gb2 = [d2.reduce((s, d) => s + d, 0)];
  const gW1 = [0, 1].map((j) => [0, 1].map((i) => d1.reduce((s, d, k) => s + d[j] * X[rows[k]][i], 0)));
  const gb1 = [0, 1].map((j) => d1.reduce((s, d) => s + d[j], 0));
  return { z1, a1, z2, yh, E, d2, d1, gW1, gb1, gW2, gb2 };
}

const close = (actual: number, expected: number, what: string, tol = 1e-12) =>
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );

function closeAll(actual: number[][], expected: number[][], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: rows`);
  actual.forEach((row, i) => {
    row.forEach((v, j) => {
      close(v, expected[i][j], `${what}[${i}][${j}]`);
    });
  });
}

const steps = (d: ExplainDerivation): Step[] => d.sections.flatMap((s) => s.steps);
const equation = (d: ExplainDerivation, id: string): EquationStep => {
  const step = steps(d).find((s) => s.id === id);
  assert.ok(step && step.kind === "equation", `no equation ${id}`);
  return step as EquationStep;
};

describe("explain: the notes' XOR step (note 000)", () => {
  const sum = explainStep(xorModel(), X, Y, { loss: "mse", reduction: "sum", lr: 0.5 });
  const ref = handXor([0, 1, 2, 3], 1);

  test("every quantity equals the hand computation (sum over N = 4)", () => {
    const q = sum.quantities;
    assert.equal(q.N, 4);
    close(q.E, ref.E, "E");
    closeAll(q.layers[0].Z, ref.z1, "Z1");
    closeAll(q.layers[0].A, ref.a1, "A1");
    closeAll(
      q.layers[1].Z,
      ref.z2.map((v) => [v]),
      "Z2",
    );
    closeAll(
      q.Yhat,
      ref.yh.map((v) => [v]),
      "Ŷ",
    );
    closeAll(
      q.layers[1].delta,
      ref.d2.map((v) => [v]),
      "Δ2",
    );
    closeAll(q.layers[0].delta, ref.d1, "Δ1");
    closeAll(q.layers[1].gradW, ref.gW2, "∇W2");
    closeAll(q.layers[0].gradW, ref.gW1, "∇W1");
    closeAll([q.layers[1].gradB], [ref.gb2], "∇b2");
    closeAll([q.layers[0].gradB], [ref.gb1], "∇b1");
    // das⁽¹⁾ = a(1 − a) and Δ⁽²⁾·W⁽²⁾, the two factors of the notes' slide (16)
    closeAll(
      q.layers[0].das ?? [],
      ref.a1.map((r) => r.map((a) => a * (1 - a))),
      "das1",
    );
    closeAll(
      q.layers[0].backpropagated ?? [],
      ref.d2.map((d) => [d * W2[0][0], d * W2[0][1]]),
      "Δ2·W2",
    );
    closeAll(
      q.dE_dYhat,
      ref.yh.map((v, i) => [v - Y[i][0]]),
      "∂E/∂Ŷ",
    );
  });

  test("the slide's numbers appear substituted: δ₁₁⁽¹⁾ = 0.131493·0.3·0.401312·(1 − 0.401312) = 0.00947781", () => {
    const d = equation(sum, "backward.delta.1.1.1");
    close(d.value ?? Number.NaN, ref.d1[0][0], "δ11");
    assert.equal(d.forms[1].text, "0.131493·0.3·0.401312·(1 − 0.401312)");
    assert.equal(d.lhs.text, "δ₁₁⁽¹⁾");
    const out = equation(sum, "backward.delta.2.1.1");
    assert.equal(out.forms[1].text, "(0.527579 − 0)·0.527579·(1 − 0.527579)");
    const z = equation(sum, "forward.z.2.1.1");
    assert.equal(z.forms[1].text, "0.3·0.401312 + (-0.2)·0.549834 + 0.1");
    const text = renderText(sum);
    assert.match(text, /= 0\.00947781\n/);
    assert.match(text, /∂E\/∂w₂₂⁽¹⁾ = Σₙ δₙ₂⁽¹⁾·xₙ₂ = .* = 0\.0000882027/);
  });

  test("∂E/∂w is written as Σₙ δ·a term by term, and ∇W = Δᵀ·A with its shapes", () => {
    const g = equation(sum, "backward.gradW.2.1.1");
    const terms = ref.d2.map((d, n) => `${fmt(d)}·${fmt(ref.a1[n][0])}`);
    assert.equal(g.forms[1].text, terms.join(" + "));
    const matrix = steps(sum).find((s) => s.id === "backward.gradW.2");
    assert.ok(matrix && matrix.kind === "matrix");
    assert.equal(matrix.lhs.text, "∇W⁽²⁾");
    assert.equal(matrix.forms[0].text, "(Δ⁽²⁾)ᵀ·A⁽¹⁾");
    assert.match(matrix.note ?? "", /\(1 × 4\)·\(4 × 2\) → 1 × 2/);
  });

  test("the update w ← w − η·∂E/∂w and E after the step, against the hand step", () => {
    const q = sum.quantities;
    const newW2 = [[W2[0][0] - 0.5 * ref.gW2[0][0], W2[0][1] - 0.5 * ref.gW2[0][1]]];
    const newW1 = W1.map((row, j) => row.map((w, i) => w - 0.5 * ref.gW1[j][i]));
    const newB1 = b1.map((b, j) => b - 0.5 * ref.gb1[j]);
    const newB2 = [b2[0] - 0.5 * ref.gb2[0]];
    closeAll(q.layers[1].newW ?? [], newW2, "new W2");
    closeAll(q.layers[0].newW ?? [], newW1, "new W1");
    closeAll([q.layers[0].newB ?? []], [newB1], "new b1");
    closeAll([q.layers[1].newB ?? []], [newB2], "new b2");
    close(q.E_after ?? Number.NaN, handXor([0, 1, 2, 3], 1, newW1, newB1, newW2, newB2).E, "E after");
    const u = equation(sum, "update.W.2.1.1");
    assert.equal(u.forms[0].text, `0.3 − 0.5·${fmt(ref.gW2[0][0])}`);
    close(u.value ?? Number.NaN, newW2[0][0], "w11 new");
  });

  test("mean: every δ is divided by N, and the line says so next to the number", () => {
    const mean = explainStep(xorModel(), X, Y, { loss: "mse", reduction: "mean" });
    const r = handXor([0, 1, 2, 3], 1 / 4);
    close(mean.quantities.E, r.E, "E mean");
    closeAll(
      mean.quantities.layers[1].delta,
      r.d2.map((v) => [v]),
      "Δ2 mean",
    );
    closeAll(mean.quantities.layers[0].gradW, r.gW1, "∇W1 mean");
    const d = equation(mean, "backward.delta.2.1.1");
    close(d.value ?? Number.NaN, 0.131493 / 4, "δ/4", 1e-6);
    assert.match(d.forms[1].text, / \/ 4$/);
    assert.match(d.note ?? "", /÷ N = 4/);
    assert.match(equation(mean, "backward.delta.1.1.1").note ?? "", /1\/N = 1\/4/);
    assert.ok(mean.summary.some((s) => /mean over the N = 4 examples/.test(s)));
  });

  test("--example n: the step on that row alone, with the notes' per-neuron symbols", () => {
    const one = explainStep(xorModel(), X, Y, { loss: "mse", reduction: "mean", example: 2, lr: 1 });
    const r = handXor([1], 1);
    assert.equal(one.quantities.N, 1);
    assert.deepEqual(one.quantities.examples, [2]);
    closeAll(one.quantities.layers[0].delta, r.d1, "δ1 of example 2");
    closeAll(one.quantities.layers[0].gradW, r.gW1, "∇W1 of example 2");
    const d = equation(one, "backward.delta.1.2.1");
    assert.equal(d.lhs.text, "δ₁⁽¹⁾");
    assert.equal(d.note, undefined, "N = 1: nothing divided");
    assert.equal(equation(one, "backward.gradW.1.1.2").forms[0].text, "δ₁⁽¹⁾·x₂");
  });

  test("--unit l,j follows one neuron and says what it left out", () => {
    const d = explainStep(xorModel(), X, Y, { loss: "mse", unit: { layer: 1, unit: 2 } });
    const ids = steps(d).map((s) => s.id);
    assert.ok(ids.includes("forward.z.1.1.2"));
    assert.ok(!ids.includes("forward.z.1.1.1"));
    assert.ok(!ids.some((id) => id.startsWith("forward.z.2.")));
    assert.ok(d.omitted.some((o) => /Only unit 2 of layer 1/.test(o)));
  });

  test("out-of-range --example, --unit and η are one-line InputErrors", () => {
    assert.throws(() => explainStep(xorModel(), X, Y, { loss: "mse", example: 5 }), InputError);
    assert.throws(
      () => explainStep(xorModel(), X, Y, { loss: "mse", unit: { layer: 3, unit: 1 } }),
      /layers 1 to 2/,
    );
    assert.throws(
      () => explainStep(xorModel(), X, Y, { loss: "mse", unit: { layer: 2, unit: 2 } }),
      /units 1 to 1/,
    );
    assert.throws(() => explainStep(xorModel(), X, Y, { loss: "mse", lr: -1 }), /positive/);
  });

  test("Markdown carries the same numbers as LaTeX; JSON round-trips every quantity", () => {
    const md = renderMarkdown(sum);
    assert.match(md, /\\delta_\{11\}\^\{\(1\)\} = .* = 0\.00947781\$/);
    assert.match(md, /\$\$\n\\nabla W\^\{\(2\)\} = /);
    const json = JSON.parse(renderJson(sum)) as ExplainDerivation;
    assert.deepEqual(json.quantities, JSON.parse(JSON.stringify(sum.quantities)));
    close(json.quantities.layers[0].delta[0][0], ref.d1[0][0], "JSON δ11");
  });
});

const fmt = (v: number) => {
  const s = String(Number(v.toPrecision(6)));
  return v < 0 ? `(${s})` : s;
};

// ---------------------------------------------------------------------------------------------------------------
// Other losses and activations, and a network too big to write out, against central differences of a loss
// written here.
// ---------------------------------------------------------------------------------------------------------------

type Act = "sigmoid" | "tanh" | "softmax";

function referenceLoss(
  Ws: number[][][],
  bs: number[][],
  acts: Act[],
  Xs: number[][],
  Ys: number[][],
  loss: "mse" | "bce" | "cce",
  mean: boolean,
): number {
  let E = 0;
  Xs.forEach((x, n) => {
    let a = x;
    Ws.forEach((W, l) => {
      const z = W.map((row, j) => row.reduce((s, w, i) => s + w * a[i], bs[l][j]));
      if (acts[l] === "softmax") {
        const m = Math.max(...z);
        const e = z.map((v) => Math.exp(v - m));
        const s = e.reduce((p, v) => p + v, 0);
        a = e.map((v) => v / s);
      } else a = z.map(acts[l] === "tanh" ? Math.tanh : sigma);
    });
    a.forEach((yh, k) => {
      const y = Ys[n][k];
      if (loss === "mse") E += 0.5 * (yh - y) ** 2;
      else if (loss === "bce") E -= y * Math.log(yh) + (1 - y) * Math.log(1 - yh);
      else E -= y * Math.log(yh);
    });
  });
  return mean ? E / Xs.length : E;
}

function randomModel(sizes: number[], acts: Act[], seed: number): Sequential {
  const rng = new Random(seed);
  return new Sequential(
    acts.map(
      (act, l) => new Dense(sizes[l], sizes[l + 1], act, { dtype: "float64", init: "glorot_uniform", rng }),
    ),
  );
}

function checkAgainstDifferences(
  model: Sequential,
  Xs: number[][],
  Ys: number[][],
  loss: "mse" | "bce" | "cce",
) {
  const d = explainStep(model, Xs, Ys, { loss, reduction: "mean" });
  const acts = model.layers.map((l) => l.activation as Act);
  const Ws = d.quantities.layers.map((l) => l.W.map((r) => r.slice()));
  const bs = d.quantities.layers.map((l) => l.b.slice());
  close(d.quantities.E, referenceLoss(Ws, bs, acts, Xs, Ys, loss, true), "E", 1e-10);
  const h = 1e-6;
  let compared = 0;
  Ws.forEach((W, l) =>
    W.forEach((row, j) =>
      row.forEach((w, i) => {
        row[i] = w + h;
        const up = referenceLoss(Ws, bs, acts, Xs, Ys, loss, true);
        row[i] = w - h;
        const down = referenceLoss(Ws, bs, acts, Xs, Ys, loss, true);
        row[i] = w;
        close(d.quantities.layers[l].gradW[j][i], (up - down) / (2 * h), `∂E/∂w${l}${j}${i}`, 1e-6);
        compared++;
      }),
    ),
  );
  return { d, compared };
}

describe("explain: other losses, activations and a big network", () => {
  test("sigmoid + bce uses the fused δ = ŷ − y and says why; gradients match central differences", () => {
    const { d } = checkAgainstDifferences(
      randomModel([3, 4, 2], ["tanh", "sigmoid"], 3),
      [
        [0.5, -1, 2],
        [1, 0.2, -0.3],
      ],
      [
        [1, 0],
        [0, 1],
      ],
      "bce",
    );
    assert.ok(d.quantities.fused);
    const yh = d.quantities.Yhat;
    closeAll(
      d.quantities.layers[1].delta,
      yh.map((r, n) =>
        r.map(
          (v, k) =>
            (v -
              [
                [1, 0],
                [0, 1],
              ][n][k]) /
            2,
        ),
      ),
      "δ = (ŷ − y)/N",
    );
    assert.ok(steps(d).some((s) => s.kind === "note" && /cancel/.test(s.text)));
    // tanh hidden layer: das = 1 − a²
    closeAll(
      d.quantities.layers[0].das ?? [],
      d.quantities.layers[0].A.map((r) => r.map((a) => 1 - a * a)),
      "das tanh",
    );
  });

  test("softmax + cce, 6-12-3 on 10 rows: summarised, says what it left out, gradients still right", () => {
    const rng = new Random(11);
    const Xs = Array.from({ length: 10 }, () => Array.from({ length: 6 }, () => rng.uniform(-1, 1)));
    const Ys = Xs.map((_, n) => [0, 1, 2].map((k) => (k === n % 3 ? 1 : 0)));
    const { d, compared } = checkAgainstDifferences(
      randomModel([6, 12, 3], ["sigmoid", "softmax"], 5),
      Xs,
      Ys,
      "cce",
    );
    assert.equal(compared, 6 * 12 + 12 * 3);
    assert.ok(d.omitted.some((o) => /examples 2\.\.10/.test(o)));
    assert.ok(d.omitted.some((o) => /Layer 1 has 12 units/.test(o)));
    assert.ok(d.omitted.some((o) => /at most 8 rows/.test(o)));
    const big = steps(d).filter((s) => s.kind === "matrix" && s.shape[0] === 10);
    assert.ok(
      big.length > 0 && big.every((s) => s.kind === "matrix" && s.value.length === EXPLAIN_LIMITS.matrixRows),
    );
    // Only example 1 and only the output layer (3 units) are written per unit.
    assert.ok(!steps(d).some((s) => s.id.startsWith("forward.z.1.")));
    assert.ok(steps(d).some((s) => s.id === "forward.z.2.1.3"));
  });
});

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { type GradFlags, gradReport, runGrad } from "../../src/cli/commands/grad.js";
import type { Activation } from "../../src/nn/activations.js";
import type { LossName, Reduction } from "../../src/nn/losses.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Random } from "../../src/tensor/random.js";
import { RetropropError } from "../../src/util/errors.js";
import { NOTES_XOR, sigma } from "./notes-xor.js";
import { root, runCli } from "./run-cli.js";

const run = (...args: string[]) => runCli(args);

// ---------------------------------------------------------------------------------------------------------------
// An independent reference: the network and the losses written out with plain numbers, as in the notes.
// ---------------------------------------------------------------------------------------------------------------

interface Params {
  W: number[][][];
  b: number[][];
  act: Activation[];
}

function f(act: Activation, z: number[]): number[] {
  switch (act) {
    case "sigmoid":
      return z.map((v) => 1 / (1 + Math.exp(-v)));
    case "tanh":
      return z.map(Math.tanh);
    case "relu":
      return z.map((v) => (v > 0 ? v : 0));
    case "leaky_relu":
      return z.map((v) => (v > 0 ? v : 0.01 * v));
    case "linear":
      return z.slice();
    case "softmax": {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((a, c) => a + c, 0);
      return e.map((v) => v / s);
    }
    default:
      throw new Error(act);
  }
}

/** Jacobian-vector product dA/dZ applied to g (row vector): returns ∂E/∂z given ∂E/∂a. */
function fBackward(act: Activation, z: number[], a: number[], g: number[]): number[] {
  switch (act) {
    case "sigmoid":
      return g.map((v, j) => v * a[j] * (1 - a[j]));
    case "tanh":
      return g.map((v, j) => v * (1 - a[j] * a[j]));
    case "relu":
      return g.map((v, j) => (z[j] > 0 ? v : 0));
    case "leaky_relu":
      return g.map((v, j) => (z[j] > 0 ? v : 0.01 * v));
    case "linear":
      return g.slice();
    case "softmax": {
      const dot = g.reduce((s, v, j) => s + v * a[j], 0);
      return g.map((v, j) => a[j] * (v - dot));
    }
    default:
      throw new Error(act);
  }
}

/** Forward pass of one example; `bump` adds h to z⁽ˡ⁾ⱼ (to differentiate with respect to z). */
function forwardOne(p: Params, x: number[], bump?: { l: number; j: number; h: number }) {
  const Z: number[][] = [];
  const A: number[][] = [];
  let a = x;
  p.W.forEach((W, l) => {
    const z = W.map((row, j) => row.reduce((s, w, i) => s + w * a[i], p.b[l][j]));
    if (bump && bump.l === l) z[bump.j] += bump.h;
    Z.push(z);
    a = f(p.act[l], z);
    A.push(a);
  });
  return { Z, A };
}

function exampleLoss(loss: LossName, yhat: number[], y: number[]): number {
  let e = 0;
  yhat.forEach((a, k) => {
    if (loss === "mse") e += 0.5 * (a - y[k]) ** 2;
    else if (loss === "bce") e -= y[k] * Math.log(a) + (1 - y[k]) * Math.log(1 - a);
    else e -= y[k] * Math.log(a);
  });
  return e;
}

function totalLoss(p: Params, X: number[][], Y: number[][], loss: LossName, reduction: Reduction): number {
  let e = 0;
  X.forEach((x, n) => {
    const { A } = forwardOne(p, x);
    e += exampleLoss(loss, A[A.length - 1], Y[n]);
  });
  return reduction === "mean" ? e / X.length : e;
}

const paramsOf = (model: Sequential): Params => ({
  W: model.layers.map((l) => {
    const w = [...l.weight.data];
    return Array.from({ length: l.units }, (_, j) => w.slice(j * l.inputs, (j + 1) * l.inputs));
  }),
  b: model.layers.map((l) => [...l.bias.data]),
  act: model.layers.map((l) => l.activation),
});

const close = (got: number, want: number, what: string, rtol = 1e-6, atol = 1e-8) =>
  assert.ok(Math.abs(got - want) <= atol + rtol * Math.abs(want), `${what}: got ${got}, expected ${want}`);

function targets(loss: LossName, rows: number, cols: number, rng: Random): number[][] {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () =>
      loss === "mse" ? rng.uniform(-1, 1) : loss === "bce" ? rng.uniform(0, 1) : rng.uniform(0, 1),
    ),
  );
}

// Every activation in a hidden layer, every output activation with mse, and both output activations that
// give probabilities with bce and cce (fused: sigmoid+bce, softmax+cce; and the unfused crossings).
const hiddens: Activation[] = ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax"];
const heads: Array<[Activation, LossName]> = [
  ["sigmoid", "mse"],
  ["tanh", "mse"],
  ["relu", "mse"],
  ["leaky_relu", "mse"],
  ["linear", "mse"],
  ["softmax", "mse"],
  ["sigmoid", "bce"],
  ["softmax", "bce"],
  ["softmax", "cce"],
  ["sigmoid", "cce"],
];

describe("grad agrees with finite differences and the explicit matrix form (float64, random networks)", () => {
  let seed = 100;
  for (const hidden of hiddens) {
    for (const [output, loss] of heads) {
      for (const reduction of ["mean", "sum"] as const) {
        const s = seed++;
        test(`${hidden} hidden, ${output} output, ${loss}, ${reduction}`, () => {
          const rng = new Random(s);
          const model = Sequential.fromSizes({
            sizes: [3, 4, 5, 3],
            activation: hidden,
            output,
            dtype: "float64",
            rng,
            init: "glorot_normal",
            biasInit: "uniform",
          });
          const rows = 5;
          const X = Array.from({ length: rows }, () => [0, 1, 2].map(() => rng.uniform(-2, 2)));
          const Y = targets(loss, rows, 3, rng);
          const report = gradReport(model, X, Y, loss, reduction);
          const p = paramsOf(model);
          const L = p.W.length;
          const scale = reduction === "mean" ? 1 / rows : 1;

          // The loss and the forward values.
          close(report.loss, totalLoss(p, X, Y, loss, reduction), "E", 1e-12, 1e-14);
          const fw = X.map((x) => forwardOne(p, x));
          report.outputs.forEach((row, n) =>
            row.forEach((v, k) => close(v, fw[n].A[L - 1][k], `ŷ[${n}][${k}]`, 1e-12, 1e-14)),
          );
          assert.equal(report.layers.length, L);

          // Δ⁽ˡ⁾[n][j] = ∂E/∂z⁽ˡ⁾ⱼ for example n, by central differences on z.
          const h = 1e-5;
          report.layers.forEach((g, l) => {
            assert.equal(g.delta.length, rows);
            g.delta.forEach((row, n) => {
              assert.equal(row.length, p.W[l].length);
              row.forEach((d, j) => {
                const e = (hh: number) => {
                  const { A } = forwardOne(p, X[n], { l, j, h: hh });
                  return exampleLoss(loss, A[L - 1], Y[n]) * scale;
                };
                close(d, (e(h) - e(-h)) / (2 * h), `Δ${l + 1}[${n}][${j}]`);
              });
            });
          });

          // ∇W and ∇b by central differences of E on every weight and bias, in the units × inputs layout.
          report.layers.forEach((g, l) => {
            assert.equal(g.weights.length, p.W[l].length);
            p.W[l].forEach((wrow, j) => {
              assert.equal(g.weights[j].length, wrow.length);
              wrow.forEach((w, i) => {
                const e = (v: number) => {
                  p.W[l][j][i] = v;
                  const r = totalLoss(p, X, Y, loss, reduction);
                  p.W[l][j][i] = w;
                  return r;
                };
                close(g.weights[j][i], (e(w + h) - e(w - h)) / (2 * h), `∇W${l + 1}[${j}][${i}]`);
              });
            });
            p.b[l].forEach((b, j) => {
              const e = (v: number) => {
                p.b[l][j] = v;
                const r = totalLoss(p, X, Y, loss, reduction);
                p.b[l][j] = b;
                return r;
              };
              close(g.bias[j], (e(b + h) - e(b - h)) / (2 * h), `∇b${l + 1}[${j}]`);
            });
          });

          // The notes' matrix form, with the reported Δ: ∇W⁽ˡ⁾ = Δ⁽ˡ⁾ᵀ·A⁽ˡ⁻¹⁾, ∇b⁽ˡ⁾ = Σ rows of Δ⁽ˡ⁾,
          // Δ⁽ˡ⁾ = (Δ⁽ˡ⁺¹⁾·W⁽ˡ⁺¹⁾) ⊙ f′(Z⁽ˡ⁾).
          const tight = (a: number, b: number, what: string) => close(a, b, what, 1e-12, 1e-15);
          report.layers.forEach((g, l) => {
            const Aprev = l === 0 ? X : fw.map((f) => f.A[l - 1]);
            p.W[l].forEach((wrow, j) => {
              wrow.forEach((_, i) =>
                tight(
                  g.weights[j][i],
                  g.delta.reduce((s, d, n) => s + d[j] * Aprev[n][i], 0),
                  `ΔᵀA ${l}`,
                ),
              );
              tight(
                g.bias[j],
                g.delta.reduce((s, d) => s + d[j], 0),
                `ΣΔ ${l}`,
              );
            });
            if (l < L - 1) {
              const next = report.layers[l + 1].delta;
              g.delta.forEach((row, n) => {
                const back = p.W[l].map((_, j) => next[n].reduce((s, d, k) => s + d * p.W[l + 1][k][j], 0));
                const want = fBackward(p.act[l], fw[n].Z[l], fw[n].A[l], back);
                row.forEach((d, j) => tight(d, want[j], `Δ${l + 1} recursion`));
              });
            }
            g.Z.forEach((row, n) => row.forEach((z, j) => tight(z, fw[n].Z[l][j], "Z")));
            g.A.forEach((row, n) => row.forEach((a, j) => tight(a, fw[n].A[l][j], "A")));
          });
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------------------------
// The command itself.
// ---------------------------------------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), "retroprop-grad-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
};

const xor = {
  model: join(root, "examples/xor/model.json"),
  x: join(root, "examples/xor/x.json"),
  y: join(root, "examples/xor/y.json"),
};

/** A one-line message on stderr, non-zero exit, no stack trace. */
function assertOneLineError(r: ReturnType<typeof run>, pattern: RegExp): void {
  assert.notEqual(r.status, 0, r.stdout);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^retroprop: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:|internal error/);
}

describe("retroprop grad", () => {
  test("the notes' XOR network: --json prints the documented object, equal to the notes' scalar formulas", () => {
    const r = run(
      "grad",
      "--model",
      xor.model,
      "--inputs",
      xor.x,
      "--targets",
      xor.y,
      "--loss",
      "mse",
      "--reduction",
      "sum",
      "--json",
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ["loss", "outputs", "layers"]);
    for (const layer of out.layers) for (const k of ["weights", "bias", "delta"]) assert.ok(k in layer);

    // Note 000, example by example: z_j = Σ_i w_ji x_i + b_j, a = σ(z), E = Σₙ ½(ŷ − y)²,
    // δ⁽²⁾ = (ŷ − y)·ŷ(1 − ŷ), δ_j⁽¹⁾ = δ⁽²⁾·w_1j⁽²⁾·a_j(1 − a_j), ∂E/∂w_1j⁽²⁾ = Σₙ δ⁽²⁾a_j, ∂E/∂w_ji⁽¹⁾ = Σₙ δ_j⁽¹⁾x_i.
    const { W1, b1, W2, b2, X, Y } = NOTES_XOR;
    let E = 0;
    X.forEach((x, n) => {
      const a = [0, 1].map((j) => sigma(W1[j][0] * x[0] + W1[j][1] * x[1] + b1[j]));
      const yhat = sigma(W2[0] * a[0] + W2[1] * a[1] + b2);
      E += 0.5 * (yhat - Y[n]) ** 2;
      const d2 = (yhat - Y[n]) * yhat * (1 - yhat);
      close(out.outputs[n][0], yhat, "ŷ", 1e-14, 0);
      close(out.layers[1].delta[n][0], d2, "δ⁽²⁾", 1e-13, 1e-16);
      [0, 1].forEach((j) =>
        close(out.layers[0].delta[n][j], d2 * W2[j] * a[j] * (1 - a[j]), "δ⁽¹⁾", 1e-13, 1e-16),
      );
    });
    close(out.loss, E, "E", 1e-14, 0);
    const d2 = out.layers[1].delta.map((r: number[]) => r[0]);
    const a1 = out.layers[0].A as number[][];
    [0, 1].forEach((j) =>
      close(
        out.layers[1].weights[0][j],
        d2.reduce((s: number, d: number, n: number) => s + d * a1[n][j], 0),
        "∇W⁽²⁾",
        1e-13,
        1e-16,
      ),
    );
    close(
      out.layers[1].bias[0],
      d2.reduce((s: number, d: number) => s + d, 0),
      "∇b⁽²⁾",
      1e-13,
      1e-16,
    );
    [0, 1].forEach((j) =>
      [0, 1].forEach((i) =>
        close(
          out.layers[0].weights[j][i],
          X.reduce((s, x, n) => s + out.layers[0].delta[n][j] * x[i], 0),
          "∇W⁽¹⁾",
          1e-13,
          1e-16,
        ),
      ),
    );
    // The value printed in docs/commands.md, computed separately from the formulas above.
    assert.equal(out.loss.toPrecision(6), "0.501086");
  });

  test("--reduction mean divides E and every gradient by N; the text form shows the notes' tables", () => {
    const args = ["grad", "--model", xor.model, "--inputs", xor.x, "--targets", xor.y, "--loss", "mse"];
    const sum = JSON.parse(run(...args, "--reduction", "sum", "--json").stdout);
    const mean = JSON.parse(run(...args, "--json").stdout);
    close(mean.loss, sum.loss / 4, "E", 1e-15, 0);
    close(mean.layers[0].weights[1][0], sum.layers[0].weights[1][0] / 4, "∇W", 1e-14, 0);
    close(mean.layers[1].delta[2][0], sum.layers[1].delta[2][0] / 4, "Δ", 1e-14, 0);

    const text = run(...args, "--reduction", "sum");
    assert.equal(text.status, 0, text.stderr);
    for (const label of ["E = 0.501086", "Z⁽¹⁾", "A⁽¹⁾", "Δ⁽²⁾", "∇W⁽¹⁾", "∇b⁽²⁾", "0.0237087"])
      assert.ok(text.stdout.includes(label), `${label} in\n${text.stdout}`);
  });

  test("--dtype float32 computes in float32", () => {
    const r = run(
      "grad",
      "--model",
      xor.model,
      "--inputs",
      xor.x,
      "--targets",
      xor.y,
      "--loss",
      "mse",
      "--dtype",
      "float32",
      "--json",
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    // Z, A, Δ and the gradients are float32 values.
    for (const v of [out.outputs[0][0], out.layers[0].delta[1][1], out.layers[1].weights[0][0]])
      assert.equal(Math.fround(v), v);
    assert.notEqual(out.outputs[0][0], 0.5275787065259737);
    close(out.loss, 0.5010859725711424 / 4, "E", 1e-6, 0);
  });

  test("--help shows an example", () => {
    const r = run("grad", "--help");
    assert.equal(r.status, 0);
    assert.match(r.stdout, /\$ retroprop grad --model examples\/xor\/model\.json/);
  });

  const good = () => ["--model", xor.model, "--inputs", xor.x, "--targets", xor.y, "--loss", "mse"];
  const withFlag = (flag: string, value: string) => {
    const a = good();
    a[a.indexOf(flag) + 1] = value;
    return a;
  };
  const brokenModel = (mutate: (m: { layers: Array<Record<string, unknown>> }) => void) => {
    const m = {
      format: "retroprop.model",
      version: 1,
      layers: [
        {
          type: "dense",
          inputs: 2,
          units: 2,
          activation: "sigmoid",
          weights: [
            [1, 2],
            [3, 4],
          ],
          bias: [0, 0],
        },
        { type: "dense", inputs: 2, units: 1, activation: "sigmoid", weights: [[1, 2]], bias: [0] },
      ],
    };
    mutate(m);
    return m;
  };

  const errors: Array<[string, () => string[], RegExp]> = [
    [
      "missing model file",
      () => withFlag("--model", join(dir, "nope.json")),
      /nope\.json: cannot read the model file \(no such file\)$/,
    ],
    [
      "missing inputs file",
      () => withFlag("--inputs", join(dir, "nox.json")),
      /inputs .*nox\.json: cannot read \(ENOENT\)$/,
    ],
    [
      "malformed model JSON, with line:column",
      () => withFlag("--model", file("bad.json", '{\n  "format": "retroprop.model",\n  "version": 1,,\n}')),
      /bad\.json:3:16: malformed JSON \(expected a double-quoted property name, got ","\)$/,
    ],
    [
      "malformed inputs JSON",
      () => withFlag("--inputs", file("badx.json", "[[0, 1], [1, 0]")),
      /badx\.json:1:16: malformed JSON \(expected "," or "]", got end of input\)$/,
    ],
    [
      "NaN in targets JSON, with line:column",
      () => withFlag("--targets", file("ynan.json", "[[0],\n [1],\n [NaN]]")),
      /ynan\.json:3:3: malformed JSON \(unexpected "N"\)$/,
    ],
    [
      "inputs of the wrong width",
      () => withFlag("--inputs", file("x3.json", [[0, 1, 2]])),
      /x3\.json: rows have 3 values but the model takes 2 inputs$/,
    ],
    [
      "row counts differ",
      () => withFlag("--targets", file("y3.json", [[0], [1], [1]])),
      /y3\.json: 3 rows of targets but .*x\.json has 4 rows of inputs$/,
    ],
    [
      "targets of the wrong width",
      () =>
        withFlag(
          "--targets",
          file("y2.json", [
            [0, 1],
            [1, 0],
            [1, 0],
            [0, 1],
          ]),
        ),
      /y2\.json: rows have 2 values but the model has 1 output$/,
    ],
    [
      "unknown activation in the model",
      () =>
        withFlag(
          "--model",
          file(
            "act.json",
            brokenModel((m) => (m.layers[1].activation = "sigmod")),
          ),
        ),
      /act\.json: layers\[1\]\.activation: unknown activation "sigmod"/,
    ],
    [
      "null in place of a weight",
      () =>
        withFlag(
          "--model",
          file(
            "null.json",
            brokenModel(
              (m) =>
                (m.layers[0].weights = [
                  [1, null],
                  [3, 4],
                ]),
            ),
          ),
        ),
      /null\.json: layers\[0\]\.weights\[0\]\[1\]: expected a finite number, got null$/,
    ],
    [
      "a string in place of a weight",
      () =>
        withFlag(
          "--model",
          file(
            "str.json",
            brokenModel((m) => (m.layers[1].bias = ["NaN"])),
          ),
        ),
      /str\.json: layers\[1\]\.bias\[0\]: expected a finite number, got "NaN"$/,
    ],
    [
      "a short weight row",
      () =>
        withFlag(
          "--model",
          file(
            "short.json",
            brokenModel((m) => (m.layers[1].weights = [[1]])),
          ),
        ),
      /short\.json: layers\[1\]\.weights\[0\]: expected 2 numbers, got 1$/,
    ],
    ["bad --loss", () => withFlag("--loss", "hinge"), /--loss: expected one of mse, bce, cce, got "hinge"$/],
    [
      "bad --reduction",
      () => [...good(), "--reduction", "avg"],
      /--reduction: expected one of mean, sum, got "avg"$/,
    ],
    [
      "bad --dtype",
      () => [...good(), "--dtype", "float16"],
      /--dtype: expected one of float32, float64, got "float16"$/,
    ],
    [
      "bce targets outside [0, 1]",
      () => [...withFlag("--targets", file("ybce.json", [[0], [1], [2], [0]])).slice(0, -1), "bce"],
      /ybce\.json: \[2\]\[0\]: bce targets must lie in \[0, 1\], got 2$/,
    ],
    [
      "cross-entropy on a linear output",
      () => [
        ...withFlag(
          "--model",
          file(
            "lin.json",
            brokenModel((m) => (m.layers[1].activation = "linear")),
          ),
        ).slice(0, -1),
        "bce",
      ],
      /: loss bce needs outputs in \(0, 1\).*output layer is linear$/,
    ],
    [
      "a step unit has no gradient",
      () =>
        withFlag(
          "--model",
          file(
            "step.json",
            brokenModel((m) => (m.layers[0].activation = "step")),
          ),
        ),
      /layers\[0\]\.activation: "step" has no useful gradient/,
    ],
    ["missing --loss", () => good().slice(0, -2), /required option '--loss <name>' not specified/],
    ["unknown flag", () => [...good(), "--lr", "0.1"], /unknown option '--lr'/],
  ];
  // Each spawn costs about a second, so the errors that only the command's own code raises are also checked in
  // process (same message, as a RetropropError the CLI prints as one line); the rest go through bin/retroprop.js.
  const spawned = new Set([
    "missing model file",
    "malformed model JSON, with line:column",
    "inputs of the wrong width",
    "unknown activation in the model",
    "null in place of a weight",
    "bad --loss",
    "missing --loss",
    "unknown flag",
  ]);
  const flagsOf = (args: string[]): GradFlags => {
    const flags: Record<string, string> = { reduction: "mean", dtype: "float64" };
    for (let k = 0; k < args.length; k += 2) flags[args[k].slice(2)] = args[k + 1];
    return flags as unknown as GradFlags;
  };
  for (const [name, args, pattern] of errors) {
    test(`one-line error: ${name}`, () => {
      if (spawned.has(name)) assertOneLineError(run("grad", ...args()), pattern);
      else
        assert.throws(
          () => runGrad(flagsOf(args())),
          (e: Error) => e instanceof RetropropError && !e.message.includes("\n") && pattern.test(e.message),
        );
    });
  }
});

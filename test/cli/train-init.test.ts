import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { NOTES_XOR, sigma } from "./notes-xor.js";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "retroprop-init-from-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * One batch-mode step of the notes' XOR network from its hand-typed weights, in float64 from the formulas:
 * E = (1/N)·Σ ½(a⁽²⁾ − y)², δ⁽²⁾ = (a⁽²⁾ − y)·a⁽²⁾(1 − a⁽²⁾)/N, δ⁽¹⁾ⱼ = δ⁽²⁾·w⁽²⁾ⱼ·a⁽¹⁾ⱼ(1 − a⁽¹⁾ⱼ),
 * ∂E/∂w = Σₙ δ·a, w ← w − η·∂E/∂w.
 */
function notesStep(eta: number) {
  const { W1, b1, W2, b2, X, Y } = NOTES_XOR;
  const N = X.length;
  const A1 = X.map((x) => [0, 1].map((j) => sigma(W1[j][0] * x[0] + W1[j][1] * x[1] + b1[j])));
  const A2 = A1.map((a) => sigma(W2[0] * a[0] + W2[1] * a[1] + b2));
  const D2 = A2.map((a, n) => ((a - Y[n]) * a * (1 - a)) / N);
  const D1 = A1.map((a, n) => a.map((aj, j) => D2[n] * W2[j] * aj * (1 - aj)));
  const sum = (f: (n: number) => number) => X.reduce((s, _, n) => s + f(n), 0);
  return {
    E: sum((n) => 0.5 * (A2[n] - Y[n]) ** 2) / N,
    W1: W1.map((row, j) => row.map((w, i) => w - eta * sum((n) => D1[n][j] * X[n][i]))),
    b1: b1.map((b, j) => b - eta * sum((n) => D1[n][j])),
    W2: W2.map((w, j) => w - eta * sum((n) => D2[n] * A1[n][j])),
    b2: b2 - eta * sum((n) => D2[n]),
  };
}

/** `retroprop train --data xor --init-from examples/xor/model.json …flags`. */
const fromNotes = (...flags: string[]) =>
  runCli(["train", "--data", "xor", "--init-from", "examples/xor/model.json", ...flags]);

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} ≠ ${b}`);

describe("retroprop train --init-from", () => {
  test("runs the notes' network from the notes' weights: one full-batch step as the formulas give it", () => {
    const saved = join(dir, "one-step.json");
    const r = fromNotes(
      "--loss",
      "mse",
      "--optimizer",
      "sgd",
      "--lr",
      "0.5",
      "--batch",
      "full",
      "--epochs",
      "1",
      "--dtype",
      "float64",
      "--save",
      saved,
      "--json",
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /training 2-2-1 from examples\/xor\/model\.json \(sigmoid hidden, sigmoid output, mse\)/,
    );
    assert.match(r.stderr, /4 examples, batch full \(4\) → 1 step per epoch/);
    const expected = notesStep(0.5);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    close(out.history[0].loss, expected.E, "E before the step");
    const model = JSON.parse(readFileSync(saved, "utf8"));
    const [l1, l2] = model.layers;
    expected.W1.forEach((row, j) => {
      row.forEach((w, i) => close(l1.weights[j][i], w, `W⁽¹⁾[${j}][${i}]`));
    });
    expected.b1.forEach((b, j) => close(l1.bias[j], b, `b⁽¹⁾[${j}]`));
    expected.W2.forEach((w, j) => close(l2.weights[0][j], w, `W⁽²⁾[0][${j}]`));
    close(l2.bias[0], expected.b2, "b⁽²⁾");
  });

  const refused: Array<[string[], RegExp]> = [
    [
      ["--layers", "2,3,1"],
      /--layers cannot be used with --init-from: the model file .* defines the network's architecture/,
    ],
    [["--activation", "relu"], /--activation cannot be used with --init-from/],
    [["--output", "linear"], /--output cannot be used with --init-from/],
    [["--init", "zeros"], /--init cannot be used with --init-from/],
  ];
  for (const [flags, pattern] of refused) {
    test(`refuses ${flags.join(" ")} beside a model file, saying why`, () => {
      const r = fromNotes("--epochs", "1", ...flags);
      assert.equal(r.status, 1);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    });
  }

  test("a model that does not fit the data, or no model at all, is one line", () => {
    const blobs = runCli([
      "train",
      "--data",
      "blobs",
      "--init-from",
      "examples/xor/model.json",
      "--epochs",
      "1",
    ]);
    assert.equal(blobs.status, 1);
    assert.match(
      blobs.stderr,
      /--init-from examples\/xor\/model\.json: the last size must be the dataset's 3 outputs, got 1/,
    );
    const missing = runCli([
      "train",
      "--data",
      "xor",
      "--init-from",
      join(dir, "nope.json"),
      "--epochs",
      "1",
    ]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nope\.json: cannot read the model file/);
  });
});

describe("retroprop train's header", () => {
  test("names a network without hidden layers as such, and prints the steps per epoch (⌈N / batch⌉)", () => {
    const r = runCli([
      "train",
      "--data",
      "moons",
      "--samples",
      "100",
      "--layers",
      "2,1",
      "--batch",
      "32",
      "--epochs",
      "1",
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /training 2-1 \(no hidden layer, sigmoid output, bce\) on moons: 100 examples, batch 32 → 4 steps per epoch/,
    );
  });
});

describe("environment variables are user input too", () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [
      { RETROPROP_BACKEND: "", RETROPROP_THREADS: "abc" },
      /^retroprop: RETROPROP_THREADS=abc: expected a positive number\n$/,
    ],
    [
      { RETROPROP_BACKEND: "wasm", RETROPROP_THREADS: "0" },
      /^retroprop: RETROPROP_THREADS=0: expected a positive number\n$/,
    ],
    [{ RETROPROP_BACKEND: "x" }, /^retroprop: RETROPROP_BACKEND=x: expected one of reference, wasm, blas\n$/],
  ];
  for (const [env, pattern] of cases) {
    test(`${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")} gives one line and status 1`, () => {
      const r = runCli(["train", "--data", "xor", "--epochs", "1", "--quiet"], env);
      assert.equal(r.status, 1);
      assert.match(r.stderr, pattern);
    });
  }
});

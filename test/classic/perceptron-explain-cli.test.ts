/**
 * `retroprop perceptron --explain`: note 004's rule on a gate, every step written out, in English and Spanish
 * and the four formats. The numbers of AND's first step by hand: x = (0, 0), t = 0, w = (0, 0), b = 0:
 * z = 0, ŷ = φ(0) = 1, t − ŷ = −1, b ← 0 + 1·(−1) = −1.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "../cli/run-cli.js";

const cli = (...args: string[]) => runCli(["perceptron", ...args]);

describe("retroprop perceptron --explain", () => {
  it("writes AND's steps with the numbers in, in English", () => {
    const r = cli("--gate", "and", "--explain", "--lang", "en");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^The perceptron rule, applied step by step$/m);
    assert.match(r.stdout, /^ {2}z += {1,2}0·0 \+ 0·0 \+ 0 = 0$/m);
    assert.match(r.stdout, /^ {2}b ← b \+ η·\(t − ŷ\) += 0 \+ 1·\(-1\) = -1$/m);
    assert.match(r.stdout, /Converged: epoch 6 made no mistake/);
  });

  it("XOR in Spanish: no convergence, and why", () => {
    const r = cli("--gate", "xor", "--explain", "--lang", "es", "--epochs", "5");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^La regla del perceptrón, aplicada paso a paso$/m);
    assert.match(r.stdout, /No converge en 5 épocas/);
    assert.match(r.stdout, /XOR no es linealmente separable/);
    assert.doesNotMatch(r.stdout, /\b(Step|epoch|mistake|weights)\b/);
  });

  it("--format json holds every step and the run; random starts follow --seed as without --explain", () => {
    const r = cli("--gate", "or", "--explain", "--format", "json", "--init", "random", "--seed", "7");
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    const plain = JSON.parse(cli("--gate", "or", "--init", "random", "--seed", "7", "--json").stdout);
    assert.deepEqual(
      [d.quantities.initialWeights, d.quantities.initialBias, d.quantities.weights, d.quantities.epochs],
      [plain.initialWeights, plain.initialBias, plain.weights, plain.epochs],
    );
    assert.ok(d.sections.some((s: { id: string }) => s.id === "step.1"));
  });

  it("derivation flags without --explain, and --json with it, are one-line errors", () => {
    for (const [args, message] of [
      [["--gate", "and", "--format", "json"], /--format: only with --explain/],
      [["--gate", "and", "--explain", "--json"], /--json: with --explain, use --format json/],
      [["--gate", "and", "--explain", "--format", "pdf"], /--format: expected one of/],
    ] as const) {
      const r = cli(...args);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /^retroprop: [^\n]*\n$/);
      assert.match(r.stderr, message);
    }
  });
});

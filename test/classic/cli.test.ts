import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { root, runCli } from "../cli/run-cli.js";

const cafeteria = (name: string) => join(root, "examples", "cafeteria", name);

const cli = (...args: string[]) => runCli(args);

/** A user error: non-zero exit, nothing on stdout, one `retroprop: ...` line on stderr, no stack trace. */
function assertOneLineError(r: ReturnType<typeof cli>, pattern: RegExp) {
  assert.notEqual(r.status, 0);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `expected one line, got:\n${r.stderr}`);
  assert.match(lines[0], /^retroprop: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

const tmp = mkdtempSync(join(tmpdir(), "retroprop-classic-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("retroprop perceptron", () => {
  it("learns AND: the notebook's w = (2, 1), b = −3 after 6 epochs", () => {
    const r = cli("perceptron", "--gate", "and", "--json");
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 1);
    const out = JSON.parse(lines[0]);
    assert.deepEqual(out.weights, [2, 1]);
    assert.equal(out.bias, -3);
    assert.equal(out.epochs, 6);
    assert.equal(out.converged, true);
  });

  it("learns or, nand, nor, not (truth table in the JSON)", () => {
    const targets: Record<string, number[]> = {
      or: [0, 1, 1, 1],
      nand: [1, 1, 1, 0],
      nor: [1, 0, 0, 0],
      not: [1, 0],
    };
    for (const [gate, t] of Object.entries(targets)) {
      const r = cli("perceptron", "--gate", gate, "--json");
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.converged, true, gate);
      assert.equal(typeof out.epochs, "number");
      assert.deepEqual(
        out.truthTable.map((row: { output: number }) => row.output),
        t,
        gate,
      );
    }
  });

  it("reports that XOR did not converge after the epoch limit", () => {
    const j = cli("perceptron", "--gate", "xor", "--epochs", "50", "--json");
    assert.equal(j.status, 0, j.stderr);
    const out = JSON.parse(j.stdout);
    assert.equal(out.converged, false);
    assert.equal(out.epochs, 50);
    assert.match(out.message, /did not converge after 50 epochs/);
    assert.deepEqual(
      out.fromGates.map((g: { output: number }) => g.output),
      [0, 1, 1, 0],
    );
    const text = cli("perceptron", "--gate", "xor");
    assert.equal(text.status, 0);
    assert.match(text.stdout, /Did not converge after 100 epochs/);
    assert.match(text.stdout, /not linearly separable/);
  });

  it("random starts are reproducible from --seed", () => {
    const a = JSON.parse(
      cli("perceptron", "--gate", "nor", "--init", "random", "--seed", "7", "--json").stdout,
    );
    const b = JSON.parse(
      cli("perceptron", "--gate", "nor", "--init", "random", "--seed", "7", "--json").stdout,
    );
    assert.deepEqual(a.initialWeights, b.initialWeights);
    assert.notDeepEqual(a.initialWeights, [0, 0]);
    assert.equal(a.converged, true);
  });

  it("prints a readable table and --help with an example", () => {
    const r = cli("perceptron", "--gate", "or", "--lr", "1/2");
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Converged after \d+ epochs/);
    assert.match(r.stdout, /weights: \[/);
    const h = cli("perceptron", "--help");
    assert.equal(h.status, 0);
    assert.match(h.stdout, /Examples?:/);
    assert.match(h.stdout, /retroprop perceptron --gate and/);
  });

  it("bad flags give one-line errors", () => {
    assertOneLineError(
      cli("perceptron", "--gate", "xnor"),
      /--gate: expected one of and, or, nand, nor, not, xor/,
    );
    assertOneLineError(
      cli("perceptron", "--gate", "and", "--lr", "abc"),
      /--lr: expected a number, got "abc"/,
    );
    assertOneLineError(cli("perceptron", "--gate", "and", "--lr", "-1"), /--lr: must be positive/);
    assertOneLineError(cli("perceptron", "--gate", "and", "--epochs", "0"), /--epochs: must be at least 1/);
    assertOneLineError(cli("perceptron", "--gate", "and", "--init", "ones"), /--init/);
  });
});

describe("retroprop delta-rule", () => {
  const base = ["delta-rule", "--inputs", cafeteria("x.json"), "--targets", cafeteria("t.json")];

  it("reproduces note 003's cafeteria numbers", () => {
    const r = cli(...base, "--weights", "50,50,50", "--lr", "1/35", "--json");
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.updates.length, 1);
    const u = out.updates[0];
    assert.deepEqual(u.residuals, [350]); // 3.50 €
    assert.deepEqual(u.delta, [50, 20, 30]); // Δw = (+50, +20, +30)
    assert.deepEqual(u.weightsAfter, [100, 70, 80]);
    assert.deepEqual(u.residualsAfter, [-30]); // −0.30 €
    assert.equal(u.errorAfter, 450);

    const text = cli(...base, "--weights", "50,50,50", "--lr", "1/35");
    assert.equal(text.status, 0);
    assert.match(text.stdout, /\[\+50, \+20, \+30\]/);
    assert.match(text.stdout, /\[100, 70, 80\]/);
    assert.match(text.stdout, /residual t − y = \[350\]/);
    assert.match(text.stdout, /residual t − y = \[-30\]/);
  });

  it("batch mode over several weeks approaches the true prices (50, 150, 100)", () => {
    const r = cli(
      "delta-rule",
      "--inputs",
      cafeteria("weeks-x.json"),
      "--targets",
      cafeteria("weeks-t.json"),
      "--weights",
      "50,50,50",
      "--lr",
      "1/200",
      "--epochs",
      "3000",
      "--mode",
      "batch",
      "--json",
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.updates.length, 3000);
    [50, 150, 100].forEach((p, i) => assert.ok(Math.abs(out.weights[i] - p) < 1e-6, String(out.weights)));
  });

  it("--help has an example", () => {
    const h = cli("delta-rule", "--help");
    assert.equal(h.status, 0);
    assert.match(h.stdout, /Example/);
    assert.match(h.stdout, /--lr 1\/35/);
  });

  it("bad input gives one-line errors naming the problem", () => {
    assertOneLineError(cli(...base, "--lr", "abc"), /--lr: expected a number, got "abc"/);
    assertOneLineError(cli(...base, "--mode", "stochastic"), /--mode: expected one of online, batch/);
    assertOneLineError(cli(...base, "--epochs", "two"), /--epochs: expected an integer/);
    assertOneLineError(cli(...base, "--weights", "50,x,50"), /--weights: expected a number, got "x"/);
    assertOneLineError(
      cli(...base, "--weights", "50,50", "--lr", "1/35"),
      /--weights has 2 values but each row of .*x\.json has 3 inputs/,
    );
    const missing = join(tmp, "nope.json");
    assertOneLineError(
      cli("delta-rule", "--inputs", missing, "--targets", cafeteria("t.json")),
      /nope\.json: cannot read \(ENOENT\)/,
    );
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, "[[5, 2, 3],\n [1, 2,, 3]]\n");
    assertOneLineError(
      cli("delta-rule", "--inputs", bad, "--targets", cafeteria("t.json")),
      /bad\.json(:\d+:\d+)?: malformed JSON/,
    );
    const bad2 = join(tmp, "bad2.json");
    writeFileSync(bad2, "[850\n 900]");
    assertOneLineError(
      cli("delta-rule", "--inputs", cafeteria("x.json"), "--targets", bad2),
      /bad2\.json(:\d+:\d+)?: malformed JSON/,
    );
    const ragged = join(tmp, "ragged.json");
    writeFileSync(ragged, "[[5, 2, 3], [1, 2]]");
    assertOneLineError(
      cli("delta-rule", "--inputs", ragged, "--targets", cafeteria("t.json")),
      /ragged\.json: \[1\]: expected 3 numbers, got 2/,
    );
    const twoTargets = join(tmp, "t2.json");
    writeFileSync(twoTargets, "[850, 900]");
    assertOneLineError(
      cli("delta-rule", "--inputs", cafeteria("x.json"), "--targets", twoTargets),
      /x\.json has 1 example but .*t2\.json has 2 targets/,
    );
    const wideTargets = join(tmp, "tw.json");
    writeFileSync(wideTargets, "[[850, 1]]");
    assertOneLineError(
      cli("delta-rule", "--inputs", cafeteria("x.json"), "--targets", wideTargets),
      /tw\.json: expected one target per example/,
    );
    assertOneLineError(
      cli(...base, "--weights", "50,50,50", "--lr", "1", "--epochs", "1000"),
      /diverged at update \d+/,
    );
  });
});

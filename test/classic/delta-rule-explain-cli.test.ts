/**
 * `retroprop delta-rule --explain`: the delta rule derived with the numbers of note 003's cafeteria example
 * (5 coffees, 2 juices, 3 toasts cost t = 850 cents; every price estimated at 50; η = 1/35), in English and
 * Spanish. By hand: y = 50·5 + 50·2 + 50·3 = 500, t − y = 350, Δwᵢ = η·xᵢ·(t − y) = (5, 2, 3)·350/35 =
 * (50, 20, 30), w = (100, 70, 80), y after = 500 + 140 + 240 = 880, E after = ½(850 − 880)² = 450.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { root, runCli } from "../cli/run-cli.js";

const cafeteria = (name: string) => join(root, "examples", "cafeteria", name);
const base = ["delta-rule", "--inputs", cafeteria("x.json"), "--targets", cafeteria("t.json")];
const cli = (...args: string[]) => runCli([...base, "--weights", "50,50,50", "--lr", "1/35", ...args]);

const tmp = mkdtempSync(join(tmpdir(), "retroprop-delta-explain-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The update's lines as the text form writes them, with the numbers worked out above. */
const UPDATE_LINES = [
  /y += 50·5 \+ 50·2 \+ 50·3 = 500$/m,
  /t − y += 850 − 500 = 350$/m,
  /Δw₁ += 0\.0285714·5·350 = 50$/m,
  /Δw₂ += 0\.0285714·2·350 = 20$/m,
  /Δw₃ += 0\.0285714·3·350 = 30$/m,
  /w₁ ← w₁ \+ Δw₁ = 50 \+ 50 = 100$/m,
  /w₂ ← w₂ \+ Δw₂ = 50 \+ 20 = 70$/m,
  /w₃ ← w₃ \+ Δw₃ = 50 \+ 30 = 80$/m,
  /E += 450$/m,
];

describe("retroprop delta-rule --explain", () => {
  it("derives the rule and writes the cafeteria's update with its numbers (English)", () => {
    const r = cli("--explain", "--lang", "en");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^The delta rule, derived and applied$/m);
    assert.match(r.stdout, /∂E\/∂wᵢ = .*−Σₙ xᵢⁿ\(tⁿ − yⁿ\)/);
    // E with the starting weights: ½·350² = 61250.
    assert.match(r.stdout, /E += 61250$/m);
    for (const line of UPDATE_LINES) assert.match(r.stdout, line);
  });

  it("speaks Spanish with --lang es, the numbers unchanged", () => {
    const r = cli("--explain", "--lang", "es");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^La regla delta, derivada y aplicada$/m);
    assert.doesNotMatch(r.stdout, /The delta rule/);
    for (const line of UPDATE_LINES) assert.match(r.stdout, line);
  });

  it("takes the language from LANG when --lang is left out", () => {
    const r = runCli([...base, "--weights", "50,50,50", "--lr", "1/35", "--explain"], {
      LANG: "es_ES.UTF-8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^La regla delta/m);
  });

  it("--format json carries the quantities: Δw = (50, 20, 30), w = (100, 70, 80)", () => {
    const r = cli("--explain", "--format", "json");
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assert.equal(d.lang, "en");
    const u = d.quantities.updates[0];
    assert.deepEqual(u.predictions, [500]);
    assert.deepEqual(u.residuals, [350]);
    for (const [i, expected] of [50, 20, 30].entries()) assert.ok(Math.abs(u.delta[i] - expected) < 1e-9);
    for (const [i, expected] of [100, 70, 80].entries())
      assert.ok(Math.abs(u.weightsAfter[i] - expected) < 1e-9);
    assert.ok(Math.abs(u.errorAfter - 450) < 1e-9);
  });

  it("--out writes the derivation and says so", () => {
    const file = join(tmp, "delta.md");
    const r = cli("--explain", "--format", "markdown", "--out", file);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `wrote ${file}\n`);
    assert.match(readFileSync(file, "utf8"), /The delta rule, derived and applied/);
  });

  // --lang is every command's (the program's option): the table speaks it too, so it is not refused here.
  it("refuses the derivation's flags without --explain, and --json with it, in one line", () => {
    for (const [args, pattern] of [
      [["--format", "json"], /^retroprop: --format: only with --explain/],
      [["--explain", "--json"], /^retroprop: --json: with --explain, use --format json/],
      [["--explain", "--lang", "fr"], /^retroprop: --lang: expected one of en, es, got "fr"/],
    ] as const) {
      const r = cli(...args);
      assert.notEqual(r.status, 0);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
      assert.match(r.stderr, pattern);
    }
  });
});

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runCli } from "../cli/run-cli.js";
import { tempOut } from "./helpers.js";

const run = (...args: string[]) => runCli(args);

describe("retroprop experiment", () => {
  test("--json prints one object naming the files it wrote", () => {
    const out = tempOut("cli-gd");
    const r = run("experiment", "gradient-descent", "--steps", "10", "--epochs", "3", "--out", out, "--json");
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines.length, 1);
    const o = JSON.parse(lines[0]);
    assert.equal(o.experiment, "gradient-descent");
    assert.equal(o.files.json, join(out, "gradient-descent.json"));
    for (const f of o.figures) assert.ok(existsSync(f.png) && existsSync(f.svg));
    assert.equal(o.data.function.paths.length, 4);
  });

  test("text output: the summary, then the files", () => {
    const out = tempOut("cli-lr");
    const r = run(
      "experiment",
      "lr-sweep",
      "--samples",
      "40",
      "--epochs",
      "3",
      "--lrs",
      "0.1,1",
      "--out",
      out,
      "--quiet",
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^lr-sweep on moons/);
    assert.match(r.stdout, /wrote .*lr-sweep-loss\.png/);
    assert.equal(r.stderr, "");
  });

  test("bad flags and data give one line on stderr and a non-zero exit", () => {
    const bad = run("experiment", "lr-sweep", "--lrs", "0.1,abc", "--out", tempOut("cli-bad"));
    assert.notEqual(bad.status, 0);
    assert.equal(bad.stderr.trim().split("\n").length, 1);
    assert.match(bad.stderr, /^retroprop: --lrs: expected a number, got "abc"/);
    const noData = run("experiment", "decision-boundary", "--data", "nosuch", "--out", tempOut("cli-bad2"));
    assert.notEqual(noData.status, 0);
    assert.match(noData.stderr, /^retroprop: unknown dataset "nosuch"/);
    const unknown = run("experiment", "nosuch");
    assert.notEqual(unknown.status, 0);
    assert.equal(unknown.stderr.trim().split("\n").length, 1);
  });

  test("--help lists the experiments with examples", () => {
    const r = run("experiment", "--help");
    assert.equal(r.status, 0);
    for (const name of [
      "lr-sweep",
      "hidden-size",
      "vanishing-gradient",
      "decision-boundary",
      "hidden-units",
      "gradient-descent",
    ]) {
      assert.match(r.stdout, new RegExp(name));
    }
    assert.match(r.stdout, /Examples:/);
  });
});

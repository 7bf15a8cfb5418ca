import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { tempOut } from "../experiments/helpers.js";
import { runCli } from "./run-cli.js";

const tempDir = () => tempOut("sweep-cli");

function ok(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = runCli(args, env);
  assert.equal(r.status, 0, `retroprop ${args.join(" ")}\n${r.stderr}`);
  return r.stdout;
}

/** The merged results without the wall-clock times (the only thing that differs between runs). */
function merged(...folders: string[]): unknown[] {
  return ok(["sweep", "report", ...folders, "--json"])
    .trim()
    .split("\n")
    .map((l) => {
      const { seconds: _seconds, ...rest } = JSON.parse(l);
      return rest;
    });
}

describe("retroprop sweep", () => {
  const dir = tempDir();
  const spec = join(dir, "spec.json");
  // four trials: shard 0 of 3 runs trials 0 and 3, shard 1 trial 1, shard 2 trial 2
  writeFileSync(
    spec,
    JSON.stringify({
      train: {
        data: "xor",
        layers: "2,3,1",
        activation: "tanh",
        output: "sigmoid",
        loss: "mse",
        batch: "full",
        epochs: 60,
      },
      grid: { lr: [0.5, 2], seed: [1, 2] },
    }),
  );
  const whole = join(dir, "whole");
  const shards = join(dir, "shards");
  let wholeRun = "";

  test("one process runs every trial, two at a time, one JSON line each", () => {
    wholeRun = ok(["sweep", spec, "--out", whole, "--parallel", "2"]);
    assert.match(wholeRun, /^4 trials run, 0 skipped/);
    const lines = readFileSync(join(whole, "results.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.trial).sort(), [0, 1, 2, 3]);
    for (const l of lines) {
      assert.equal(l.status, "ok");
      assert.ok(l.metrics.loss > 0 && l.metrics.epochs === 60, JSON.stringify(l));
      assert.ok(existsSync(join(whole, l.model)), l.model);
    }
  });

  test("three shard processes (--index, a Kubernetes Indexed Job, a Slurm array) merge to the one-process result", () => {
    ok(["sweep", spec, "--out", shards, "--index", "0", "--count", "3"]);
    ok(["sweep", spec, "--out", shards, "--count", "3"], { JOB_COMPLETION_INDEX: "1" });
    // sbatch --array=1-3: task 3 is the third shard
    ok(["sweep", spec, "--out", shards], {
      SLURM_ARRAY_TASK_ID: "3",
      SLURM_ARRAY_TASK_MIN: "1",
      SLURM_ARRAY_TASK_MAX: "3",
      SLURM_ARRAY_TASK_COUNT: "3",
    });
    for (const k of [0, 1, 2]) assert.ok(existsSync(join(shards, `results-${k}-of-3.jsonl`)));
    assert.deepEqual(merged(shards), merged(whole));
    // and from separate folders (shards on separate machines, results copied back)
    const elsewhere = join(dir, "elsewhere");
    mkdirSync(elsewhere);
    writeFileSync(
      join(elsewhere, "results-1-of-3.jsonl"),
      readFileSync(join(shards, "results-1-of-3.jsonl")),
    );
    assert.equal(merged(elsewhere).length, 1);
  });

  test("an interrupted sweep resumes: finished trials are skipped, a half-written line is dropped", () => {
    const resumed = join(dir, "resumed");
    mkdirSync(resumed);
    const lines = readFileSync(join(whole, "results.jsonl"), "utf8").split("\n");
    writeFileSync(join(resumed, "results.jsonl"), `${lines[0]}\n${lines[1]}\n${lines[2].slice(0, 30)}`);
    assert.match(ok(["sweep", spec, "--out", resumed]), /^2 trials run, 2 skipped/);
    assert.deepEqual(merged(resumed), merged(whole));
    assert.match(ok(["sweep", spec, "--out", resumed]), /^0 trials run, 4 skipped/);
  });

  test("sweep report prints a table sorted by the metric and draws the metric against each option", () => {
    const table = ok(["sweep", "report", shards, "--figures", join(dir, "figures")]);
    const [header, , ...rows] = table.trim().split("\n");
    assert.match(header, /^trial\s+lr\s+seed\s+loss\s+accuracy\s+epochs\s+seconds\s+status$/);
    assert.equal(rows.length, 4);
    const losses = rows.map((r) => Number(r.split(/\s+/)[3]));
    assert.deepEqual(
      losses,
      [...losses].sort((a, b) => a - b),
    );
    for (const name of ["loss-vs-lr", "loss-vs-seed"])
      assert.ok(existsSync(join(dir, "figures", `${name}.png`)), name);
  });

  test("mistakes are one line", () => {
    for (const [args, env, message] of [
      [["sweep", "report", join(dir, "nowhere")], {}, /^retroprop: .*nowhere: no such folder\n$/],
      [
        ["sweep", spec, "--out", whole, "--count", "3"],
        { JOB_COMPLETION_INDEX: "3" },
        /^retroprop: JOB_COMPLETION_INDEX 3: expected 0 <= index < 3/,
      ],
      [
        ["sweep", join(dir, "missing.json")],
        {},
        /^retroprop: .*missing\.json: cannot read the sweep spec \(ENOENT\)\n$/,
      ],
    ] as const) {
      const r = runCli(args, env);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, message);
    }
    const other = join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ train: { data: "xor", epochs: 1 }, grid: { lr: [1] } }));
    const r = runCli(["sweep", other, "--out", whole]);
    assert.match(r.stderr, /^retroprop: .*whole: holds results of another sweep spec/);
  });
});

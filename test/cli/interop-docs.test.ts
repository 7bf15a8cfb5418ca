/**
 * docs/interop.md and docs/sweeps.md run as written: their `$ retroprop …` lines, the Node script, the
 * Kubernetes Job's and the Slurm script's commands, in an empty folder that sees the repository's examples/
 * and test/fixtures/ (as a user's checkout would).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { root, runCli } from "./run-cli.js";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** An empty working folder with the repository's examples/, test/fixtures/ and node_modules/ visible. */
function workFolder(): string {
  const d = mkdtempSync(join(tmpdir(), "retroprop-docs-"));
  dirs.push(d);
  symlinkSync(join(root, "examples"), join(d, "examples"));
  symlinkSync(join(root, "node_modules"), join(d, "node_modules"));
  mkdirSync(join(d, "test"));
  symlinkSync(join(root, "test", "fixtures"), join(d, "test", "fixtures"));
  return d;
}

/** The fenced blocks of a markdown file with the given info string, in order. */
function blocks(markdown: string, info: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${info}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map((m) => m[1]);
}

/** The `$ …` command lines of sh blocks, continuation lines joined. */
function dollarLines(markdown: string): string[] {
  return blocks(markdown, "sh").flatMap((b) =>
    b
      .replace(/\\\n\s*/g, "")
      .split("\n")
      .filter((l) => l.startsWith("$ "))
      .map((l) => l.slice(2)),
  );
}

/** Runs `retroprop …` or `npx retroprop …` (words without quotes) in `cwd`, with extra environment variables. */
function retroprop(command: string, cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const words = command.trim().split(/\s+/);
  if (words[0] === "npx") words.shift();
  assert.equal(words[0], "retroprop", command);
  const r = spawnSync(process.execPath, [join(root, "bin/retroprop.js"), ...words.slice(1)], {
    cwd,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      RETROPROP_BACKEND: process.env.RETROPROP_BACKEND,
      ...env,
    },
    timeout: 300_000,
  });
  assert.equal(r.status, 0, `${command}\n${r.stderr}`);
  return r.stdout;
}

const read = (name: string) => readFileSync(join(root, "docs", name), "utf8");

describe("docs/interop.md", () => {
  const doc = read("interop.md");
  const cwd = workFolder();
  const outputs: string[] = [];

  test("its retroprop commands run in order", () => {
    const commands = dollarLines(doc);
    assert.ok(commands.length >= 6, `found ${commands.length} commands`);
    for (const c of commands) outputs.push(retroprop(c, cwd));
  });

  test("export prints the nn.Sequential the page shows", () => {
    const printed = retroprop(
      "retroprop export --model xor.json --format safetensors --out xor.safetensors",
      cwd,
    );
    const shown = /model = nn\.Sequential\([\s\S]*?\n\)/.exec(blocks(doc, "python")[0])?.[0];
    assert.ok(shown && printed.includes(shown), printed);
  });

  test("infer.mjs in ONNX Runtime gives retroprop's outputs for XOR's four rows", () => {
    writeFileSync(join(cwd, "infer.mjs"), blocks(doc, "mjs")[0]);
    const r = spawnSync(process.execPath, ["infer.mjs"], { cwd, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const ort = JSON.parse(r.stdout) as number[];
    const ours = JSON.parse(
      retroprop("retroprop predict --model xor.json --input examples/xor/x.json --json", cwd),
    ).predictions.map((p: { output: number[] }) => p.output[0]);
    assert.equal(ort.length, 4);
    ort.forEach((v, i) => assert.ok(Math.abs(v - ours[i]) < 1e-5, `${v} vs ${ours[i]}`));
  });
});

describe("docs/sweeps.md", () => {
  const doc = read("sweeps.md");
  const commands = dollarLines(doc);
  /** The merged results of a folder without wall-clock times. */
  const merged = (dir: string) =>
    runCli(["sweep", "report", join(dir, "results/xor"), "--json"])
      .stdout.trim()
      .split("\n")
      .map((l) => {
        const { seconds: _seconds, ...rest } = JSON.parse(l);
        return rest;
      });
  let baseline: unknown[] = [];

  test("the spec shown is examples/sweeps/xor-grid.json", () => {
    const shown = blocks(doc, "json")[0];
    assert.deepEqual(
      JSON.parse(shown),
      JSON.parse(readFileSync(join(root, "examples/sweeps/xor-grid.json"), "utf8")),
    );
  });

  test("on one machine: the sweep and its report", () => {
    const cwd = workFolder();
    for (const c of commands.filter((c) => c.startsWith("retroprop "))) retroprop(c, cwd);
    baseline = merged(cwd);
    assert.equal(baseline.length, 4);
  });

  test("GNU parallel's three shards merge to the same results", () => {
    const cwd = workFolder();
    const line = commands.find((c) => c.startsWith("parallel "));
    const m = line && /^parallel (.*) ::: ((?:\d+ ?)+)$/.exec(line);
    assert.ok(m, `a GNU parallel line: ${line}`);
    for (const i of m[2].trim().split(" ")) retroprop(m[1].replace("{}", i), cwd);
    assert.deepEqual(merged(cwd), baseline);
  });

  test("the Kubernetes Indexed Job's command, once per JOB_COMPLETION_INDEX, merges to the same results", () => {
    const cwd = workFolder();
    const yaml = blocks(doc, "yaml")[0];
    const completions = Number(/completions: (\d+)/.exec(yaml)?.[1]);
    const command = /args:\n\s*- (.*)/.exec(yaml)?.[1];
    assert.ok(command && completions === 3, yaml);
    for (let i = 0; i < completions; i++) retroprop(command, cwd, { JOB_COMPLETION_INDEX: String(i) });
    assert.deepEqual(merged(cwd), baseline);
  });

  test("the Slurm array script's command, once per task of --array, merges to the same results", () => {
    const cwd = workFolder();
    const script = blocks(doc, "sh").find((b) => b.startsWith("#!/bin/bash"));
    assert.ok(script);
    const [, min, max] = /#SBATCH --array=(\d+)-(\d+)\n/.exec(script) ?? [];
    const command = script.split("\n").find((l) => l.startsWith("npx retroprop"));
    assert.ok(command && min !== undefined, script);
    const env = {
      SLURM_ARRAY_TASK_MIN: min,
      SLURM_ARRAY_TASK_MAX: max,
      SLURM_ARRAY_TASK_COUNT: String(Number(max) - Number(min) + 1),
      SLURM_SUBMIT_DIR: cwd,
    };
    for (let id = Number(min); id <= Number(max); id++)
      retroprop(command, cwd, { ...env, SLURM_ARRAY_TASK_ID: String(id) });
    assert.deepEqual(merged(cwd), baseline);
  });
});

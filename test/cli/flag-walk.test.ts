/**
 * The flag walk (issue 13): every value-taking flag of every command, read from the commands' own definitions
 * (commander's program.commands and their options, so a new flag is walked without editing this file), given
 * garbage on top of a small valid command line: the run must exit non-zero with one line `retroprop: …`, no
 * stack trace and no "internal error". Where garbage cannot be told from a value (a seed may be -1), the
 * SKIPPED table says why. All cases run in one process (flag-walk-driver.ts) to keep the walk to seconds.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { Command } from "commander";
import { buildProgram } from "../../src/cli/main.js";
import { root } from "./run-cli.js";

const scratch = mkdtempSync(join(tmpdir(), "retroprop-flag-walk-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const at = (name: string) => join(scratch, name);

// Fixtures written by hand: the notes' 2-2-1 XOR network shape, inputs and targets.
writeFileSync(
  at("model.json"),
  JSON.stringify({
    format: "retroprop.model",
    version: 1,
    layers: [
      {
        type: "dense",
        inputs: 2,
        units: 2,
        activation: "sigmoid",
        weights: [
          [1, 1],
          [-1, -1],
        ],
        bias: [0, 0],
      },
      { type: "dense", inputs: 2, units: 1, activation: "sigmoid", weights: [[1, 1]], bias: [0] },
    ],
    training: { dataset: "xor", loss: "mse" },
  }),
);
writeFileSync(at("inputs.json"), "[[0, 0], [1, 1]]");
writeFileSync(at("targets.json"), "[[0], [1]]");
writeFileSync(at("delta-inputs.json"), "[[5, 2, 3], [1, 2, 1]]");
writeFileSync(at("delta-targets.json"), "[850, 300]");
mkdirSync(at("a-folder"));
writeFileSync(
  at("sweep.json"),
  JSON.stringify({ train: { data: "xor", layers: "2,2,1", epochs: 1 }, grid: { lr: [0.5] } }),
);

/** MNIST for the experiments that need it (the walk skips them, saying so, where it is absent). */
const datasets = join(root, "../shared/datasets");
const haveMnist = existsSync(join(datasets, "mnist", "train-images-idx3-ubyte.gz"));
const NEEDS_MNIST = ["experiment vanishing-gradient", "experiment hidden-units"];

/** The garbage each flag is given. */
const GARBAGE: Readonly<Record<string, string>> = {
  empty: "",
  negative: "-1",
  nan: "NaN",
  huge: "1e30",
  text: "abc",
  folder: at("a-folder"),
  unwritable: "/proc/retroprop-flag-walk/out",
};

/** A small valid command line per command: it must succeed, so that the garbage is what fails. */
const BASE: Readonly<Record<string, string[]>> = {
  demo: ["--epochs", "1", "--out", at("demo")],
  train: ["--data", "xor", "--epochs", "1", "--quiet"],
  evaluate: ["--model", at("model.json"), "--data", "xor", "--split", "train"],
  predict: ["--model", at("model.json"), "--input", at("inputs.json")],
  perceptron: ["--gate", "and", "--epochs", "2"],
  "delta-rule": ["--inputs", at("delta-inputs.json"), "--targets", at("delta-targets.json")],
  grad: [
    "--model",
    at("model.json"),
    "--inputs",
    at("inputs.json"),
    "--targets",
    at("targets.json"),
    "--loss",
    "mse",
  ],
  graph: ["x*y", "--at", "x=1,y=2"],
  "experiment lr-sweep": ["--epochs", "1", "--samples", "20", "--lrs", "0.1", "--out", at("e1"), "--quiet"],
  "experiment decision-boundary": [
    "--epochs",
    "1",
    "--samples",
    "20",
    "--resolution",
    "8",
    "--out",
    at("e2"),
    "--quiet",
  ],
  "experiment hidden-size": [
    "--data",
    "moons",
    "--samples",
    "20",
    "--hidden",
    "2",
    "--epochs",
    "1",
    "--out",
    at("e4"),
    "--quiet",
  ],
  "experiment vanishing-gradient": [
    ...["--data-dir", datasets, "--samples", "20", "--probe", "10", "--layers-max", "1", "--width", "3"],
    ...["--epochs", "1", "--out", at("e5"), "--quiet"],
  ],
  "experiment hidden-units": [
    ...["--data-dir", datasets, "--samples", "20", "--hidden", "3", "--epochs", "1", "--max-units", "3"],
    ...["--out", at("e6"), "--quiet"],
  ],
  "experiment gradient-descent": ["--steps", "3", "--weeks", "3", "--out", at("e3"), "--quiet"],
  explain: [
    ...["--model", at("model.json"), "--inputs", at("inputs.json"), "--targets", at("targets.json")],
    ...["--loss", "mse", "--out", at("explain.txt")],
  ],
  derive: ["sin(2x^2+3)", "--at", "x=0.3"],
  export: ["--model", at("model.json"), "--format", "onnx", "--out", at("model.onnx")],
  sweep: [at("sweep.json"), "--out", at("sweep-out")],
  // Serves until stopped: its base is not run (see SERVES), only its garbage, which must fail before it listens.
  playground: [],
};

/** Commands that serve until stopped: the base line would never end, so only the garbage cases are run. */
const SERVES = ["playground"];

/**
 * Flag values that are not garbage for that flag, or garbage that cannot be detected, and why; keyed
 * "command flag kind", with * for any command or any kind.
 */
const SKIPPED: Readonly<Record<string, string>> = {
  "* --seed negative": "any integer is a seed",
  "* --weights negative": "weights may be negative",
  "* --at negative": "graph --at takes name=value pairs; -1 is refused as a pair, covered by 'text'",
  "* --label *": "a free-text column name; with a built-in dataset it is not used",
  "* --data-dir *":
    "a data root is only read for file datasets (mnist, iris…), not by the base's built-in data",
  "* --momentum negative": "a negative momentum is unusual but a number the optimizer takes",
  "* --weight-decay negative": "see --momentum",
  "* --noise huge": "noise of any size is data; training on it ends (or diverges with a one-line error)",
  "* --lr huge": "a huge learning rate is a mistake the run reports as divergence, not a bad flag value",
  "evaluate --seed *": "the base evaluates the training split, which the seed does not choose",
  "* --noise negative": "the base's dataset (xor) has no noise; generated sets refuse it (test/data/builtin)",
  "* --momentum huge":
    "one step of the base cannot tell; a momentum that makes training diverge is reported so",
  "* --weight-decay huge": "see --momentum huge",
  "* --lrs huge": "the learning-rate experiments show diverging runs on purpose",
  "* --online-lr huge": "see --lrs",
  "* --batch-lr huge": "see --lrs",
  "* --clip-grad-norm huge": "a bound above every gradient's norm is valid: it never clips",
};

/**
 * Where results are written (`--save`, `--out`, `--plot`, `--checkpoint`): any name is a valid new file or folder name, and an
 * existing folder is where a `<dir>` flag writes. Their garbage is the empty name, a folder for a file, and a
 * place that cannot be written.
 */
const OUTPUT_FLAGS = ["--save", "--out", "--plot", "--checkpoint"];
const ANY_NAME = ["negative", "nan", "huge", "text"];
function outputSkip(flag: string, flags: string, kind: string): string | undefined {
  if (!OUTPUT_FLAGS.includes(flag)) return undefined;
  if (ANY_NAME.includes(kind)) return "an output name: any name is valid";
  if (kind === "folder" && /<dir>/.test(flags)) return "an output folder: an existing one is used";
  return undefined;
}

function skipReason(command: string, flag: string, kind: string): string | undefined {
  return (
    SKIPPED[`${command} ${flag} ${kind}`] ??
    SKIPPED[`${command} ${flag} *`] ??
    SKIPPED[`* ${flag} ${kind}`] ??
    SKIPPED[`* ${flag} *`]
  );
}

/** Every command that runs (not a group such as `experiment`), with its path of names. */
function leafCommands(cmd: Command, path: string[] = []): { name: string; command: Command }[] {
  return cmd.commands.flatMap((sub) => {
    const p = [...path, sub.name()];
    return sub.commands.length > 0 ? leafCommands(sub, p) : [{ name: p.join(" "), command: sub }];
  });
}

interface Case {
  name: string;
  args: string[];
  expectSuccess: boolean;
}

function runAll(cases: Case[]): { status: number; stderr: string }[] {
  const r = spawnSync(process.execPath, [join(root, "dist/test/cli/flag-walk-driver.js")], {
    cwd: scratch,
    input: JSON.stringify(cases.map((c) => c.args)),
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: scratch, RETROPROP_BACKEND: process.env.RETROPROP_BACKEND },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
  });
  if (r.error || r.status !== 0) throw new Error(`flag-walk driver: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Flag checking does not depend on the backend: walked once, on the reference run. */
const onWasm = process.env.RETROPROP_BACKEND === "wasm" ? "walked on the reference backend's run" : false;

test("every flag of every command, given garbage, exits non-zero with one line", { skip: onWasm }, (t) => {
  const cases: Case[] = [];
  const skipped: string[] = [];
  const commands = leafCommands(buildProgram());
  for (const { name, command } of commands) {
    const base = BASE[name];
    assert.ok(base, `add a small valid command line for "${name}" to BASE`);
    if (!haveMnist && NEEDS_MNIST.includes(name)) {
      skipped.push(`${name}: all flags (no MNIST in ${datasets})`);
      continue;
    }
    if (!SERVES.includes(name))
      cases.push({ name: `${name} (base)`, args: [...name.split(" "), ...base], expectSuccess: true });
    for (const option of command.options) {
      if (!option.required && !option.optional) continue; // a switch such as --json takes no value
      const flag = option.long!;
      for (const [kind, value] of Object.entries(GARBAGE)) {
        const why = skipReason(name, flag, kind) ?? outputSkip(flag, option.flags, kind);
        if (why) {
          skipped.push(`${name} ${flag} ${kind}: ${why}`);
          continue;
        }
        // The garbage replaces the base's own value of the flag, if it has one.
        const args = [...base];
        const k = args.indexOf(flag);
        if (k >= 0) args.splice(k, 2);
        cases.push({
          name: `${name} ${flag} ${kind}`,
          args: [...name.split(" "), ...args, flag, value],
          expectSuccess: false,
        });
      }
    }
  }
  const results = runAll(cases);
  const failures: string[] = [];
  cases.forEach((c, i) => {
    const { status, stderr } = results[i];
    const lines = stderr.trim().split("\n");
    if (c.expectSuccess) {
      if (status !== 0)
        failures.push(`${c.name}: the base command line failed (${status}): ${stderr.trim()}`);
      return;
    }
    const problem =
      status === 0
        ? "exit status 0"
        : status === -1 || /internal error|\n\s+at /.test(stderr)
          ? "a crash"
          : lines.length !== 1 || !lines[0].startsWith("retroprop: ")
            ? "not one line"
            : null;
    if (problem) failures.push(`${c.name} → ${problem} (status ${status}): ${stderr.trim().slice(0, 300)}`);
  });
  t.diagnostic(
    `${commands.length} commands, ${cases.length - commands.length} garbage cases run, ${skipped.length} skipped (see SKIPPED)`,
  );
  assert.deepEqual(failures, []);
});

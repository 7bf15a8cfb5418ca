/**
 * Every command in Spanish, from the CLI's own command list (a new command fails here until it has its runs
 * below): its help, a typical successful run on small inputs, and one error, all with --lang es; none may print
 * a word or phrase of English UI (ENGLISH below). Flag names, their values, placeholders (<file>), quoted names,
 * paths, numbers and example command lines stay as they are and are not read.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { Command } from "commander";
import { ACTIVATIONS } from "../../src/backend/activations.js";
import { GATE_NAMES } from "../../src/classic/index.js";
import { buildProgram } from "../../src/cli/main.js";
import { datasetNames } from "../../src/data/index.js";
import { Sequential } from "../../src/nn/sequential.js";
import { makeOptimizer } from "../../src/optim/index.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { fit, MemoryStore } from "../../src/train/index.js";
import type { RetropropError } from "../../src/util/errors.js";
import { errorText, messages } from "../../src/util/i18n.js";
import { XOR_FILES } from "./notes-xor.js";
import { DIVERGING_TRAIN, root, runCli } from "./run-cli.js";

/**
 * English UI words and phrases that are not also Spanish nor a technical name retroprop keeps in both
 * languages (sigmoid, softmax, mse, JSON, ONNX…).
 */
const ENGLISH = [
  "loss",
  "epoch",
  "epochs",
  "accuracy",
  "acc",
  "learning rate",
  "weight",
  "weights",
  "bias",
  "batch",
  "mini-batch",
  "online mode",
  "usage",
  "options",
  "option",
  "default",
  "command",
  "commands",
  "arguments",
  "display",
  "print",
  "write",
  "wrote",
  "saved",
  "done",
  "training",
  "test set",
  "example",
  "examples",
  "input",
  "inputs",
  "output",
  "outputs",
  "target",
  "file",
  "folder",
  "dataset",
  "network",
  "layer",
  "hidden",
  "step",
  "steps",
  "update",
  "mistakes",
  "converged",
  "wrong",
  "value",
  "values",
  "expected",
  "got",
  "must",
  "cannot",
  "unknown",
  "missing",
  "required",
  "not specified",
  "did you mean",
  "the",
  "and",
  "with",
  "without",
  "of",
  "for",
  "from",
  "to",
  "in",
  "on",
  "at",
  "is",
  "are",
  "be",
  "if",
  "else",
  "only",
  "this",
  "each",
  "every",
  "per",
  "see",
  "when",
  "after",
  "before",
  "start",
  "gradient descent",
  "backpropagation",
  "mean squared error",
  "cross-entropy",
];

/**
 * Names retroprop keeps in every language, some of them English words too: datasets (and, or, not…), logic
 * gates, activations (step), commands.
 */
const NAMES = new Set<string>([
  ...datasetNames,
  ...GATE_NAMES,
  ...ACTIVATIONS,
  ...commandPaths(buildProgram()).flat(),
]);
const LISTED = ENGLISH.filter((w) => !NAMES.has(w));

/** What a reader sees as words: without example command lines, flags, placeholders, quotes, paths, numbers. */
function proseOf(text: string): string {
  const lines = text.split("\n");
  const kept: string[] = [];
  let inExample = false;
  for (const line of lines) {
    // An example command line ("  $ retroprop …") and its continuation lines ("… \").
    if (/^\s*\$ /.test(line) || inExample) {
      inExample = /\\\s*$/.test(line);
      continue;
    }
    kept.push(line);
  }
  return kept
    .join("\n")
    .replace(/"[^"\n]*"|'[^'\n]*'|`[^`\n]*`/g, " ")
    .replace(/(?<![\p{L}\p{N}])--?[\w-]+/gu, " ")
    .replace(/<[^>\n]*>/g, " ")
    .replace(/\S*[\p{L}\p{N}][|/_.:=\\][\p{L}\p{N}]\S*/gu, " ");
}

/** The English words and phrases of ENGLISH in a command's output (and an "error:" prefix anywhere). */
function englishIn(text: string): string[] {
  const prose = proseOf(text).toLowerCase();
  const found = LISTED.filter((w) => new RegExp(`(?<![\\p{L}-])${w}(?![\\p{L}-])`, "u").test(prose));
  if (/\berror: /.test(text)) found.push("error:");
  return found;
}

/** Every command and subcommand, as the argument path that names it (["experiment", "lr-sweep"]). */
function commandPaths(cmd: Command, path: string[] = []): string[][] {
  return cmd.commands.flatMap((sub) => {
    const p = [...path, sub.name()];
    return [p, ...commandPaths(sub, p)];
  });
}

const tmp = mkdtempSync(join(tmpdir(), "retroprop-es-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const model = join(tmp, "xor.json");
const XOR = XOR_FILES;
/** A one-trial sweep: its log lines and, in the test of its report, the results table. */
const SWEEP_SPEC = join(tmp, "xor-sweep.json");
writeFileSync(
  SWEEP_SPEC,
  JSON.stringify({ train: { data: "xor", layers: "2,2,1", epochs: 5, batch: "full" }, grid: { lr: [2] } }),
);
const SWEEP_DIR = join(tmp, "sweep");
const CAFETERIA = ["--inputs", "examples/cafeteria/x.json", "--targets", "examples/cafeteria/t.json"];

interface Runs {
  /** a typical successful run (in order: train's --save writes the model evaluate and predict read) */
  run: string[] | { todo: string };
  /** one mistake a user makes */
  error: string[];
}

/** Per top-level command. */
const RUNS: Readonly<Record<string, Runs>> = {
  demo: { run: ["demo", "--epochs", "2", "--out", join(tmp, "demo")], error: ["demo", "--epochs", "dos"] },
  train: {
    run: [
      "train",
      "--data",
      "xor",
      "--layers",
      "2,2,1",
      "--epochs",
      "3",
      "--lr",
      "2",
      "--batch",
      "full",
      "--save",
      model,
    ],
    error: ["train", "--data", "xor", "--test", "1.5"],
  },
  evaluate: {
    run: ["evaluate", "--model", model, "--split", "train"],
    error: ["evaluate", "--model", "examples/xor/model.json"],
  },
  predict: {
    run: ["predict", "--model", model, "--input", "examples/xor/x.json"],
    error: ["predict", "--model", join(tmp, "no-such-model.json"), "--input", "examples/xor/x.json"],
  },
  perceptron: {
    run: ["perceptron", "--gate", "xor", "--epochs", "3"],
    error: ["perceptron", "--gate", "xnor"],
  },
  "delta-rule": {
    run: ["delta-rule", ...CAFETERIA, "--weights", "50,50,50", "--lr", "1/35"],
    error: ["delta-rule", ...CAFETERIA, "--weights", "50,50"],
  },
  grad: { run: ["grad", ...XOR, "--loss", "mse", "--reduction", "sum"], error: ["grad", ...XOR] },
  graph: {
    run: ["graph", "(x + y) * z", "--at", "x=-2,y=5,z=-4"],
    error: ["graph", "x * y", "--at", "x=1,x=2"],
  },
  explain: {
    run: ["explain", ...XOR, "--loss", "mse", "--reduction", "sum", "--lr", "0.5"],
    error: ["explain", ...XOR, "--loss", "mse", "--lr", "cero"],
  },
  derive: { run: ["derive", "sen(2x^2+3)", "--at", "x=0.3"], error: ["derive", "x*y"] },
  experiment: {
    run: ["experiment", "gradient-descent", "--steps", "20", "--epochs", "3", "--out", join(tmp, "gd")],
    error: ["experiment", "lr-sweep", "--epochs", "dos"],
  },
  playground: {
    run: { todo: "serves until interrupted; test/cli/playground.test.ts starts it" },
    error: ["playground", "--port", "ochenta"],
  },
  export: {
    run: ["export", "--model", "examples/xor/model.json", "--format", "onnx", "--out", join(tmp, "xor.onnx")],
    error: ["export", "--model", "examples/xor/model.json", "--format", "pickle"],
  },
  sweep: {
    run: ["sweep", SWEEP_SPEC, "--out", SWEEP_DIR],
    error: ["sweep", "report"],
  },
};

/** Runs many command lines in one process (flag-walk-driver.js), each with --lang es. */
function runAll(argsList: string[][]): { status: number; stdout: string; stderr: string }[] {
  const r = spawnSync(process.execPath, [join(root, "dist/test/cli/flag-walk-driver.js")], {
    cwd: root,
    input: JSON.stringify(argsList.map((args) => [...args, "--lang", "es"])),
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: tmp, RETROPROP_BACKEND: process.env.RETROPROP_BACKEND },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
  });
  if (r.error || r.status !== 0) throw new Error(`driver: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout);
}

describe("every command in Spanish (--lang es)", () => {
  const paths = commandPaths(buildProgram());
  const tops = paths.filter((p) => p.length === 1).map((p) => p[0]);

  test("every command has a run and an error here", () => {
    for (const name of tops) assert.ok(RUNS[name], `add a Spanish run and error of "${name}" to RUNS`);
  });

  test("the help of the program and of every command and subcommand has no English", () => {
    const helps = [["--help"], ...paths.map((p) => [...p, "--help"])];
    const results = runAll(helps);
    const bad = helps.flatMap((args, i) => {
      const { status, stdout, stderr } = results[i];
      const english = englishIn(stdout + stderr);
      return status === 0 && english.length === 0
        ? []
        : [`${args.join(" ")}: ${english.join(", ")} (${status})`];
    });
    assert.ok(helps.length >= tops.length + 1);
    assert.deepEqual(bad, []);
  });

  for (const name of tops) {
    const run = RUNS[name]?.run;
    if (run !== undefined && !Array.isArray(run))
      test.todo(`a typical run of ${name} in Spanish: ${run.todo}`);
  }

  test("a typical run of every command prints no English", () => {
    const named = tops.flatMap((name) => {
      const run = RUNS[name]?.run;
      return Array.isArray(run) ? [run] : [];
    });
    const results = runAll(named);
    const bad = named.flatMap((args, i) => {
      const { status, stdout, stderr } = results[i];
      const english = englishIn(stdout + stderr);
      return status === 0 && english.length === 0
        ? []
        : [`${args.join(" ")}: ${english.join(", ")} (status ${status}) ${stdout}${stderr}`];
    });
    assert.deepEqual(bad, []);
  });

  test("sweep report's results table is Spanish too", () => {
    // Reads the results of the sweep's run above.
    const [report] = runAll([["sweep", "report", SWEEP_DIR]]);
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /^ensayo +lr +pérdida/);
    assert.deepEqual(englishIn(report.stdout + report.stderr), []);
  });

  test("the demo's figures are labelled in Spanish too", () => {
    // Written by the demo's run above (node's test runner runs a file's tests in order).
    const texts = ["loss.svg", "accuracy.svg", "decision-boundary.svg"].map((f) => {
      const svg = readFileSync(join(tmp, "demo", f), "utf8");
      return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join("\n");
    });
    assert.match(texts[0], /Pérdida por época/);
    assert.deepEqual(texts.map(englishIn), [[], [], []]);
  });

  test("the experiment's and the sweep report's figures are labelled in Spanish too", () => {
    // The gradient-descent experiment's run above; the sweep's results from its run above.
    const [report] = runAll([["sweep", "report", SWEEP_DIR, "--figures", join(tmp, "sweep-figures")]]);
    assert.equal(report.status, 0, report.stderr);
    const files = [
      join(tmp, "gd", "gradient-descent-bowl.svg"),
      join(tmp, "gd", "gradient-descent-bowl-value.svg"),
      join(tmp, "gd", "gradient-descent-linear-neuron.svg"),
      join(tmp, "sweep-figures", "loss-vs-lr.svg"),
    ];
    const texts = files.map((f) =>
      [...readFileSync(f, "utf8").matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join("\n"),
    );
    assert.match(texts[0], /Descenso por el gradiente/);
    assert.match(texts[3], /pérdida contra lr/);
    assert.deepEqual(texts.map(englishIn), [[], [], [], []]);
  });

  test("the library's errors of expressions, experiments, sweeps and models are Spanish lines", () => {
    const spec = join(tmp, "bad-sweep.json");
    writeFileSync(spec, JSON.stringify({ train: { data: "xor" }, grid: { lr: [] } }));
    const runs = [
      ["graph", "(x + y", "--at", "x=1,y=2"],
      ["graph", "log(x)", "--at", "x=-1"],
      ["derive", "x^"],
      ["experiment", "lr-sweep", "--data", "xor", "--lrs", "0,1", "--epochs", "2", "--out", join(tmp, "lr")],
      ["experiment", "gradient-descent", "--data", "xor"],
      ["sweep", spec, "--out", join(tmp, "bad-sweep")],
      ["train", "--data", "xor", "--layers", "3,1", "--epochs", "1"],
    ];
    const bad = runAll(runs).flatMap(({ status, stdout, stderr }, i) => {
      const english = englishIn(stderr);
      return status !== 0 && /^retroprop: [^\n]+\n$/.test(stderr) && stdout === "" && english.length === 0
        ? []
        : [`${runs[i].join(" ")}: ${english.join(", ")} (status ${status}) ${stderr}`];
    });
    assert.deepEqual(bad, []);
  });

  test("one error of every command is one Spanish line", () => {
    const named = tops.flatMap((name) => (RUNS[name] ? [RUNS[name].error] : []));
    const results = runAll(named);
    const bad = named.flatMap((args, i) => {
      const { status, stdout, stderr } = results[i];
      const english = englishIn(stderr);
      const oneLine = /^retroprop: [^\n]+\n$/.test(stderr);
      return status !== 0 && oneLine && stdout === "" && english.length === 0
        ? []
        : [`${args.join(" ")}: ${english.join(", ")} (status ${status}) ${stderr}`];
    });
    assert.deepEqual(bad, []);
  });

  test("train's checkpoint refusals, a diverging run and a missing data file are one Spanish line", () => {
    const ckpt = join(tmp, "ckpt");
    const xor = ["--data", "xor", "--layers", "2,2,1", "--epochs", "2", "--quiet"];
    const runs = [
      ["train", ...xor, "--checkpoint", ckpt],
      ["train", "--resume", ckpt, "--lr", "3"],
      ["train", "--resume", ckpt, "--checkpoint", join(tmp, "other")],
      ["train", ...xor, "--checkpoint", ckpt],
      ["train", "--resume", join(tmp, "no-checkpoint-here")],
      ["train", ...xor, "--checkpoint-every", "2"],
      [...DIVERGING_TRAIN, "--quiet", "--save", join(tmp, "d.json")],
      ["train", "--data", "iris", "--data-dir", join(tmp, "no-data")],
    ];
    const [first, ...refused] = runAll(runs);
    assert.equal(first.status, 0, first.stderr);
    const bad = refused.flatMap(({ status, stdout, stderr }, i) => {
      const english = englishIn(stderr);
      return status !== 0 && /^retroprop: [^\n]+\n$/.test(stderr) && stdout === "" && english.length === 0
        ? []
        : [`${runs[i + 1].join(" ")}: ${english.join(", ")} (status ${status}) ${stderr}`];
    });
    assert.deepEqual(bad, []);
    assert.match(refused[1].stderr, /--checkpoint no se puede usar con --resume/);
    assert.match(
      refused[2].stderr,
      /ya tiene el punto de control de una ejecución \(terminada tras 2 épocas\)/,
    );
    assert.match(
      refused[5].stderr,
      /el entrenamiento divergió: .* en la época \d+, lote \d+ \(tasa de aprendizaje 1000\)/,
    );
    assert.match(refused[5].stderr, /últimos pesos buenos guardados en .*d\.json\n$/);
    assert.match(refused[6].stderr, /^retroprop: iris: falta el archivo .*iris\.csv/);
  });

  test("train's early-stopping line is Spanish", () => {
    const args = ["train", "--data", "moons", "--layers", "2,8,1", "--lr", "0.1", "--epochs", "200"];
    const [r] = runAll([[...args, "--validation", "0.3", "--early-stopping", "1", "--quiet"]]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^parada temprana: valLoss no mejoró en 1 época \(la mejor, \S+, en la época \d+\)$/m,
    );
    assert.deepEqual(englishIn(r.stdout + r.stderr), []);
  });

  test("the library's checkpoint refusals (other data, another configuration) in Spanish through errorText", async () => {
    const x = NDArray.from([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = NDArray.from([[0], [1], [1], [0]]);
    const store = new MemoryStore("ckpt");
    const run = (lr: number, xx: NDArray, resume: boolean) =>
      fit(
        Sequential.fromSizes({
          sizes: [2, 2, 1],
          activation: "sigmoid",
          output: "sigmoid",
          rng: new Random(1),
        }),
        xx,
        y,
        {
          loss: "mse",
          optimizer: makeOptimizer("sgd", { lr }),
          epochs: 2,
          batchSize: "full",
          checkpoint: { store, resume },
        },
      );
    await run(0.5, x, false);
    const changed = x.clone();
    changed.data[1] = 0.5;
    const refusals: string[] = [];
    for (const attempt of [run(0.7, x, true), run(0.5, changed, true), run(0.5, x, false)]) {
      await attempt.then(
        () => assert.fail("expected a refusal"),
        (err: RetropropError) => refusals.push(errorText(err, messages("es"))),
      );
    }
    assert.match(
      refusals[0],
      /^punto de control ckpt: la ejecución empezó con learningRate 0\.5, esta tiene 0\.7;/,
    );
    assert.match(
      refusals[1],
      /^punto de control ckpt: los datos de entrenamiento difieren de los del punto de control/,
    );
    assert.match(refusals[2], /^el punto de control ckpt ya tiene una ejecución \(terminada tras 2 épocas\)/);
    assert.deepEqual(refusals.flatMap(englishIn), []);
  });

  test("the locale chooses the language when --lang is absent: es_MX.UTF-8 → Spanish, C → English", () => {
    const spanish = runCli(["perceptron", "--gate", "and"], { LANG: "es_MX.UTF-8" });
    assert.equal(spanish.status, 0);
    assert.match(spanish.stdout, /Regla del perceptrón/);
    assert.deepEqual(englishIn(spanish.stdout), []);
    const english = runCli(["perceptron", "--gate", "and"], { LC_ALL: "C", LANG: "es_MX.UTF-8" });
    assert.match(english.stdout, /Perceptron rule/);
    const flag = runCli(["perceptron", "--gate", "and", "--lang", "en"], { LANG: "es_MX.UTF-8" });
    assert.match(flag.stdout, /Perceptron rule/);
  });

  test("the English list finds English: the same run in English is caught", () => {
    const english = runCli(["perceptron", "--gate", "xor", "--epochs", "3", "--lang", "en"]);
    assert.ok(englishIn(english.stdout).length > 5, englishIn(english.stdout).join(", "));
  });
});

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { root, runCli } from "./run-cli.js";

const dataDir = join(root, "..", "shared", "datasets");
const run = (...args: string[]) => runCli(args);
const lastJson = (s: string) => JSON.parse(s.trim().split("\n").pop()!);

describe("train --save, evaluate and predict", {
  skip: !existsSync(join(dataDir, "iris")) && "no ../shared/datasets",
}, () => {
  const dir = mkdtempSync(join(tmpdir(), "retroprop-cli-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const model = join(dir, "iris.json");

  test("evaluate on the saved model reproduces the test accuracy train reported", () => {
    const t = run(
      "train",
      "--data",
      "iris",
      "--data-dir",
      dataDir,
      "--layers",
      "4,16,3",
      "--activation",
      "relu",
      "--optimizer",
      "adam",
      "--lr",
      "0.01",
      "--batch",
      "16",
      "--epochs",
      "60",
      "--seed",
      "3",
      "--save",
      model,
      "--json",
      "--quiet",
    );
    assert.equal(t.status, 0, t.stderr);
    const trained = lastJson(t.stdout);
    const e = run("evaluate", "--model", model, "--data-dir", dataDir, "--json");
    assert.equal(e.status, 0, e.stderr);
    const evaluated = lastJson(e.stdout);
    assert.equal(evaluated.examples, 30);
    assert.equal(evaluated.accuracy, trained.test.accuracy);
    assert.ok(Math.abs(evaluated.loss - trained.test.loss) < 1e-6);
  });

  test("predict names the class of a typical flower of each species", () => {
    const input = join(dir, "flowers.json");
    // Classic exemplars from Fisher's data: rows 1, 51 and 101 of the file.
    writeFileSync(
      input,
      JSON.stringify([
        [5.1, 3.5, 1.4, 0.2],
        [7.0, 3.2, 4.7, 1.4],
        [6.3, 3.3, 6.0, 2.5],
      ]),
    );
    const p = run("predict", "--model", model, "--input", input, "--json");
    assert.equal(p.status, 0, p.stderr);
    const { predictions } = lastJson(p.stdout);
    assert.deepEqual(
      predictions.map((r: { label: string }) => r.label),
      ["setosa", "versicolor", "virginica"],
    );
  });

  test("predict rejects rows of the wrong width with one line", () => {
    const input = join(dir, "bad.json");
    writeFileSync(input, "[1, 2, 3]");
    const p = run("predict", "--model", model, "--input", input);
    assert.equal(p.status, 1);
    assert.match(p.stderr, /row 1 has 3 values, the model expects 4/);
    assert.doesNotMatch(p.stderr, /\n\s+at /);
  });

  test("evaluate on a dataset of another width names the dataset and the model, not the scaling", () => {
    const p = run("evaluate", "--model", model, "--data", "digits", "--data-dir", dataDir);
    assert.equal(p.status, 1, p.stderr);
    assert.equal(
      p.stderr.trim(),
      "retroprop: --data digits: 64 features and 10 outputs, but the model is 4-16-3",
    );
  });

  test("a missing model file is one line, not a stack trace", () => {
    const p = run("evaluate", "--model", join(dir, "nope.json"), "--data", "iris");
    assert.equal(p.status, 1);
    assert.match(p.stderr, /nope\.json/);
    assert.doesNotMatch(p.stderr, /\n\s+at /);
  });
});

import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "./run-cli.js";

const run = (...args: string[]) => runCli(args);

describe("retroprop train", () => {
  test("the documented XOR configuration learns XOR; --json ends with one object", () => {
    const r = run(
      "train",
      "--data",
      "xor",
      "--layers",
      "2,2,1",
      "--activation",
      "sigmoid",
      "--output",
      "sigmoid",
      "--loss",
      "mse",
      "--optimizer",
      "sgd",
      "--lr",
      "2",
      "--batch",
      "full",
      "--epochs",
      "5000",
      "--seed",
      "1",
      "--json",
    );
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    const out = JSON.parse(lines[lines.length - 1]);
    assert.equal(out.history.length, 5000);
    for (const key of ["epoch", "loss", "accuracy", "seconds"])
      assert.equal(typeof out.history[0][key], "number");
    assert.equal(out.final.accuracy, 1);
    const outputs = out.final.outputs.map((row: number[]) => row[0]);
    [0, 1, 1, 0].forEach((t, i) => assert.ok(Math.abs(outputs[i] - t) < 0.5));
  });

  test("--test holds out a seeded test split of a built-in set; --json then has test {loss, accuracy}", () => {
    const args = ["train", "--data", "moons", "--samples", "200", "--epochs", "20", "--test", "0.25"];
    const lastJson = (r: ReturnType<typeof run>) => {
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout.trim().split("\n").pop()!);
    };
    const out = lastJson(run(...args, "--json", "--quiet"));
    assert.equal(typeof out.test.loss, "number");
    assert.ok(out.test.accuracy >= 0 && out.test.accuracy <= 1);
    const again = lastJson(run(...args, "--json", "--quiet"));
    assert.deepEqual(again.test, out.test, "same seed, same split, same result");
  });

  test("online mode (--batch 1) and text output", () => {
    const r = run(
      "train",
      "--data",
      "and",
      "--layers",
      "2,1",
      "--output",
      "sigmoid",
      "--lr",
      "0.5",
      "--batch",
      "1",
      "--epochs",
      "200",
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /final training loss .* accuracy 100\.00%/);
    assert.match(r.stderr, /epoch 200\/200/);
  });

  const errors: Array<[string[], RegExp]> = [
    [["--layers", "3,2,1"], /--layers: the first size must be the dataset's 2 input features, got 3/],
    [["--layers", "2,2,2"], /--layers: the last size must be the dataset's 1 output, got 2/],
    [["--lr", "fast"], /--lr: expected a number, got "fast"/],
    [["--lr", "-1"], /--lr: must be at least 0, got -1/],
    [["--data", "nope"], /nope/],
    [["--batch", "0"], /--batch: must be at least 1/],
    [["--activation", "swish"], /unknown activation "swish"/],
    [["--loss", "cce", "--output", "sigmoid"], /loss cce needs a softmax output layer \(got sigmoid\)/],
    [["--bogus"], /unknown option '--bogus'/],
    [
      ["--loss", "bce", "--output", "linear"],
      /loss bce needs outputs in \(0, 1\) \(a sigmoid or softmax output layer\), but the output layer is linear/,
    ],
    [["--output", "softmax", "--loss", "cce"], /a softmax output needs at least 2 units \(this one has 1\)/],
    [["--activation", "step"], /layers\[0\]\.activation: "step" has no useful gradient/],
    [["--test", "1.5"], /--test: expected a fraction in \[0, 1\), got "1\.5"/],
    [["--save", tmpdir()], /--save .*: is a folder, not a file/],
    [["--save", join(fileURLToPath(import.meta.url), "model.json")], /--save .*\.js is a file, not a folder/],
  ];
  for (const [args, pattern] of errors) {
    test(`bad input ${args.join(" ")} gives one line and exit status ≠ 0`, () => {
      const r = run("train", "--data", "xor", "--epochs", "1", ...args);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    });
  }

  test("divergence stops with a clear message", () => {
    const r = run(
      "train",
      "--data",
      "sin",
      "--layers",
      "1,8,1",
      "--activation",
      "relu",
      "--lr",
      "1e6",
      "--epochs",
      "50",
    );
    assert.equal(r.status, 1);
    assert.match(r.stderr, /training diverged/);
  });
});

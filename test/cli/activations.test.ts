/**
 * Activations from the command line: one per hidden layer in `train`, the newer ones in model files that
 * `grad` reads (checked against the chain rule written out here), and the help that lists them all.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { ACTIVATIONS } from "../../src/nn/activations.js";
import { newActivations } from "../backend/activation-formulas.js";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "retroprop-activations-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("activations on the command line", () => {
  test("train --activation relu,tanh gives each hidden layer its own, saved in the model file", () => {
    const path = join(dir, "per-layer.json");
    const r = runCli([
      "train",
      "--data",
      "xor",
      "--layers",
      "2,4,4,1",
      "--activation",
      "relu,tanh",
      "--epochs",
      "5",
      "--save",
      path,
      "--quiet",
    ]);
    assert.equal(r.status, 0, r.stderr);
    const layers = (JSON.parse(readFileSync(path, "utf8")) as { layers: Array<{ activation: string }> })
      .layers;
    assert.deepEqual(
      layers.map((l) => l.activation),
      ["relu", "tanh", "sigmoid"],
    );
  });

  test("a list of the wrong length, or an unknown name in it, is one line and a non-zero exit", () => {
    for (const [list, message] of [
      [
        "relu,tanh,gelu",
        /^retroprop: 3 hidden activations \(relu,tanh,gelu\) for 2 hidden layers: give one, or one per hidden layer$/,
      ],
      ["relu,gelu2", /^retroprop: unknown activation "gelu2" \(known: .*silu, softmax\)$/],
      ["relu,step", /^retroprop: layers\[1\]\.activation: "step" has no useful gradient/],
    ] as const) {
      const r = runCli(["train", "--data", "xor", "--layers", "2,4,4,1", "--activation", list, "--quiet"]);
      assert.notEqual(r.status, 0);
      const lines = r.stderr.trim().split("\n");
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], message);
    }
  });

  test("train --help lists every activation with its formula and range", () => {
    const r = runCli(["train", "--help"]);
    assert.equal(r.status, 0);
    for (const name of ACTIVATIONS)
      assert.match(r.stdout, new RegExp(`^  ${name} +\\S.*outputs in `, "m"), name);
    assert.match(r.stdout, /--activation <f> +hidden activation, one for all or one per hidden\s+layer/);
  });

  for (const name of ["elu", "softplus", "gelu", "silu"] as const) {
    test(`grad on a 1-1-1 ${name} network: Δ and ∇ equal the chain rule written out`, () => {
      // z₁ = w₁x + b₁, a₁ = f(z₁), z₂ = w₂a₁ + b₂ (linear), E = ½(z₂ − y)²
      const [w1, b1, w2, b2, x, y] = [0.7, -0.2, -1.3, 0.4, 0.9, 0.25];
      const model = join(dir, `${name}.json`);
      writeFileSync(
        model,
        JSON.stringify({
          format: "retroprop.model",
          version: 1,
          layers: [
            { type: "dense", inputs: 1, units: 1, activation: name, weights: [[w1]], bias: [b1] },
            { type: "dense", inputs: 1, units: 1, activation: "linear", weights: [[w2]], bias: [b2] },
          ],
        }),
      );
      writeFileSync(join(dir, "x.json"), JSON.stringify([[x]]));
      writeFileSync(join(dir, "y.json"), JSON.stringify([[y]]));
      const r = runCli([
        "grad",
        "--model",
        model,
        "--inputs",
        join(dir, "x.json"),
        "--targets",
        join(dir, "y.json"),
        "--loss",
        "mse",
        "--dtype",
        "float64",
        "--json",
      ]);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as {
        loss: number;
        layers: Array<{ weights: number[][]; bias: number[]; delta: number[][] }>;
      };
      const { f, df } = newActivations[name];
      const z1 = w1 * x + b1;
      const a1 = f(z1);
      const z2 = w2 * a1 + b2;
      const delta2 = z2 - y;
      const delta1 = delta2 * w2 * df(z1);
      const close = (got: number, expected: number, what: string) =>
        assert.ok(
          Math.abs(got - expected) <= 1e-12 * (1 + Math.abs(expected)),
          `${what}: ${got}, expected ${expected}`,
        );
      close(out.loss, 0.5 * (z2 - y) ** 2, "E");
      close(out.layers[1].delta[0][0], delta2, "δ²");
      close(out.layers[1].weights[0][0], delta2 * a1, "∇w²");
      close(out.layers[0].delta[0][0], delta1, "δ¹");
      close(out.layers[0].weights[0][0], delta1 * x, "∇w¹");
      close(out.layers[0].bias[0], delta1, "∇b¹");
    });
  }
});

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import * as ort from "onnxruntime-web";
import { tempOut } from "../experiments/helpers.js";
import { runCli } from "./run-cli.js";

ort.env.wasm.numThreads = 1;
const tempDir = () => tempOut("export");

function ok(args: string[]): string {
  const r = runCli(args);
  assert.equal(r.status, 0, `retroprop ${args.join(" ")}\n${r.stderr}`);
  return r.stdout;
}

function fails(args: string[], message: RegExp): void {
  const r = runCli(args);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, message);
  assert.equal(r.stderr.trim().split("\n").length, 1, `one line: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

const X = [
  [0.5, -1.2],
  [2.1, 0.3],
  [-1.5, 1.8],
];

describe("retroprop export", () => {
  const dir = tempDir();
  const model = join(dir, "blobs.json");
  const input = join(dir, "x.json");
  writeFileSync(input, JSON.stringify(X));
  // a small trained model with normalisation and class names, as users have them
  ok([
    "train",
    "--data",
    "blobs",
    "--layers",
    "2,5,3",
    "--activation",
    "tanh",
    "--normalize",
    "zscore",
    "--epochs",
    "20",
    "--quiet",
    "--save",
    model,
  ]);
  const predictJson = (m: string) => JSON.parse(ok(["predict", "--model", m, "--input", input, "--json"]));

  test("ONNX: ONNX Runtime reproduces the trained model's outputs; predict reads the .onnx with its metadata", async () => {
    const out = join(dir, "blobs.onnx");
    assert.match(
      ok(["export", "--model", model, "--format", "onnx", "--out", out]),
      /wrote .*blobs\.onnx \(ONNX opset 13/,
    );
    const fromJson = predictJson(model);
    const fromOnnx = predictJson(out);
    // the exported file carries the z-score scaling and class names: predict gives the same answers
    assert.deepEqual(fromOnnx, fromJson);
    // ONNX Runtime on the normalised rows (the normalisation is metadata, applied by retroprop before the net)
    const { training } = JSON.parse(readFileSync(model, "utf8"));
    const { shift, scale } = training.normalization;
    const rows = X.map((r) => r.map((v, i) => (v - shift[i]) / scale[i]));
    const session = await ort.InferenceSession.create(readFileSync(out));
    const result = await session.run({
      input: new ort.Tensor("float32", Float32Array.from(rows.flat()), [3, 2]),
    });
    const data = Array.from(result.output.data as Float32Array);
    fromJson.predictions.forEach((r: { output: number[] }, n: number) =>
      r.output.forEach((v, k) =>
        assert.ok(Math.abs(data[n * 3 + k] - v) < 1e-5, `${data[n * 3 + k]} vs ${v}`),
      ),
    );
  });

  test("safetensors: prints the nn.Sequential, and predict reads the file back", () => {
    const printed = ok(["export", "--model", model, "--format", "safetensors"]);
    assert.match(
      printed,
      /model = nn\.Sequential\(\n {4}nn\.Linear\(2, 5\),\n {4}nn\.Tanh\(\),\n {4}nn\.Linear\(5, 3\),\n {4}nn\.Softmax\(dim=-1\),\n\)/,
    );
    assert.match(printed, /load_state_dict\(load_file\(".*blobs\.safetensors"\)\)/);
    assert.deepEqual(predictJson(join(dir, "blobs.safetensors")), predictJson(model));
  });

  test("bad flags and files are one line", () => {
    fails(
      ["export", "--model", model, "--format", "keras"],
      /^retroprop: --format: expected one of onnx, safetensors, got "keras"/,
    );
    fails(
      ["export", "--model", join(dir, "none.json"), "--format", "onnx"],
      /^retroprop: .*none\.json: cannot read the model file \(no such file\)/,
    );
    const broken = join(dir, "broken.onnx");
    writeFileSync(broken, readFileSync(join(dir, "blobs.onnx")).subarray(0, 50));
    fails(["predict", "--model", broken, "--input", input], /^retroprop: .*broken\.onnx: /);
    const notSafe = join(dir, "broken.safetensors");
    writeFileSync(notSafe, Buffer.from([255, 255, 255, 255, 255, 255, 255, 255, 123]));
    fails(
      ["predict", "--model", notSafe, "--input", input],
      /^retroprop: .*broken\.safetensors: byte 0: header length \d+ exceeds/,
    );
  });
});

describe("a PyTorch-exported ONNX MLP in retroprop grad", () => {
  const fixtures = "test/fixtures/torch";
  for (const name of ["mlp-gemm", "mlp-matmul", "mlp-gelu"]) {
    test(`${name}: E, ∇W and ∇b equal torch.autograd's (saved in the fixture) to 1e-5`, () => {
      const reference = JSON.parse(readFileSync(`${fixtures}/${name}.reference.json`, "utf8"));
      const report = JSON.parse(
        ok([
          "grad",
          "--model",
          `${fixtures}/${name}.onnx`,
          "--inputs",
          `${fixtures}/${name}.x.json`,
          "--targets",
          `${fixtures}/${name}.y.json`,
          "--loss",
          reference.loss_name,
          "--reduction",
          reference.reduction,
          "--json",
        ]),
      );
      const close = (a: number, b: number, what: string) =>
        assert.ok(Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
      close(report.loss, reference.loss, "E");
      report.outputs
        .flat()
        .forEach((v: number, i: number) => close(v, reference.outputs.flat()[i], `ŷ[${i}]`));
      assert.equal(report.layers.length, reference.layers.length);
      report.layers.forEach((layer: { weights: number[][]; bias: number[] }, l: number) => {
        layer.weights
          .flat()
          .forEach((v, i) => close(v, reference.layers[l].grad_weights.flat()[i], `∇W${l + 1}[${i}]`));
        layer.bias.forEach((v, i) => close(v, reference.layers[l].grad_bias[i], `∇b${l + 1}[${i}]`));
      });
    });
  }
});

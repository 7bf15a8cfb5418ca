/** Model files as untrusted input (issue 13): numbers beyond the dtype, non-regular files, orphaned weights. */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { loadModel, saveModel } from "../../src/nn/model-file.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Random } from "../../src/tensor/random.js";
import { InputError } from "../../src/util/errors.js";

const dir = mkdtempSync(join(tmpdir(), "retroprop-model-file-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const inputError = (pattern: RegExp) => (e: unknown) =>
  e instanceof InputError && !e.message.includes("\n") && pattern.test(e.message);

const layer = (weights: number[][], bias: number[]) => ({
  type: "dense",
  inputs: weights[0].length,
  units: weights.length,
  activation: "linear",
  weights,
  bias,
});

/** A binary model file of one linear unit with `inputs` inputs, pointing to `weightsFile`. */
function binaryModelFile(name: string, inputs: number, weightsFile: string, weightsDtype: string): string {
  const p = join(dir, name);
  const layers = [{ type: "dense", inputs, units: 1, activation: "linear" }];
  writeFileSync(
    p,
    JSON.stringify({ format: "retroprop.model", version: 1, layers, weightsFile, weightsDtype }),
  );
  return p;
}

test("1e39 in a float32 model is refused with its JSON path (it would load as Infinity)", () => {
  const p = join(dir, "big.json");
  writeFileSync(
    p,
    JSON.stringify({ format: "retroprop.model", version: 1, layers: [layer([[0.5, 1e39]], [0])] }),
  );
  assert.throws(
    () => loadModel(p),
    inputError(/big\.json: layers\[0\]\.weights\[0\]\[1\]: 1e\+39 is too large for float32/),
  );
  // The same number is a float64.
  assert.equal(loadModel(p, { dtype: "float64" }).layers[0].weight.data[1], 1e39);
});

test("float64 weights beyond float32, loaded as float32, are refused with their byte offset", () => {
  const bytes = new Uint8Array(3 * 8);
  const view = new DataView(bytes.buffer);
  [0.5, -2e39, 0].forEach((v, i) => {
    view.setFloat64(8 * i, v, true);
  });
  writeFileSync(join(dir, "w64.0123456789ab.weights.bin"), bytes);
  const p = binaryModelFile("w64.json", 2, "w64.0123456789ab.weights.bin", "float64");
  assert.throws(
    () => loadModel(p, { dtype: "float32" }),
    inputError(/weights\.bin: value 1 \(byte 8\) is -2e\+39, too large for float32/),
  );
  assert.equal(loadModel(p).layers[0].weight.data[1], -2e39);
});

test('"weightsFile": ".." is not a file name beside the model', () => {
  const p = binaryModelFile("dots.json", 1, "..", "float32");
  assert.throws(
    () => loadModel(p),
    inputError(/dots\.json: weightsFile: expected a file name beside the model file/),
  );
});

test("/dev/zero as a model file is refused at once", {
  skip: !existsSync("/dev/zero") && "no /dev/zero",
}, () => {
  assert.throws(() => loadModel("/dev/zero"), inputError(/^\/dev\/zero: not a regular file/));
});

test("a binary save removes weights files that killed saves to the same path orphaned, not other models'", () => {
  const model = Sequential.fromSizes({
    sizes: [2, 3, 1],
    activation: "tanh",
    output: "linear",
    rng: new Random(1),
  });
  const p = join(dir, "m.json");
  const orphan = join(dir, "m.fedcba987654.weights.bin"); // a save killed after its weights, before its JSON
  const others = join(dir, "m2.fedcba987654.weights.bin");
  writeFileSync(orphan, "x");
  writeFileSync(others, "x");
  saveModel(model, p, { binary: true });
  saveModel(model, p, { binary: true });
  const weights = readdirSync(dir).filter((f) => f.startsWith("m.") && f.endsWith(".weights.bin"));
  assert.equal(weights.length, 1);
  assert.equal(existsSync(orphan), false);
  assert.equal(existsSync(others), true);
  assert.deepEqual(Array.from(loadModel(p).layers[0].weight.data), Array.from(model.layers[0].weight.data));
});

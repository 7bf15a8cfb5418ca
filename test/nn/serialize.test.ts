import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { Dense } from "../../src/nn/dense.js";
import { loadModel, loadModelFile, saveModel } from "../../src/nn/model-file.js";
import { Sequential } from "../../src/nn/sequential.js";
import { formatModelJSON, modelFromJSON, modelToJSON, sha256Hex } from "../../src/nn/serialize.js";
import type { DType } from "../../src/tensor/dtype.js";
import { Random } from "../../src/tensor/random.js";
import { InputError } from "../../src/util/errors.js";
import { findJsonSyntaxError } from "../../src/util/json-text.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "retroprop-serialize-"));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A 2-2-1 model with hand-typed weights. */
function handModel(dtype: DType = "float64"): Sequential {
  const l1 = new Dense(2, 2, "sigmoid", { dtype });
  l1.weight.data.set([0.2, -0.3, 0.4, 0.1]);
  l1.bias.data.set([-0.4, 0.2]);
  const l2 = new Dense(2, 1, "tanh", { dtype });
  l2.weight.data.set([0.3, -0.2]);
  l2.bias.data.set([0.1]);
  return new Sequential([l1, l2]);
}

function randomModel(dtype: DType, seed: number): Sequential {
  return Sequential.fromSizes({
    sizes: [5, 7, 3, 2],
    activation: "relu",
    output: "softmax",
    dtype,
    rng: new Random(seed),
    biasInit: "uniform",
  });
}

function assertSameWeights(a: Sequential, b: Sequential): void {
  assert.equal(a.layers.length, b.layers.length);
  a.layers.forEach((la, l) => {
    const lb = b.layers[l];
    assert.deepEqual([la.inputs, la.units, la.activation], [lb.inputs, lb.units, lb.activation]);
    assert.deepEqual([...la.weight.data], [...lb.weight.data], `layer ${l} weights`);
    assert.deepEqual([...la.bias.data], [...lb.bias.data], `layer ${l} bias`);
  });
}

/** A valid inline model file as an object, to be broken one field at a time. */
function validJSON(): Record<string, unknown> & { layers: Array<Record<string, unknown>> } {
  return {
    format: "retroprop.model",
    version: 1,
    layers: [
      {
        type: "dense",
        inputs: 2,
        units: 3,
        activation: "sigmoid",
        weights: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        bias: [0, 0, 0],
      },
      { type: "dense", inputs: 3, units: 1, activation: "linear", weights: [[1, 2, 3]], bias: [0.5] },
    ],
  };
}

describe("model files: the JSON a student types", () => {
  test("the documented example loads with W as units × inputs", () => {
    const model = loadModel(join(root, "examples/xor/model.json"), { dtype: "float64" });
    assert.deepEqual(model.sizes, [2, 2, 1]);
    assert.equal(model.dtype, "float64");
    // W⁽¹⁾ = [[0.2, -0.3], [0.4, 0.1]]: unit 1 (row 1) gets 0.2·x₁ − 0.3·x₂.
    assert.deepEqual([...model.layers[0].weight.data], [0.2, -0.3, 0.4, 0.1]);
    assert.deepEqual(model.layers[0].weight.shape, [2, 2]);
    assert.deepEqual([...model.layers[0].bias.data], [-0.4, 0.2]);
    assert.deepEqual([...model.layers[1].weight.data], [0.3, -0.2]);
    assert.deepEqual([...model.layers[1].bias.data], [0.1]);
    // The forward pass reads the rows that way: x = [1, 0] → z⁽¹⁾ = [0.2 − 0.4, 0.4 + 0.2].
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const y = model.predict([[1, 0]]).data[0];
    assert.ok(Math.abs(y - s(0.3 * s(0.2 - 0.4) - 0.2 * s(0.4 + 0.2) + 0.1)) < 1e-15);
  });

  test("modelToJSON writes the documented structure; rows of W stay on one line", () => {
    const json = modelToJSON(handModel());
    assert.deepEqual(json, {
      format: "retroprop.model",
      version: 1,
      layers: [
        {
          type: "dense",
          inputs: 2,
          units: 2,
          activation: "sigmoid",
          weights: [
            [0.2, -0.3],
            [0.4, 0.1],
          ],
          bias: [-0.4, 0.2],
        },
        { type: "dense", inputs: 2, units: 1, activation: "tanh", weights: [[0.3, -0.2]], bias: [0.1] },
      ],
    });
    const text = formatModelJSON(json);
    assert.ok(text.includes('"weights": [\n        [0.2, -0.3],\n        [0.4, 0.1]\n      ]'), text);
    assert.ok(text.includes('"bias": [-0.4, 0.2]'), text);
    assert.deepEqual(JSON.parse(text), json);
  });

  test("float32 weights are written as the shortest decimal that reads back as the same float32", () => {
    const json = modelToJSON(handModel("float32"));
    // Math.fround(0.2) is 0.20000000298023224; the file says 0.2, which rounds back to the same float32.
    assert.deepEqual(json.layers[0].weights, [
      [0.2, -0.3],
      [0.4, 0.1],
    ]);
    for (let seed = 1; seed <= 5; seed++) {
      const model = randomModel("float32", seed);
      const back = modelFromJSON(JSON.parse(formatModelJSON(modelToJSON(model))), "m.json", {
        dtype: "float32",
      });
      assertSameWeights(model, back);
    }
  });

  test("inline round trip through a file is exact in float64 and float32, and keeps training metadata", () => {
    const dir = tempDir();
    for (const dtype of ["float64", "float32"] as const) {
      const model = randomModel(dtype, 7);
      const path = join(dir, `m-${dtype}.json`);
      saveModel(model, path, { training: { epochs: 12, loss: "cce", history: [1.5, 0.75] } });
      const { model: back, training } = loadModelFile(path, { dtype });
      assert.equal(back.dtype, dtype);
      assertSameWeights(model, back);
      assert.deepEqual(training, { epochs: 12, loss: "cce", history: [1.5, 0.75] });
    }
    assert.deepEqual(readdirSync(dir).sort(), ["m-float32.json", "m-float64.json"]);
  });

  test("every activation, one per layer (elu, softplus, gelu, silu included), round-trips through a file and computes the same outputs", () => {
    const dir = tempDir();
    const names = ["elu", "softplus", "gelu", "silu", "leaky_relu", "tanh"] as const;
    const model = Sequential.fromSizes({
      sizes: [3, 4, 4, 4, 4, 4, 2],
      activation: names.slice(0, 5),
      output: names[5],
      dtype: "float64",
      rng: new Random(3),
      biasInit: "uniform",
    });
    const path = join(dir, "activations.json");
    saveModel(model, path);
    assert.deepEqual(
      (JSON.parse(readFileSync(path, "utf8")) as { layers: Array<{ activation: string }> }).layers.map(
        (l) => l.activation,
      ),
      [...names],
    );
    const { model: back } = loadModelFile(path, { dtype: "float64" });
    assertSameWeights(model, back);
    const x = [[0.5, -1.5, 2]];
    assert.deepEqual(back.predict(x).toArray(), model.predict(x).toArray());
  });

  test("the dtype of a loaded model comes from the option (float32 by default for inline weights)", () => {
    const dir = tempDir();
    const path = join(dir, "m.json");
    saveModel(handModel("float64"), path);
    assert.equal(loadModel(path).dtype, "float32");
    assert.ok(loadModel(path).layers[0].weight.data instanceof Float32Array);
    assert.equal(loadModel(path, { dtype: "float64" }).dtype, "float64");
  });
});

describe("the binary-weights variant", () => {
  test("writes JSON + <name>.<sha>.weights.bin: little-endian W then b per layer, exact round trip", () => {
    const dir = tempDir();
    for (const dtype of ["float64", "float32"] as const) {
      const sub = join(dir, dtype);
      mkdirSync(sub);
      const model = handModel(dtype);
      saveModel(model, join(sub, "model.json"), { binary: true, training: { note: "kept" } });
      const json = JSON.parse(readFileSync(join(sub, "model.json"), "utf8"));
      assert.equal(json.weightsFile, `model.${json.weightsSha256.slice(0, 12)}.weights.bin`);
      assert.deepEqual(readdirSync(sub).sort(), ["model.json", json.weightsFile].sort());
      assert.equal(json.weightsDtype, dtype);
      assert.deepEqual(json.layers[0], { type: "dense", inputs: 2, units: 2, activation: "sigmoid" });
      assert.deepEqual(json.training, { note: "kept" });
      // 2·2 + 2 + 1·2 + 1 = 9 values, in the order W⁽¹⁾ (row by row), b⁽¹⁾, W⁽²⁾, b⁽²⁾.
      const bytes = readFileSync(join(sub, json.weightsFile));
      const size = dtype === "float64" ? 8 : 4;
      assert.equal(bytes.length, 9 * size);
      const read = (k: number) => (size === 8 ? bytes.readDoubleLE(k * 8) : bytes.readFloatLE(k * 4));
      const round = dtype === "float64" ? (v: number) => v : Math.fround;
      assert.deepEqual(
        Array.from({ length: 9 }, (_, k) => read(k)),
        [0.2, -0.3, 0.4, 0.1, -0.4, 0.2, 0.3, -0.2, 0.1].map(round),
      );
      const back = loadModel(join(sub, "model.json"));
      assert.equal(back.dtype, dtype, "binary default dtype is weightsDtype");
      assertSameWeights(model, back);
    }
  });

  test("a larger random model round-trips exactly", () => {
    const dir = tempDir();
    const model = randomModel("float32", 3);
    saveModel(model, join(dir, "big.json"), { binary: true });
    assertSameWeights(model, loadModel(join(dir, "big.json"), { dtype: "float32" }));
  });

  test("the byte length, the checksum and a missing weights file are checked on load", () => {
    const dir = tempDir();
    const path = join(dir, "m.json");
    saveModel(handModel("float32"), path, { binary: true });
    const bin = join(dir, JSON.parse(readFileSync(path, "utf8")).weightsFile);
    const good = readFileSync(bin);
    writeFileSync(bin, good.subarray(0, 32));
    assert.throws(
      () => loadModel(path),
      (e: Error) =>
        e instanceof InputError &&
        e.message === `${bin}: expected 36 bytes (9 float32 values: W then b of 2 layers), got 32`,
    );
    const changed = Buffer.from(good);
    changed.writeFloatLE(1.5, 0);
    writeFileSync(bin, changed);
    assert.throws(
      () => loadModel(path),
      /m\.[0-9a-f]{12}\.weights\.bin: its SHA-256 differs from weightsSha256 in .*m\.json/,
    );
    rmSync(bin);
    assert.throws(
      () => loadModel(path),
      /m\.[0-9a-f]{12}\.weights\.bin: cannot read the weights file named by .*\(no such file\)/,
    );
  });

  test("saving again over a binary model: new weights under a new name, the old pair intact until the JSON is replaced", () => {
    const dir = tempDir();
    const path = join(dir, "m.json");
    const first = randomModel("float32", 1);
    saveModel(first, path, { binary: true });
    const oldJson = readFileSync(path, "utf8");
    const oldBin = JSON.parse(oldJson).weightsFile;
    const second = randomModel("float32", 2);
    saveModel(second, path, { binary: true });
    const newBin = JSON.parse(readFileSync(path, "utf8")).weightsFile;
    assert.notEqual(newBin, oldBin, "different weights, different file names");
    assert.deepEqual(readdirSync(dir).sort(), [newBin, "m.json"].sort(), "the old weights file is removed");
    assertSameWeights(second, loadModel(path));
    // A save interrupted after the new weights file was written leaves the old JSON, which still names (and
    // checks against) its own weights file: simulate it by putting the old pair back beside the new file.
    saveModel(first, join(dir, "copy.json"), { binary: true });
    writeFileSync(path, oldJson);
    writeFileSync(
      join(dir, oldBin),
      readFileSync(join(dir, JSON.parse(readFileSync(join(dir, "copy.json"), "utf8")).weightsFile)),
    );
    assertSameWeights(first, loadModel(path));
  });

  test("inline weights are not allowed beside a weightsFile", () => {
    const json = { ...validJSON(), weightsFile: "m.weights.bin", weightsDtype: "float32" };
    assert.throws(
      () => modelFromJSON(json, "m.json", { weights: new Uint8Array(0) }),
      /^InputError: m\.json: layers\[0\]\.weights: not allowed when "weightsFile" is given/,
    );
  });
});

describe("saving is atomic", () => {
  test("a save that fails (non-finite weights) leaves the previous file intact, no temp files", () => {
    const dir = tempDir();
    const path = join(dir, "m.json");
    saveModel(handModel(), path);
    const before = readFileSync(path, "utf8");
    const broken = handModel();
    broken.layers[1].weight.data[1] = Number.NaN;
    assert.throws(() => saveModel(broken, path), /layers\[1\]\.weights\[0\]\[1\]: NaN cannot be saved/);
    assert.throws(() => saveModel(broken, path, { binary: true }), /NaN cannot be saved/);
    assert.equal(readFileSync(path, "utf8"), before);
    assert.deepEqual(readdirSync(dir), ["m.json"]);
    assertSameWeights(loadModel(path, { dtype: "float64" }), handModel());
  });

  test("a save whose rename fails removes its temporary file", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "taken.json"));
    writeFileSync(join(dir, "taken.json", "x"), "occupied");
    assert.throws(() => saveModel(handModel(), join(dir, "taken.json")));
    assert.deepEqual(readdirSync(dir), ["taken.json"]);
  });

  test("overwriting a model replaces it whole", () => {
    const dir = tempDir();
    const path = join(dir, "m.json");
    saveModel(randomModel("float64", 1), path);
    const second = handModel();
    saveModel(second, path);
    assertSameWeights(loadModel(path, { dtype: "float64" }), second);
    assert.deepEqual(readdirSync(dir), ["m.json"]);
  });
});

describe("loading validates everything and names the first problem by its JSON path", () => {
  type Case = [string, (j: ReturnType<typeof validJSON>) => unknown, string];
  const cases: Case[] = [
    [
      "not an object",
      () => [1, 2],
      'm.json: expected a JSON object with "format": "retroprop.model", got an array of 2',
    ],
    [
      "wrong format",
      (j) => ({ ...j, format: "keras" }),
      'm.json: format: expected "retroprop.model", got "keras"',
    ],
    [
      "missing format",
      ({ format: _, ...rest }) => rest,
      'm.json: format: expected "retroprop.model", got nothing',
    ],
    [
      "newer version",
      (j) => ({ ...j, version: 2 }),
      "m.json: version: unsupported version 2 (this retroprop reads version 1)",
    ],
    [
      "unknown top-level key",
      (j) => ({ ...j, layer: [] }),
      "m.json: layer: unknown key (known: format, version, description, layers, weightsFile, weightsDtype, weightsSha256, training)",
    ],
    ["training not an object", (j) => ({ ...j, training: 5 }), "m.json: training: expected an object, got 5"],
    [
      "weightsDtype alone",
      (j) => ({ ...j, weightsDtype: "float32" }),
      'm.json: weightsDtype: only allowed together with "weightsFile"',
    ],
    [
      "weightsFile with a path",
      (j) => ({ ...j, weightsFile: "../w.bin", weightsDtype: "float32" }),
      'm.json: weightsFile: expected a file name beside the model file, got "../w.bin"',
    ],
    [
      "no layers",
      (j) => ({ ...j, layers: [] }),
      "m.json: layers: expected a non-empty array of layers, got an array of 0",
    ],
    ["layer not an object", (j) => ({ ...j, layers: [3] }), "m.json: layers[0]: expected an object, got 3"],
    [
      "unknown layer key (typo)",
      (j) => {
        j.layers[1].wieghts = j.layers[1].weights;
        return j;
      },
      "m.json: layers[1].wieghts: unknown key (known: type, inputs, units, activation, weights, bias)",
    ],
    [
      "layer type",
      (j) => {
        j.layers[0].type = "conv2d";
        return j;
      },
      'm.json: layers[0].type: expected "dense", got "conv2d"',
    ],
    [
      "inputs not an integer",
      (j) => {
        j.layers[0].inputs = 2.5;
        return j;
      },
      "m.json: layers[0].inputs: expected a positive integer, got 2.5",
    ],
    [
      "units zero",
      (j) => {
        j.layers[0].units = 0;
        return j;
      },
      "m.json: layers[0].units: expected a positive integer, got 0",
    ],
    [
      "inputs ≠ previous units",
      (j) => {
        j.layers[1].inputs = 2;
        return j;
      },
      "m.json: layers[1].inputs: expected 3 (layers[0] has 3 units), got 2",
    ],
    [
      "unknown activation",
      (j) => {
        j.layers[1].activation = "sigmod";
        return j;
      },
      'm.json: layers[1].activation: unknown activation "sigmod" (known: sigmoid, tanh, relu, leaky_relu, linear, step, elu, softplus, gelu, silu, softmax)',
    ],
    [
      "activation missing",
      (j) => {
        delete j.layers[0].activation;
        return j;
      },
      "m.json: layers[0].activation: expected one of sigmoid, tanh, relu, leaky_relu, linear, step, elu, softplus, gelu, silu, softmax, got nothing",
    ],
    [
      "too few weight rows",
      (j) => {
        j.layers[0].weights = [[1, 2]];
        return j;
      },
      "m.json: layers[0].weights: expected 3 rows (units) of 2 numbers (inputs), got 1 row",
    ],
    [
      "the issue's example: a short row",
      (j) => {
        j.layers[1].weights = [[1, 2]];
        return j;
      },
      "m.json: layers[1].weights[0]: expected 3 numbers, got 2",
    ],
    [
      "a row that is not an array",
      (j) => {
        j.layers[0].weights = [[1, 2], 7, [5, 6]];
        return j;
      },
      "m.json: layers[0].weights[1]: expected 2 numbers, got 7",
    ],
    [
      "null in place of a number (NaN saved by other tools)",
      (j) => {
        j.layers[0].weights = [
          [1, 2],
          [3, null],
          [5, 6],
        ];
        return j;
      },
      "m.json: layers[0].weights[1][1]: expected a finite number, got null",
    ],
    [
      "a string in place of a number",
      (j) => {
        j.layers[1].bias = ["0.5"];
        return j;
      },
      'm.json: layers[1].bias[0]: expected a finite number, got "0.5"',
    ],
    [
      "an overflowing number",
      (j) => {
        j.layers[1].bias = [Number.POSITIVE_INFINITY];
        return j;
      },
      "m.json: layers[1].bias[0]: expected a finite number, got Infinity",
    ],
    [
      "bias of the wrong length",
      (j) => {
        j.layers[0].bias = [0, 0];
        return j;
      },
      "m.json: layers[0].bias: expected 3 numbers, got 2",
    ],
    [
      "bias missing",
      (j) => {
        delete j.layers[0].bias;
        return j;
      },
      "m.json: layers[0].bias: expected 3 numbers, got nothing",
    ],
  ];
  for (const [name, breakIt, message] of cases) {
    test(name, () => {
      assert.throws(
        () => modelFromJSON(breakIt(validJSON()), "m.json"),
        (e: Error) => {
          assert.ok(e instanceof InputError, String(e));
          assert.equal(e.message, message);
          return true;
        },
      );
    });
  }

  test("the first problem in document order is the one reported", () => {
    const j = validJSON();
    j.layers[0].weights = [[1], [2], [3]];
    j.layers[1].activation = "nope";
    assert.throws(
      () => modelFromJSON(j, "m.json"),
      /^InputError: m\.json: layers\[0\]\.weights\[0\]: expected 2 numbers, got 1$/,
    );
  });

  test("a valid file builds the network it describes", () => {
    const model = modelFromJSON(validJSON(), "m.json", { dtype: "float64" });
    // x = [1, 1]: z⁽¹⁾ = [3, 7, 11], a = σ(z); ŷ = 1·σ(3) + 2·σ(7) + 3·σ(11) + 0.5
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const y = model.predict([[1, 1]]).data[0];
    assert.ok(Math.abs(y - (s(3) + 2 * s(7) + 3 * s(11) + 0.5)) < 1e-14);
  });
});

describe("model files on disk", () => {
  test("a missing file is one line naming it", () => {
    assert.throws(
      () => loadModel("no/such/model.json"),
      /^InputError: no\/such\/model\.json: cannot read the model file \(no such file\)$/,
    );
  });

  test("malformed JSON names file:line:column", () => {
    const dir = tempDir();
    const path = join(dir, "m.json");
    // line 3, column 14 is the "}" where a value should be
    writeFileSync(path, '{\n  "format": "retroprop.model",\n  "version": }\n');
    assert.throws(
      () => loadModel(path),
      (e: Error) => e.message === `${path}:3:14: malformed JSON (unexpected "}")`,
    );
    writeFileSync(path, '{\n  "layers": [\n    [1, 2,]\n  ]\n}');
    assert.throws(
      () => loadModel(path),
      (e: Error) => e.message === `${path}:3:11: malformed JSON (unexpected "]")`,
    );
    writeFileSync(path, '{"a": [1, 2');
    assert.throws(
      () => loadModel(path),
      (e: Error) => e.message === `${path}:1:12: malformed JSON (expected "," or "]", got end of input)`,
    );
  });

  test("the syntax scanner agrees with JSON.parse on what is valid", () => {
    const mutate = (s: string, pos: number, ch: string, del: boolean) =>
      del ? s.slice(0, pos) + s.slice(pos + 1) : s.slice(0, pos) + ch + s.slice(pos);
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.nat(),
        fc.constantFrom("}", "]", ",", ":", '"', "1", "-", "e", ".", " ", "t", "\n", "\\", "{", "["),
        fc.boolean(),
        (v, p, ch, del) => {
          const s = JSON.stringify(v, null, p % 3);
          const t = mutate(s, p % (s.length + 1), ch, del);
          let valid = true;
          try {
            JSON.parse(t);
          } catch {
            valid = false;
          }
          assert.equal(findJsonSyntaxError(t) === null, valid, t);
        },
      ),
      { numRuns: 2000, seed: 42 },
    );
  });
});

describe("sha256Hex (the pure-JavaScript checksum of binary weights)", () => {
  test("agrees with node:crypto on the empty input, a known vector and random bytes", () => {
    assert.equal(
      sha256Hex(new Uint8Array()),
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    const nodeHex = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => sha256Hex(bytes) === nodeHex(bytes)),
      { numRuns: 200, seed: 5 },
    );
  });
});

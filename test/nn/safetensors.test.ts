import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadModelFile } from "../../src/nn/model-file.js";
import {
  MAX_SAFETENSORS_HEADER,
  modelFromSafetensors,
  modelToSafetensors,
  parseSafetensors,
  torchSequentialCode,
} from "../../src/nn/safetensors.js";
import { Sequential } from "../../src/nn/sequential.js";
import type { DType } from "../../src/tensor/dtype.js";
import { Random } from "../../src/tensor/random.js";
import { InputError } from "../../src/util/errors.js";
import { tempOut } from "../experiments/helpers.js";

const tempDir = () => tempOut("safetensors");

/** An independent reader of the format: u64 little-endian header length, JSON header, raw bytes. */
function readIndependently(bytes: Uint8Array) {
  const n = Number(Buffer.from(bytes).readBigUInt64LE(0));
  const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString("utf8"));
  const data = Buffer.from(bytes.subarray(8 + n));
  const tensor = (name: string): number[] => {
    const {
      dtype,
      data_offsets: [begin, end],
    } = header[name];
    const values: number[] = [];
    for (let at = begin; at < end; at += dtype === "F64" ? 8 : 4)
      values.push(dtype === "F64" ? data.readDoubleLE(at) : data.readFloatLE(at));
    return values;
  };
  return { n, header, tensor };
}

function model(dtype: DType = "float32"): Sequential {
  const rng = new Random(4);
  return Sequential.fromSizes({ sizes: [3, 5, 4, 2], activation: "tanh", output: "softmax", rng, dtype });
}

describe("safetensors export", () => {
  for (const dtype of ["float32", "float64"] as const) {
    test(`${dtype}: PyTorch's nn.Sequential names, W out × in, raw little-endian bytes (read independently)`, () => {
      const m = model(dtype);
      const bytes = modelToSafetensors(m);
      const { n, header, tensor } = readIndependently(bytes);
      assert.equal((8 + n) % 8, 0, "data aligned to 8 bytes");
      // Linear, Tanh, Linear, Tanh, Linear, Softmax: the Linears are modules 0, 2 and 4
      assert.deepEqual(
        Object.keys(header)
          .filter((k) => k !== "__metadata__")
          .sort(),
        ["0.bias", "0.weight", "2.bias", "2.weight", "4.bias", "4.weight"],
      );
      assert.deepEqual(header["2.weight"].shape, [4, 5]);
      assert.equal(header["0.weight"].dtype, dtype === "float64" ? "F64" : "F32");
      m.layers.forEach((layer, l) => {
        assert.deepEqual(tensor(`${2 * l}.weight`), Array.from(layer.weight.data));
        assert.deepEqual(tensor(`${2 * l}.bias`), Array.from(layer.bias.data));
      });
      assert.equal(header.__metadata__.format, "pt");
    });
  }

  test("linear layers take no activation module, so indices skip only where PyTorch's would", () => {
    const m = Sequential.fromSizes({
      sizes: [2, 3, 3, 1],
      activation: "linear",
      output: "sigmoid",
      rng: new Random(1),
    });
    const { header } = readIndependently(modelToSafetensors(m));
    assert.ok(header["0.weight"] && header["1.weight"] && header["2.weight"]);
    assert.equal(
      torchSequentialCode(m),
      "model = nn.Sequential(\n    nn.Linear(2, 3),\n    nn.Linear(3, 3),\n    nn.Linear(3, 1),\n    nn.Sigmoid(),\n)",
    );
  });

  test("round trip restores the architecture and the exact weights, with training metadata", () => {
    const m = model("float64");
    const training = { loss: "cce", classNames: ["a", "b"] };
    const back = modelFromSafetensors(modelToSafetensors(m, { training }), "m.safetensors");
    assert.deepEqual(back.training, training);
    assert.equal(back.model.dtype, "float64");
    back.model.layers.forEach((layer, l) => {
      assert.equal(layer.activation, m.layers[l].activation);
      assert.deepEqual(Array.from(layer.weight.data), Array.from(m.layers[l].weight.data));
    });
  });
});

describe("safetensors import refuses bad files in one line", () => {
  const header = (json: unknown, data = new Uint8Array()) => {
    const text = Buffer.from(JSON.stringify(json));
    const bytes = new Uint8Array(8 + text.length + data.length);
    Buffer.from(bytes.buffer).writeBigUInt64LE(BigInt(text.length), 0);
    bytes.set(text, 8);
    bytes.set(data, 8 + text.length);
    return bytes;
  };
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ["too short", new Uint8Array(5), /5 bytes: too short/],
    [
      "a header claiming 2^63 bytes (refused before allocating)",
      (() => {
        const b = new Uint8Array(16);
        Buffer.from(b.buffer).writeBigUInt64LE(2n ** 63n, 0);
        return b;
      })(),
      new RegExp(
        `byte 0: header length 9223372036854775808 exceeds the ${MAX_SAFETENSORS_HEADER}-byte limit`,
      ),
    ],
    ["a header past the end", header({}).subarray(0, 9), /byte 0: header length 2 runs past the end/],
    [
      "offsets past the data",
      header(
        { "0.weight": { dtype: "F32", shape: [1000, 1000], data_offsets: [0, 4_000_000] } },
        new Uint8Array(8),
      ),
      /header: "0\.weight"\.data_offsets: end 4000000 is past the 8 data bytes/,
    ],
    [
      "shape and offsets that disagree",
      header({ "0.weight": { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)),
      /shape \[3\] needs 12 bytes, data_offsets give 8/,
    ],
    [
      "an unsupported dtype",
      header({ "0.weight": { dtype: "BF16", shape: [1], data_offsets: [0, 2] } }, new Uint8Array(2)),
      /"0\.weight"\.dtype: "BF16" is not supported/,
    ],
    [
      "overlapping tensors",
      header(
        {
          a: { dtype: "F32", shape: [2], data_offsets: [0, 8] },
          b: { dtype: "F32", shape: [1], data_offsets: [4, 8] },
        },
        new Uint8Array(8),
      ),
      /"b" overlaps "a"/,
    ],
    [
      "a NaN weight",
      header({ a: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, new Uint8Array([0, 0, 0xc0, 0x7f])),
      /"a": value 0 \(byte \d+\) is NaN/,
    ],
    [
      "no retroprop architecture",
      header({ __metadata__: { format: "pt" } }),
      /__metadata__ has no "retroprop\.architecture"/,
    ],
  ];
  for (const [what, bytes, message] of cases) {
    test(what, () => {
      assert.throws(
        () => modelFromSafetensors(bytes, "m.safetensors"),
        (e: Error) =>
          e instanceof InputError &&
          e.message.startsWith("m.safetensors: ") &&
          message.test(e.message) &&
          !e.message.includes("\n"),
      );
    });
  }

  test("parseSafetensors reads any F32/F64 file (as fuzzers call it)", () => {
    const file = parseSafetensors(
      header({ w: { dtype: "F64", shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8)),
    );
    assert.deepEqual(Array.from(file.tensors.get("w")!.values), [0]);
  });
});

// PyTorch itself, where Debian's python3 has torch (CI does not; the reader above and the ONNX fixtures carry
// the reference there).
const python = "/usr/bin/python3";
const hasTorch = existsSync(python) && spawnSync(python, ["-c", "import torch"]).status === 0;
test("PyTorch builds the printed nn.Sequential, loads the tensors and computes retroprop's outputs", {
  skip: hasTorch ? false : "no /usr/bin/python3 with torch (apt-get install python3-torch)",
}, () => {
  const dir = tempDir();
  const m = model("float32");
  const path = join(dir, "m.safetensors");
  writeFileSync(path, modelToSafetensors(m));
  const x = [
    [0.5, -1, 2],
    [0, 0.25, -0.75],
  ];
  const script = `
import json, struct, sys, torch
from torch import nn
raw = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
header = json.loads(raw[8:8 + n])
def tensor(name):
    h = header[name]
    b, e = h["data_offsets"]
    return torch.frombuffer(bytearray(raw[8 + n + b:8 + n + e]), dtype=torch.float32).reshape(h["shape"])
state = {k: tensor(k) for k in header if k != "__metadata__"}
${torchSequentialCode(m)}
model.load_state_dict(state)
print(json.dumps(model(torch.tensor(${JSON.stringify(x)})).tolist()))
`;
  const r = spawnSync(python, ["-c", script, path], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const torchOut = JSON.parse(r.stdout) as number[][];
  const ours = m.predict(x).toArray() as number[][];
  torchOut.forEach((row, n) =>
    row.forEach((v, k) => assert.ok(Math.abs(v - ours[n][k]) < 1e-5, `${v} vs ${ours[n][k]}`)),
  );
});

test("the model loader reads safetensors by extension or by its first bytes", () => {
  const dir = tempDir();
  const bytes = modelToSafetensors(model());
  for (const name of ["m.safetensors", "m.bin"]) {
    writeFileSync(join(dir, name), bytes);
    const { model: back } = loadModelFile(join(dir, name));
    assert.deepEqual(back.sizes, [3, 5, 4, 2]);
  }
});

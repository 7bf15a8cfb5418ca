import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import onnxProto from "onnx-proto";
import * as ort from "onnxruntime-web";
import { ACTIVATIONS } from "../../src/nn/activations.js";
import { Dense } from "../../src/nn/dense.js";
import { loadModelFile } from "../../src/nn/model-file.js";
import { modelFromOnnx, modelToOnnx, onnxExportable } from "../../src/nn/onnx.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Random } from "../../src/tensor/random.js";
import { InputError } from "../../src/util/errors.js";

const { onnx } = onnxProto;
const fixtures = fileURLToPath(new URL("../../../test/fixtures/torch/", import.meta.url));
// onnxruntime-web's WebAssembly build, single-threaded (no worker threads to leave behind in a test).
ort.env.wasm.numThreads = 1;

/** Runs the ONNX bytes in ONNX Runtime on a float32 batch. */
async function runOrt(bytes: Uint8Array, x: number[][]): Promise<number[][]> {
  const session = await ort.InferenceSession.create(bytes);
  const input = new ort.Tensor("float32", Float32Array.from(x.flat()), [x.length, x[0].length]);
  const out = (await session.run({ [session.inputNames[0]]: input }))[session.outputNames[0]];
  const width = out.dims[out.dims.length - 1];
  const data = Array.from(out.data as Float32Array);
  return x.map((_, n) => data.slice(n * width, (n + 1) * width));
}

function randomRows(rng: Random, n: number, width: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: width }, () => rng.uniform(-3, 3)));
}

function assertClose(actual: number[][], expected: number[][], tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: rows`);
  actual.forEach((row, n) =>
    row.forEach((v, k) => {
      const e = expected[n][k];
      assert.ok(Math.abs(v - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${n}][${k}]: ${v} vs ${e}`);
    }),
  );
}

/** A 2-3-1 relu/sigmoid network. */
const small = () =>
  Sequential.fromSizes({ sizes: [2, 3, 1], activation: "relu", output: "sigmoid", rng: new Random(1) });

// step is the perceptron's threshold unit: no gradient, not trained by backpropagation, not exported.
const EXPORTABLE = ACTIVATIONS.filter((a) => a !== "step");

describe("ONNX export runs in ONNX Runtime", () => {
  for (const activation of EXPORTABLE) {
    test(`random 5-7-6-4 model, ${activation} hidden and output: ONNX Runtime's outputs equal retroprop's to 1e-5`, async () => {
      const rng = new Random(11 + ACTIVATIONS.indexOf(activation));
      const model = Sequential.fromSizes({ sizes: [5, 7, 6, 4], activation, output: activation, rng });
      const x = randomRows(rng, 9, 5);
      const ours = model.predict(x).toArray() as number[][];
      assertClose(await runOrt(modelToOnnx(model), x), ours, 1e-5, activation);
    });
  }

  test("every trainable activation has an ONNX form (a new activation needs its row in onnx.ts's ONNX_ACTIVATIONS)", () => {
    for (const a of EXPORTABLE) assert.ok(onnxExportable(a), a);
  });

  test("a float64 model is exported as float32 and still agrees to 1e-5", async () => {
    const rng = new Random(3);
    const model = Sequential.fromSizes({
      sizes: [3, 8, 2],
      activation: "tanh",
      output: "softmax",
      rng,
      dtype: "float64",
    });
    const x = randomRows(rng, 4, 3);
    assertClose(
      await runOrt(modelToOnnx(model), x),
      model.predict(x).toArray() as number[][],
      1e-5,
      "float64",
    );
  });

  test("a step layer is refused by name", () => {
    const model = new Sequential([new Dense(2, 1, "step", { init: "zeros" })]);
    assert.throws(() => modelToOnnx(model), /layers\[0\]: activation "step" has no ONNX form/);
  });

  test("the graph is Gemm with transB=1 per layer, opset 13", () => {
    const proto = onnx.ModelProto.decode(modelToOnnx(small()));
    assert.deepEqual(
      proto.graph?.node?.map((n) => n.opType),
      ["Gemm", "Relu", "Gemm", "Sigmoid"],
    );
    const gemm = proto.graph?.node?.[0];
    assert.equal(Number(gemm?.attribute?.find((a) => a.name === "transB")?.i), 1);
    assert.equal(Number(proto.opsetImport?.[0].version), 13);
    // W⁽¹⁾ stored as units × inputs, the layout Gemm reads with transB
    assert.deepEqual(proto.graph?.initializer?.[0].dims?.map(Number), [3, 2]);
  });
});

describe("ONNX import", () => {
  for (const activation of EXPORTABLE) {
    test(`export then import restores a ${activation} model (float32 weights exactly)`, () => {
      const model = Sequential.fromSizes({
        sizes: [4, 3, 2],
        activation,
        output: activation,
        rng: new Random(5),
      });
      const back = modelFromOnnx(modelToOnnx(model), "m.onnx").model;
      assert.deepEqual(back.sizes, model.sizes);
      back.layers.forEach((layer, l) => {
        assert.equal(layer.activation, activation);
        assert.deepEqual(Array.from(layer.weight.data), Array.from(model.layers[l].weight.data));
        assert.deepEqual(Array.from(layer.bias.data), Array.from(model.layers[l].bias.data));
      });
    });
  }

  for (const [name, ops] of [
    ["mlp-gemm", ["Flatten", "Gemm", "Relu", "Gemm", "Tanh", "Gemm", "Softmax"]],
    ["mlp-matmul", ["MatMul", "Add", "LeakyRelu", "MatMul", "Add", "Sigmoid", "MatMul", "Add"]],
    [
      "mlp-gelu",
      [
        ...["Gemm", "Constant", "Div", "Erf", "Constant", "Add", "Mul", "Constant", "Mul"],
        ...["Gemm", "Sigmoid", "Mul", "Gemm", "Elu", "Gemm", "Softplus", "Gemm"],
      ],
    ],
  ] as const) {
    test(`PyTorch's ${name}.onnx imports with PyTorch's weights and outputs (to 1e-5)`, () => {
      const bytes = readFileSync(`${fixtures}${name}.onnx`);
      // the fixture is what the test says it is: torch.onnx.export's own op sequence
      const proto = onnx.ModelProto.decode(bytes);
      assert.deepEqual(
        proto.graph?.node?.map((n) => n.opType),
        ops,
      );
      const reference = JSON.parse(readFileSync(`${fixtures}${name}.reference.json`, "utf8"));
      const x = JSON.parse(readFileSync(`${fixtures}${name}.x.json`, "utf8"));
      const { model } = loadModelFile(`${fixtures}${name}.onnx`, { dtype: "float64" });
      model.layers.forEach((layer, l) => {
        const flat = reference.layers[l].weights.flat();
        flat.forEach((w: number, i: number) => assert.equal(layer.weight.data[i], w, `W${l + 1}[${i}]`));
        assert.deepEqual(Array.from(layer.bias.data), reference.layers[l].bias);
      });
      assertClose(model.predict(x).toArray() as number[][], reference.outputs, 1e-5, name);
    });
  }

  const bad = (mutate: (m: onnxProto.onnx.IModelProto) => void): Uint8Array => {
    const proto = onnx.ModelProto.toObject(
      onnx.ModelProto.decode(modelToOnnx(small())),
    ) as onnxProto.onnx.IModelProto;
    mutate(proto);
    return onnx.ModelProto.encode(onnx.ModelProto.fromObject(proto)).finish();
  };

  test("an op it cannot read is refused naming the node", () => {
    const bytes = bad((m) => {
      m.graph!.node![1] = { opType: "Conv", name: "/0/Conv", input: ["z1"], output: ["a1"] };
    });
    assert.throws(
      () => modelFromOnnx(bytes, "m.onnx"),
      (e: Error) =>
        e instanceof InputError && /^m\.onnx: node 1 "\/0\/Conv" \(Conv\): not a dense layer/.test(e.message),
    );
  });

  test("a weight tensor whose dims claim more than the file holds is refused before allocating", () => {
    const bytes = bad((m) => {
      m.graph!.initializer![0].dims = [1_000_000_000, 1_000_000_000];
    });
    assert.throws(
      () => modelFromOnnx(bytes, "m.onnx"),
      /initializer "W1": dims \[1000000000,1000000000\] claim 1000000000000000000 values, the file holds 6/,
    );
  });

  // Found by the fuzzing table (test/fuzz): zero values fit dims [10^12, 0], and b had 10^12 entries allocated.
  test("weights with no values (a zero in the dims) are refused before the bias is allocated", () => {
    for (const [dims, units, inputs] of [
      [[1e12, 0], 1e12, 0],
      [[2, 0], 2, 0],
      [[0, 3], 0, 3],
    ] as const) {
      const bytes = bad((m) => {
        const w = m.graph!.initializer![0];
        w.dims = [...dims];
        w.rawData = new Uint8Array();
      });
      assert.throws(
        () => modelFromOnnx(bytes, "m.onnx"),
        (e: Error) =>
          e instanceof InputError &&
          e.message ===
            `m.onnx: node 0 "dense1" (Gemm): weights "W1" have ${units} units and ${inputs} inputs: a dense layer needs at least one of each`,
      );
    }
  });

  test("a length past the end of the file is refused naming the byte where it was read", () => {
    // 0x12: field 2 (graph), length-delimited; its length, the varint ff ff ff 0f, is 2^25 − 1, read at bytes 3..6.
    const bytes = new Uint8Array([0x08, 0x07, 0x12, 0xff, 0xff, 0xff, 0x0f]);
    assert.throws(
      () => modelFromOnnx(bytes, "m.onnx"),
      (e: Error) =>
        e instanceof InputError &&
        e.message ===
          `m.onnx: not a readable ONNX protobuf (byte 7: ${2 ** 25 - 1} bytes to read, past the end of the file (7 bytes))`,
    );
  });

  test("truncated or garbage bytes are one line naming the file", () => {
    const good = bad(() => {});
    for (const bytes of [
      good.subarray(0, good.length - 7),
      new Uint8Array([0x08, 0x07, 0x12, 0xff, 0xff, 0xff, 0x0f]),
    ]) {
      assert.throws(
        () => modelFromOnnx(bytes, "m.onnx"),
        (e: Error) =>
          e instanceof InputError && e.message.startsWith("m.onnx: ") && !e.message.includes("\n"),
      );
    }
  });

  test("LeakyRelu with another slope, external weights and a non-float type are refused", () => {
    const slope = bad((m) => {
      m.graph!.node![1] = {
        opType: "LeakyRelu",
        name: "lr",
        input: ["z1"],
        output: ["a1"],
        attribute: [{ name: "alpha", type: 1, f: 0.2 }],
      };
    });
    assert.throws(() => modelFromOnnx(slope, "m.onnx"), /node 1 "lr" \(LeakyRelu\): LeakyRelu alpha 0\.2/);
    const external = bad((m) => {
      m.graph!.initializer![0].dataLocation = 1;
    });
    assert.throws(() => modelFromOnnx(external, "m.onnx"), /initializer "W1": external data/);
    const int = bad((m) => {
      m.graph!.initializer![0].dataType = 7;
    });
    assert.throws(() => modelFromOnnx(int, "m.onnx"), /initializer "W1": data type 7 is not supported/);
  });
});

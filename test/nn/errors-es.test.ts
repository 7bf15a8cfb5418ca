/**
 * The library's errors about models and training (src/nn, src/optim, src/train, src/classic) in English and in
 * Spanish: for each source file, an error brought about through the real call (a library function, or the CLI
 * with --lang es), its English message and its Spanish line (errorText) compared with lines written out here.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import onnxProto from "onnx-proto";
import { trainDeltaRule } from "../../src/classic/delta-rule.js";
import { thresholdOutput, trainPerceptron } from "../../src/classic/perceptron.js";
import { Dense } from "../../src/nn/dense.js";
import { parseInitializer } from "../../src/nn/init.js";
import { parseLoss } from "../../src/nn/losses.js";
import { backpropTrace, MatrixBackprop } from "../../src/nn/matrix-backprop.js";
import { modelFromOnnx, modelToOnnx } from "../../src/nn/onnx.js";
import { modelFromSafetensors, modelToSafetensors } from "../../src/nn/safetensors.js";
import { Sequential } from "../../src/nn/sequential.js";
import { modelFromJSON, modelToJSON } from "../../src/nn/serialize.js";
import { clipGradNorm } from "../../src/optim/clip.js";
import { makeOptimizer, SGD } from "../../src/optim/optimizers.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { ShapeError } from "../../src/tensor/shape.js";
import { BatchIterator } from "../../src/train/batches.js";
import { checkExamples } from "../../src/train/check-examples.js";
import { evaluate } from "../../src/train/evaluate.js";
import { fit, MemoryStore } from "../../src/train/index.js";
import { lastGoodSavedTo } from "../../src/train/run-state.js";
import { scheduleFromSpec } from "../../src/train/setup.js";
import { DivergenceError, InputError, RetropropError } from "../../src/util/errors.js";
import { localizedError, messages } from "../../src/util/i18n.js";
import { dataErrorsEn } from "../../src/util/messages/errors-data.en.js";
import { engineErrorsEn } from "../../src/util/messages/errors-engine.en.js";
import { figureErrorsEn } from "../../src/util/messages/errors-figures.en.js";
import { modelErrorsEn } from "../../src/util/messages/errors-model.en.js";
import { NOTES_XOR } from "../cli/notes-xor.js";
import { runCli } from "../cli/run-cli.js";
import { saysBoth } from "../util/says-both.js";

const { onnx } = onnxProto;

/** The notes' 2-2-1 sigmoid network for XOR (note 000's weights), as a model file holds it. */
function xorJSON() {
  const { W1, b1, W2, b2 } = NOTES_XOR;
  const dense = (inputs: number, units: number, weights: number[][], bias: number[]) => ({
    type: "dense",
    inputs,
    units,
    activation: "sigmoid",
    weights,
    bias,
  });
  return {
    format: "retroprop.model",
    version: 1,
    layers: [dense(2, 2, W1, b1), dense(2, 1, [W2], [b2])],
  };
}

function xorModel(): Sequential {
  return modelFromJSON(xorJSON(), "xor.json");
}

const X = NDArray.from(NOTES_XOR.X, "float64");
const Y = NDArray.from(
  NOTES_XOR.Y.map((y) => [y]),
  "float64",
);

const work = mkdtempSync(join(tmpdir(), "retroprop-errors-es-"));
after(() => rmSync(work, { recursive: true, force: true }));

describe("model and training errors in Spanish", () => {
  test("the area's keys are its own: no other catalogue file or the errors namespace replaces one", async () => {
    const others = { ...dataErrorsEn, ...engineErrorsEn, ...figureErrorsEn };
    for (const key of Object.keys(modelErrorsEn)) {
      assert.ok(!Object.hasOwn(others, key), `${key} is also another area's key`);
      const en = messages("en").errors as Record<string, unknown>;
      assert.equal(
        en[key],
        (modelErrorsEn as Record<string, unknown>)[key],
        `errors.${key} is not the model area's`,
      );
    }
  });

  test("nn/serialize.ts: a model JSON's problems name the JSON path, the values quoted in each language", async () => {
    const json = xorJSON();
    json.layers[1].weights = [[0.3]];
    await saysBoth(
      () => modelFromJSON(json, "m.json"),
      InputError,
      "m.json: layers[1].weights[0]: expected 2 numbers, got 1",
      "m.json: layers[1].weights[0]: se esperaban 2 números, se recibió 1",
    );
    const rows = xorJSON() as Record<string, unknown> & { layers: Record<string, unknown>[] };
    rows.layers[0].weights = { a: 1 };
    await saysBoth(
      () => modelFromJSON(rows, "m.json"),
      InputError,
      "m.json: layers[0].weights: expected 2 rows (units) of 2 numbers (inputs), got an object",
      "m.json: layers[0].weights: se esperaban 2 filas (unidades) de 2 números (entradas), se recibió un objeto",
    );
    await saysBoth(
      () => modelFromJSON([1, 2, 3], "m.json"),
      InputError,
      'm.json: expected a JSON object with "format": "retroprop.model", got an array of 3',
      'm.json: se esperaba un objeto JSON con "format": "retroprop.model", se recibió un arreglo de 3',
    );
    const model = xorModel();
    model.layers[0].bias.data[1] = Number.NaN;
    await saysBoth(
      () => modelToJSON(model),
      RetropropError,
      "layers[0].bias[1]: NaN cannot be saved (the model has non-finite weights; did training diverge?)",
      "layers[0].bias[1]: NaN no se puede guardar (el modelo tiene pesos no finitos; ¿divergió el entrenamiento?)",
    );
  });

  test("nn/safetensors.ts: a truncated file and a missing tensor", async () => {
    const bytes = modelToSafetensors(xorModel());
    // The header length is the first 8 bytes, little-endian: a file cut to 100 bytes holds less than it claims.
    const claimed = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
    await saysBoth(
      () => modelFromSafetensors(bytes.subarray(0, 100), "m.safetensors"),
      InputError,
      `m.safetensors: byte 0: header length ${claimed} runs past the end of the file (100 bytes)`,
      `m.safetensors: byte 0: la longitud del encabezado, ${claimed}, pasa del final del archivo (100 bytes)`,
    );
    await saysBoth(
      () => modelToSafetensors(new Sequential([new Dense(2, 1, "step")])),
      RetropropError,
      'layers[0]: activation "step" has no PyTorch module (exportable: linear, sigmoid, tanh, relu, leaky_relu, softmax, elu, softplus, gelu, silu)',
      'layers[0]: la función de activación "step" no tiene módulo de PyTorch (se pueden exportar: linear, sigmoid, tanh, relu, leaky_relu, softmax, elu, softplus, gelu, silu)',
    );
  });

  test("nn/onnx.ts: the decoder's byte, a node and an initializer, each part in the reader's language", async () => {
    // 0x12: field 2 (graph), length-delimited; its length, the varint ff ff ff 0f, is 2^25 − 1, read at bytes 3..6.
    const past = new Uint8Array([0x08, 0x07, 0x12, 0xff, 0xff, 0xff, 0x0f]);
    await saysBoth(
      () => modelFromOnnx(past, "m.onnx"),
      InputError,
      `m.onnx: not a readable ONNX protobuf (byte 7: ${2 ** 25 - 1} bytes to read, past the end of the file (7 bytes))`,
      `m.onnx: no es un protobuf ONNX legible (byte 7: faltan ${2 ** 25 - 1} bytes por leer, más allá del final del archivo (7 bytes))`,
    );
    // A varint runs at most 10 bytes; eleven bytes with the continuation bit set are no varint.
    const varint = new Uint8Array([0x08, ...new Array(10).fill(0xff)]);
    await saysBoth(
      () => modelFromOnnx(varint, "m.onnx"),
      InputError,
      "m.onnx: not a readable ONNX protobuf (invalid varint encoding)",
      "m.onnx: no es un protobuf ONNX legible (entero de longitud variable (varint) mal codificado)",
    );
    const mutated = (mutate: (m: onnxProto.onnx.IModelProto) => void): Uint8Array => {
      const proto = onnx.ModelProto.toObject(
        onnx.ModelProto.decode(modelToOnnx(xorModel())),
      ) as onnxProto.onnx.IModelProto;
      mutate(proto);
      return onnx.ModelProto.encode(onnx.ModelProto.fromObject(proto)).finish();
    };
    const conv = mutated((m) => {
      m.graph!.node![1] = { opType: "Conv", name: "/0/Conv", input: ["z1"], output: ["a1"] };
    });
    await saysBoth(
      () => modelFromOnnx(conv, "m.onnx"),
      InputError,
      'm.onnx: node 1 "/0/Conv" (Conv): not a dense layer, activation or pass-through; retroprop reads Linear/activation MLPs only',
      'm.onnx: nodo 1 "/0/Conv" (Conv): no es una capa densa, ni una función de activación, ni un paso directo; retroprop solo lee MLP de Linear y funciones de activación',
    );
    const claim = mutated((m) => {
      m.graph!.initializer![0].dims = [3, 3];
    });
    await saysBoth(
      () => modelFromOnnx(claim, "m.onnx"),
      InputError,
      'm.onnx: initializer "W1": dims [3,3] claim 9 values, the file holds 4',
      'm.onnx: inicializador "W1": dims [3,3] declara 9 valores, el archivo tiene 4',
    );
  });

  test("nn/sequential.ts: layers that do not chain, and inputs of the wrong shape", async () => {
    await saysBoth(
      () => new Sequential([new Dense(2, 3, "sigmoid"), new Dense(2, 1, "sigmoid")]),
      ShapeError,
      "layer 1 takes 2 inputs but layer 0 has 3 units",
      "la capa 1 recibe 2 entradas pero la capa 0 tiene 3 unidades",
    );
    await saysBoth(
      () => xorModel().predict(NDArray.zeros([4, 3], "float32")),
      ShapeError,
      "model expects inputs of shape [N,2], got [4,3]",
      "el modelo espera entradas de forma [N,2], se recibió [4,3]",
    );
    await saysBoth(
      () => Sequential.fromSizes({ sizes: [2, 3, 3, 1], activation: ["relu"], output: "sigmoid" }),
      InputError,
      "1 hidden activation (relu) for 2 hidden layers: give one, or one per hidden layer",
      "1 función de activación oculta (relu) para 2 capas ocultas: indique una, o una por capa oculta",
    );
  });

  test("nn/dense.ts: a layer's sizes", async () => {
    await saysBoth(
      () => new Dense(0, 3, "relu"),
      InputError,
      "Dense: inputs and units must be positive integers, got 0 and 3",
      "Dense: las entradas y las unidades deben ser enteros positivos, se recibió 0 y 3",
    );
  });

  test("nn/matrix-backprop.ts, nn/losses.ts, nn/init.ts", async () => {
    await saysBoth(
      () => backpropTrace(xorModel(), X, NDArray.zeros([4, 2], "float64"), "mse"),
      ShapeError,
      "targets must be [4,1], got [4,2]",
      "los objetivos deben ser [4,1], se recibió [4,2]",
    );
    await saysBoth(
      () => new MatrixBackprop(xorModel(), 2).forward(new Float32Array(6), 3),
      ShapeError,
      "batch of 3 rows; this trainer holds 1..2",
      "lote de 3 filas; este entrenador admite de 1 a 2",
    );
    await saysBoth(
      () => parseLoss("hinge"),
      InputError,
      'unknown loss "hinge" (known: mse, bce, cce)',
      'función de pérdida desconocida "hinge" (se conocen: mse, bce, cce)',
    );
    const known = "glorot_uniform, glorot_normal, he_uniform, he_normal, normal, uniform, zeros, nielsen";
    await saysBoth(
      () => parseInitializer("ones"),
      RetropropError,
      `unknown initializer "ones" (known: ${known})`,
      `inicialización desconocida "ones" (se conocen: ${known})`,
    );
  });

  test("optim/optimizers.ts and optim/clip.ts: a learning rate, an unknown optimizer, the clipping norm", async () => {
    await saysBoth(
      () => new SGD({ lr: 0.1, weightDecay: -1 }),
      RetropropError,
      "weightDecay must be a finite number ≥ 0, got -1",
      "weightDecay debe ser un número finito ≥ 0, se recibió -1",
    );
    await saysBoth(
      () => makeOptimizer("lbfgs"),
      RetropropError,
      'unknown optimizer "lbfgs" (known: sgd, momentum, nesterov, rmsprop, adam)',
      'optimizador desconocido "lbfgs" (se conocen: sgd, momentum, nesterov, rmsprop, adam)',
    );
    await saysBoth(
      () => clipGradNorm([], 0),
      RetropropError,
      "gradient clipping: the maximum norm must be a positive number, got 0",
      "recorte del gradiente: la norma máxima debe ser un número positivo, se recibió 0",
    );
  });

  test("train/setup.ts and train/fit.ts: fit's checks", async () => {
    const sgd = () => makeOptimizer("sgd");
    await saysBoth(
      () => fit(xorModel(), X, Y, { loss: "cce", epochs: 1, optimizer: sgd() }),
      InputError,
      "loss cce needs a softmax output layer (got sigmoid); use bce or mse with sigmoid",
      "la pérdida cce necesita una capa de salida softmax (se recibió sigmoid); use bce o mse con sigmoid",
    );
    await saysBoth(
      () => fit(xorModel(), X, [[0], [1]], { loss: "mse", epochs: 1, optimizer: sgd() }),
      InputError,
      "training targets have 2 rows but the inputs have 4",
      "los objetivos de entrenamiento tienen 2 filas pero las entradas tienen 4",
    );
    const validationData = { x: NDArray.zeros([2, 3], "float64"), y: NDArray.zeros([2, 1], "float64") };
    await saysBoth(
      () => fit(xorModel(), X, Y, { loss: "mse", epochs: 1, optimizer: sgd(), validationData }),
      ShapeError,
      "validation inputs must have shape [N,2], got [2,3]",
      "las entradas de validación deben tener forma [N,2], se recibió [2,3]",
    );
    await saysBoth(
      () => fit(xorModel(), X, Y, { loss: "mse", epochs: 1.5, optimizer: sgd() }),
      InputError,
      "epochs must be a non-negative integer, got 1.5",
      "las épocas deben ser un entero no negativo, se recibió 1.5",
    );
    await saysBoth(
      () => scheduleFromSpec("linear:3", 10),
      InputError,
      'schedule: expected step:EPOCHS[:GAMMA], exp:GAMMA or cosine[:MIN_LR], got "linear:3"',
      'calendario: se esperaba step:EPOCHS[:GAMMA], exp:GAMMA o cosine[:MIN_LR], se recibió "linear:3"',
    );
  });

  test("train/batches.ts, train/evaluate.ts, train/check-examples.ts", async () => {
    await saysBoth(
      () => new BatchIterator({ x: X, y: Y }, 0, new Random(1)),
      InputError,
      "batch size must be a positive integer, got 0",
      "el tamaño de lote debe ser un entero positivo, se recibió 0",
    );
    await saysBoth(
      () => evaluate(xorModel(), X, Y),
      InputError,
      "evaluate needs options.loss: this model has not been trained by fit, so it has no loss to reuse",
      "evaluate necesita options.loss: fit no entrenó este modelo, así que no tiene una pérdida que reutilizar",
    );
    const from = { model: "m.json", inputs: "x.json", targets: "y.json" };
    const x = X.toArray(2) as number[][];
    await saysBoth(
      () => checkExamples(xorModel(), x, [[0], [1], [2], [0]], "bce", from),
      InputError,
      "y.json: [2][0]: bce targets must lie in [0, 1], got 2",
      "y.json: [2][0]: los objetivos de bce deben estar en [0, 1], se recibió 2",
    );
    await saysBoth(
      () => checkExamples(xorModel(), [[0, 1, 2]], [[0]], "mse", from),
      InputError,
      "x.json: rows have 3 values but the model takes 2 inputs",
      "x.json: las filas tienen 3 valores pero el modelo recibe 2 entradas",
    );
    const step = new Sequential([new Dense(2, 1, "step")]);
    await saysBoth(
      () => checkExamples(step, [[0, 1]], [[1]], "mse", from),
      InputError,
      'm.json: layers[0].activation: "step" has no useful gradient (f′ = 0); backpropagation needs a differentiable activation (the perceptron trains threshold units)',
      'm.json: layers[0].activation: "step" no tiene un gradiente útil (f′ = 0); la retropropagación necesita una función de activación derivable (el perceptrón entrena unidades de umbral)',
    );
  });

  test("train/run-state.ts: a divergence that is not fit's own says where its last good weights went", async () => {
    const delta = localizedError(DivergenceError, "deltaDiverged", 3, 1, 10);
    await saysBoth(
      () => {
        throw lastGoodSavedTo(delta, "last.json");
      },
      DivergenceError,
      "delta rule diverged at update 3 (epoch 1): the error is no longer finite; try a smaller learning rate than 10; last good weights saved to last.json",
      "la regla delta divergió en la actualización 3 (época 1): el error ya no es finito; pruebe con una tasa de aprendizaje menor que 10; últimos pesos buenos guardados en last.json",
    );
  });

  /** A finished run's checkpoint in memory, and its files by role. */
  async function checkpointed(): Promise<{ store: MemoryStore; manifest: Record<string, unknown> }> {
    const store = new MemoryStore();
    await fit(xorModel(), X, Y, {
      loss: "mse",
      epochs: 2,
      optimizer: makeOptimizer("sgd"),
      checkpoint: { store },
    });
    const manifest = JSON.parse(new TextDecoder().decode(store.files.get("manifest.json")));
    return { store, manifest };
  }

  /** Rewrites the state file (and its size and SHA-256 in the manifest, as a hand-edited pair would). */
  function editState(
    store: MemoryStore,
    manifest: Record<string, unknown>,
    edit: (s: Record<string, unknown>) => void,
  ) {
    const files = manifest.files as { name: string; bytes: number; sha256: string }[];
    const state = JSON.parse(new TextDecoder().decode(store.files.get(files[0].name)));
    edit(state);
    const bytes = new TextEncoder().encode(JSON.stringify(state));
    store.files.set(files[0].name, bytes);
    files[0].bytes = bytes.length;
    files[0].sha256 = createHash("sha256").update(bytes).digest("hex");
    store.files.set("manifest.json", new TextEncoder().encode(JSON.stringify(manifest)));
    return files[0].name;
  }

  const resume = (store: MemoryStore) =>
    fit(xorModel(), X, Y, {
      loss: "mse",
      epochs: 2,
      optimizer: makeOptimizer("sgd"),
      checkpoint: { store, resume: true },
    });

  test("train/checkpoint.ts, checkpoint-store.ts, checkpoint-pack.ts: options and damaged checkpoints", async () => {
    const store = new MemoryStore();
    await saysBoth(
      () =>
        fit(xorModel(), X, Y, {
          loss: "mse",
          epochs: 1,
          optimizer: makeOptimizer("sgd"),
          checkpoint: { store, every: 0 },
        }),
      InputError,
      "checkpoint every: expected a positive whole number of epochs or steps, got 0",
      "cada cuánto guardar el punto de control: se esperaba un número entero positivo de épocas o de actualizaciones, se recibió 0",
    );

    const damaged = await checkpointed();
    damaged.store.files.set("manifest.json", new TextEncoder().encode("{"));
    await saysBoth(
      () => resume(damaged.store),
      InputError,
      "memory/manifest.json: not JSON: the checkpoint is damaged",
      "memory/manifest.json: no es JSON: el punto de control está dañado",
    );

    const edited = await checkpointed();
    const name = editState(edited.store, edited.manifest, (s) => {
      s.stopped = "no";
    });
    await saysBoth(
      () => resume(edited.store),
      InputError,
      `checkpoint memory/${name}: stopped: expected true or false`,
      `punto de control memory/${name}: stopped: se esperaba true o false`,
    );

    const pointer = await checkpointed();
    editState(pointer.store, pointer.manifest, (s) => {
      s.params = [99, 0, 0, 0];
    });
    const tensors = (pointer.manifest.files as { name: string }[])[1].name;
    await saysBoth(
      () => resume(pointer.store),
      InputError,
      `memory/${tensors}: params[0]: no array 99`,
      `memory/${tensors}: params[0]: no hay arreglo 99`,
    );
  });

  test("classic/perceptron.ts and classic/delta-rule.ts (classic/examples.ts): the learner's name, then the problem", async () => {
    await saysBoth(
      () => trainPerceptron([[0, 1]], [2]),
      InputError,
      "perceptron: target [0] must be 0 or 1, got 2",
      "perceptrón: el objetivo [0] debe ser 0 o 1, se recibió 2",
    );
    await saysBoth(
      () => trainDeltaRule([[1, 2], [3]], [1, 2], { learningRate: 0.1 }),
      InputError,
      "delta rule: input row 1 has 1 values, expected 2",
      "regla delta: la fila de entradas 1 tiene 1 valor, se esperaban 2",
    );
    await saysBoth(
      () => trainDeltaRule([[1, 2]], [1], { learningRate: 0 }),
      InputError,
      "delta rule: learning rate must be a positive number, got 0",
      "regla delta: la tasa de aprendizaje debe ser un número positivo, se recibió 0",
    );
    await saysBoth(
      () => thresholdOutput({ weights: [1, 1], bias: 0 }, [1]),
      InputError,
      "threshold unit: input has 1 values but the unit has 2 weights",
      "unidad de umbral: la entrada tiene 1 valor pero la unidad tiene 2 pesos",
    );
  });
});

describe("the CLI says the model and checkpoint errors in Spanish: one line, non-zero, no stack", () => {
  const input = join(work, "in.json");
  writeFileSync(input, "[[0, 1]]\n");
  const oneSpanishLine = (r: { status: number | null; stdout: string; stderr: string }, line: string) => {
    assert.notEqual(r.status, 0);
    assert.equal(r.stderr, `retroprop: ${line}\n`);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  };

  test("predict --lang es on a truncated safetensors file", async () => {
    const path = join(work, "cut.safetensors");
    const bytes = modelToSafetensors(xorModel());
    writeFileSync(path, bytes.subarray(0, 100));
    const claimed = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
    oneSpanishLine(
      runCli(["predict", "--model", path, "--input", input, "--lang", "es"]),
      `${path}: byte 0: la longitud del encabezado, ${claimed}, pasa del final del archivo (100 bytes)`,
    );
  });

  test("predict --lang es on a model JSON whose weights have the wrong shape names the JSON path", async () => {
    const path = join(work, "bad.json");
    const json = xorJSON();
    json.layers[0].weights = [[0.2, -0.3], [0.4]];
    writeFileSync(path, JSON.stringify(json));
    oneSpanishLine(
      runCli(["predict", "--model", path, "--input", input, "--lang", "es"]),
      `${path}: layers[0].weights[1]: se esperaban 2 números, se recibió 1`,
    );
  });

  test("train --resume DIR --lang es on a checkpoint whose state file was cut short", async () => {
    const dir = join(work, "ckpt");
    const first = runCli([
      "train",
      "--data",
      "xor",
      "--layers",
      "2,3,1",
      "--epochs",
      "3",
      "--quiet",
      "--checkpoint",
      dir,
    ]);
    assert.equal(first.status, 0, first.stderr);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    const state = manifest.files[0] as { name: string; bytes: number; sha256: string };
    assert.ok(readdirSync(dir).includes(state.name));
    const cut = readFileSync(join(dir, state.name)).subarray(0, 20);
    writeFileSync(join(dir, state.name), cut);
    const sha = createHash("sha256").update(cut).digest("hex").slice(0, 12);
    oneSpanishLine(
      runCli(["train", "--resume", dir, "--lang", "es"]),
      `${dir}/${state.name}: 20 bytes con SHA-256 ${sha}…, manifest.json dice ${state.bytes} bytes, ${state.sha256.slice(0, 12)}…: el punto de control está dañado`,
    );
  });
});

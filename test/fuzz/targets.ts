/**
 * Every input parser retroprop has, as one table for the fuzzing harness. Valid inputs are written here by
 * hand (IDX and model bytes from their specifications, CSV and JSON text, PNGs by pngjs's encoder, expressions
 * from a small grammar), independently of the parsers; ONNX and safetensors files come from retroprop's exporters
 * (interop.ts). A parser added later is one more entry.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { PNG } from "pngjs";
import { parseGraphAt } from "../../src/cli/commands/graph.js";
import { csvToDataset } from "../../src/data/csv.js";
import { readIdx, readIdxPair } from "../../src/data/idx.js";
import { readDigitPng, readInputRows } from "../../src/data/input.js";
import { evaluateExpression, evaluateTensorExpression } from "../../src/explain/expression.js";
import { loadModel, loadModelFile } from "../../src/nn/model-file.js";
import { modelFromOnnx } from "../../src/nn/onnx.js";
import { modelFromSafetensors } from "../../src/nn/safetensors.js";
import { readCheckpointFolder } from "../../src/train/checkpoint-file.js";
import { VERSION } from "../../src/util/version.js";
import {
  BATCH_MODES,
  DATASETS,
  FEATURES,
  HIDDEN_ACTIVATIONS,
  LANGUAGES,
  MAX_LAYERS,
  MAX_UNITS,
  OPTIMIZER_NAMES,
  type PlaygroundState,
  REGULARIZATIONS,
  stateFromHash,
  stateToHash,
} from "../../web/src/state.js";
import { buildUpload, csvColumns, defaultChoice } from "../../web/src/upload.js";
import { decode, type Files, type FuzzTarget, text } from "./harness.js";
import {
  ONNX_FILE,
  onnxFiles,
  onnxHugeClaims,
  SAFETENSORS_FILE,
  SNIFFED_FILE,
  safetensorsFiles,
  safetensorsHugeClaims,
  sniffedFiles,
  sniffedHugeClaims,
} from "./interop.js";

/** IDX bytes from the format's description: 0, 0, 0x08, ndims, big-endian uint32 sizes, the data. */
function idx(dims: number[], data: Uint8Array): Uint8Array {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = 0x08;
  head[3] = dims.length;
  dims.forEach((d, k) => {
    head.writeUInt32BE(d, 4 + 4 * k);
  });
  return Buffer.concat([head, data]);
}

const idxImages = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    rows: fc.integer({ min: 1, max: 6 }),
    cols: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ n, rows, cols }) =>
    fc
      .uint8Array({ minLength: n * rows * cols, maxLength: n * rows * cols })
      .map((d) => idx([n, rows, cols], d)),
  );
const idxLabels = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((d) =>
  idx(
    [d.length],
    d.map((v) => v % 10),
  ),
);

/** An image file and a label file of the same count. */
const idxPair = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    rows: fc.integer({ min: 1, max: 5 }),
    cols: fc.integer({ min: 1, max: 5 }),
  })
  .chain(({ n, rows, cols }) =>
    fc
      .tuple(
        fc.uint8Array({ minLength: n * rows * cols, maxLength: n * rows * cols }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
      )
      .map(([d, l]) => ({
        "images.idx": idx([n, rows, cols], d),
        "labels.idx": idx([n], Uint8Array.from(l)),
      })),
  );

const gz = (files: Files): Files =>
  Object.fromEntries(Object.entries(files).map(([k, v]) => [`${k}.gz`, gzipSync(v)]));

/** A number as CSV or JSON writes it. */
const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => String(Math.fround(v))),
);

const csv = fc
  .record({
    header: fc.boolean(),
    width: fc.integer({ min: 1, max: 5 }),
    classes: fc.constantFrom<string[]>(["a", "b"], ["0", "1", "2"], ["setosa", "versicolor"]),
  })
  .chain(({ header, width, classes }) =>
    fc
      .array(
        fc.tuple(fc.array(number, { minLength: width, maxLength: width }), fc.constantFrom(...classes)),
        {
          minLength: 2,
          maxLength: 20,
        },
      )
      .map((rows) => {
        // Both classes present, so the dataset is valid.
        rows[0][1] = classes[0];
        rows[1][1] = classes[1];
        const lines = rows.map(([xs, y]) => [...xs, y].join(","));
        if (header) lines.unshift([...Array.from({ length: width }, (_, j) => `f${j}`), "label"].join(","));
        return { "data.csv": text(`${lines.join("\n")}\n`) };
      }),
  );

const ACTIVATIONS = ["sigmoid", "tanh", "relu", "linear", "softmax"];

/** Layer sizes and activations of a small network. */
const network = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
    fc.array(fc.constantFrom(...ACTIVATIONS), { minLength: 3, maxLength: 3 }),
  )
  .map(([sizes, acts]) =>
    sizes.slice(1).map((units, l) => ({ type: "dense", inputs: sizes[l], units, activation: acts[l] })),
  );

const weight = fc.double({ min: -3, max: 3, noNaN: true }).map((v) => Math.fround(v));

/** A model file with its numbers inline (docs/model-format.md). */
const modelInline = network.chain((layers) =>
  fc
    .tuple(
      ...layers.map((l) =>
        fc.record({
          weights: fc.array(fc.array(weight, { minLength: l.inputs, maxLength: l.inputs }), {
            minLength: l.units,
            maxLength: l.units,
          }),
          bias: fc.array(weight, { minLength: l.units, maxLength: l.units }),
        }),
      ),
    )
    .map((numbers) => ({
      "model.json": text(
        JSON.stringify(
          { format: "retroprop.model", version: 1, layers: layers.map((l, k) => ({ ...l, ...numbers[k] })) },
          null,
          1,
        ),
      ),
    })),
);

/** A model file whose numbers are in a little-endian float32 file beside it (W then b, layer by layer). */
const modelBinary = network.chain((layers) => {
  const count = layers.reduce((n, l) => n + l.units * l.inputs + l.units, 0);
  return fc
    .tuple(fc.array(weight, { minLength: count, maxLength: count }), fc.boolean())
    .map(([values, withSha]) => {
      const bytes = new Uint8Array(4 * count);
      const view = new DataView(bytes.buffer);
      values.forEach((v, i) => {
        view.setFloat32(4 * i, v, true);
      });
      const name = "model.0123456789ab.weights.bin";
      const json = {
        format: "retroprop.model",
        version: 1,
        layers,
        weightsFile: name,
        weightsDtype: "float32",
        ...(withSha ? { weightsSha256: createHash("sha256").update(bytes).digest("hex") } : {}),
      };
      return { "model.json": text(JSON.stringify(json)), [name]: bytes };
    });
});

/** A 28 × 28 PNG (the size digits must have) encoded by pngjs, gray or colour, with or without alpha. */
const png = fc
  .record({
    colorType: fc.constantFrom(0, 2, 4, 6),
    seed: fc.nat(255),
  })
  .map(({ colorType, seed }) => {
    const image = new PNG({ width: 28, height: 28 });
    for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 31 + seed * 7) & 255;
    return { "digit.png": PNG.sync.write(image, { colorType: colorType as 0 | 2 | 4 | 6 }) };
  });

/** Prediction inputs: a JSON row, JSON rows, {"inputs": rows}, or CSV rows with an optional header. */
const inputRows = fc
  .tuple(
    fc.integer({ min: 1, max: 4 }),
    fc.integer({ min: 1, max: 5 }),
    fc.constantFrom("row", "rows", "object", "csv"),
  )
  .chain(
    ([width, n, form]): fc.Arbitrary<Files> =>
      fc
        .array(fc.array(number, { minLength: width, maxLength: width }), { minLength: n, maxLength: n })
        .map((rows): Files => {
          const json = (v: unknown) => text(JSON.stringify(v));
          if (form === "row") return { "inputs.json": json(rows[0].map(Number)) };
          if (form === "rows") return { "inputs.json": json(rows.map((r) => r.map(Number))) };
          if (form === "object") return { "inputs.json": json({ inputs: rows.map((r) => r.map(Number)) }) };
          return { "inputs.csv": text(rows.map((r) => r.join(",")).join("\n")) };
        }),
  );

/** Expressions from the grammar the graph command takes: numbers, x and y, + - * / ^, functions, parentheses. */
const expression = fc
  .letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom("x", "y", "pi", "e"),
      fc.double({ min: 0, max: 100, noNaN: true }).map((v) => String(+v.toPrecision(4))),
      fc
        .tuple(tie("e"), fc.constantFrom("+", "-", "*", "/", "^"), tie("e"))
        .map(([a, op, b]) => `${a} ${op} ${b}`),
      fc
        .tuple(fc.constantFrom("exp", "log", "sqrt", "sigmoid", "tanh", "relu", "abs", "sin"), tie("e"))
        .map(([f, a]) => `${f}(${a})`),
      fc.tuple(fc.constantFrom("max", "min"), tie("e"), tie("e")).map(([f, a, b]) => `${f}(${a}, ${b})`),
      tie("e").map((a) => `(${a})`),
      tie("e").map((a) => `-${a}`),
    ),
  }))
  .e.map((e) => ({ "expression.txt": text(e) }));

/** A playground state as the page's controls can set it, and its link. */
const playgroundLink = fc
  .record({
    dataset: fc.constantFrom(...DATASETS),
    noise: fc.constantFrom(0, 0.05, 0.25, 0.5),
    trainPercent: fc.integer({ min: 1, max: 9 }).map((k) => 10 * k),
    features: fc.subarray([...FEATURES], { minLength: 1 }),
    hidden: fc.array(fc.integer({ min: 1, max: MAX_UNITS }), { maxLength: MAX_LAYERS }),
    activation: fc.constantFrom(...HIDDEN_ACTIVATIONS),
    learningRate: fc.constantFrom(0.001, 0.03, 1),
    optimizer: fc.constantFrom(...OPTIMIZER_NAMES),
    batchMode: fc.constantFrom(...BATCH_MODES),
    batchSize: fc.integer({ min: 1, max: 1000 }),
    regularization: fc.constantFrom(...REGULARIZATIONS),
    regularizationRate: fc.constantFrom(0, 0.01, 3),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    lang: fc.constantFrom(...LANGUAGES),
  })
  .map(
    ({ activation, ...s }): PlaygroundState => ({
      ...s,
      problem: "classification",
      activations: s.hidden.map(() => activation),
    }),
  )
  .map((s) => ({ "link.txt": text(stateToHash(s)) }));

/**
 * The playground's link parser keeps every field in range whatever the text (a bad field keeps its default),
 * and what it makes of a link, written back, reads the same: checked here, a breach is a crash.
 */
function parseLink(hash: string): PlaygroundState {
  const s = stateFromHash(hash);
  const again = stateFromHash(stateToHash(s));
  if (JSON.stringify(again) !== JSON.stringify(s)) throw new Error(`link does not round-trip: ${hash}`);
  const bad =
    s.hidden.length > MAX_LAYERS ||
    s.hidden.some((u) => !Number.isInteger(u) || u < 1 || u > MAX_UNITS) ||
    s.activations.length !== s.hidden.length ||
    s.features.length === 0 ||
    !Number.isFinite(s.learningRate) ||
    !Number.isInteger(s.batchSize);
  if (bad) throw new Error(`out-of-range state from ${JSON.stringify(hash)}: ${JSON.stringify(s)}`);
  return s;
}
/**
 * A checkpoint folder as docs/reliability.md describes it: `state-N.json` (the run's state: generator lanes,
 * optimizer, array indices …), `tensors-N.bin` (the arrays' bytes) and `manifest.json` naming both with their
 * sizes and SHA-256 (computed here with node:crypto).
 */
const checkpointFolder = fc
  .record({
    n: fc.integer({ min: 1, max: 1000 }),
    arrays: fc.integer({ min: 1, max: 4 }),
    lanes: fc.array(fc.integer({ min: 1, max: 0xffffffff }), { minLength: 4, maxLength: 4 }),
    lr: fc.double({ min: 1e-4, max: 10, noNaN: true }),
    epoch: fc.nat(50),
    step: fc.nat(20),
    finished: fc.boolean(),
  })
  .chain((c) =>
    fc.uint8Array({ minLength: 8 * c.arrays, maxLength: 8 * c.arrays }).map((tensors): Files => {
      const refs = Array.from({ length: c.arrays }, (_, k) => k);
      const state = {
        format: "retroprop.checkpoint-state",
        config: {},
        data: { train: null, validation: null },
        stopped: false,
        stopReason: null,
        rng: { s: c.lanes, spareNormal: null },
        optimizer: { name: "sgd", learningRate: c.lr, t: 0, slots: { velocity: refs.map(() => null) } },
        params: refs,
        epochStart: refs,
        order: 0,
        meter: { lossSum: 0, correct: 0, counted: 0, examples: 0 },
        history: [],
        callbacks: [],
        meta: null,
        arrays: refs.map((k) => ({ type: "float64", offset: 8 * k, length: 1 })),
      };
      const stateBytes = text(JSON.stringify(state));
      const file = (name: string, bytes: Uint8Array) => ({
        name,
        bytes: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      });
      const manifest = {
        format: "retroprop.checkpoint",
        version: 1,
        retroprop: VERSION,
        backend: "reference",
        sequence: c.n,
        epoch: c.epoch,
        step: c.step,
        globalStep: c.epoch * 20 + c.step,
        finished: c.finished,
        written: "2026-01-01T00:00:00.000Z",
        files: [file(`state-${c.n}.json`, stateBytes), file(`tensors-${c.n}.bin`, tensors)],
      };
      return {
        "manifest.json": text(JSON.stringify(manifest, null, 2)),
        [`state-${c.n}.json`]: stateBytes,
        [`tensors-${c.n}.bin`]: tensors,
      };
    }),
  );
/** `graph --at` with a matrix W (r × c) and vectors x (c) and b (r), as JSON arrays beside a number. */
const graphValues = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([r, c]) => {
    const v = fc.double({ min: -100, max: 100, noNaN: true }).map((d) => +d.toPrecision(4));
    return fc.tuple(
      fc.array(fc.array(v, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
      fc.array(v, { minLength: c, maxLength: c }),
      fc.array(v, { minLength: r, maxLength: r }),
      v,
    );
  })
  .map(([W, x, b, k]) => ({
    "at.txt": text(`W=${JSON.stringify(W)}, x=${JSON.stringify(x)}, b=${JSON.stringify(b)}, k=${k}`),
  }));

/** Every parser, by name. */
export const TARGETS: readonly FuzzTarget[] = [
  {
    name: "IDX images (raw)",
    valid: idxImages.map((b) => ({ "images.idx": b })),
    onDisk: true,
    parse: (_f, dir) => readIdx(join(dir, "images.idx"), { dims: 3 }),
  },
  {
    name: "IDX images (gzip)",
    valid: idxImages.map((b) => gz({ "images.idx": b })),
    onDisk: true,
    parse: (_f, dir) => readIdx(join(dir, "images.idx.gz"), { dims: 3 }),
  },
  {
    name: "IDX labels (raw)",
    valid: idxLabels.map((b) => ({ "labels.idx": b })),
    onDisk: true,
    parse: (_f, dir) => readIdx(join(dir, "labels.idx"), { dims: 1 }),
  },
  {
    name: "IDX labels (gzip)",
    valid: idxLabels.map((b) => gz({ "labels.idx": b })),
    onDisk: true,
    parse: (_f, dir) => readIdx(join(dir, "labels.idx.gz"), { dims: 1 }),
  },
  {
    name: "IDX image/label pair (gzip)",
    valid: idxPair.map(gz),
    onDisk: true,
    parse: (_f, dir) => readIdxPair(join(dir, "images.idx.gz"), join(dir, "labels.idx.gz")),
  },
  {
    name: "CSV dataset",
    valid: csv,
    onDisk: false,
    parse: (files) => csvToDataset(decode(files["data.csv"]), "data.csv"),
  },
  {
    name: "model JSON (inline weights)",
    valid: modelInline,
    onDisk: true,
    parse: (_f, dir) => loadModel(join(dir, "model.json")),
  },
  {
    name: "model JSON + binary weights file",
    valid: modelBinary,
    onDisk: true,
    parse: (_f, dir) => loadModel(join(dir, "model.json")),
  },
  {
    name: "PNG digit",
    valid: png,
    onDisk: true,
    parse: (_f, dir) => readDigitPng(join(dir, "digit.png"), { size: [28, 28] }),
  },
  {
    name: "prediction inputs (JSON, CSV)",
    valid: inputRows,
    onDisk: true,
    parse: (files, dir) => readInputRows(join(dir, Object.keys(files)[0])),
  },
  {
    name: "checkpoint folder (manifest, state, tensors)",
    valid: checkpointFolder,
    onDisk: true,
    parse: (_f, dir) => readCheckpointFolder(dir),
  },
  {
    name: "expressions",
    valid: expression,
    onDisk: false,
    source: null,
    // A valid expression may still have no value at x, y (log of a negative number): refused, not accepted.
    validAccepted: false,
    parse: (files) => evaluateExpression(decode(files["expression.txt"]), { x: 0.75, y: -1.5 }),
  },
  {
    name: "playground CSV upload",
    valid: csv,
    onDisk: false,
    // The page's path: the columns read, the first guess of label and features, the tables built.
    parse: (files) => {
      const csvText = decode(files["data.csv"]);
      return buildUpload(csvText, "data.csv", defaultChoice(csvColumns(csvText, "data.csv")), 50, 1);
    },
  },
  {
    name: "playground link (URL state)",
    valid: playgroundLink,
    onDisk: false,
    source: null,
    refuses: false,
    parse: (files) => parseLink(decode(files["link.txt"])),
  },
  {
    name: "graph --at values (vectors and matrices)",
    valid: graphValues,
    onDisk: false,
    source: null,
    parse: (files) =>
      evaluateTensorExpression("sum(softmax(W*x + b)) * k", parseGraphAt([decode(files["at.txt"])])),
  },
  {
    name: "ONNX model (import)",
    valid: onnxFiles,
    claims: onnxHugeClaims,
    onDisk: false,
    parse: (files) => modelFromOnnx(files[ONNX_FILE], ONNX_FILE),
  },
  {
    name: "safetensors model (import)",
    valid: safetensorsFiles,
    claims: safetensorsHugeClaims,
    onDisk: false,
    parse: (files) => modelFromSafetensors(files[SAFETENSORS_FILE], SAFETENSORS_FILE),
  },
  {
    // The loader's path for a file without .onnx or .safetensors: damage to the first bytes sends it to the JSON
    // reader instead, and that must refuse it as well.
    name: "ONNX or safetensors model file, told by its first bytes",
    valid: sniffedFiles,
    claims: sniffedHugeClaims,
    onDisk: true,
    parse: (_f, dir) => loadModelFile(join(dir, SNIFFED_FILE)),
  },
];

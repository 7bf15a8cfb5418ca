/**
 * The interop formats as fuzzing targets: ONNX and safetensors files. Valid inputs are random small networks
 * written by retroprop's own exporters (modelToOnnx, modelToSafetensors; their agreement with ONNX Runtime and
 * PyTorch is tested in test/nn); the harness mutates them. Beside them, files whose headers claim sizes far
 * beyond the bytes present (a safetensors header length of 2^50, an ONNX weight of 10^12 values): the parsers
 * must refuse those from the claim, before allocating it.
 */
import fc from "fast-check";
import onnxProto from "onnx-proto";
import { ACTIVATIONS, type Activation } from "../../src/nn/activations.js";
import { Dense } from "../../src/nn/dense.js";
import { modelToOnnx } from "../../src/nn/onnx.js";
import {
  MAX_SAFETENSORS_HEADER,
  modelToSafetensors,
  SAFETENSORS_ARCHITECTURE_KEY,
} from "../../src/nn/safetensors.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Random } from "../../src/tensor/random.js";
import type { Files } from "./harness.js";

const { onnx } = onnxProto;

/** step has no derivative and no ONNX form: every other activation is exported by both formats. */
const EXPORTED: Activation[] = ACTIVATIONS.filter((a) => a !== "step");

/** A random network of 1 to 3 dense layers of 1 to 5 units, each with its own activation. */
const smallModel = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 }),
    activations: fc.array(fc.constantFrom(...EXPORTED), { minLength: 3, maxLength: 3 }),
    dtype: fc.constantFrom("float32" as const, "float64" as const),
    seed: fc.nat(),
    training: fc.option(fc.record({ classes: fc.constant(["a", "b"]), mean: fc.constant([0.5]) }), {
      nil: undefined,
    }),
  })
  .map(({ sizes, activations, dtype, seed, training }) => {
    const rng = new Random(seed);
    const layers = sizes
      .slice(1)
      .map((units, l) => new Dense(sizes[l], units, activations[l], { dtype, rng, biasInit: "normal" }));
    return { model: new Sequential(layers), training };
  });

export const ONNX_FILE = "model.onnx";
export const SAFETENSORS_FILE = "model.safetensors";

export const onnxFiles: fc.Arbitrary<Files> = smallModel.map(({ model, training }) => ({
  [ONNX_FILE]: modelToOnnx(model, { training }),
}));

export const safetensorsFiles: fc.Arbitrary<Files> = smallModel.map(({ model, training }) => ({
  [SAFETENSORS_FILE]: modelToSafetensors(model, { training }),
}));

/**
 * Element counts a header may claim: 10^12 (the figure), 2^26 × 2^26 (past any typed array), and
 * 8192 × 8192 (512 MiB as float64: allocatable, so a parser that allocated before checking would be caught by
 * the harness's memory check rather than by a RangeError); with a 0, the count is 0 and only the other size
 * is huge; two negative sizes multiply to 10^12; 2^62 is past a double's exact integers.
 */
const HUGE_DIMS: number[][] = [
  [1e12],
  [1e6, 1e6],
  [2 ** 26, 2 ** 26],
  [8192, 8192],
  [1, 2 ** 53 - 1],
  [0, 1e12],
  [1e12, 0],
  [-1e6, -1e6],
  [2 ** 62, 4],
];

/**
 * An exported ONNX file whose weight or bias initializer claims a huge shape; its values are kept, dropped or
 * moved from raw bytes to the float list (both carry data in ONNX).
 */
export const onnxHugeClaims: fc.Arbitrary<Files> = fc
  .tuple(onnxFiles, fc.nat(), fc.constantFrom(...HUGE_DIMS), fc.constantFrom("keep", "drop", "list"))
  .map(([files, pick, dims, data]) => {
    const proto = onnx.ModelProto.decode(files[ONNX_FILE]);
    const inits = proto.graph?.initializer ?? [];
    const t = inits[pick % inits.length];
    t.dims = dims;
    if (data === "drop") t.rawData = new Uint8Array();
    if (data === "list") {
      const raw = t.rawData ?? new Uint8Array();
      t.floatData = Array.from(new Float32Array(raw.slice().buffer, 0, raw.length >> 2));
      t.rawData = new Uint8Array();
    }
    return { [ONNX_FILE]: onnx.ModelProto.encode(proto).finish() };
  });

/** The safetensors header's JSON and the data after it. */
function splitSafetensors(bytes: Uint8Array): { header: Record<string, unknown>; data: Uint8Array } {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  return {
    header: JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))),
    data: bytes.subarray(8 + n),
  };
}

function joinSafetensors(header: Record<string, unknown>, data: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + head.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  out.set(data, 8 + head.length);
  return out;
}

/**
 * An exported safetensors file with a huge claim: the 8-byte header length (2^50, 2^64 − 1 …), a tensor's shape
 * or data_offsets, or the architecture's layer sizes; the header length is recomputed for the JSON claims.
 */
export const safetensorsHugeClaims: fc.Arbitrary<Files> = fc
  .tuple(
    safetensorsFiles,
    fc.nat(),
    fc.oneof(
      fc.record({
        kind: fc.constant("length" as const),
        value: fc.constantFrom(
          2n ** 50n,
          2n ** 64n - 1n,
          2n ** 53n + 1n,
          BigInt(MAX_SAFETENSORS_HEADER + 1),
          2n ** 32n,
        ),
      }),
      fc.record({ kind: fc.constant("shape" as const), dims: fc.constantFrom(...HUGE_DIMS) }),
      fc.record({
        kind: fc.constant("offsets" as const),
        end: fc.constantFrom(2 ** 50, 4e12, 2 ** 53 - 1, 2 ** 31),
      }),
      fc.record({ kind: fc.constant("layer" as const), size: fc.constantFrom(1e12, 2 ** 31, 2 ** 53 - 1) }),
    ),
  )
  .map(([files, pick, claim]) => {
    const bytes = files[SAFETENSORS_FILE];
    if (claim.kind === "length") {
      const out = bytes.slice();
      new DataView(out.buffer).setBigUint64(0, claim.value, true);
      return { [SAFETENSORS_FILE]: out };
    }
    const { header, data } = splitSafetensors(bytes);
    const names = Object.keys(header).filter((k) => k !== "__metadata__");
    const entry = header[names[pick % names.length]] as { shape: number[]; data_offsets: number[] };
    if (claim.kind === "shape") entry.shape = claim.dims;
    if (claim.kind === "offsets") entry.data_offsets = [entry.data_offsets[0], claim.end];
    if (claim.kind === "layer") {
      const meta = header.__metadata__ as Record<string, string>;
      const layers = JSON.parse(meta[SAFETENSORS_ARCHITECTURE_KEY]) as Array<Record<string, unknown>>;
      layers[pick % layers.length][pick % 2 === 0 ? "units" : "inputs"] = claim.size;
      meta[SAFETENSORS_ARCHITECTURE_KEY] = JSON.stringify(layers);
    }
    return { [SAFETENSORS_FILE]: joinSafetensors(header, data) };
  });

/** Either file under a name without its format's extension, so the model loader tells them by their first bytes. */
export const SNIFFED_FILE = "model.bin";
const renamed = (files: Files): Files => ({ [SNIFFED_FILE]: Object.values(files)[0] });
export const sniffedFiles: fc.Arbitrary<Files> = fc.oneof(onnxFiles, safetensorsFiles).map(renamed);
export const sniffedHugeClaims: fc.Arbitrary<Files> = fc
  .oneof(onnxHugeClaims, safetensorsHugeClaims)
  .map(renamed);

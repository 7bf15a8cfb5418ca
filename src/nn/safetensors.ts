/**
 * safetensors (https://github.com/huggingface/safetensors), the format PyTorch users load with
 * `model.load_state_dict(safetensors.torch.load_file(path))`: an 8-byte little-endian header length N, N bytes
 * of JSON naming each tensor's dtype, shape and byte range, then the raw little-endian bytes.
 *
 * Tensor names are PyTorch's for an `nn.Sequential` of Linear and activation modules (`0.weight`, `0.bias`,
 * `2.weight` …: the Sequential numbers every module, activations included). Linear's weight is out × in, the
 * same layout as W⁽ˡ⁾ (units × inputs), so the bytes are retroprop's own. `__metadata__` (string values only, as
 * the format requires) holds retroprop's architecture, so import restores the activations. Pure: bytes in and out.
 */
import type { DType } from "../tensor/dtype.js";
import { RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { type Activation, activationParam, isActivation } from "./activations.js";

/** leaky relu's slope, from the activation table. */
const LEAKY_SLOPE = activationParam("leaky_relu") as number;

import { Dense } from "./dense.js";
import { failAt, failInside } from "./fail.js";
import { Sequential } from "./sequential.js";
import { isObject } from "./serialize.js";

/** The `__metadata__` key holding the architecture (a JSON string: layers with module index and activation). */
export const SAFETENSORS_ARCHITECTURE_KEY = "retroprop.architecture";
/** The `__metadata__` key holding `train --save`'s metadata (normalisation, class names), JSON text. */
export const SAFETENSORS_TRAINING_KEY = "retroprop.training";

/** The header may be at most this long (the reference implementation's own limit is 100 MB). */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

/**
 * Each activation as the PyTorch module that follows its Linear in an `nn.Sequential` (null: no module, as
 * for linear). A new activation is one entry here; one missing from the table cannot be exported.
 */
export const TORCH_MODULES: Readonly<Record<string, string | null>> = {
  linear: null,
  sigmoid: "nn.Sigmoid()",
  tanh: "nn.Tanh()",
  relu: "nn.ReLU()",
  leaky_relu: `nn.LeakyReLU(${LEAKY_SLOPE})`,
  softmax: "nn.Softmax(dim=-1)",
  // h-act's activations, with PyTorch's defaults (elu α = 1, softplus β = 1, exact erf gelu):
  elu: "nn.ELU()",
  softplus: "nn.Softplus()",
  gelu: "nn.GELU()",
  silu: "nn.SiLU()",
};

function torchModule(activation: Activation, layer: number): string | null {
  const module = TORCH_MODULES[activation];
  if (module === undefined) {
    const exportable = Object.keys(TORCH_MODULES).join(", ");
    throw localizedError(RetropropError, "noTorchModule", layer, activation, exportable);
  }
  return module;
}

interface LayerPlan {
  /** nn.Sequential index of the Linear module */
  linear: number;
  inputs: number;
  units: number;
  activation: Activation;
}

/** Where each layer's Linear sits in the nn.Sequential (each activation module takes the next index). */
function plan(model: Sequential): LayerPlan[] {
  let index = 0;
  return model.layers.map((layer, l) => {
    const p = { linear: index, inputs: layer.inputs, units: layer.units, activation: layer.activation };
    index += torchModule(layer.activation, l) === null ? 1 : 2;
    return p;
  });
}

/** The `nn.Sequential` whose state_dict the exported file is (Python source, one module per line). */
export function torchSequentialCode(model: Sequential): string {
  const lines: string[] = [];
  for (const [l, p] of plan(model).entries()) {
    lines.push(`    nn.Linear(${p.inputs}, ${p.units}),`);
    const module = torchModule(p.activation, l);
    if (module !== null) lines.push(`    ${module},`);
  }
  return `model = nn.Sequential(\n${lines.join("\n")}\n)`;
}

export interface SafetensorsExportOptions {
  /** Stored number type (default: the model's dtype). */
  dtype?: DType;
  /** `train --save`'s metadata, kept under `retroprop.training`. */
  training?: Record<string, unknown>;
}

/** The model as a safetensors file. */
export function modelToSafetensors(model: Sequential, options: SafetensorsExportOptions = {}): Uint8Array {
  const dtype = options.dtype ?? model.dtype;
  const size = dtype === "float64" ? 8 : 4;
  const layers = plan(model);
  const header: Record<string, unknown> = {};
  const metadata: Record<string, string> = {
    format: "pt",
    [SAFETENSORS_ARCHITECTURE_KEY]: JSON.stringify(layers),
  };
  if (options.training !== undefined) metadata[SAFETENSORS_TRAINING_KEY] = JSON.stringify(options.training);
  header.__metadata__ = metadata;
  let offset = 0;
  const data: Array<{ values: ArrayLike<number>; at: number }> = [];
  model.layers.forEach((layer, l) => {
    for (const [suffix, shape, values] of [
      ["weight", [layer.units, layer.inputs], layer.weight.data],
      ["bias", [layer.units], layer.bias.data],
    ] as const) {
      for (let i = 0; i < values.length; i++) {
        if (!Number.isFinite(values[i]))
          throw localizedError(RetropropError, "cannotExportNonFinite", `layers[${l}].${suffix}`, values[i]);
      }
      const end = offset + values.length * size;
      header[`${layers[l].linear}.${suffix}`] = {
        dtype: dtype === "float64" ? "F64" : "F32",
        shape,
        data_offsets: [offset, end],
      };
      data.push({ values, at: offset });
      offset = end;
    }
  });
  // The format pads the header with spaces to a multiple of 8 so that the data is aligned.
  let json = JSON.stringify(header);
  while ((8 + new TextEncoder().encode(json).length) % 8 !== 0) json += " ";
  const head = new TextEncoder().encode(json);
  const bytes = new Uint8Array(8 + head.length + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  bytes.set(head, 8);
  const base = 8 + head.length;
  for (const { values, at } of data) {
    for (let i = 0; i < values.length; i++) {
      if (size === 8) view.setFloat64(base + at + i * 8, values[i], true);
      else view.setFloat32(base + at + i * 4, values[i], true);
    }
  }
  return bytes;
}

export interface SafetensorsTensor {
  dtype: "F32" | "F64";
  shape: number[];
  /** The values, row-major. */
  values: Float64Array;
}

export interface SafetensorsFile {
  tensors: Map<string, SafetensorsTensor>;
  metadata: Record<string, string>;
}

/** True when the bytes start like a safetensors file (a plausible length, then the JSON header's "{"). */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10 || bytes[8] !== 0x7b) return false;
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  return n >= 2n && n <= BigInt(bytes.length - 8);
}

/**
 * Reads a safetensors file (untrusted: every length and offset is checked against the bytes present before
 * anything is allocated). Errors: `source: byte offset or header key: problem`. F32 and F64 tensors only.
 */
export function parseSafetensors(bytes: Uint8Array, source = "safetensors"): SafetensorsFile {
  const fail = failAt(source);
  if (bytes.length < 8) fail("stTooShort", bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const claimed = view.getBigUint64(0, true);
  if (claimed > BigInt(MAX_SAFETENSORS_HEADER))
    fail("stHeaderLimit", String(claimed), MAX_SAFETENSORS_HEADER);
  const n = Number(claimed);
  if (8 + n > bytes.length) fail("stHeaderPastEnd", n, bytes.length);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (err) {
    return fail("stHeaderNotJson", 8 + n, (err as Error).message.split("\n")[0]);
  }
  if (!isObject(header)) return fail("stHeaderNotObject");
  const dataLength = bytes.length - 8 - n;
  const tensors = new Map<string, SafetensorsTensor>();
  let metadata: Record<string, string> = {};
  const ranges: Array<[number, number, string]> = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (!isObject(entry) || !Object.values(entry).every((v) => typeof v === "string"))
        fail("stMetadataStrings");
      metadata = entry as Record<string, string>;
      continue;
    }
    const at = JSON.stringify(name);
    if (!isObject(entry)) return fail("stEntryNotObject", at);
    const { dtype, shape, data_offsets: offsets } = entry;
    if (dtype !== "F32" && dtype !== "F64") fail("stDtype", at, JSON.stringify(dtype));
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail("stShape", at);
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((d) => Number.isSafeInteger(d) && d >= 0) ||
      offsets[0] > offsets[1]
    )
      fail("stOffsets", at);
    const [begin, end] = offsets as [number, number];
    if (end > dataLength) fail("stOffsetsPastEnd", at, end, dataLength);
    const size = dtype === "F64" ? 8 : 4;
    // The element count is checked against the byte range (bounded by the file) before allocating.
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (count * size !== end - begin) fail("stShapeBytes", at, String(shape), count * size, end - begin);
    const values = new Float64Array(count);
    const base = 8 + n + begin;
    for (let i = 0; i < count; i++) {
      values[i] = size === 8 ? view.getFloat64(base + i * 8, true) : view.getFloat32(base + i * 4, true);
      if (!Number.isFinite(values[i])) fail("stValue", at, i, base + i * size, values[i]);
    }
    ranges.push([begin, end, name]);
    tensors.set(name, { dtype: dtype as "F32" | "F64", shape: shape as number[], values });
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i][0] < ranges[i - 1][1])
      fail("stOverlap", JSON.stringify(ranges[i][2]), JSON.stringify(ranges[i - 1][2]));
  }
  return { tensors, metadata };
}

/** A model read from an ONNX or safetensors file, with `train --save`'s metadata if the file kept it. */
export interface ImportedModel {
  model: Sequential;
  training?: Record<string, unknown>;
}

/** Rebuilds the model exported by modelToSafetensors (the architecture comes from `__metadata__`). */
export function modelFromSafetensors(
  bytes: Uint8Array,
  source = "safetensors",
  options: { dtype?: DType } = {},
): ImportedModel {
  const file = parseSafetensors(bytes, source);
  const fail = failAt(source);
  /** The problem at a place in the header's metadata. */
  const failIn = failInside(source);
  const text = file.metadata[SAFETENSORS_ARCHITECTURE_KEY];
  if (text === undefined) fail("stNoArchitecture", SAFETENSORS_ARCHITECTURE_KEY);
  const jsonOf = (key: string, t: string): unknown => {
    try {
      return JSON.parse(t);
    } catch {
      return failIn(`__metadata__.${key}`, "notJsonText");
    }
  };
  const layers = jsonOf(SAFETENSORS_ARCHITECTURE_KEY, text);
  if (!Array.isArray(layers) || layers.length === 0)
    failIn(`__metadata__.${SAFETENSORS_ARCHITECTURE_KEY}`, "nonEmptyLayers");
  const first = file.tensors.values().next().value;
  const dtype = options.dtype ?? (first?.dtype === "F64" ? "float64" : "float32");
  const built = (layers as unknown[]).map((p, l) => {
    const at = `__metadata__.${SAFETENSORS_ARCHITECTURE_KEY}[${l}]`;
    if (!isObject(p)) return failIn(at, "anObject");
    const { linear, inputs, units, activation } = p;
    for (const [k, v] of Object.entries({ linear, inputs, units })) {
      if (!Number.isSafeInteger(v) || (v as number) < (k === "linear" ? 0 : 1))
        failIn(`${at}.${k}`, "expectedIntegerKind", k !== "linear");
    }
    if (!isActivation(activation))
      return failIn(`${at}.activation`, "unknownActivationName", JSON.stringify(activation));
    const tensor = (suffix: "weight" | "bias", shape: number[]): Float64Array => {
      const name = `${linear}.${suffix}`;
      const t = file.tensors.get(name);
      if (!t) return fail("stTensorMissing", name, l, suffix === "bias");
      if (t.shape.join() !== shape.join()) fail("stTensorShape", name, String(shape), String(t.shape));
      return t.values;
    };
    const weight = tensor("weight", [units as number, inputs as number]);
    const bias = tensor("bias", [units as number]);
    const layer = new Dense(inputs as number, units as number, activation, { dtype, init: "zeros" });
    layer.weight.data.set(weight);
    layer.bias.data.set(bias);
    return layer;
  });
  built.forEach((layer, l) => {
    if (l > 0 && layer.inputs !== built[l - 1].units)
      fail("stLayerChain", l, layer.inputs, built[l - 1].units);
  });
  const trainingText = file.metadata[SAFETENSORS_TRAINING_KEY];
  const training = trainingText === undefined ? undefined : jsonOf(SAFETENSORS_TRAINING_KEY, trainingText);
  return {
    model: new Sequential(built),
    training: isObject(training) ? training : undefined,
  };
}

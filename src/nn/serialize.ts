/**
 * Model files: a human-editable JSON format (docs/model-format.md), and a variant whose weights live in a
 * compact little-endian binary file beside the JSON.
 *
 *   {"format": "retroprop.model", "version": 1,
 *    "layers": [{"type": "dense", "inputs": 2, "units": 2, "activation": "sigmoid",
 *                "weights": [[w11, w12], [w21, w22]], "bias": [b1, b2]}, ...]}
 *
 * weights are units × inputs, as W⁽ˡ⁾ in the notes (row j holds the weights into unit j). Loading validates
 * everything and reports the first problem as `source: json.path: problem`. Unknown keys are errors (a typo
 * such as "wieghts" must not be silently ignored); free-form data goes under "training" or "description".
 */
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import { type DType, isDType } from "../tensor/dtype.js";
import { InputError, RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { FLOAT32_MAX } from "../util/limits.js";
import type { Got } from "../util/messages/errors-model.en.js";
import { ACTIVATIONS, type Activation, isActivation } from "./activations.js";
import { Dense } from "./dense.js";
import { failInside } from "./fail.js";
import { Sequential } from "./sequential.js";

export const MODEL_FORMAT = "retroprop.model";
export const MODEL_VERSION = 1;

export interface DenseLayerJSON {
  type: "dense";
  inputs: number;
  units: number;
  activation: Activation;
  /** W⁽ˡ⁾, units rows of inputs numbers. Absent in the binary variant. */
  weights?: number[][];
  /** b⁽ˡ⁾, units numbers. Absent in the binary variant. */
  bias?: number[];
}

export interface ModelJSON {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  description?: string;
  layers: DenseLayerJSON[];
  /** Binary variant: file beside the JSON holding W then b of every layer, little-endian. */
  weightsFile?: string;
  weightsDtype?: DType;
  /** Binary variant: SHA-256 of the weights file, so a JSON and a .bin from different saves never mix. */
  weightsSha256?: string;
  /** Free-form training metadata: ignored by the loader, kept by tools that save models. */
  training?: Record<string, unknown>;
}

export interface ModelToJSONOptions {
  description?: string;
  training?: Record<string, unknown>;
}

export interface ModelFromJSONOptions {
  /** dtype of the built model (default: weightsDtype for the binary variant, else float32). */
  dtype?: DType;
  /** Binary variant: the bytes of the weights file. */
  weights?: Uint8Array;
  /** Binary variant: how to name the weights file in messages. */
  weightsSource?: string;
}

export interface SaveModelOptions extends ModelToJSONOptions {
  /** Keep the weights in `<name>.weights.bin` beside the JSON (float32 or float64, as the model). */
  binary?: boolean;
}

export interface LoadModelOptions {
  dtype?: DType;
}

const TOP_KEYS = [
  "format",
  "version",
  "description",
  "layers",
  "weightsFile",
  "weightsDtype",
  "weightsSha256",
  "training",
];
const LAYER_KEYS = ["type", "inputs", "units", "activation", "weights", "bias"];

// ---------------------------------------------------------------------------------------------------------------
// Model → JSON
// ---------------------------------------------------------------------------------------------------------------

/** The shortest decimal that reads back as the same float32 (0.1f prints as 0.1, not 0.10000000149011612). */
function shortestFloat32(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return s;
  }
  return v;
}

function checkFinite(data: ArrayLike<number>, path: (i: number) => string): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw localizedError(RetropropError, "cannotSaveNonFinite", path(i), String(data[i]));
    }
  }
}

function checkModelFinite(model: Sequential): void {
  model.layers.forEach((layer, l) => {
    const w = layer.weight.data;
    checkFinite(w, (i) => `layers[${l}].weights[${Math.floor(i / layer.inputs)}][${i % layer.inputs}]`);
    checkFinite(layer.bias.data, (i) => `layers[${l}].bias[${i}]`);
  });
}

/** A model's weightsFile: a plain file name (no folders) beside the model file. */
export function isWeightsFileName(name: unknown): name is string {
  return typeof name === "string" && name !== "" && name !== "." && name !== ".." && !/[/\\\0]/.test(name);
}

/** A layer's JSON without its numbers (the binary variant keeps those in the weights file). */
export function layerHeader(layer: Dense): DenseLayerJSON {
  return { type: "dense", inputs: layer.inputs, units: layer.units, activation: layer.activation };
}

/** The model as a JSON-ready object with inline weights (units × inputs) and biases. */
export function modelToJSON(model: Sequential, options: ModelToJSONOptions = {}): ModelJSON {
  checkModelFinite(model);
  const num = model.dtype === "float32" ? shortestFloat32 : (v: number) => v;
  const out: ModelJSON = { format: MODEL_FORMAT, version: MODEL_VERSION, layers: [] };
  if (options.description !== undefined) out.description = options.description;
  for (const layer of model.layers) {
    const w = layer.weight.data;
    const weights: number[][] = [];
    for (let j = 0; j < layer.units; j++) {
      const row: number[] = [];
      for (let i = 0; i < layer.inputs; i++) row.push(num(w[j * layer.inputs + i]));
      weights.push(row);
    }
    out.layers.push({ ...layerHeader(layer), weights, bias: Array.from(layer.bias.data, num) });
  }
  if (options.training !== undefined) out.training = options.training;
  return out;
}

/**
 * JSON text with two-space indentation where every array of plain numbers (a row of W, a bias) stays on one
 * line, so a 2-2-1 network reads like the matrices in the notes.
 */
export function formatModelJSON(value: unknown): string {
  return `${format(value, "")}\n`;
}

function format(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => typeof v === "number"))
      return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    return `[\n${value.map((v) => inner + format(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The binary variant's bytes: for each layer W (row-major, units × inputs) then b, little-endian. */
export function weightsToBytes(model: Sequential, dtype: DType = model.dtype): Uint8Array {
  checkModelFinite(model);
  const size = dtype === "float64" ? 8 : 4;
  const count = model.layers.reduce((n, l) => n + l.units * l.inputs + l.units, 0);
  const bytes = new Uint8Array(count * size);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const layer of model.layers) {
    for (const data of [layer.weight.data, layer.bias.data]) {
      for (let i = 0; i < data.length; i++, offset += size) {
        if (size === 8) view.setFloat64(offset, data[i], true);
        else view.setFloat32(offset, data[i], true);
      }
    }
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON → model (validating)
// ---------------------------------------------------------------------------------------------------------------

/** A value as an error quotes it: its JSON text, or (each language's words) what kind of thing it is. */
function describe(v: unknown): Got {
  if (v === undefined) return { kind: "nothing" };
  if (Array.isArray(v)) return { kind: "array", length: v.length };
  if (v !== null && typeof v === "object") return { kind: "object" };
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

interface ParsedLayer {
  inputs: number;
  units: number;
  activation: Activation;
  weights?: number[][];
  bias?: number[];
}

/**
 * Builds a model from a parsed model file, checking format, version, keys, layer sizes (and that each layer
 * takes as many inputs as the previous one has units), activations, shapes and finite numbers. Throws an
 * InputError `${source}: ${jsonPath}: ${problem}` for the first problem found, in document order.
 */
export function modelFromJSON(
  json: unknown,
  source = "model",
  options: ModelFromJSONOptions = {},
): Sequential {
  /** The problem at a JSON path of the model file (the file itself when the path is ""). */
  const fail = failInside(source);
  if (!isObject(json)) return fail("", "modelNotObject", MODEL_FORMAT, describe(json));
  if (json.format !== MODEL_FORMAT)
    fail("format", "expectedJsonValue", JSON.stringify(MODEL_FORMAT), describe(json.format));
  if (json.version !== MODEL_VERSION) {
    if (typeof json.version === "number") fail("version", "modelVersion", json.version, MODEL_VERSION);
    fail("version", "expectedJsonValue", String(MODEL_VERSION), describe(json.version));
  }
  for (const key of Object.keys(json)) {
    if (!TOP_KEYS.includes(key)) fail(key, "unknownKey", TOP_KEYS.join(", "));
  }
  if (json.description !== undefined && typeof json.description !== "string")
    fail("description", "expectedString", describe(json.description));
  if (json.training !== undefined && !isObject(json.training))
    fail("training", "expectedObject", describe(json.training));

  const binary = json.weightsFile !== undefined;
  let weightsDtype: DType | undefined;
  if (binary) {
    if (!isWeightsFileName(json.weightsFile)) {
      fail("weightsFile", "weightsFileName", describe(json.weightsFile));
    }
    if (!isDType(json.weightsDtype)) fail("weightsDtype", "weightsDtype", describe(json.weightsDtype));
    weightsDtype = json.weightsDtype as DType;
    if (
      json.weightsSha256 !== undefined &&
      (typeof json.weightsSha256 !== "string" || !/^[0-9a-f]{64}$/.test(json.weightsSha256))
    ) {
      fail("weightsSha256", "weightsSha256Form", describe(json.weightsSha256));
    }
  } else {
    for (const key of ["weightsDtype", "weightsSha256"]) {
      if (json[key] !== undefined) fail(key, "onlyWithWeightsFile");
    }
  }

  const dtype = options.dtype ?? weightsDtype ?? "float32";
  // Numbers a float32 cannot hold would load as ±Infinity (and predict NaN): refused where they are written.
  const limit = dtype === "float32" ? FLOAT32_MAX : Number.MAX_VALUE;
  const layersValue = json.layers;
  if (!Array.isArray(layersValue) || layersValue.length === 0)
    fail("layers", "modelLayers", describe(layersValue));
  const parsed: ParsedLayer[] = [];
  (layersValue as unknown[]).forEach((value, l) => {
    const at = `layers[${l}]`;
    if (!isObject(value)) return fail(at, "expectedObject", describe(value));
    for (const key of Object.keys(value)) {
      if (!LAYER_KEYS.includes(key)) fail(`${at}.${key}`, "unknownKey", LAYER_KEYS.join(", "));
    }
    if (value.type !== "dense") fail(`${at}.type`, "expectedJsonValue", '"dense"', describe(value.type));
    const size = (key: "inputs" | "units"): number => {
      const v = value[key];
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1)
        fail(`${at}.${key}`, "positiveInteger", describe(v));
      return v as number;
    };
    const inputs = size("inputs");
    if (l > 0 && inputs !== parsed[l - 1].units) {
      fail(`${at}.inputs`, "layerInputs", parsed[l - 1].units, l - 1, inputs);
    }
    const units = size("units");
    const act = value.activation;
    if (!isActivation(act)) {
      const known = ACTIVATIONS.join(", ");
      if (typeof act === "string") fail(`${at}.activation`, "unknownActivation", act, known);
      fail(`${at}.activation`, "expectedOneOf", known, describe(act));
    }
    const layer: ParsedLayer = { inputs, units, activation: act as Activation };
    if (binary) {
      for (const key of ["weights", "bias"]) {
        if (value[key] !== undefined) fail(`${at}.${key}`, "weightsInFile");
      }
    } else {
      const row = (v: unknown, path: string, n: number): number[] => {
        if (!Array.isArray(v)) return fail(path, "expectedNumbers", n, describe(v));
        if (v.length !== n) fail(path, "expectedNumbers", n, v.length);
        v.forEach((x, i) => {
          if (typeof x !== "number" || !Number.isFinite(x))
            fail(`${path}[${i}]`, "expectedFinite", describe(x));
          if (Math.abs(x as number) > limit)
            fail(`${path}[${i}]`, "tooLargeFor", x as number, dtype, limit.toPrecision(2));
        });
        return v as number[];
      };
      const w = value.weights;
      if (!Array.isArray(w) || w.length !== units) {
        fail(
          `${at}.weights`,
          "weightsRows",
          units,
          inputs,
          Array.isArray(w) ? w.length : undefined,
          describe(w),
        );
      }
      layer.weights = (w as unknown[]).map((r, j) => row(r, `${at}.weights[${j}]`, inputs));
      layer.bias = row(value.bias, `${at}.bias`, units);
    }
    parsed.push(layer);
  });

  let values: Float64Array | Float32Array | undefined;
  if (binary) {
    const bytes = options.weights;
    const name = options.weightsSource ?? (json.weightsFile as string);
    if (!bytes) return fail("weightsFile", "weightsNeedBytes");
    const size = weightsDtype === "float64" ? 8 : 4;
    const count = parsed.reduce((n, l) => n + l.units * l.inputs + l.units, 0);
    if (bytes.byteLength !== count * size) {
      throw localizedError(
        InputError,
        "weightsBytes",
        name,
        count * size,
        count,
        weightsDtype as DType,
        parsed.length,
        bytes.byteLength,
      );
    }
    if (json.weightsSha256 !== undefined && sha256Hex(bytes) !== json.weightsSha256) {
      throw localizedError(InputError, "weightsSha256", name, source);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    values = new Float64Array(count);
    for (let i = 0; i < count; i++)
      values[i] = size === 8 ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw localizedError(InputError, "weightsValue", name, bad, bad * size, values[bad]);
    const big = values.findIndex((v) => Math.abs(v) > limit);
    if (big >= 0)
      throw localizedError(InputError, "weightsValueTooLarge", name, big, big * size, values[big], dtype);
  }

  let offset = 0;
  const layers = parsed.map((p) => {
    const layer = new Dense(p.inputs, p.units, p.activation, { dtype, init: "zeros" });
    if (values) {
      const nw = p.units * p.inputs;
      layer.weight.data.set(values.subarray(offset, offset + nw));
      layer.bias.data.set(values.subarray(offset + nw, offset + nw + p.units));
      offset += nw + p.units;
    } else {
      layer.weight.data.set(p.weights!.flat());
      layer.bias.data.set(p.bias!);
    }
    return layer;
  });
  return new Sequential(layers);
}

/** Lowercase hex SHA-256 of bytes (pure JavaScript, so model files load the same in a browser). */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/**
 * Model files on disk (Node): atomic saves of either variant of the model format (see serialize.ts, which
 * converts models to and from JSON and works in a browser too), and loading with one-line errors.
 */
import { readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { parseJsonText } from "../util/json-text.js";
import { MAX_PARAMETERS, MAX_TEXT_BYTES } from "../util/limits.js";
import { readInputFile } from "../util/read-file.js";
import { looksLikeOnnx, modelFromOnnx, modelToOnnx } from "./onnx.js";
import { looksLikeSafetensors, modelFromSafetensors, modelToSafetensors } from "./safetensors.js";
import type { Sequential } from "./sequential.js";
import {
  formatModelJSON,
  isObject,
  isWeightsFileName,
  type LoadModelOptions,
  layerHeader,
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelJSON,
  modelFromJSON,
  modelToJSON,
  type SaveModelOptions,
  sha256Hex,
  weightsToBytes,
} from "./serialize.js";

/**
 * `model.json` → `model.<first 12 hex digits of the SHA-256>.weights.bin` (beside it). A new save of different
 * weights gets a new name, so the old JSON keeps pointing at its own weights until the new JSON replaces it.
 */
export function weightsFileFor(path: string, sha256: string): string {
  const base = basename(path).replace(/\.json$/i, "");
  return `${base}.${sha256.slice(0, 12)}.weights.bin`;
}

/**
 * Saves the model atomically (temporary file + rename: an interrupted save leaves the old file intact).
 * With `binary`, writes the weights file first and then the JSON that points to it; the weights file's name
 * carries its checksum, so at every moment the JSON on disk (old or new) points to a complete, matching weights
 * file. The previous save's weights file is removed once the new JSON is in place.
 */
export function saveModel(model: Sequential, path: string, options: SaveModelOptions = {}): void {
  if (!options.binary) {
    writeFileAtomic(path, formatModelJSON(modelToJSON(model, options)));
    return;
  }
  const bytes = weightsToBytes(model);
  const sha256 = sha256Hex(bytes);
  const weightsFile = weightsFileFor(path, sha256);
  const json: ModelJSON = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    description: options.description,
    layers: model.layers.map(layerHeader),
    weightsFile,
    weightsDtype: model.dtype,
    weightsSha256: sha256,
    training: options.training,
  };
  writeFileAtomic(join(dirname(path), weightsFile), bytes);
  writeFileAtomic(path, formatModelJSON(json));
  removeStaleWeights(path, weightsFile);
}

/**
 * Removes the weights files of earlier saves to `path` other than `keep`: the previous save's, and orphans of
 * saves killed between writing their weights and their JSON (whose names no JSON points to).
 */
function removeStaleWeights(path: string, keep: string): void {
  const dir = dirname(path);
  const base = basename(path).replace(/\.json$/i, "");
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // the save itself succeeded; only the tidying could not look
  }
  for (const name of names) {
    if (name === keep || !name.startsWith(`${base}.`)) continue;
    if (/^[0-9a-f]{12}\.weights\.bin$/.test(name.slice(base.length + 1)))
      rmSync(join(dir, name), { force: true });
  }
}

/** A weights file holds at most MAX_PARAMETERS float64 values. */
const MAX_WEIGHTS_BYTES = 8 * MAX_PARAMETERS;
/** A model file: JSON text, or ONNX/safetensors with the weights inside. */
const MAX_MODEL_BYTES = MAX_WEIGHTS_BYTES + MAX_TEXT_BYTES;

/** Reads a model file, or (`weightsOf` the model file naming it) its weights file. */
function readOrFail(path: string, weightsOf: string | undefined, maxBytes: number): Buffer {
  // A kind of file the data catalogue names in each language (the model naming a weights file is said by
  // cannotReadModel below).
  const what = weightsOf === undefined ? "model file" : "weights file";
  try {
    return readInputFile(path, maxBytes, what);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw localizedError(InputError, "cannotReadModel", path, weightsOf, code);
  }
}

/** The formats a model file can be in: retroprop's JSON (docs/model-format.md), ONNX or safetensors. */
export type ModelFileFormat = "json" | "onnx" | "safetensors";

/** A model file's format, by extension (.onnx, .safetensors) or else by its first bytes. */
export function modelFileFormat(path: string, bytes: Uint8Array): ModelFileFormat {
  if (/\.onnx$/i.test(path)) return "onnx";
  if (/\.safetensors$/i.test(path)) return "safetensors";
  if (looksLikeSafetensors(bytes)) return "safetensors";
  if (looksLikeOnnx(bytes)) return "onnx";
  return "json";
}

/**
 * Reads a model file (retroprop's JSON in either variant, ONNX or safetensors) with its training metadata.
 * For ONNX and safetensors, `json` is the model converted to retroprop's JSON form.
 */
export function loadModelFile(
  path: string,
  options: LoadModelOptions = {},
): { model: Sequential; json: ModelJSON; training?: Record<string, unknown> } {
  const bytes = readOrFail(path, undefined, MAX_MODEL_BYTES);
  const format = modelFileFormat(path, bytes);
  if (format !== "json") {
    const read = format === "onnx" ? modelFromOnnx : modelFromSafetensors;
    const { model, training } = read(bytes, path, { dtype: options.dtype });
    return { model, json: modelToJSON(model, { training }), training };
  }
  const json = parseJsonText(bytes.toString("utf8"), path);
  let weights: Uint8Array | undefined;
  let weightsSource: string | undefined;
  if (isObject(json) && typeof json.weightsFile === "string" && json.format === MODEL_FORMAT) {
    // Validate the structure first so that a bad weightsFile value is reported with its JSON path.
    const name = json.weightsFile;
    if (isWeightsFileName(name)) {
      weightsSource = join(dirname(path), name);
      try {
        weights = readInputFile(weightsSource, MAX_WEIGHTS_BYTES, "weights file");
      } catch (err) {
        if (err instanceof InputError) throw err;
        // reported below with the JSON path, after the structure checks
      }
    }
  }
  let model: Sequential;
  try {
    model = modelFromJSON(json, path, { dtype: options.dtype, weights, weightsSource });
  } catch (err) {
    if (
      err instanceof InputError &&
      weightsSource &&
      !weights &&
      /binary weights need loadModel/.test(err.message)
    ) {
      readOrFail(weightsSource, path, MAX_WEIGHTS_BYTES);
    }
    throw err;
  }
  const parsed = json as unknown as ModelJSON;
  return { model, json: parsed, training: parsed.training };
}

/** Reads a model file (JSON with inline weights, or JSON + binary weights file), validating everything. */
export function loadModel(path: string, options: LoadModelOptions = {}): Sequential {
  return loadModelFile(path, options).model;
}

/**
 * Writes the model as ONNX or safetensors (atomically), with `train --save`'s metadata so that `predict` and
 * `evaluate` can use the exported file as they use the JSON.
 */
export function exportModel(
  model: Sequential,
  path: string,
  format: "onnx" | "safetensors",
  options: { training?: Record<string, unknown> } = {},
): void {
  writeFileAtomic(path, format === "onnx" ? modelToOnnx(model, options) : modelToSafetensors(model, options));
}

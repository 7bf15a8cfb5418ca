/**
 * The playground's files out and in: the trained model (retroprop's model JSON, which `retroprop predict
 * --model` reads, or safetensors, both written by the library in the worker; or ONNX, made here from the JSON),
 * a model loaded back (read and checked by the library: one-line errors naming the file and the JSON path or
 * the ONNX node), and the figures as PNG.
 */
import { InputError, modelFromJSON, modelFromSafetensors, type Sequential } from "retroprop";
import { looksLikeSafetensors, parseJsonText } from "retroprop/internals";
import { HIDDEN_ACTIVATIONS, type HiddenActivation, MAX_LAYERS, MAX_UNITS, type Problem } from "./state.js";

export const MODEL_FORMATS = ["json", "safetensors", "onnx"] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/**
 * The library's ONNX codec (src/nn/onnx.ts), loaded the first time a user exports or loads ONNX: it brings
 * onnx-proto and protobufjs (CommonJS, converted by Vite's build), which the browser entry leaves out and the
 * page's main bundle should not carry. Imported from dist/ as the graph view imports the expression parser.
 */
const onnxCodec = () => import("../../dist/src/nn/onnx.js");

/** The format the worker writes for a download: ONNX is converted in the page from the worker's JSON. */
export const workerFormat = (format: ModelFormat): "json" | "safetensors" =>
  format === "onnx" ? "json" : format;

/** The file to download, from the bytes the worker wrote in `workerFormat(format)`. */
export async function modelFileBytes(format: ModelFormat, fromWorker: Uint8Array): Promise<Uint8Array> {
  if (format !== "onnx") return fromWorker;
  const { model, training } = readJsonModel(fromWorker, "model");
  return (await onnxCodec()).modelToOnnx(model, { training });
}

/** What a loaded model makes of the page: the hidden layers' shape and the weights to train on from. */
export interface LoadedModel {
  hidden: number[];
  activations: HiddenActivation[];
  weights: Float32Array[];
  biases: Float32Array[];
  training?: Record<string, unknown>;
}

const OUTPUT_OF: Readonly<Record<Problem, string>> = {
  classification: "sigmoid",
  multiclass: "softmax",
  regression: "linear",
};

type ReadModel = { model: Sequential; training?: Record<string, unknown> };

function readJsonModel(bytes: Uint8Array, file: string): ReadModel {
  const json = parseJsonText(new TextDecoder().decode(bytes), file);
  const training = (json as { training?: Record<string, unknown> }).training;
  return { model: modelFromJSON(json, file), training };
}

/** JSON text starts with `{` after a byte-order mark and whitespace; an ONNX protobuf starts with 0x08. */
function startsLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) i++;
  return i === bytes.length || bytes[i] === 0x7b;
}

/**
 * Reads a model file's bytes: safetensors by its first bytes; ONNX by its name (.onnx) or, for a file that is
 * not JSON text, by the codec's own test; else retroprop's JSON (whose parser names the line and column).
 */
async function readModel(bytes: Uint8Array, file: string): Promise<ReadModel> {
  if (looksLikeSafetensors(bytes)) return modelFromSafetensors(bytes, file);
  if (/\.onnx$/i.test(file) || !startsLikeJson(bytes)) {
    const onnx = await onnxCodec();
    if (/\.onnx$/i.test(file) || onnx.looksLikeOnnx(bytes)) return onnx.modelFromOnnx(bytes, file);
  }
  return readJsonModel(bytes, file);
}

/**
 * A model file for the page's current inputs, outputs and problem: its hidden layers become the page's (within
 * the page's limits, with activations it offers), its weights the run's initial ones. Anything else is one line.
 */
export async function loadModelBytes(
  bytes: Uint8Array,
  file: string,
  expect: { inputs: number; outputs: number; problem: Problem },
): Promise<LoadedModel> {
  const { model, training } = await readModel(bytes, file);
  const layers = model.layers;
  const first = layers[0];
  const last = layers[layers.length - 1];
  if (first.inputs !== expect.inputs)
    throw new InputError(
      `${file}: the model takes ${first.inputs} inputs, the page's network ${expect.inputs} (choose the same features first)`,
    );
  if (last.units !== expect.outputs || last.activation !== OUTPUT_OF[expect.problem])
    throw new InputError(
      `${file}: the model's output is ${last.units} ${last.activation} unit(s); this problem needs ${expect.outputs} ${OUTPUT_OF[expect.problem]}`,
    );
  const hiddenLayers = layers.slice(0, -1);
  if (hiddenLayers.length > MAX_LAYERS)
    throw new InputError(`${file}: ${hiddenLayers.length} hidden layers, more than the page's ${MAX_LAYERS}`);
  hiddenLayers.forEach((layer, l) => {
    if (layer.units > MAX_UNITS)
      throw new InputError(
        `${file}: layers[${l}] has ${layer.units} units, more than the page's ${MAX_UNITS}`,
      );
    if (!(HIDDEN_ACTIVATIONS as readonly string[]).includes(layer.activation))
      throw new InputError(`${file}: layers[${l}].activation ${layer.activation} is not one the page offers`);
  });
  return {
    hidden: hiddenLayers.map((layer) => layer.units),
    activations: hiddenLayers.map((layer) => layer.activation as HiddenActivation),
    weights: layers.map((layer) => Float32Array.from(layer.weight.data)),
    biases: layers.map((layer) => Float32Array.from(layer.bias.data)),
    training,
  };
}

/** Offers bytes to the user as a download. */
export function download(name: string, bytes: Uint8Array | Blob, type = "application/octet-stream"): void {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A canvas as a PNG download. */
export function downloadCanvas(canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((blob) => {
    if (blob) download(name, blob);
  }, "image/png");
}

/** Reads a picked file's bytes, refusing what no model file could be before reading it whole. */
export async function fileBytes(file: File, maxBytes: number): Promise<Uint8Array> {
  if (file.size > maxBytes)
    throw new InputError(
      `${file.name}: ${file.size.toLocaleString("en-US")} bytes, more than the ${maxBytes / 2 ** 20} MiB the page reads`,
    );
  return new Uint8Array(await file.arrayBuffer());
}

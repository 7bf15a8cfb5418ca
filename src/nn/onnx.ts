/**
 * ONNX (https://onnx.ai) export and import of dense networks, encoded and decoded by the `onnx-proto`
 * package (protobufjs code generated from onnx.proto). Pure: bytes in and out, so it runs in a browser too.
 *
 * Export: opset 13; each layer is Gemm(a⁽ˡ⁻¹⁾, W⁽ˡ⁾, b⁽ˡ⁾, transB=1) — ONNX's Gemm computes A·Bᵀ + C with
 * transB, which is the notes' batch form Z = X·Wᵀ + b with W stored units × inputs as retroprop stores it —
 * followed by the activation's nodes from ONNX_ACTIVATIONS.
 *
 * Import: the MLPs `torch.onnx.export` writes for an nn.Sequential of Linear and activation modules (Gemm, or
 * MatMul + Add; Relu, Sigmoid, Tanh, Softmax, LeakyRelu …; Identity, Flatten and Dropout pass through).
 * Anything else is refused naming the node. The file is untrusted: every tensor's claimed size is checked against
 * the bytes actually present before anything is allocated.
 */
import onnxProto from "onnx-proto";
import type { DType } from "../tensor/dtype.js";
import { RetropropError } from "../util/errors.js";
import { localizedError, type Nested } from "../util/i18n.js";
import { type Activation, activationParam, isActivation } from "./activations.js";

/** leaky relu's slope, from the activation table. */
const LEAKY_SLOPE = activationParam("leaky_relu") as number;

import { Dense } from "./dense.js";
import { type Fail, failAt, problem } from "./fail.js";
import type { ImportedModel } from "./safetensors.js";
import { Sequential } from "./sequential.js";
import { isObject } from "./serialize.js";

const { onnx } = onnxProto;
type NodeProto = onnxProto.onnx.INodeProto;
type TensorProto = onnxProto.onnx.ITensorProto;
type AttributeProto = onnxProto.onnx.IAttributeProto;

export const ONNX_OPSET = 13;
/** IR version 7 is the one that goes with opset 13. */
const IR_VERSION = 7;
/** metadata_props key holding `train --save`'s metadata (normalisation, class names) as JSON text. */
export const ONNX_TRAINING_KEY = "retroprop.training";

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const DOUBLE = onnx.TensorProto.DataType.DOUBLE;

// ---------------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------------

/** What an activation adds to the graph: nodes from z to a, and any constants they need. */
interface ActivationNodes {
  nodes: NodeProto[];
  constants?: TensorProto[];
}

const floatAttr = (name: string, f: number): AttributeProto => ({
  name,
  type: onnx.AttributeProto.AttributeType.FLOAT,
  f,
});
const intAttr = (name: string, i: number): AttributeProto => ({
  name,
  type: onnx.AttributeProto.AttributeType.INT,
  i,
});
const node = (
  opType: string,
  input: string[],
  output: string,
  name: string,
  attribute: AttributeProto[] = [],
) => ({ opType, input, output: [output], name, attribute }) as NodeProto;
const scalar = (name: string, value: number): TensorProto => ({
  name,
  dataType: FLOAT,
  dims: [],
  floatData: [value],
});
const unary =
  (opType: string, attribute: AttributeProto[] = []) =>
  (z: string, a: string, name: string) => ({
    nodes: [node(opType, [z], a, name, attribute)],
  });

/**
 * Each activation as ONNX nodes (opset 13) taking z to a. A new activation is one entry; one missing from the
 * table cannot be exported. elu, softplus, gelu and silu are h-act's activations with PyTorch's defaults.
 */
const ONNX_ACTIVATIONS: Readonly<Record<string, (z: string, a: string, name: string) => ActivationNodes>> = {
  linear: unary("Identity"),
  sigmoid: unary("Sigmoid"),
  tanh: unary("Tanh"),
  relu: unary("Relu"),
  leaky_relu: unary("LeakyRelu", [floatAttr("alpha", LEAKY_SLOPE)]),
  softmax: unary("Softmax", [intAttr("axis", -1)]),
  elu: unary("Elu", [floatAttr("alpha", 1)]),
  softplus: unary("Softplus"),
  // x·Φ(x) = x · ½(1 + erf(x/√2)): the Gelu op needs opset 20, its Erf decomposition works from opset 13.
  gelu: (z, a, name) => ({
    nodes: [
      node("Mul", [z, `${name}/sqrt1_2`], `${name}/scaled`, `${name}/scale`),
      node("Erf", [`${name}/scaled`], `${name}/erf`, `${name}/erf`),
      node("Add", [`${name}/erf`, `${name}/one`], `${name}/1+erf`, `${name}/add`),
      node("Mul", [`${name}/1+erf`, `${name}/half`], `${name}/phi`, `${name}/half_mul`),
      node("Mul", [z, `${name}/phi`], a, `${name}/mul`),
    ],
    constants: [
      scalar(`${name}/sqrt1_2`, Math.SQRT1_2),
      scalar(`${name}/one`, 1),
      scalar(`${name}/half`, 0.5),
    ],
  }),
  // x·σ(x), as torch.onnx.export writes SiLU
  silu: (z, a, name) => ({
    nodes: [
      node("Sigmoid", [z], `${name}/sigmoid`, `${name}/sigmoid`),
      node("Mul", [z, `${name}/sigmoid`], a, name),
    ],
  }),
};

/**
 * Whether an activation has an ONNX form (a row in the table above). The table itself stays internal: its
 * node types are onnx-proto's, whose declarations need protobufjs's global Long type, which users need not have.
 */
export function onnxExportable(activation: string): boolean {
  return Object.hasOwn(ONNX_ACTIVATIONS, activation);
}

function float32Tensor(name: string, dims: number[], values: ArrayLike<number>): TensorProto {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return { name, dims, dataType: FLOAT, rawData: raw };
}

export interface OnnxExportOptions {
  /** `train --save`'s metadata, kept in metadata_props under `retroprop.training`. */
  training?: Record<string, unknown>;
}

/**
 * The model as an ONNX file: input "input" [N, inputs] float32, output "output" [N, outputs]. Weights are
 * stored as float32 (what ONNX Runtime runs everywhere); a float64 model is rounded.
 */
export function modelToOnnx(model: Sequential, options: OnnxExportOptions = {}): Uint8Array {
  const nodes: NodeProto[] = [];
  const initializer: TensorProto[] = [];
  let x = "input";
  model.layers.forEach((layer, l) => {
    const build = ONNX_ACTIVATIONS[layer.activation];
    if (!build) {
      const exportable = Object.keys(ONNX_ACTIVATIONS).join(", ");
      throw localizedError(RetropropError, "noOnnxForm", l, layer.activation, exportable);
    }
    for (const [what, values] of [
      ["weights", layer.weight.data],
      ["bias", layer.bias.data],
    ] as const) {
      const bad = Array.prototype.findIndex.call(values, (v: number) => !Number.isFinite(v));
      if (bad >= 0)
        throw localizedError(RetropropError, "cannotExportNonFinite", `layers[${l}].${what}`, values[bad]);
    }
    initializer.push(float32Tensor(`W${l + 1}`, [layer.units, layer.inputs], layer.weight.data));
    initializer.push(float32Tensor(`b${l + 1}`, [layer.units], layer.bias.data));
    const z = `z${l + 1}`;
    const a = l === model.layers.length - 1 ? "output" : `a${l + 1}`;
    nodes.push(node("Gemm", [x, `W${l + 1}`, `b${l + 1}`], z, `dense${l + 1}`, [intAttr("transB", 1)]));
    const act = build(z, a, `${layer.activation}${l + 1}`);
    nodes.push(...act.nodes);
    initializer.push(...(act.constants ?? []));
    x = a;
  });
  const valueInfo = (name: string, width: number) => ({
    name,
    type: {
      tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: "N" }, { dimValue: width }] } },
    },
  });
  const message = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: "retroprop",
    opsetImport: [{ domain: "", version: ONNX_OPSET }],
    graph: {
      name: "retroprop",
      node: nodes,
      initializer,
      input: [valueInfo("input", model.inputSize)],
      output: [valueInfo("output", model.outputSize)],
    },
    metadataProps:
      options.training === undefined
        ? []
        : [{ key: ONNX_TRAINING_KEY, value: JSON.stringify(options.training) }],
  });
  return onnx.ModelProto.encode(message).finish();
}

// ---------------------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------------------

/** ONNX ops that are one of retroprop's activations (only those whose name this retroprop knows are used). */
const OP_ACTIVATIONS: Readonly<Record<string, string>> = {
  Sigmoid: "sigmoid",
  Tanh: "tanh",
  Relu: "relu",
  LeakyRelu: "leaky_relu",
  Softmax: "softmax",
  Elu: "elu",
  Softplus: "softplus",
  Gelu: "gelu",
};
/** Ops that change nothing for an [N, features] batch at inference. */
const PASS_THROUGH = new Set(["Identity", "Flatten", "Dropout"]);

/** True when the bytes start like an ONNX ModelProto (field 1, ir_version, as a varint). */
export function looksLikeOnnx(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x08 && bytes[1] > 0 && bytes[1] < 0x20;
}

/** A name from the file, as it can appear in a one-line message: JSON-quoted (control characters escaped), cut at 80. */
function quote(name: unknown): string {
  const s = String(name ?? "");
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
}

function toInt(v: unknown): number {
  if (typeof v === "number") return v;
  if (v && typeof (v as { toNumber?: unknown }).toNumber === "function")
    return (v as { toNumber(): number }).toNumber();
  return Number(v ?? 0);
}

interface Matrix {
  dims: number[];
  values: Float64Array;
  dtype: DType;
}

/**
 * Reads an ONNX MLP (see the module comment for what is accepted). Errors are one line:
 * `source: node 3 "/0/Gemm" (Gemm): problem`, `source: initializer "W1": problem`, or the decoder's byte offset.
 */
export function modelFromOnnx(
  bytes: Uint8Array,
  source = "onnx",
  options: { dtype?: DType } = {},
): ImportedModel {
  const fail = failAt(source);
  let proto: onnxProto.onnx.ModelProto;
  try {
    proto = onnx.ModelProto.decode(bytes);
  } catch (err) {
    return fail("onnxNotProtobuf", decodeProblem(err));
  }
  const graph = proto.graph;
  if (!graph) return fail("onnxNoGraph");

  // Constant tensors: initializers and Constant nodes, decoded on first use with their sizes checked.
  const constants = new Map<string, TensorProto>();
  for (const t of graph.initializer ?? []) constants.set(t.name ?? "", t);
  const decoded = new Map<string, Matrix>();
  /** A constant read by a node (whose own Fail reports a name that is not one). */
  const constant = (name: string, nodeFail: Fail): Matrix => {
    const cached = decoded.get(name);
    if (cached) return cached;
    const t = constants.get(name);
    if (!t) return nodeFail("onnxNotConstant", quote(name));
    const initializerFail: Fail = (key, ...params) =>
      fail("onnxInitializer", quote(name), problem(key, ...params));
    if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) initializerFail("onnxExternalData");
    const dims = (t.dims ?? []).map(toInt);
    if (!dims.every((d) => Number.isSafeInteger(d) && d >= 0)) initializerFail("onnxBadDims", String(dims));
    const dtype: DType | undefined =
      t.dataType === FLOAT ? "float32" : t.dataType === DOUBLE ? "float64" : undefined;
    if (!dtype) return initializerFail("onnxDataType", t.dataType);
    const size = dtype === "float64" ? 8 : 4;
    const count = dims.reduce((a, b) => a * b, 1);
    const raw = t.rawData && t.rawData.length > 0 ? t.rawData : undefined;
    const listed = dtype === "float64" ? t.doubleData : t.floatData;
    // The claim (dims) must match what the file holds before anything of that size is allocated.
    const present = raw ? raw.length / size : (listed?.length ?? 0);
    if (present !== count) initializerFail("onnxDimsClaim", String(dims), count, present);
    const values = new Float64Array(count);
    if (raw) {
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      for (let i = 0; i < count; i++)
        values[i] = size === 8 ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
    } else if (listed) values.set(listed);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) initializerFail("onnxValue", bad, values[bad]);
    const m = { dims, values, dtype };
    decoded.set(name, m);
    return m;
  };

  const inputs = (graph.input ?? []).filter((v) => !constants.has(v.name ?? ""));
  if (inputs.length !== 1) fail("onnxInputs", inputs.length, inputs.map((v) => quote(v.name)).join(", "));
  if ((graph.output ?? []).length !== 1) fail("onnxOutputs", (graph.output ?? []).length);

  /** A one-value constant's value, or undefined (no error: used to recognise patterns). */
  const scalarOf = (name: string | undefined): number | undefined => {
    const t = name === undefined ? undefined : constants.get(name);
    if (!t) return undefined;
    const m = constant(name as string, fail);
    return m.values.length === 1 ? m.values[0] : undefined;
  };
  const near = (v: number | undefined, target: number) => v !== undefined && Math.abs(v - target) < 1e-6;
  /**
   * Exact gelu as its Erf decomposition, x·½(1 + erf(x/√2)): five nodes from node k on — Div by √2 (as
   * torch.onnx.export writes nn.GELU at opsets below 20) or Mul by 1/√2 (as retroprop exports it), Erf, Add 1,
   * then Mul by x and Mul by ½ in either order. Undefined when the nodes are anything else.
   */
  const erfGelu = (k: number): { output: string; last: number } | undefined => {
    // The next five computing nodes (torch puts the Constant nodes of 1, ½ and √2 between them).
    const at: number[] = [];
    for (let i = k; i < nodes.length && at.length < 5; i++) if (nodes[i].opType !== "Constant") at.push(i);
    if (at.length < 5) return undefined;
    const [scale, erf, add, m1, m2] = at.map((i) => nodes[i]);
    const other = (node: typeof scale, known: string | undefined) =>
      (node.input ?? []).find((i) => i !== known);
    const x = current;
    const scaled = (scale.input ?? [])[0] === x ? (scale.output ?? [])[0] : undefined;
    const factor = scalarOf(other(scale, x));
    const scaleOk =
      scaled !== undefined &&
      ((scale.opType === "Div" && near(factor, Math.SQRT2)) ||
        (scale.opType === "Mul" && near(factor, Math.SQRT1_2)));
    if (!scaleOk || erf.opType !== "Erf" || (erf.input ?? [])[0] !== scaled) return undefined;
    const e = (erf.output ?? [])[0];
    if (add.opType !== "Add" || !(add.input ?? []).includes(e) || !near(scalarOf(other(add, e)), 1))
      return undefined;
    const p1 = (add.output ?? [])[0];
    if (m1.opType !== "Mul" || m2.opType !== "Mul" || !(m1.input ?? []).includes(p1)) return undefined;
    const p2 = (m1.output ?? [])[0];
    if (!(m2.input ?? []).includes(p2)) return undefined;
    const factors = [other(m1, p1), other(m2, p2)];
    const byX = factors.filter((f) => f === x).length;
    const byHalf = factors.filter((f) => f !== x && near(scalarOf(f), 0.5)).length;
    if (byX !== 1 || byHalf !== 1) return undefined;
    return { output: (m2.output ?? [])[0] ?? "", last: at[4] };
  };

  interface Pending {
    W: Float64Array; // units × inputs
    b: Float64Array;
    inputs: number;
    units: number;
    activation?: Activation;
    dtype: DType;
  }
  const layers: Pending[] = [];
  let current = inputs[0].name ?? "";
  const nodes = graph.node ?? [];
  // Constant nodes are known up front, so that a pattern (erfGelu) may read one that comes after its first node.
  for (const n of nodes) {
    const t = n.opType === "Constant" ? (n.attribute ?? []).find((a) => a.name === "value")?.t : undefined;
    const out = (n.output ?? [])[0];
    if (t && out) constants.set(out, { ...(t as TensorProto), name: out });
  }
  const open = (): Pending | undefined => {
    const last = layers[layers.length - 1];
    return last && last.activation === undefined ? last : undefined;
  };
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k];
    const op = n.opType ?? "";
    const nodeFail: Fail = (key, ...params) =>
      fail("onnxNode", k, quote(n.name), quote(op).slice(1, -1), problem(key, ...params));
    const attr = (name: string): AttributeProto | undefined =>
      (n.attribute ?? []).find((a) => a.name === name);
    const ins = n.input ?? [];
    const out = (n.output ?? [])[0];
    if (op === "Constant") {
      const t = attr("value")?.t;
      if (!t || !out) nodeFail("onnxTensorConstants");
      constants.set(out as string, { ...(t as TensorProto), name: out });
      continue;
    }
    if (!ins.includes(current)) nodeFail("onnxNotChained", quote(current));
    const gelu = erfGelu(k);
    if (gelu) {
      const pending = open();
      if (!pending) nodeFail("onnxActivationFirst");
      (pending as Pending).activation = "gelu";
      current = gelu.output;
      k = gelu.last;
      continue;
    }
    const dense = (W: Float64Array, units: number, inputsCount: number, dtype: DType) => {
      // Zero values are consistent with any size on the other axis ([10^12, 0]): refused before b is allocated.
      if (units < 1 || inputsCount < 1) nodeFail("onnxEmptyLayer", quote(ins[1]), units, inputsCount);
      const prev = layers[layers.length - 1];
      const pending = open();
      if (pending) pending.activation = "linear";
      const expected = prev ? prev.units : inputsCount;
      if (inputsCount !== expected) nodeFail("onnxChain", inputsCount, expected);
      layers.push({ W, b: new Float64Array(units), inputs: inputsCount, units, dtype });
    };
    if (op === "Gemm") {
      const alpha = attr("alpha")?.f ?? 1;
      const beta = attr("beta")?.f ?? 1;
      if (toInt(attr("transA")?.i) !== 0 || alpha !== 1 || beta !== 1) nodeFail("onnxGemmForm");
      if (ins[0] !== current) nodeFail("onnxInputA", quote(current));
      const B = constant(ins[1], nodeFail);
      if (B.dims.length !== 2) nodeFail("onnxWeightDims", quote(ins[1]), String(B.dims));
      const transB = toInt(attr("transB")?.i) === 1;
      // With transB, B is already units × inputs (W); without, B is inputs × units (Wᵀ).
      const [units, inputsCount] = transB ? B.dims : [B.dims[1], B.dims[0]];
      dense(transB ? B.values : transpose(B.values, B.dims[0], B.dims[1]), units, inputsCount, B.dtype);
      if (ins[2]) addBias(layers[layers.length - 1], constant(ins[2], nodeFail), nodeFail);
    } else if (op === "MatMul") {
      if (ins[0] !== current) nodeFail("onnxFirstInput", quote(current));
      const B = constant(ins[1], nodeFail);
      if (B.dims.length !== 2) nodeFail("onnxWeightDims", quote(ins[1]), String(B.dims));
      dense(transpose(B.values, B.dims[0], B.dims[1]), B.dims[1], B.dims[0], B.dtype);
    } else if (op === "Add") {
      const pending = open();
      if (!pending) nodeFail("onnxAddBias");
      const other = ins[0] === current ? ins[1] : ins[0];
      addBias(pending as Pending, constant(other, nodeFail), nodeFail);
    } else if (PASS_THROUGH.has(op)) {
      if (op === "Flatten" && toInt(attr("axis")?.i ?? 1) !== 1) nodeFail("onnxFlatten");
    } else if (op in OP_ACTIVATIONS) {
      let name = OP_ACTIVATIONS[op];
      let output = out;
      // x·σ(x): torch.onnx.export writes SiLU as Sigmoid then Mul with the Sigmoid's own input.
      const next = nodes[k + 1];
      if (
        op === "Sigmoid" &&
        next?.opType === "Mul" &&
        (next.input ?? []).includes(current) &&
        (next.input ?? []).includes(out ?? "")
      ) {
        name = "silu";
        output = (next.output ?? [])[0];
        k++;
      }
      if (!isActivation(name)) nodeFail("onnxNoActivation", name);
      if (name === "leaky_relu" && Math.abs((attr("alpha")?.f ?? 0.01) - LEAKY_SLOPE) > 1e-7)
        nodeFail("onnxLeakyAlpha", attr("alpha")?.f ?? undefined, LEAKY_SLOPE);
      if (name === "softmax") {
        const axis = toInt(
          attr("axis")?.i ?? (proto.opsetImport?.some((o) => toInt(o.version) >= 13) ? -1 : 1),
        );
        if (axis !== -1 && axis !== 1) nodeFail("onnxSoftmaxAxis", axis);
      }
      if (name === "elu" && Math.abs((attr("alpha")?.f ?? 1) - 1) > 1e-7) nodeFail("onnxElu");
      if (
        name === "gelu" &&
        (attr("approximate")?.s?.length ?? 0) > 0 &&
        new TextDecoder().decode(attr("approximate")?.s ?? new Uint8Array()) !== "none"
      )
        nodeFail("onnxGelu");
      const pending = open();
      if (!pending) nodeFail("onnxActivationFirst");
      (pending as Pending).activation = name as Activation;
      current = output ?? "";
      continue;
    } else {
      nodeFail("onnxUnsupported");
    }
    current = out ?? "";
  }
  const pending = open();
  if (pending) pending.activation = "linear";
  if (layers.length === 0) fail("onnxNoDense");
  const outName = graph.output?.[0]?.name;
  if (outName !== current) fail("onnxOutputNotLast", quote(outName), quote(current));

  const dtype = options.dtype ?? layers[0].dtype;
  const model = new Sequential(
    layers.map((p) => {
      const layer = new Dense(p.inputs, p.units, p.activation as Activation, { dtype, init: "zeros" });
      layer.weight.data.set(p.W);
      layer.bias.data.set(p.b);
      return layer;
    }),
  );
  const trainingText = proto.metadataProps?.find((e) => e.key === ONNX_TRAINING_KEY)?.value;
  let training: unknown;
  try {
    training = trainingText ? JSON.parse(trainingText) : undefined;
  } catch {
    fail("onnxTrainingNotJson", ONNX_TRAINING_KEY);
  }
  return { model, training: isObject(training) ? training : undefined };
}

/**
 * protobufjs's message, with the place made explicit: its "index out of range: P + N > L" means that reading N
 * bytes at byte P (an offset in the whole file) runs past its L bytes; "invalid wire type" already says its offset.
 * Its messages that we know are said from the catalogue (in the reader's language); any other as it is.
 */
function decodeProblem(err: unknown): Nested {
  const message = String((err as Error)?.message).split("\n")[0];
  const m = /^index out of range: (\d+) \+ (\d+) > (\d+)$/.exec(message);
  if (m) return problem("onnxPastEnd", Number(m[1]), Number(m[2]), Number(m[3]));
  const wire = /^invalid wire type (\d+) at offset (\d+)$/.exec(message);
  if (wire) return problem("onnxWireType", Number(wire[1]), Number(wire[2]));
  return message === "invalid varint encoding" ? problem("onnxVarint") : message;
}

function transpose(values: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}

function addBias(layer: { b: Float64Array; units: number }, c: Matrix, nodeFail: Fail): void {
  const n = c.values.length;
  const shapeOk = (c.dims.length === 1 || (c.dims.length === 2 && c.dims[0] === 1)) && n === layer.units;
  if (!shapeOk) nodeFail("onnxBiasDims", String(c.dims), layer.units);
  for (let j = 0; j < n; j++) layer.b[j] += c.values[j];
}

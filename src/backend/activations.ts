/**
 * The activations, one descriptor each: everything else about an activation (the reference kernel, the
 * autograd op, the dense layers' fused passes, the wasm op codes, range checks, default initialisers and
 * the CLI's help) is derived from this table. Adding an activation is one entry here plus its kernels in
 * assembly/elementwise.ts (DEVELOPERS.md, "An activation").
 */
import { RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { erfc } from "./erf.js";

/** An activation applied to each z on its own. */
export interface ElementwiseActivationInfo {
  /** a = f(z), as the notes write it (for help texts), in symbols only: help texts print it in every language. */
  readonly formula: string;
  /** f(x); p is the parameter (see `param`), ignored by activations without one. */
  readonly f: (x: number, p: number) => number;
  /** f′ through the input x and the output y = f(x), whichever is cheaper. */
  readonly df: (x: number, y: number, p: number) => number;
  /** The values f takes, [lo, hi] (±Infinity when unbounded), for the default parameter. */
  readonly range: readonly [number, number];
  /** Where a one-output classifier with this output activation splits class 0 from class 1. */
  readonly threshold: number;
  /** The weight initialiser a Keras/PyTorch user expects (He for the relu family, Glorot otherwise). */
  readonly init: "glorot_uniform" | "he_uniform";
  /** The activation's parameter, if it has one: its name (shown in graphs) and its default. */
  readonly param?: { readonly name: string; readonly value: number };
  /** Its op code in the WebAssembly kernels (assembly/elementwise.ts; a test checks the two agree). */
  readonly wasm: number;
  /** False for activations backpropagation cannot train (the perceptron's step: f′ = 0). */
  readonly differentiable: boolean;
}

/** softmax: a function of the whole row, f(z)_j = e^(z_j) / Σ_k e^(z_k). */
export interface RowActivationInfo {
  readonly formula: string;
  readonly range: readonly [number, number];
  readonly threshold: number;
  readonly init: "glorot_uniform" | "he_uniform";
  readonly differentiable: true;
  readonly rows: true;
}

export type ActivationInfo = ElementwiseActivationInfo | RowActivationInfo;

function sigmoid(x: number): number {
  // Two branches so that exp never overflows: for x < 0, σ(x) = eˣ / (1 + eˣ).
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Φ(x), the standard normal CDF, through erfc so that its left tail keeps its relative accuracy. */
const normalCdf = (x: number): number => 0.5 * erfc(-x * Math.SQRT1_2);
/** φ(x), the standard normal density. */
const normalPdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

const RELU_FAMILY = { threshold: 0.5, init: "he_uniform", differentiable: true } as const;
const SQUASHING = { init: "glorot_uniform", differentiable: true } as const;

const ELEMENTWISE = {
  sigmoid: {
    formula: "1/(1 + e^−z)",
    f: sigmoid,
    df: (_x, y) => y * (1 - y),
    range: [0, 1],
    threshold: 0.5,
    ...SQUASHING,
    wasm: 4,
  },
  tanh: {
    formula: "tanh z",
    f: Math.tanh,
    df: (_x, y) => 1 - y * y,
    range: [-1, 1],
    threshold: 0,
    ...SQUASHING,
    wasm: 5,
  },
  relu: {
    formula: "max(0, z)",
    f: (x) => (x > 0 ? x : 0),
    // relu′(0) = 0, as in PyTorch and TensorFlow.
    df: (x) => (x > 0 ? 1 : 0),
    range: [0, Number.POSITIVE_INFINITY],
    ...RELU_FAMILY,
    wasm: 6,
  },
  leaky_relu: {
    formula: "z (z > 0), slope·z (z ≤ 0); slope 0.01",
    f: (x, p) => (x > 0 ? x : p * x),
    df: (x, _y, p) => (x > 0 ? 1 : p),
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    ...RELU_FAMILY,
    // PyTorch's default (Keras uses 0.3).
    param: { name: "slope", value: 0.01 },
    wasm: 7,
  },
  linear: {
    formula: "z",
    f: (x) => x,
    df: () => 1,
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    threshold: 0.5,
    ...SQUASHING,
    wasm: 8,
  },
  step: {
    formula: "1 (z ≥ 0), 0 (z < 0)",
    f: (x) => (x >= 0 ? 1 : 0),
    df: () => 0,
    range: [0, 1],
    threshold: 0.5,
    init: "glorot_uniform",
    differentiable: false,
    wasm: 9,
  },
  elu: {
    formula: "z (z > 0), α·(e^z − 1) (z ≤ 0); α 1",
    f: (x, p) => (x > 0 ? x : p * Math.expm1(x)),
    // For z ≤ 0, f′ = α·e^z = y + α.
    df: (x, y, p) => (x > 0 ? 1 : y + p),
    range: [-1, Number.POSITIVE_INFINITY],
    ...RELU_FAMILY,
    param: { name: "alpha", value: 1 },
    wasm: 10,
  },
  softplus: {
    formula: "ln(1 + e^(β·z))/β (β 1)",
    // max(βz, 0) + ln(1 + e^−|βz|), so that e^(βz) never overflows.
    f: (x, p) => (Math.max(p * x, 0) + Math.log1p(Math.exp(-Math.abs(p * x)))) / p,
    df: (x, _y, p) => sigmoid(p * x),
    range: [0, Number.POSITIVE_INFINITY],
    ...RELU_FAMILY,
    param: { name: "beta", value: 1 },
    wasm: 11,
  },
  gelu: {
    formula: "z·Φ(z) = z·½(1 + erf(z/√2))",
    f: (x) => x * normalCdf(x),
    df: (x) => normalCdf(x) + x * normalPdf(x),
    // The minimum, −0.16997… at z ≈ −0.75, rounded outward.
    range: [-0.17, Number.POSITIVE_INFINITY],
    ...RELU_FAMILY,
    wasm: 12,
  },
  silu: {
    formula: "z·σ(z) (swish)",
    f: (x) => x * sigmoid(x),
    // f′ = σ + z·σ·(1 − σ) = σ + y·(1 − σ).
    df: (x, y) => {
      const s = sigmoid(x);
      return s + y * (1 - s);
    },
    // The minimum, −0.27846… at z ≈ −1.28, rounded outward.
    range: [-0.279, Number.POSITIVE_INFINITY],
    ...RELU_FAMILY,
    wasm: 13,
  },
} as const satisfies Record<string, ElementwiseActivationInfo>;

const SOFTMAX: RowActivationInfo = {
  formula: "e^(z_j) / Σ_k e^(z_k)",
  range: [0, 1],
  threshold: 0.5,
  init: "glorot_uniform",
  differentiable: true,
  rows: true,
};

/** An activation applied elementwise (every activation but softmax); also a backend unary op. */
export type ElementwiseActivation = keyof typeof ELEMENTWISE;
/** The activations a dense layer can apply to z. */
export type Activation = ElementwiseActivation | "softmax";

const TABLE: Readonly<Record<Activation, ActivationInfo>> = { ...ELEMENTWISE, softmax: SOFTMAX };

/** Every activation, in the order help texts and errors list them. */
export const ACTIVATIONS: readonly Activation[] = Object.keys(TABLE) as Activation[];

/** The activations backpropagation can train (all but step). */
export const TRAINABLE_ACTIVATIONS: readonly Activation[] = ACTIVATIONS.filter(
  (n) => TABLE[n].differentiable,
);

/** Other spellings users type. */
const ALIASES: Readonly<Record<string, Activation>> = {
  "leaky-relu": "leaky_relu",
  leakyrelu: "leaky_relu",
  identity: "linear",
};

// Lookups by name run on every kernel call (a tiny network's step makes a dozen): Maps, not property tests.
const BY_NAME: ReadonlyMap<string, ActivationInfo> = new Map(Object.entries(TABLE));
const ELEMENTWISE_BY_NAME: ReadonlyMap<string, ElementwiseActivationInfo> = new Map(
  Object.entries(ELEMENTWISE),
);
const PARAMS: ReadonlyMap<string, number> = new Map(
  Object.entries(ELEMENTWISE).flatMap(([name, info]) =>
    "param" in info && info.param ? [[name, info.param.value] as [string, number]] : [],
  ),
);

export function isActivation(name: unknown): name is Activation {
  return typeof name === "string" && BY_NAME.has(name);
}

export function isElementwiseActivation(name: unknown): name is ElementwiseActivation {
  return typeof name === "string" && ELEMENTWISE_BY_NAME.has(name);
}

/** The descriptor of an activation. */
export function activationInfo(name: Activation): ActivationInfo {
  return TABLE[name];
}

/** The descriptor of an elementwise activation, or undefined for any other unary op. */
export function elementwiseInfo(name: string): ElementwiseActivationInfo | undefined {
  return ELEMENTWISE_BY_NAME.get(name);
}

/** An activation's name from what a user typed (aliases such as leaky-relu and identity accepted). */
export function parseActivation(name: string): Activation {
  const n = ALIASES[name] ?? name;
  if (!isActivation(n))
    throw localizedError(RetropropError, "unknownActivation", name, ACTIVATIONS.join(", "));
  return n;
}

/**
 * Hidden activations as a user lists them: "relu" (one for every hidden layer) gives that name; "relu,tanh"
 * (one per hidden layer, in order) gives the list, whose length the model checks against its layers.
 */
export function parseActivations(text: string): Activation | Activation[] {
  const names = text.split(",").map((n) => n.trim());
  return names.length === 1 ? parseActivation(names[0]) : names.map(parseActivation);
}

/** The parameter the kernels take for this activation (leaky relu's slope, elu's α, softplus's β), else none. */
export function activationParam(name: string): number | undefined {
  return PARAMS.get(name);
}

/** The values an activation's outputs take, [lo, hi] (±Infinity when unbounded). */
export function outputRange(name: Activation): readonly [number, number] {
  return TABLE[name].range;
}

/** Where a one-output classifier splits the classes: 0.5 (targets 0 and 1), 0 for tanh. */
export function classificationThreshold(name: Activation): number {
  return TABLE[name].threshold;
}

/**
 * The interval a chart of the outputs spans: the range when it is bounded, else a unit interval around the
 * threshold (where a classifier's outputs live).
 */
export function outputDisplayRange(name: Activation): [number, number] {
  const [lo, hi] = TABLE[name].range;
  if (Number.isFinite(lo) && Number.isFinite(hi)) return [lo, hi];
  const t = TABLE[name].threshold;
  return [t - 0.5, t + 0.5];
}

/** The default weight initialiser's name for a layer with this activation. */
export function defaultInitializerName(name: Activation): "glorot_uniform" | "he_uniform" {
  return TABLE[name].init;
}

/**
 * One line per activation for help texts: name, formula, range; `outputsIn` words the range (the CLI passes
 * its language's).
 */
export function activationHelp(
  names: readonly Activation[] = ACTIVATIONS,
  outputsIn: (interval: string) => string = (interval) => `outputs in ${interval}`,
): string {
  const width = Math.max(...names.map((n) => n.length));
  const bound = (v: number) => (v < 0 ? "−" : "") + (Number.isFinite(v) ? String(Math.abs(v)) : "∞");
  const interval = ([lo, hi]: readonly [number, number]) =>
    `${Number.isFinite(lo) ? "[" : "("}${bound(lo)}, ${bound(hi)}${Number.isFinite(hi) ? "]" : ")"}`;
  return names
    .map((n) => {
      const { formula, range } = TABLE[n];
      return `  ${n.padEnd(width)}  ${formula}; ${outputsIn(interval(range))}`;
    })
    .join("\n");
}

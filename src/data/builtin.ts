/**
 * Built-in datasets, generated from a seeded `Random` (the gates and the printed cafeteria week are fixed).
 */
import { NDArray } from "../tensor/ndarray.js";
import type { Random } from "../tensor/random.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { MAX_SAMPLES } from "../util/limits.js";
import { encodeLabels } from "./encode.js";
import type { Dataset } from "./types.js";

export const GATE_DATASETS = ["and", "or", "nand", "nor", "not", "xor"] as const;
export const BUILTIN_DATASETS = [
  ...GATE_DATASETS,
  "gates",
  "circles",
  "moons",
  "spirals",
  "blobs",
  "sin",
  "cafeteria",
] as const;
export type BuiltinName = (typeof BUILTIN_DATASETS)[number];

export interface BuiltinOptions {
  /** Number of rows to generate (ignored by the gates). */
  samples?: number;
  /** Noise level (see each generator); 0 gives the exact curves. */
  noise?: number;
  /** Classes of `blobs` (default 3). */
  classes?: number;
}

/** Default row counts and noise levels, documented in docs/data.md. */
export const BUILTIN_DEFAULTS: Readonly<Record<string, { samples: number; noise: number }>> = {
  circles: { samples: 200, noise: 0.05 },
  moons: { samples: 200, noise: 0.1 },
  spirals: { samples: 200, noise: 0.02 },
  blobs: { samples: 300, noise: 0.6 },
  sin: { samples: 100, noise: 0 },
  cafeteria: { samples: 10, noise: 0 },
};

const TWO_INPUTS = [0, 0, 0, 1, 1, 0, 1, 1];
const GATE_TARGETS: Record<(typeof GATE_DATASETS)[number], number[]> = {
  and: [0, 0, 0, 1],
  or: [0, 1, 1, 1],
  nand: [1, 1, 1, 0],
  nor: [1, 0, 0, 0],
  not: [1, 0],
  xor: [0, 1, 1, 0],
};

function binary(
  name: string,
  x: Float32Array,
  labels: Int32Array,
  features: number,
  names?: string[],
): Dataset {
  const ds: Dataset = {
    name,
    x: new NDArray(x, [labels.length, features]),
    y: encodeLabels(labels, 2),
    labels,
    classNames: ["0", "1"],
    task: "classification",
  };
  if (names) ds.featureNames = names;
  return ds;
}

/** A logic gate's truth table, inputs in the order 00, 01, 10, 11 (NOT: 0, 1); targets 0/1, one output. */
export function gateDataset(name: (typeof GATE_DATASETS)[number]): Dataset {
  const targets = GATE_TARGETS[name];
  if (name === "not") return binary(name, Float32Array.from([0, 1]), Int32Array.from(targets), 1, ["x1"]);
  return binary(name, Float32Array.from(TWO_INPUTS), Int32Array.from(targets), 2, ["x1", "x2"]);
}

/** The five two-input gates as five 0/1 outputs of one network (multi-label): and, or, nand, nor, xor. */
export function gatesDataset(): Dataset {
  const outputs = ["and", "or", "nand", "nor", "xor"] as const;
  const y = new Float32Array(4 * outputs.length);
  for (let r = 0; r < 4; r++) {
    outputs.forEach((g, k) => {
      y[r * outputs.length + k] = GATE_TARGETS[g][r];
    });
  }
  return {
    name: "gates",
    x: new NDArray(Float32Array.from(TWO_INPUTS), [4, 2]),
    y: new NDArray(y, [4, outputs.length]),
    labels: null,
    classNames: null,
    task: "classification",
    featureNames: ["x1", "x2"],
    outputNames: [...outputs],
  };
}

function checkSamples(name: string, samples: number, min: number): void {
  if (!Number.isInteger(samples) || samples < min) {
    throw localizedError(InputError, "samplesAtLeast", name, min, samples);
  }
  if (samples > MAX_SAMPLES) {
    throw localizedError(InputError, "samplesAtMost", name, MAX_SAMPLES, samples);
  }
}

function checkNoise(name: string, noise: number): void {
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw localizedError(InputError, "noiseRange", name, noise);
  }
}

/**
 * Two concentric circles (as scikit-learn's make_circles, factor 0.5): class 0 on radius 1, class 1 on
 * radius 0.5, angles uniform; Gaussian noise of standard deviation `noise` added to each coordinate.
 * Rows alternate class 0, class 1, ...; class 0 gets the extra row when `samples` is odd.
 */
export function circles(rng: Random, samples = 200, noise = 0.05): Dataset {
  checkSamples("circles", samples, 2);
  checkNoise("circles", noise);
  const x = new Float32Array(samples * 2);
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const c = i % 2;
    const r = c === 0 ? 1 : 0.5;
    const t = rng.uniform(0, 2 * Math.PI);
    x[2 * i] = r * Math.cos(t) + rng.normal(0, noise);
    x[2 * i + 1] = r * Math.sin(t) + rng.normal(0, noise);
    labels[i] = c;
  }
  return binary("circles", x, labels, 2, ["x1", "x2"]);
}

/**
 * Two interleaving half circles (as scikit-learn's make_moons): class 0 is (cos t, sin t), class 1 is
 * (1 − cos t, 0.5 − sin t), t uniform in [0, π]; Gaussian noise of standard deviation `noise`.
 */
export function moons(rng: Random, samples = 200, noise = 0.1): Dataset {
  checkSamples("moons", samples, 2);
  checkNoise("moons", noise);
  const x = new Float32Array(samples * 2);
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const c = i % 2;
    const t = rng.uniform(0, Math.PI);
    const px = c === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const py = c === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    x[2 * i] = px + rng.normal(0, noise);
    x[2 * i + 1] = py + rng.normal(0, noise);
    labels[i] = c;
  }
  return binary("moons", x, labels, 2, ["x1", "x2"]);
}

/**
 * Two interleaved spirals (Lang & Witbrock's benchmark, scaled into the unit disc): a point at angle
 * t ∈ [π/2, 3.5π] (drawn uniformly in √ so the density along the arm is even) lies at radius t / 3.5π;
 * class 1 is class 0 turned by π. Gaussian noise of standard deviation `noise` on each coordinate. With
 * `arms` > 2 (the playground's several-class spiral), class c is arm 0 turned by 2πc/arms, one-hot encoded.
 */
export function spirals(rng: Random, samples = 200, noise = 0.02, arms = 2): Dataset {
  checkSamples("spirals", samples, 2);
  checkNoise("spirals", noise);
  if (!Number.isInteger(arms) || arms < 2 || arms > samples)
    throw localizedError(InputError, "spiralArms", arms);
  const x = new Float32Array(samples * 2);
  const labels = new Int32Array(samples);
  const t0 = Math.PI / 2;
  const t1 = 3.5 * Math.PI;
  for (let i = 0; i < samples; i++) {
    const c = i % arms;
    const t = Math.sqrt(rng.uniform(t0 * t0, t1 * t1));
    const r = t / t1;
    const a = t + (2 * Math.PI * c) / arms;
    x[2 * i] = r * Math.cos(a) + rng.normal(0, noise);
    x[2 * i + 1] = r * Math.sin(a) + rng.normal(0, noise);
    labels[i] = c;
  }
  if (arms === 2) return binary("spirals", x, labels, 2, ["x1", "x2"]);
  return planeClasses("spirals", x, labels, arms);
}

/** Points of the plane in `classes` classes named 0, 1, …: one 0/1 output for two, one-hot rows beyond. */
function planeClasses(name: string, x: Float32Array, labels: Int32Array, classes: number): Dataset {
  return {
    name,
    x: new NDArray(x, [labels.length, 2]),
    y: encodeLabels(labels, classes),
    labels,
    classNames: Array.from({ length: classes }, (_, c) => String(c)),
    task: "classification",
    featureNames: ["x1", "x2"],
  };
}

/**
 * Gaussian blobs: `classes` centres evenly spaced on a circle of radius 2 (the first at the top, (0, 2)),
 * each point drawn from a normal of standard deviation `noise` around its class's centre. Rows cycle through
 * the classes. Two classes give one 0/1 output; more give one-hot outputs.
 */
export function blobs(rng: Random, samples = 300, noise = 0.6, classes = 3): Dataset {
  checkSamples("blobs", samples, 1);
  checkNoise("blobs", noise);
  if (!Number.isInteger(classes) || classes < 2) {
    throw localizedError(InputError, "blobClasses", classes);
  }
  const x = new Float32Array(samples * 2);
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const c = i % classes;
    const a = Math.PI / 2 + (2 * Math.PI * c) / classes;
    x[2 * i] = 2 * Math.cos(a) + rng.normal(0, noise);
    x[2 * i + 1] = 2 * Math.sin(a) + rng.normal(0, noise);
    labels[i] = c;
  }
  return planeClasses("blobs", x, labels, classes);
}

/** y = sin(x) for x uniform in [−π, π], plus Gaussian noise of standard deviation `noise` (default 0). */
export function sine(rng: Random, samples = 100, noise = 0): Dataset {
  checkSamples("sin", samples, 1);
  checkNoise("sin", noise);
  const x = new Float32Array(samples);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const v = rng.uniform(-Math.PI, Math.PI);
    x[i] = v;
    y[i] = Math.sin(v) + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return {
    name: "sin",
    x: new NDArray(x, [samples, 1]),
    y: new NDArray(y, [samples, 1]),
    labels: null,
    classNames: null,
    task: "regression",
    featureNames: ["x"],
    outputNames: ["sin(x)"],
  };
}

/**
 * The cafeteria of note 003 (the linear neuron and the delta rule): each week we buy portions of coffee,
 * juice and toast (café, zumo, tostada) and only see the bill. Prices in cents.
 *
 * The notes print one week: starting from 0.50 € per item the residual is 3.50 €, and with η = 1/35 the
 * delta rule gives Δw = (+50, +20, +30), so the portions are (5, 2, 3); the coffee estimate "gets worse"
 * (50 → 100), and the new error −0.30 € fixes the true prices at café 50, zumo 150, tostada 100, bill 850.
 * (This is Hinton's fish-and-chips example renamed: chips = café, fish = zumo, ketchup = tostada.)
 */
export const CAFETERIA = Object.freeze({
  items: Object.freeze(["café", "zumo", "tostada"]),
  /** True prices in cents, in the order of `items`. */
  prices: Object.freeze([50, 150, 100]),
  /** The week printed in the notes: portions and bill (cents). */
  printedWeek: Object.freeze({ portions: Object.freeze([5, 2, 3]), total: 850 }),
  /** The notes' starting estimate for every price (cents) and their learning rate. */
  initialPrice: 50,
  learningRate: 1 / 35,
});

/**
 * Cafeteria weeks: row 0 is the week printed in note 003 (5, 2, 3 → 850); each further week has portions
 * drawn uniformly from 0..5 per item (at least one item bought) and the exact bill at the true prices, plus
 * Gaussian noise of standard deviation `noise` cents (default 0). `samples: 1` gives the printed week alone.
 */
export function cafeteria(rng: Random, samples = 10, noise = 0): Dataset {
  checkSamples("cafeteria", samples, 1);
  checkNoise("cafeteria", noise);
  const x = new Float32Array(samples * 3);
  const y = new Float32Array(samples);
  x.set(CAFETERIA.printedWeek.portions, 0);
  y[0] = CAFETERIA.printedWeek.total;
  for (let i = 1; i < samples; i++) {
    let total = 0;
    let any = false;
    while (!any) {
      total = 0;
      for (let j = 0; j < 3; j++) {
        const p = rng.int(6);
        x[3 * i + j] = p;
        total += p * CAFETERIA.prices[j];
        if (p > 0) any = true;
      }
    }
    y[i] = total + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return {
    name: "cafeteria",
    x: new NDArray(x, [samples, 3]),
    y: new NDArray(y, [samples, 1]),
    labels: null,
    classNames: null,
    task: "regression",
    featureNames: [...CAFETERIA.items],
    outputNames: ["total"],
  };
}

export function isBuiltinName(name: string): name is BuiltinName {
  return (BUILTIN_DATASETS as readonly string[]).includes(name);
}

/** Generates a built-in dataset by name. */
export function builtinDataset(name: BuiltinName, rng: Random, options: BuiltinOptions = {}): Dataset {
  const d = BUILTIN_DEFAULTS[name];
  const samples = options.samples ?? d?.samples;
  const noise = options.noise ?? d?.noise;
  switch (name) {
    case "and":
    case "or":
    case "nand":
    case "nor":
    case "not":
    case "xor":
      return gateDataset(name);
    case "gates":
      return gatesDataset();
    case "circles":
      return circles(rng, samples, noise);
    case "moons":
      return moons(rng, samples, noise);
    case "spirals":
      return spirals(rng, samples, noise);
    case "blobs":
      return blobs(rng, samples, noise, options.classes ?? 3);
    case "sin":
      return sine(rng, samples, noise);
    case "cafeteria":
      return cafeteria(rng, samples, noise);
  }
}

/**
 * Every setting of the playground, and its text form in the URL's hash: a link carries the dataset, the
 * network, the training settings and the seed, so opening it rebuilds the same data and the same initial
 * weights, and the same number of steps gives the same weights, value for value.
 */

export const DATASETS = ["circle", "xor", "gauss", "spiral", "moons", "and", "or", "nand", "nor"] as const;
export const REGRESSION_DATASETS = ["plane", "multigauss"] as const;
/** Classes beyond two: Gaussian blobs, trained with softmax and cross-entropy. */
export const MULTICLASS_DATASETS = ["blobs3", "blobs4", "spiral3"] as const;
export type DatasetName =
  | (typeof DATASETS)[number]
  | (typeof REGRESSION_DATASETS)[number]
  | (typeof MULTICLASS_DATASETS)[number];

export const FEATURES = ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"] as const;
export type FeatureName = (typeof FEATURES)[number];

/** The hidden layers' choices: the library's activations that make sense for a hidden unit. */
export const HIDDEN_ACTIVATIONS = [
  "tanh",
  "relu",
  "sigmoid",
  "leaky_relu",
  "linear",
  "elu",
  "softplus",
  "gelu",
  "silu",
] as const;
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

export const OPTIMIZER_NAMES = ["sgd", "momentum", "nesterov", "rmsprop", "adam"] as const;
export type OptimizerChoice = (typeof OPTIMIZER_NAMES)[number];

/** The notes' three ways of feeding examples: one at a time, in small batches, all at once. */
export const BATCH_MODES = ["online", "minibatch", "batch"] as const;
export type BatchMode = (typeof BATCH_MODES)[number];

export const REGULARIZATIONS = ["none", "l1", "l2"] as const;
export type Regularization = (typeof REGULARIZATIONS)[number];

export const PROBLEMS = ["classification", "regression", "multiclass"] as const;
export type Problem = (typeof PROBLEMS)[number];

export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

export const MAX_LAYERS = 6;
export const MAX_UNITS = 8;

export interface PlaygroundState {
  problem: Problem;
  dataset: DatasetName;
  /** Noise level in the generator's own units (0 = exact curves). */
  noise: number;
  /** Percentage of the examples used for training; the rest is the test set. */
  trainPercent: number;
  features: FeatureName[];
  /** Units of each hidden layer. */
  hidden: number[];
  /** Activation of each hidden layer (same length as hidden). */
  activations: HiddenActivation[];
  learningRate: number;
  optimizer: OptimizerChoice;
  batchMode: BatchMode;
  /** Examples per step in mini-batch mode. */
  batchSize: number;
  regularization: Regularization;
  /** λ of the L1 or L2 penalty. */
  regularizationRate: number;
  seed: number;
  lang: Language;
}

export const DEFAULT_STATE: Readonly<PlaygroundState> = {
  problem: "classification",
  dataset: "circle",
  noise: 0,
  trainPercent: 50,
  features: ["x1", "x2"],
  hidden: [4, 2],
  activations: ["tanh", "tanh"],
  learningRate: 0.03,
  optimizer: "sgd",
  batchMode: "minibatch",
  batchSize: 10,
  regularization: "none",
  regularizationRate: 0,
  seed: 1,
  lang: "en",
};

export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;
export const REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;

export function cloneState(s: Readonly<PlaygroundState>): PlaygroundState {
  return { ...s, features: [...s.features], hidden: [...s.hidden], activations: [...s.activations] };
}

/** The datasets a problem type offers. */
export function datasetsOf(problem: Problem): readonly DatasetName[] {
  return problem === "regression"
    ? REGRESSION_DATASETS
    : problem === "multiclass"
      ? MULTICLASS_DATASETS
      : DATASETS;
}

/** Output units: one (a probability, or the value) for two classes and regression; one per class beyond. */
export function outputsOf(s: Readonly<PlaygroundState>): number {
  if (s.problem !== "multiclass") return 1;
  return s.dataset === "blobs4" ? 4 : 3;
}

/** Examples per step for the state's batch mode and training-set size. */
export function effectiveBatch(s: Readonly<PlaygroundState>, trainRows: number): number {
  if (s.batchMode === "online") return 1;
  if (s.batchMode === "batch") return trainRows;
  return Math.min(s.batchSize, trainRows);
}

/** The hash text of a state: `#key=value&…`, lists joined by commas. */
export function stateToHash(s: Readonly<PlaygroundState>): string {
  const params = new URLSearchParams();
  params.set("problem", s.problem);
  params.set("dataset", s.dataset);
  params.set("noise", String(s.noise));
  params.set("train", String(s.trainPercent));
  params.set("features", s.features.join(","));
  params.set("hidden", s.hidden.join(","));
  params.set("activations", s.activations.join(","));
  params.set("lr", String(s.learningRate));
  params.set("optimizer", s.optimizer);
  params.set("batchMode", s.batchMode);
  params.set("batch", String(s.batchSize));
  params.set("reg", s.regularization);
  params.set("regRate", String(s.regularizationRate));
  params.set("seed", String(s.seed));
  params.set("lang", s.lang);
  return `#${params.toString()}`;
}

function oneOf<T extends string>(choices: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (choices as readonly string[]).includes(value) ? (value as T) : fallback;
}

function numberIn(value: string | null, min: number, max: number, fallback: number, integer = false): number {
  if (value === null || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return fallback;
  return n;
}

/**
 * The state a hash describes. A link is a user's input that may be hand-edited or truncated: each field that
 * is missing or out of range keeps its default (the page shows what it used, and rewrites the hash).
 */
export function stateFromHash(hash: string): PlaygroundState {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const d = DEFAULT_STATE;
  const problem = oneOf(PROBLEMS, p.get("problem"), d.problem);
  const datasets = datasetsOf(problem);
  const features = (p.get("features") ?? "")
    .split(",")
    .filter((f): f is FeatureName => (FEATURES as readonly string[]).includes(f));
  const hiddenText = p.get("hidden");
  let hidden = d.hidden;
  if (hiddenText !== null) {
    const parsed =
      hiddenText === "" ? [] : hiddenText.split(",").map((u) => numberIn(u, 1, MAX_UNITS, -1, true));
    if (parsed.length <= MAX_LAYERS && parsed.every((u) => u > 0)) hidden = parsed;
  }
  const acts = (p.get("activations") ?? "").split(",");
  return {
    problem,
    dataset: oneOf(datasets, p.get("dataset"), datasets[0]),
    noise: numberIn(p.get("noise"), 0, 1, d.noise),
    trainPercent: numberIn(p.get("train"), 10, 90, d.trainPercent, true),
    features: features.length > 0 ? [...new Set(features)] : [...d.features],
    hidden: [...hidden],
    activations: hidden.map((_, l) => oneOf(HIDDEN_ACTIVATIONS, acts[l] ?? null, "tanh")),
    learningRate: numberIn(p.get("lr"), 1e-6, 100, d.learningRate),
    optimizer: oneOf(OPTIMIZER_NAMES, p.get("optimizer"), d.optimizer),
    batchMode: oneOf(BATCH_MODES, p.get("batchMode"), d.batchMode),
    batchSize: numberIn(p.get("batch"), 1, 1000, d.batchSize, true),
    regularization: oneOf(REGULARIZATIONS, p.get("reg"), d.regularization),
    regularizationRate: numberIn(p.get("regRate"), 0, 100, d.regularizationRate),
    seed: numberIn(p.get("seed"), 0, 2 ** 31 - 1, d.seed, true),
    lang: oneOf(LANGUAGES, p.get("lang"), d.lang),
  };
}

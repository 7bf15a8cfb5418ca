/**
 * The threshold unit and Rosenblatt's perceptron learning rule, as in note 004:
 *
 *   ŷ = φ(w·x + b),   φ(z) = 1 if z ≥ 0 else 0
 *   w_j ← w_j + η·(y − ŷ)·x_j,   b ← b + η·(y − ŷ)
 *
 * The bias b is added to the weighted sum (a threshold θ is b = −θ). Note 004 writes the rule with η = 1
 * and starts from zeros (or small random numbers); it repeats epochs "until it converges or a number of
 * epochs has passed". Here an epoch that makes no mistake is convergence, and training stops there.
 *
 * The step convention: the course's notebook uses z ≥ 0 → 1 (its 2020 version used z > 0); "ge" is the
 * default and "gt" is there to reproduce the other. Plain number arrays, no autodiff: every update is
 * recorded so it can be printed.
 */
import type { Random } from "../tensor/random.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { checkExamples, checkLearningRate, learnerFail } from "./examples.js";
import type { ThresholdUnit } from "./gates.js";

/** "ge": φ(z) = 1 when z ≥ 0 (default); "gt": φ(z) = 1 when z > 0. */
export type StepConvention = "ge" | "gt";

/** The unit step: 1 when z ≥ 0 ("ge") or z > 0 ("gt"), else 0. */
export function step(z: number, convention: StepConvention = "ge"): 0 | 1 {
  return (convention === "ge" ? z >= 0 : z > 0) ? 1 : 0;
}

/** z = w·x + b. */
export function weightedSum(weights: readonly number[], bias: number, x: readonly number[]): number {
  let z = bias;
  for (let i = 0; i < weights.length; i++) z += weights[i] * x[i];
  return z;
}

/** A threshold unit's output for one input: ŷ = φ(w·x + b). */
export function thresholdOutput(
  unit: ThresholdUnit,
  x: readonly number[],
  convention: StepConvention = "ge",
): 0 | 1 {
  if (x.length !== unit.weights.length) {
    throw localizedError(InputError, "thresholdInput", x.length, unit.weights.length);
  }
  return step(weightedSum(unit.weights, unit.bias, x), convention);
}

export interface PerceptronOptions {
  /** η; note 004 uses 1. Must be positive. */
  learningRate?: number;
  /** The epoch limit (default 100). */
  maxEpochs?: number;
  /** Starting weights (default zeros). */
  initialWeights?: readonly number[];
  /** Starting bias (default 0). */
  initialBias?: number;
  /** Step convention (default "ge": z ≥ 0 gives 1). */
  step?: StepConvention;
}

/** One presentation of one example (an update, even when the error is 0 and nothing changes). */
export interface PerceptronUpdate {
  /** 1-based epoch. */
  epoch: number;
  /** 0-based index of the example in the training set. */
  example: number;
  x: number[];
  target: number;
  weightsBefore: number[];
  biasBefore: number;
  /** z = w·x + b with the weights before the update. */
  z: number;
  /** ŷ = φ(z). */
  output: number;
  /** t − ŷ: −1, 0 or +1 for binary targets. */
  error: number;
  weightsAfter: number[];
  biasAfter: number;
}

export interface PerceptronEpoch {
  /** 1-based. */
  epoch: number;
  /** How many examples were misclassified (and so changed the weights) during this epoch. */
  mistakes: number;
  /** Weights and bias at the end of the epoch. */
  weights: number[];
  bias: number;
}

export interface PerceptronResult {
  weights: number[];
  bias: number;
  /** Epochs run (the error-free one included when it converged). */
  epochs: number;
  /** True when an epoch made no mistake. */
  converged: boolean;
  learningRate: number;
  maxEpochs: number;
  step: StepConvention;
  initialWeights: number[];
  initialBias: number;
  history: PerceptronEpoch[];
  trace: PerceptronUpdate[];
  /** ŷ for every training example with the final weights. */
  outputs: number[];
}

/** Small random starting weights and bias, uniform in [−scale, scale), drawn from `rng`. */
export function randomThresholdInit(
  nInputs: number,
  rng: Random,
  scale = 0.5,
): { weights: number[]; bias: number } {
  const weights = Array.from({ length: nInputs }, () => rng.uniform(-scale, scale));
  return { weights, bias: rng.uniform(-scale, scale) };
}

/**
 * Trains one threshold unit with the perceptron rule, online, examples in the order given, until an epoch
 * makes no mistake (converged) or `maxEpochs` epochs have run (not converged: e.g. XOR, which no single
 * threshold unit can compute).
 */
export function trainPerceptron(
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
  options: PerceptronOptions = {},
): PerceptronResult {
  const fail = learnerFail("perceptron");
  const width = checkExamples(inputs, targets, fail);
  targets.forEach((t, i) => {
    if (t !== 0 && t !== 1) fail("targetNotBinary", i, t);
  });
  const eta = options.learningRate ?? 1;
  checkLearningRate(eta, fail);
  const maxEpochs = options.maxEpochs ?? 100;
  if (!Number.isInteger(maxEpochs) || maxEpochs < 1) fail("epochLimit", maxEpochs);
  const convention = options.step ?? "ge";
  const w0 = options.initialWeights ? [...options.initialWeights] : new Array<number>(width).fill(0);
  if (w0.length !== width) fail("initialWeights", w0.length, width, false);
  const b0 = options.initialBias ?? 0;

  let w = [...w0];
  let b = b0;
  const history: PerceptronEpoch[] = [];
  const trace: PerceptronUpdate[] = [];
  let converged = false;
  let epoch = 0;
  while (epoch < maxEpochs && !converged) {
    epoch++;
    let mistakes = 0;
    inputs.forEach((row, n) => {
      const x = [...row];
      const z = weightedSum(w, b, x);
      const y = step(z, convention);
      const error = targets[n] - y;
      const wAfter = w.map((wi, i) => wi + eta * error * x[i]);
      const bAfter = b + eta * error;
      if (error !== 0) mistakes++;
      trace.push({
        epoch,
        example: n,
        x,
        target: targets[n],
        weightsBefore: w,
        biasBefore: b,
        z,
        output: y,
        error,
        weightsAfter: wAfter,
        biasAfter: bAfter,
      });
      w = wAfter;
      b = bAfter;
    });
    history.push({ epoch, mistakes, weights: [...w], bias: b });
    converged = mistakes === 0;
  }
  const outputs = inputs.map((x) => step(weightedSum(w, b, x), convention));
  return {
    weights: [...w],
    bias: b,
    epochs: epoch,
    converged,
    learningRate: eta,
    maxEpochs,
    step: convention,
    initialWeights: w0,
    initialBias: b0,
    history,
    trace,
    outputs,
  };
}

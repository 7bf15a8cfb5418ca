/**
 * The linear neuron and the delta rule of note 003:
 *
 *   y = Σ_i w_i·x_i = wᵀx            (no bias; add a column of ones to the inputs for one)
 *   E = ½ Σ_n (tⁿ − yⁿ)²
 *   Δw_i = −η ∂E/∂w_i = η Σ_n x_iⁿ (tⁿ − yⁿ)
 *
 * Batch mode applies that sum over the whole set once per epoch (a sum, as in note 003, not a mean).
 * Online mode applies Δw_i = η·x_i·(t − y) after each example, in the order given.
 *
 * Plain float64 number arrays, no autodiff: each update records the weights before and after, the
 * predictions, the residuals t − y and the error E over the whole set after the update.
 */
import { DivergenceError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { checkExamples, checkLearningRate, learnerFail } from "./examples.js";

export type DeltaRuleMode = "online" | "batch";

export interface DeltaRuleOptions {
  /** η. Must be positive. */
  learningRate: number;
  /** Passes over the training set (default 1). */
  epochs?: number;
  /** "online" (default): update after each example; "batch": one update per epoch with the summed Δw. */
  mode?: DeltaRuleMode;
  /** Starting weights (default zeros). */
  initialWeights?: readonly number[];
}

export interface DeltaRuleUpdate {
  /** 1-based count of updates. */
  update: number;
  /** 1-based epoch. */
  epoch: number;
  /** 0-based indices of the examples this update used: one in online mode, all in batch mode. */
  examples: number[];
  weightsBefore: number[];
  /** y = w·x for those examples, with the weights before the update. */
  predictions: number[];
  /** t − y for those examples, before the update (the notes' "error residual"). */
  residuals: number[];
  /** Δw applied. */
  delta: number[];
  weightsAfter: number[];
  /** t − y for every training example, with the weights after the update. */
  residualsAfter: number[];
  /** E = ½ Σ (t − y)² over the whole training set, after the update. */
  errorAfter: number;
}

export interface DeltaRuleResult {
  mode: DeltaRuleMode;
  learningRate: number;
  epochs: number;
  initialWeights: number[];
  /** t − y for every example with the initial weights. */
  initialResiduals: number[];
  /** E with the initial weights. */
  initialError: number;
  /** Final weights. */
  weights: number[];
  /** Final residuals t − y. */
  residuals: number[];
  /** Final E. */
  error: number;
  updates: DeltaRuleUpdate[];
}

/** y = w·x. */
export function linearOutput(weights: readonly number[], x: readonly number[]): number {
  let y = 0;
  for (let i = 0; i < weights.length; i++) y += weights[i] * x[i];
  return y;
}

/** The residuals t − y of every example. */
export function residuals(
  weights: readonly number[],
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
): number[] {
  return inputs.map((x, n) => targets[n] - linearOutput(weights, x));
}

/** E = ½ Σ_n (tⁿ − yⁿ)². */
export function squaredError(
  weights: readonly number[],
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
): number {
  return halfSumOfSquares(residuals(weights, inputs, targets));
}

function halfSumOfSquares(r: readonly number[]): number {
  let s = 0;
  for (const v of r) s += v * v;
  return 0.5 * s;
}

function validate(
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
  options: DeltaRuleOptions,
): { width: number; epochs: number; mode: DeltaRuleMode; w0: number[] } {
  const fail = learnerFail("deltaRule");
  const width = checkExamples(inputs, targets, fail);
  checkLearningRate(options.learningRate, fail);
  const epochs = options.epochs ?? 1;
  if (!Number.isInteger(epochs) || epochs < 1) fail("deltaEpochs", epochs);
  const mode = options.mode ?? "online";
  if (mode !== "online" && mode !== "batch") fail("deltaMode", mode);
  const w0 = options.initialWeights ? [...options.initialWeights] : new Array<number>(width).fill(0);
  if (w0.length !== width) fail("initialWeights", w0.length, width, true);
  w0.forEach((v, i) => {
    if (!Number.isFinite(v)) fail("initialWeightNotFinite", i);
  });
  return { width, epochs, mode, w0 };
}

/** Trains a linear neuron with the delta rule, online or batch, recording every update. */
export function trainDeltaRule(
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
  options: DeltaRuleOptions,
): DeltaRuleResult {
  const { width, epochs, mode, w0 } = validate(inputs, targets, options);
  const eta = options.learningRate;
  const all = inputs.map((_, n) => n);
  const updates: DeltaRuleUpdate[] = [];
  let w = [...w0];

  const apply = (epoch: number, examples: number[]): void => {
    const predictions = examples.map((n) => linearOutput(w, inputs[n]));
    const r = examples.map((n, k) => targets[n] - predictions[k]);
    // Δw_i = η Σ_n x_iⁿ (tⁿ − yⁿ) over the examples of this update.
    const delta = new Array<number>(width).fill(0);
    examples.forEach((n, k) => {
      for (let i = 0; i < width; i++) delta[i] += inputs[n][i] * r[k];
    });
    for (let i = 0; i < width; i++) delta[i] *= eta;
    const wAfter = w.map((wi, i) => wi + delta[i]);
    const rAfter = residuals(wAfter, inputs, targets);
    const eAfter = halfSumOfSquares(rAfter);
    if (!wAfter.every(Number.isFinite) || !Number.isFinite(eAfter)) {
      throw localizedError(DivergenceError, "deltaDiverged", updates.length + 1, epoch, eta);
    }
    updates.push({
      update: updates.length + 1,
      epoch,
      examples,
      weightsBefore: w,
      predictions,
      residuals: r,
      delta,
      weightsAfter: wAfter,
      residualsAfter: rAfter,
      errorAfter: eAfter,
    });
    w = wAfter;
  };

  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (mode === "batch") apply(epoch, all);
    else for (const n of all) apply(epoch, [n]);
  }

  const initialResiduals = residuals(w0, inputs, targets);
  const finalResiduals = residuals(w, inputs, targets);
  return {
    mode,
    learningRate: eta,
    epochs,
    initialWeights: w0,
    initialResiduals,
    initialError: halfSumOfSquares(initialResiduals),
    weights: [...w],
    residuals: finalResiduals,
    error: halfSumOfSquares(finalResiduals),
    updates,
  };
}

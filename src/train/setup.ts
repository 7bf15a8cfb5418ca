/**
 * What a training run decides before its first step, in one place for library users and the CLI alike:
 * the default output layer and loss for a dataset, which loss/activation pairs backpropagation can train,
 * the learning-rate schedule from a spec, and the check of fit's inputs. Every refusal is one InputError line.
 */
import { type Activation, outputRange } from "../nn/activations.js";
import { LOSSES, type LossName, parseLoss, type Reduction } from "../nn/losses.js";
import type { Sequential } from "../nn/sequential.js";
import { makeOptimizer, OPTIMIZERS, type Optimizer, type OptimizerName } from "../optim/optimizers.js";
import { cosineDecay, exponentialDecay, type Schedule, stepDecay } from "../optim/schedules.js";
import { NDArray } from "../tensor/ndarray.js";
import { formatShape, ShapeError } from "../tensor/shape.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import type { DataPart, MatrixRole } from "../util/messages/errors-model.en.js";
import { ENGINES, type Engine } from "./stepper.js";

/** The parts of a dataset (src/data's Dataset) that choose the defaults. */
export interface TaskShape {
  task: "classification" | "regression";
  y: NDArray;
  labels: ArrayLike<number> | null;
}

/** softmax for 3+ labelled classes, sigmoid for one 0/1 column (or independent 0/1 outputs), linear for regression. */
export function defaultOutputActivation(data: TaskShape): Activation {
  if (data.task !== "classification") return "linear";
  return data.y.shape[1] === 1 || data.labels === null ? "sigmoid" : "softmax";
}

/**
 * cce for softmax, bce for a sigmoid classifier, mse otherwise (regression, or the notes' sigmoid + MSE).
 * Without data (a saved model alone), a sigmoid output is taken for a classifier.
 */
export function defaultLoss(output: Activation, data?: Pick<TaskShape, "task">): LossName {
  if (output === "softmax") return "cce";
  return (data?.task ?? "classification") === "classification" && output === "sigmoid" ? "bce" : "mse";
}

/**
 * What the gradient itself needs (grad, explain and training alike): no step unit (f′ = 0 everywhere), and
 * the cross-entropies' log(ŷ) needs outputs in (0, 1). `activations` has one entry per layer, input side first.
 */
export function checkDifferentiable(loss: LossName, activations: readonly Activation[]): void {
  const step = activations.indexOf("step");
  if (step >= 0) {
    throw localizedError(InputError, "stepActivation", step);
  }
  const output = activations[activations.length - 1];
  const [low, high] = outputRange(output);
  if (loss !== "mse" && !(low >= 0 && high <= 1)) {
    throw localizedError(InputError, "lossOutputRange", loss, output);
  }
}

/**
 * Refuses what backpropagation cannot train or whose numbers would mislead: checkDifferentiable's rules, and
 * cce needs softmax outputs (on one sigmoid unit its E and accuracy say nothing), softmax two units or more.
 */
export function checkTrainable(loss: LossName, activations: readonly Activation[], outputs: number): void {
  checkDifferentiable(loss, activations);
  const output = activations[activations.length - 1];
  if (loss === "cce" && output !== "softmax") {
    throw localizedError(InputError, "cceNeedsSoftmax", output);
  }
  if (output === "softmax" && outputs < 2) {
    throw localizedError(InputError, "softmaxUnits", outputs);
  }
}

/** step:10:0.5 (γ defaults to 0.1) | exp:0.95 | cosine[:MIN_LR] (annealed over `epochs`). */
export function scheduleFromSpec(spec: string, epochs: number): Schedule {
  const [kind, a, b, ...rest] = spec.split(":");
  const num = (text: string, what: string): number => {
    const v = Number(text);
    if (text.trim() === "" || !Number.isFinite(v)) {
      throw localizedError(InputError, "scheduleNumber", spec, what, text);
    }
    return v;
  };
  if (rest.length === 0) {
    if (kind === "step" && a) {
      const size = num(a, "EPOCHS");
      if (!Number.isInteger(size) || size < 1) {
        throw localizedError(InputError, "scheduleEpochs", spec, a);
      }
      return stepDecay(size, b === undefined ? 0.1 : num(b, "GAMMA"));
    }
    if (kind === "exp" && a && b === undefined) return exponentialDecay(num(a, "GAMMA"));
    if (kind === "cosine" && b === undefined) return cosineDecay(epochs, a ? num(a, "MIN_LR") : 0);
  }
  throw localizedError(InputError, "scheduleSpec", spec);
}

/** Rows of numbers: an NDArray [N, width] or plain nested arrays. */
export type Matrix = NDArray | number[][];

export interface Data {
  x: NDArray;
  y: NDArray;
}

/** x (N × inputs) and y (N × outputs) for the model, NDArrays or plain rows. */
export function checkData(model: Sequential, x: Matrix, y: Matrix, what: DataPart): Data {
  const X = asMatrix(x, model.inputSize, `${what}Inputs`, model.dtype);
  const Y = asMatrix(y, model.outputSize, `${what}Targets`, model.dtype);
  if (Y.shape[0] !== X.shape[0]) {
    throw localizedError(InputError, "targetRows", what, Y.shape[0], X.shape[0]);
  }
  return { x: X, y: Y };
}

/** An NDArray, or plain rows of numbers (converted to `dtype`), checked to be rows × `width`. */
export function asMatrix(value: unknown, width: number, what: MatrixRole, dtype: NDArray["dtype"]): NDArray {
  let m: NDArray;
  if (value instanceof NDArray) m = value;
  else if (Array.isArray(value)) m = NDArray.from(value, dtype);
  else {
    throw localizedError(InputError, "matrixType", what, value === null ? "null" : typeof value);
  }
  if (m.rank !== 2 || m.shape[1] !== width) {
    throw localizedError(ShapeError, "matrixShape", what, width, formatShape(m.shape));
  }
  return m;
}

export function checkLoss(loss: unknown): LossName {
  if (typeof loss !== "string") throw localizedError(InputError, "lossType", LOSSES.join(", "), typeof loss);
  return parseLoss(loss);
}

export function checkReduction(reduction: unknown): Reduction {
  if (reduction === undefined) return "mean";
  if (reduction !== "mean" && reduction !== "sum") {
    throw localizedError(InputError, "reductionValue", String(JSON.stringify(reduction)));
  }
  return reduction;
}

export function checkEngine(engine: unknown): Engine {
  if (engine === undefined) return "matrix";
  if (!(ENGINES as readonly unknown[]).includes(engine)) {
    throw localizedError(InputError, "engineValue", ENGINES.join(", "), String(JSON.stringify(engine)));
  }
  return engine as Engine;
}

/** An optimizer object, or its name (built with its default η, as makeOptimizer does). */
export function checkOptimizer(optimizer: unknown): Optimizer {
  if (typeof optimizer === "string") return makeOptimizer(optimizer as OptimizerName);
  if (typeof (optimizer as Optimizer | null)?.step !== "function") {
    throw localizedError(InputError, "optimizerValue", OPTIMIZERS.join(", "));
  }
  return optimizer as Optimizer;
}

/** The model's activations, one per layer, for checkTrainable. */
export function activationsOf(model: Sequential): Activation[] {
  return model.layers.map((l) => l.activation);
}

import type { LossName } from "../nn/losses.js";
import type { Sequential } from "../nn/sequential.js";
import { InputError } from "../util/errors.js";
import { activationsOf, checkDifferentiable } from "./setup.js";

/** Where the model, the inputs X and the targets Y came from, for the messages (file paths in the CLI). */
export interface ExampleSources {
  model: string;
  inputs: string;
  targets: string;
}

/**
 * Checks that rows of inputs X and targets Y fit the model and the loss before one pass over them (grad,
 * explain): the row widths, the row counts, a trainable loss/activation pair and targets in the loss's range.
 * Each problem is a one-line InputError naming its source and, for a target, its [row][column].
 */
export function checkExamples(
  model: Sequential,
  X: readonly (readonly number[])[],
  Y: readonly (readonly number[])[],
  loss: LossName,
  from: ExampleSources,
): void {
  const values = (n: number) => `${n} value${n === 1 ? "" : "s"}`;
  if (X[0].length !== model.inputSize) {
    throw new InputError(
      `${from.inputs}: rows have ${values(X[0].length)} but the model takes ${model.inputSize} input${model.inputSize === 1 ? "" : "s"}`,
    );
  }
  if (Y.length !== X.length) {
    throw new InputError(
      `${from.targets}: ${Y.length} rows of targets but ${from.inputs} has ${X.length} rows of inputs`,
    );
  }
  if (Y[0].length !== model.outputSize) {
    throw new InputError(
      `${from.targets}: rows have ${values(Y[0].length)} but the model has ${model.outputSize} output${model.outputSize === 1 ? "" : "s"}`,
    );
  }
  try {
    checkDifferentiable(loss, activationsOf(model));
  } catch (err) {
    throw err instanceof InputError ? new InputError(`${from.model}: ${err.message}`) : err;
  }
  Y.forEach((row, n) =>
    row.forEach((y, k) => {
      if (loss === "bce" && (y < 0 || y > 1))
        throw new InputError(`${from.targets}: [${n}][${k}]: bce targets must lie in [0, 1], got ${y}`);
      if (loss === "cce" && y < 0)
        throw new InputError(`${from.targets}: [${n}][${k}]: cce targets must be non-negative, got ${y}`);
    }),
  );
}

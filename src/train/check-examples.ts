import type { LossName } from "../nn/losses.js";
import type { Sequential } from "../nn/sequential.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
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
  if (X[0].length !== model.inputSize) {
    throw localizedError(InputError, "examplesInputWidth", from.inputs, X[0].length, model.inputSize);
  }
  if (Y.length !== X.length) {
    throw localizedError(InputError, "examplesTargetRows", from.targets, Y.length, from.inputs, X.length);
  }
  if (Y[0].length !== model.outputSize) {
    throw localizedError(InputError, "examplesTargetWidth", from.targets, Y[0].length, model.outputSize);
  }
  try {
    checkDifferentiable(loss, activationsOf(model));
  } catch (err) {
    throw err instanceof InputError ? localizedError(InputError, "modelAt", from.model, err) : err;
  }
  Y.forEach((row, n) =>
    row.forEach((y, k) => {
      if (loss === "bce" && (y < 0 || y > 1))
        throw localizedError(InputError, "bceTarget", from.targets, n, k, y);
      if (loss === "cce" && y < 0) throw localizedError(InputError, "cceTarget", from.targets, n, k, y);
    }),
  );
}

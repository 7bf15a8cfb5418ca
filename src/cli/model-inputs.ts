/** What grad and explain share: --loss, and the model with its rows of inputs and targets, read and checked. */
import { LOSSES, type LossName, parseLoss } from "../nn/losses.js";
import { loadModel } from "../nn/model-file.js";
import type { Sequential } from "../nn/sequential.js";
import type { DType } from "../tensor/dtype.js";
import { checkExamples } from "../train/check-examples.js";
import { localizedError } from "../util/i18n.js";
import { readMatrixFile, UsageError } from "./args.js";

/** --loss, refused with the list of losses. */
export function parseLossFlag(text: string): LossName {
  try {
    return parseLoss(text);
  } catch {
    throw localizedError(UsageError, "oneOf", "--loss", LOSSES.join(", "), text);
  }
}

/** Loads --model, reads --inputs and --targets, and checks that they fit together and the loss. */
export function readModelAndExamples(
  files: { model: string; inputs: string; targets: string },
  loss: LossName,
  dtype: DType,
): { model: Sequential; X: number[][]; Y: number[][] } {
  const model = loadModel(files.model, { dtype });
  const X = readMatrixFile(files.inputs, "inputs file");
  const Y = readMatrixFile(files.targets, "targets file");
  checkExamples(model, X, Y, loss, files);
  return { model, X, Y };
}

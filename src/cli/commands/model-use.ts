/** Shared by `evaluate` and `predict`: a saved model with the metadata `train --save` stores beside it. */
import type { Normalization } from "../../data/index.js";
import type { LossName } from "../../nn/losses.js";
import { loadModelFile } from "../../nn/model-file.js";
import type { Sequential } from "../../nn/sequential.js";
import type { DType } from "../../tensor/dtype.js";
import { defaultLoss as defaultLossFor } from "../../train/index.js";
import { InputError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";

export interface SavedModel {
  model: Sequential;
  normalization?: Normalization;
  classNames?: string[];
  loss?: LossName;
  seed?: number;
  dataset?: string;
}

function isNormalization(v: unknown): v is Normalization {
  const n = v as Normalization | null;
  return (
    !!n &&
    (n.method === "minmax" || n.method === "zscore") &&
    Array.isArray(n.shift) &&
    Array.isArray(n.scale) &&
    n.shift.every(Number.isFinite) &&
    n.scale.every(Number.isFinite)
  );
}

export function loadSavedModel(path: string, dtype?: DType): SavedModel {
  const { model, training } = loadModelFile(path, { dtype });
  const t = training ?? {};
  const normalization = isNormalization(t.normalization) ? t.normalization : undefined;
  const classNames =
    Array.isArray(t.classNames) && t.classNames.every((c) => typeof c === "string")
      ? (t.classNames as string[])
      : undefined;
  const loss = t.loss === "mse" || t.loss === "bce" || t.loss === "cce" ? t.loss : undefined;
  return {
    model,
    normalization,
    classNames,
    loss,
    seed: typeof t.seed === "number" ? t.seed : undefined,
    dataset: typeof t.dataset === "string" ? t.dataset : undefined,
  };
}

/** The loss a model was trained with, else the library's default for its output activation. */
export function defaultLoss(saved: SavedModel): LossName {
  return saved.loss ?? defaultLossFor(saved.model.outputActivation);
}

/**
 * Outputs of a model, refused when one is not finite (weights so large that a product overflows float32):
 * a NaN printed with exit status 0 would pass for a prediction.
 */
export function checkFiniteOutputs(outputs: number[][], modelPath: string): number[][] {
  outputs.forEach((row, i) => {
    const j = row.findIndex((v) => !Number.isFinite(v));
    if (j >= 0) {
      throw localizedError(InputError, "outputNotFinite", modelPath, j, i + 1, row[j]);
    }
  });
  return outputs;
}

/** Small training helpers the experiments share: default output/loss for a dataset, and fit that survives divergence. */
import type { Dataset } from "../../data/types.js";
import type { Activation } from "../../nn/activations.js";
import type { LossName } from "../../nn/losses.js";
import type { Sequential } from "../../nn/sequential.js";
import type { NDArray } from "../../tensor/ndarray.js";
import type { EpochLogs } from "../../train/callbacks.js";
import { type FitOptions, fit } from "../../train/fit.js";
import { DivergenceError } from "../../util/errors.js";

/** The output layer and loss the train command would pick: softmax+cce, sigmoid+bce, or linear+mse. */
export function defaultHead(ds: Dataset): { output: Activation; loss: LossName } {
  if (ds.task === "regression") return { output: "linear", loss: "mse" };
  if (ds.y.shape[1] === 1 || ds.labels === null) return { output: "sigmoid", loss: "bce" };
  return { output: "softmax", loss: "cce" };
}

export interface TrainOutcome {
  history: EpochLogs[];
  /** Set when the loss stopped being finite: the epoch (1-based) and fit's message. */
  diverged?: { epoch: number; message: string };
}

/** fit(), keeping the epochs completed before a divergence instead of losing them with the exception. */
export async function fitKeepingHistory(
  model: Sequential,
  x: NDArray,
  y: NDArray,
  options: FitOptions,
): Promise<TrainOutcome> {
  const history: EpochLogs[] = [];
  const collect = { onEpochEnd: (logs: EpochLogs) => void history.push(logs) };
  try {
    await fit(model, x, y, { ...options, callbacks: [...(options.callbacks ?? []), collect] });
    return { history };
  } catch (err) {
    if (err instanceof DivergenceError) {
      return { history, diverged: { epoch: history.length + 1, message: err.message } };
    }
    throw err;
  }
}

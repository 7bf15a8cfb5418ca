import type { Dataset, DatasetSplits } from "../../data/index.js";
import type { LossName } from "../../nn/losses.js";
import type { Sequential } from "../../nn/sequential.js";
import type { EpochLogs } from "../../train/callbacks.js";
import { UsageError } from "../args.js";

export interface SaveOptions {
  binary?: boolean;
  dataset: Dataset;
  splits: DatasetSplits;
  loss: LossName;
  seed: number;
}

export function saveTrainedModel(_model: Sequential, _path: string, _options: SaveOptions): void {
  throw new UsageError("--save is not available yet");
}

export async function writeTrainingPlots(
  _dir: string,
  _model: Sequential,
  _history: EpochLogs[],
  _splits: DatasetSplits,
): Promise<string[]> {
  throw new UsageError("--plot is not available yet");
}

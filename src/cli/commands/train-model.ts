/** `train`'s network: built from --layers/--activation/--output/--init, or read from --init-from's model file. */
import type { Dataset } from "../../data/index.js";
import { parseActivation, parseActivations } from "../../nn/activations.js";
import { parseInitializer } from "../../nn/init.js";
import { type LossName, parseLoss } from "../../nn/losses.js";
import { Sequential } from "../../nn/sequential.js";
import type { DType } from "../../tensor/dtype.js";
import type { Random } from "../../tensor/random.js";
import { defaultLoss, defaultOutputActivation } from "../../train/index.js";
import { localizedError } from "../../util/i18n.js";
import { parseLayerSizes, UsageError } from "../args.js";
import { loadSavedModel, type SavedModel } from "./model-use.js";

export interface ModelFlags {
  layers?: string;
  activation?: string;
  output?: string;
  init?: string;
  loss?: string;
  initFrom?: string;
}

/** The model and its loss: --loss, else the loss a saved model was trained with, else the library's default. */
export function trainModel(flags: ModelFlags, train: Dataset, dtype: DType | undefined, rng: Random) {
  const saved = flags.initFrom ? fromFile(flags, dtype) : undefined;
  const model = saved?.model ?? fromFlags(flags, train, dtype ?? "float32", rng);
  checkSizes(model.sizes, train, flags.initFrom ? `--init-from ${flags.initFrom}` : "--layers");
  const loss: LossName = flags.loss
    ? parseLoss(flags.loss)
    : (saved?.loss ?? defaultLoss(model.outputActivation, train));
  return { model, loss };
}

function fromFlags(flags: ModelFlags, train: Dataset, dtype: DType, rng: Random): Sequential {
  const features = train.x.shape[1];
  const sizes = flags.layers ? parseLayerSizes("--layers", flags.layers) : [features, 16, train.y.shape[1]];
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw localizedError(UsageError, "layersSizes", String(flags.layers));
  }
  const activation = parseActivations(flags.activation ?? "sigmoid");
  const output = flags.output ? parseActivation(flags.output) : defaultOutputActivation(train);
  const init = flags.init ? parseInitializer(flags.init) : undefined;
  return Sequential.fromSizes({ sizes, activation, output, dtype, rng, init });
}

/** The saved architecture and weights; flags that would redefine the network are refused, saying why. */
function fromFile(flags: ModelFlags, dtype: DType | undefined): SavedModel {
  for (const flag of ["layers", "activation", "output", "init"] as const) {
    if (flags[flag] !== undefined) {
      throw localizedError(UsageError, "initFromConflict", `--${flag}`, String(flags.initFrom));
    }
  }
  return loadSavedModel(flags.initFrom!, dtype);
}

function checkSizes(sizes: number[], train: Dataset, what: string): void {
  const features = train.x.shape[1];
  const outputs = train.y.shape[1];
  if (sizes[0] !== features) {
    throw localizedError(UsageError, "firstSize", what, features, sizes[0]);
  }
  const last = sizes[sizes.length - 1];
  if (last !== outputs) {
    throw localizedError(UsageError, "lastSize", what, outputs, last);
  }
}

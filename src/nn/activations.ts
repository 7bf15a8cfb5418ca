import { activation } from "../autograd/ops.js";
import type { Tensor } from "../autograd/tensor.js";
import type { Activation } from "../backend/activations.js";

/**
 * The activations a dense layer applies to z. Their table (names, f, f′, ranges, thresholds, default
 * initialisers, parameters, help) lives in backend/activations.ts, below the backends that run it; nn
 * re-exports it so that model code finds it here.
 */
export {
  ACTIVATIONS,
  type Activation,
  activationHelp,
  activationInfo,
  activationParam,
  classificationThreshold,
  defaultInitializerName,
  isActivation,
  outputDisplayRange,
  outputRange,
  parseActivation,
  parseActivations,
  TRAINABLE_ACTIVATIONS,
} from "../backend/activations.js";

/** a = f(z) on the autograd graph. */
export function applyActivation(name: Activation, z: Tensor): Tensor {
  return activation(name, z);
}

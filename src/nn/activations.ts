import { softmax, activation as unaryActivation } from "../autograd/ops.js";
import type { Tensor } from "../autograd/tensor.js";
import type { UnaryOp } from "../backend/backend.js";
import { RetropropError } from "../util/errors.js";

/** The activations a dense layer can apply to z. "step" is the perceptron's threshold unit (no useful gradient). */
export const ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax", "step"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export function isActivation(name: unknown): name is Activation {
  return typeof name === "string" && (ACTIVATIONS as readonly string[]).includes(name);
}

export function parseActivation(name: string): Activation {
  const n =
    name === "leakyrelu" || name === "leaky-relu" ? "leaky_relu" : name === "identity" ? "linear" : name;
  if (!isActivation(n))
    throw new RetropropError(`unknown activation "${name}" (known: ${ACTIVATIONS.join(", ")})`);
  return n;
}

/** Slope of leaky relu for negative z (Keras' and PyTorch's default is 0.01 in PyTorch, 0.3 in Keras; we use 0.01). */
export const LEAKY_SLOPE = 0.01;

/** The parameter a backend's kernel takes for this activation: leaky_relu's slope, else none. */
export function activationParam(name: Activation): number | undefined {
  return name === "leaky_relu" ? LEAKY_SLOPE : undefined;
}

/** a = f(z) on the autograd graph. */
export function applyActivation(name: Activation, z: Tensor): Tensor {
  if (name === "softmax") return softmax(z, -1);
  if (name === "leaky_relu") return unaryActivation("leaky_relu", z, LEAKY_SLOPE);
  return unaryActivation(name as UnaryOp, z);
}

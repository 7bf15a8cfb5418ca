import { type Activation, defaultInitializerName } from "../backend/activations.js";
import type { FloatArray } from "../tensor/dtype.js";
import type { Random } from "../tensor/random.js";
import { RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";

/**
 * Weight initialisers, as in Keras/PyTorch, for W of shape units × inputs (fanIn = inputs, fanOut = units).
 * - glorot_uniform (Keras' default): U(−l, l), l = √(6 / (fanIn + fanOut))
 * - glorot_normal: N(0, 2 / (fanIn + fanOut))
 * - he_uniform: U(−l, l), l = √(6 / fanIn);  he_normal: N(0, 2 / fanIn)  (for relu)
 * - normal: N(0, 1) (Nielsen's book, chapter 1), uniform: U(−1, 1), zeros
 * - nielsen: N(0, 1/fanIn), the weights of Nielsen's chapter 3 ("Weight initialization") and of his
 *   network2.py's default_weight_initializer; pair it with biasInit "normal" (his biases stay N(0, 1))
 */
export const INITIALIZERS = [
  "glorot_uniform",
  "glorot_normal",
  "he_uniform",
  "he_normal",
  "normal",
  "uniform",
  "zeros",
  "nielsen",
] as const;
export type Initializer = (typeof INITIALIZERS)[number];

export function parseInitializer(name: string): Initializer {
  const n = name.replace(/-/g, "_").replace(/^xavier/, "glorot");
  if (!(INITIALIZERS as readonly string[]).includes(n)) {
    throw localizedError(RetropropError, "unknownInitializer", name, INITIALIZERS.join(", "));
  }
  return n as Initializer;
}

export function initialize(
  kind: Initializer,
  out: FloatArray,
  fanIn: number,
  fanOut: number,
  rng: Random,
): void {
  const uniform = (limit: number) => {
    for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-limit, limit);
  };
  const normal = (std: number) => {
    for (let i = 0; i < out.length; i++) out[i] = rng.normal(0, std);
  };
  switch (kind) {
    case "glorot_uniform":
      uniform(Math.sqrt(6 / (fanIn + fanOut)));
      return;
    case "glorot_normal":
      normal(Math.sqrt(2 / (fanIn + fanOut)));
      return;
    case "he_uniform":
      uniform(Math.sqrt(6 / fanIn));
      return;
    case "he_normal":
      normal(Math.sqrt(2 / fanIn));
      return;
    case "normal":
      normal(1);
      return;
    case "uniform":
      uniform(1);
      return;
    case "zeros":
      out.fill(0);
      return;
    case "nielsen":
      normal(1 / Math.sqrt(fanIn));
      return;
  }
}

/** The initialiser a user of Keras/PyTorch would expect for an activation (the table's: He for the relu family, Glorot otherwise). */
export function defaultInitializer(activation: Activation): Initializer {
  return defaultInitializerName(activation);
}

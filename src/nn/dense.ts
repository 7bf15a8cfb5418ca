import { add, matmul, transpose } from "../autograd/ops.js";
import { lift, Tensor, type TensorLike } from "../autograd/tensor.js";
import type { DType } from "../tensor/dtype.js";
import { NDArray } from "../tensor/ndarray.js";
import { Random } from "../tensor/random.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { type Activation, applyActivation } from "./activations.js";
import { allocateBuffer } from "./buffers.js";
import { defaultInitializer, type Initializer, initialize } from "./init.js";

export interface DenseOptions {
  dtype?: DType;
  /** Weight initialiser (default: He for relu-like activations, Glorot otherwise). */
  init?: Initializer;
  /** Bias initialiser (default zeros). */
  biasInit?: Initializer;
  rng?: Random;
}

/**
 * A fully connected layer: z = W·a + b, a′ = f(z), with W of shape units × inputs (w_ji joins input i to
 * unit j). For a batch with examples as rows: Z = X·Wᵀ + b.
 */
export class Dense {
  readonly inputs: number;
  readonly units: number;
  activation: Activation;
  /** W⁽ˡ⁾, units × inputs. */
  readonly weight: Tensor;
  /** b⁽ˡ⁾, one per unit. */
  readonly bias: Tensor;

  constructor(inputs: number, units: number, activation: Activation, options: DenseOptions = {}) {
    if (!Number.isInteger(inputs) || inputs < 1 || !Number.isInteger(units) || units < 1) {
      throw localizedError(InputError, "denseSizes", inputs, units);
    }
    const dtype = options.dtype ?? "float32";
    const rng = options.rng ?? new Random(0);
    this.inputs = inputs;
    this.units = units;
    this.activation = activation;
    const w = allocateBuffer(dtype, units * inputs);
    initialize(options.init ?? defaultInitializer(activation), w, inputs, units, rng);
    const b = allocateBuffer(dtype, units);
    initialize(options.biasInit ?? "zeros", b, inputs, units, rng);
    this.weight = new Tensor(new NDArray(w, [units, inputs]), { requiresGrad: true, label: "W" });
    this.bias = new Tensor(new NDArray(b, [units]), { requiresGrad: true, label: "b" });
  }

  get dtype(): DType {
    return this.weight.dtype;
  }

  /** z and a = f(z) on the autograd graph; x has examples as rows. */
  forward(x: TensorLike): { z: Tensor; a: Tensor } {
    const z = add(matmul(lift(x, this.dtype), transpose(this.weight)), this.bias);
    return { z, a: applyActivation(this.activation, z) };
  }

  parameters(): Tensor[] {
    return [this.weight, this.bias];
  }
}

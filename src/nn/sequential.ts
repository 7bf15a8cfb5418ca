import { noGrad } from "../autograd/grad-mode.js";
import { Tensor, type TensorLike } from "../autograd/tensor.js";
import type { DType } from "../tensor/dtype.js";
import { NDArray } from "../tensor/ndarray.js";
import { Random } from "../tensor/random.js";
import { formatShape, ShapeError } from "../tensor/shape.js";
import { InputError, RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { ACTIVATIONS, type Activation, isActivation, parseActivation } from "./activations.js";
import { Dense } from "./dense.js";
import type { Initializer } from "./init.js";

export interface SequentialSpec {
  /** Layer sizes including the input: [784, 30, 10]. */
  sizes: number[];
  /** Activation of the hidden layers: one for all, or one per hidden layer (sizes.length − 2 of them). */
  activation: Activation | readonly Activation[];
  /** Activation of the output layer. */
  output: Activation;
  dtype?: DType;
  init?: Initializer;
  biasInit?: Initializer;
  rng?: Random;
}

/** Dense layers applied in order, the model of every network in the notes. */
export class Sequential {
  readonly layers: Dense[];

  constructor(layers: Dense[]) {
    if (layers.length === 0) throw localizedError(RetropropError, "sequentialEmpty");
    // An activation no kernel knows (from plain JavaScript) is refused here, not at the first predict.
    layers.forEach((layer, l) => {
      if (!isActivation(layer.activation)) {
        const known = ACTIVATIONS.join(", ");
        throw localizedError(InputError, "layerActivation", l + 1, JSON.stringify(layer.activation), known);
      }
    });
    for (let l = 1; l < layers.length; l++) {
      if (layers[l].inputs !== layers[l - 1].units) {
        throw localizedError(ShapeError, "layerChain", l, layers[l].inputs, layers[l - 1].units);
      }
      if (layers[l].dtype !== layers[0].dtype) throw localizedError(RetropropError, "layersDtype");
    }
    this.layers = layers;
  }

  /** Builds a network from layer sizes, e.g. [2, 2, 1] with sigmoid everywhere (the notes' XOR network). */
  static fromSizes(spec: SequentialSpec): Sequential {
    const { sizes } = spec;
    if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
      throw localizedError(RetropropError, "layerSizes", sizes.join(","));
    }
    const hidden = hiddenActivations(spec.activation, sizes.length - 2);
    const rng = spec.rng ?? new Random(0);
    const layers: Dense[] = [];
    for (let l = 1; l < sizes.length; l++) {
      const activation = parseActivation(l === sizes.length - 1 ? spec.output : hidden[l - 1]);
      layers.push(
        new Dense(sizes[l - 1], sizes[l], activation, {
          dtype: spec.dtype,
          init: spec.init,
          biasInit: spec.biasInit,
          rng,
        }),
      );
    }
    return new Sequential(layers);
  }

  get dtype(): DType {
    return this.layers[0].dtype;
  }
  get inputSize(): number {
    return this.layers[0].inputs;
  }
  get outputSize(): number {
    return this.layers[this.layers.length - 1].units;
  }
  get outputActivation(): Activation {
    return this.layers[this.layers.length - 1].activation;
  }
  /** Layer sizes including the input, e.g. [784, 30, 10]. */
  get sizes(): number[] {
    return [this.inputSize, ...this.layers.map((l) => l.units)];
  }

  parameters(): Tensor[] {
    return this.layers.flatMap((l) => l.parameters());
  }

  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  /** Forward pass on the autograd graph, keeping each layer's z and a. */
  forwardLayers(x: TensorLike): Array<{ z: Tensor; a: Tensor }> {
    this.checkInput(x);
    const out: Array<{ z: Tensor; a: Tensor }> = [];
    let a: TensorLike = x;
    for (const layer of this.layers) {
      const step = layer.forward(a);
      out.push(step);
      a = step.a;
    }
    return out;
  }

  /** The network's output ŷ on the autograd graph. */
  forward(x: TensorLike): Tensor {
    const layers = this.forwardLayers(x);
    return layers[layers.length - 1].a;
  }

  /**
   * Outputs for a batch (rows are examples), without recording a graph.
   * @deprecated Use `predict(model, x)`, the one predict of the API: the same outputs, on the matrix-form fast path.
   */
  predict(x: NDArray | number[][]): NDArray {
    const X = x instanceof NDArray ? x : NDArray.from(x, this.dtype);
    return noGrad(() => this.forward(X.astype(this.dtype)).value);
  }

  /** Copies all weights and biases into an identical model (e.g. to keep the best epoch's weights). */
  clone(): Sequential {
    const copy = new Sequential(
      this.layers.map(
        (l) => new Dense(l.inputs, l.units, l.activation, { dtype: this.dtype, init: "zeros" }),
      ),
    );
    copy.copyWeightsFrom(this);
    return copy;
  }

  copyWeightsFrom(other: Sequential): void {
    this.layers.forEach((l, i) => {
      l.weight.data.set(other.layers[i].weight.data);
      l.bias.data.set(other.layers[i].bias.data);
    });
  }

  private checkInput(x: TensorLike): void {
    if (typeof x === "number") throw localizedError(ShapeError, "modelInputMatrix");
    const shape = x instanceof Tensor ? x.shape : x.shape;
    if (shape.length !== 2 || shape[1] !== this.inputSize) {
      throw localizedError(ShapeError, "modelInputShape", this.inputSize, formatShape(shape));
    }
  }
}

/** One activation per hidden layer, from one for all or a list that must have one per hidden layer. */
function hiddenActivations(
  activation: Activation | readonly Activation[],
  hidden: number,
): readonly Activation[] {
  if (typeof activation === "string") return new Array<Activation>(hidden).fill(activation);
  if (activation.length !== hidden) {
    throw localizedError(InputError, "hiddenActivations", activation.length, activation.join(","), hidden);
  }
  return activation;
}

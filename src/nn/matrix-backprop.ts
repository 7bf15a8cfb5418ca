/**
 * Backpropagation in the notes' explicit matrix form, written independently of the autodiff engine:
 *
 *   forward:   Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾·W⁽ˡ⁾ᵀ + b⁽ˡ⁾        A⁽ˡ⁾ = f(Z⁽ˡ⁾)         (A⁽⁰⁾ = X, rows are examples)
 *   output:    Δ⁽ᴸ⁾ = ∂E/∂Ŷ ⊙ f′(Z⁽ᴸ⁾)            (the loss knows its own δ: ŷ − y for the fused pairs)
 *   backward:  Δ⁽ˡ⁾ = (Δ⁽ˡ⁺¹⁾·W⁽ˡ⁺¹⁾) ⊙ f′(Z⁽ˡ⁾)
 *   gradients: ∇W⁽ˡ⁾ = Δ⁽ˡ⁾ᵀ·A⁽ˡ⁻¹⁾               ∇b⁽ˡ⁾ = Σ rows of Δ⁽ˡ⁾
 *
 * The same object is the teaching view (trace() exposes every layer's Z, A and Δ) and the training fast path:
 * all buffers are allocated once for the largest batch, the three GEMM layouts run without materialising
 * transposes, and the gradient with respect to the input data (Δ⁽⁰⁾) is never computed.
 */
import type { DenseBelow } from "../backend/backend.js";
import { getBackend } from "../backend/registry.js";
import type { FloatArray } from "../tensor/dtype.js";
import { NDArray } from "../tensor/ndarray.js";
import { ShapeError } from "../tensor/shape.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { activationParam } from "./activations.js";
import { allocateBuffer } from "./buffers.js";
import { type LossName, lossValue, outputDelta, type Reduction } from "./losses.js";
import type { Sequential } from "./sequential.js";

/** What the notes compute for one layer on one batch. */
export interface LayerTrace {
  /** Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾·W⁽ˡ⁾ᵀ + b⁽ˡ⁾, rows × units */
  Z: NDArray;
  /** A⁽ˡ⁾ = f(Z⁽ˡ⁾), rows × units */
  A: NDArray;
  /** Δ⁽ˡ⁾ = ∂E/∂Z⁽ˡ⁾, rows × units */
  delta: NDArray;
  /** ∇W⁽ˡ⁾ = Δ⁽ˡ⁾ᵀ·A⁽ˡ⁻¹⁾, units × inputs (the layout of W) */
  gradW: NDArray;
  /** ∇b⁽ˡ⁾ = Σ rows of Δ⁽ˡ⁾ */
  gradB: NDArray;
}

/** A parameter and its gradient buffer, as optimizers see them. */
export interface ParamGrad {
  name: string;
  data: FloatArray;
  grad: FloatArray;
}

interface LayerViews {
  Z: FloatArray;
  A: FloatArray;
  delta: FloatArray;
  below: DenseBelow | undefined;
}

interface LayerBuffers {
  Z: FloatArray;
  A: FloatArray;
  delta: FloatArray;
  gradW: FloatArray;
  gradB: FloatArray;
}

export class MatrixBackprop {
  readonly model: Sequential;
  readonly maxRows: number;
  private readonly buffers: LayerBuffers[];
  private readonly views = new Map<number, LayerViews[]>();
  private input: FloatArray | null = null;
  /** The batch, copied into the backend's memory when it arrives from outside (allocated on first need). */
  private inputBuffer: FloatArray | null = null;
  private readonly inputViews = new Map<number, FloatArray>();
  private rows = 0;
  private backwardDone = false;

  constructor(model: Sequential, maxRows: number) {
    if (!Number.isInteger(maxRows) || maxRows < 1)
      throw localizedError(InputError, "trainerMaxRows", maxRows);
    this.model = model;
    this.maxRows = maxRows;
    const dtype = model.dtype;
    this.buffers = model.layers.map((layer) => ({
      Z: allocateBuffer(dtype, maxRows * layer.units),
      A: allocateBuffer(dtype, maxRows * layer.units),
      delta: allocateBuffer(dtype, maxRows * layer.units),
      gradW: allocateBuffer(dtype, layer.units * layer.inputs),
      gradB: allocateBuffer(dtype, layer.units),
    }));
  }

  /** Per-layer views of the first `rows` rows, created once per distinct batch size. */
  private viewsFor(rows: number): LayerViews[] {
    let v = this.views.get(rows);
    if (!v) {
      const layers = this.model.layers;
      const made: LayerViews[] = this.buffers.map((b, l) => {
        const n = rows * layers[l].units;
        return {
          Z: b.Z.subarray(0, n),
          A: b.A.subarray(0, n),
          delta: b.delta.subarray(0, n),
          below: undefined,
        };
      });
      // What each layer's backward pass needs of the layer below (none for the first: no Δ of the data).
      for (let l = 1; l < layers.length; l++) {
        const act = layers[l - 1].activation;
        made[l].below = {
          activation: act,
          Z: made[l - 1].Z,
          delta: made[l - 1].delta,
          param: activationParam(act),
        };
      }
      v = made;
      this.views.set(rows, v);
    }
    return v;
  }

  /** Copies the first n values of X into the input buffer (in the backend's memory); returns its view. */
  private copyIn(X: FloatArray, n: number): FloatArray {
    this.inputBuffer ??= allocateBuffer(this.model.dtype, this.maxRows * this.model.layers[0].inputs);
    const into = this.inputBuffer;
    into.set(X.length === n ? X : X.subarray(0, n));
    let view = this.inputViews.get(n);
    if (!view) {
      view = into.subarray(0, n);
      this.inputViews.set(n, view);
    }
    return view;
  }

  /** Forward pass on a rows × inputs batch; returns the output A⁽ᴸ⁾ (a view, valid until the next call). */
  forward(X: FloatArray, rows: number): FloatArray {
    const layers = this.model.layers;
    if (rows < 1 || rows > this.maxRows) throw localizedError(ShapeError, "trainerRows", rows, this.maxRows);
    const inputs = layers[0].inputs;
    if (X.length < rows * inputs) {
      throw localizedError(ShapeError, "trainerInput", X.length, rows, inputs);
    }
    const backend = getBackend();
    // Data outside the backend's memory is copied in once here, not once per kernel that reads it (a few
    // values are read where they are).
    if (
      rows * inputs >= 256 &&
      backend.resident &&
      X.constructor === this.model.layers[0].weight.data.constructor &&
      !backend.resident(X)
    )
      X = this.copyIn(X, rows * inputs);
    const views = this.viewsFor(rows);
    let A: FloatArray = X;
    for (let l = 0; l < layers.length; l++) {
      const layer = layers[l];
      const v = views[l];
      // Z = A·Wᵀ + b (W is units × inputs, read transposed in place), A = f(Z)
      const act = layer.activation;
      backend.denseForward(
        A,
        layer.weight.data,
        layer.bias.data,
        rows,
        layer.units,
        layer.inputs,
        act,
        v.Z,
        v.A,
        activationParam(act),
      );
      A = v.A;
    }
    this.input = X;
    this.rows = rows;
    this.backwardDone = false;
    return A;
  }

  /** E of the last forward pass against targets Y (rows × outputs). */
  loss(Y: FloatArray, loss: LossName, reduction: Reduction = "mean"): number {
    const L = this.model.layers.length - 1;
    const v = this.viewsFor(this.rows)[L];
    return lossValue(
      loss,
      this.model.outputActivation,
      v.Z,
      v.A,
      Y,
      this.rows,
      this.model.outputSize,
      reduction,
    );
  }

  /** Backward pass after forward(): fills Δ, ∇W and ∇b of every layer. */
  backward(Y: FloatArray, loss: LossName, reduction: Reduction = "mean"): void {
    if (!this.input) throw new Error("backward() needs a forward() first");
    const layers = this.model.layers;
    const rows = this.rows;
    const backend = getBackend();
    const views = this.viewsFor(rows);
    const L = layers.length - 1;
    outputDelta(
      loss,
      layers[L].activation,
      views[L].Z,
      views[L].A,
      Y,
      rows,
      layers[L].units,
      reduction,
      views[L].delta,
    );
    for (let l = L; l >= 0; l--) {
      const layer = layers[l];
      const buf = this.buffers[l];
      // ∇W = Δᵀ·A⁽ˡ⁻¹⁾, ∇b = Σ rows of Δ and, above the first layer, Δ⁽ˡ⁻¹⁾ = (Δ⁽ˡ⁾·W⁽ˡ⁾) ⊙ f′(Z⁽ˡ⁻¹⁾)
      backend.denseBackward(
        views[l].delta,
        l === 0 ? this.input : views[l - 1].A,
        layer.weight.data,
        rows,
        layer.units,
        layer.inputs,
        buf.gradW,
        buf.gradB,
        views[l].below,
      );
    }
    this.backwardDone = true;
  }

  /** Every parameter with its gradient buffer, in layer order (W⁽¹⁾, b⁽¹⁾, W⁽²⁾, ...). */
  parameters(): ParamGrad[] {
    return this.model.layers.flatMap((layer, l) => [
      { name: `layers[${l}].weights`, data: layer.weight.data, grad: this.buffers[l].gradW },
      { name: `layers[${l}].bias`, data: layer.bias.data, grad: this.buffers[l].gradB },
    ]);
  }

  /** Copies of every layer's Z, A, Δ, ∇W and ∇b for the last batch: the notes' tables. */
  trace(): LayerTrace[] {
    if (!this.backwardDone) throw new Error("trace() needs forward() and backward() first");
    const views = this.viewsFor(this.rows);
    return this.model.layers.map((layer, l) => {
      const shape = [this.rows, layer.units];
      const copy = (data: FloatArray, s: number[]) => new NDArray(data.slice(), s);
      return {
        Z: copy(views[l].Z, shape),
        A: copy(views[l].A, shape),
        delta: copy(views[l].delta, shape),
        gradW: copy(this.buffers[l].gradW, [layer.units, layer.inputs]),
        gradB: copy(this.buffers[l].gradB, [layer.units]),
      };
    });
  }
}

/** One-shot: forward and backward on a batch, returning the loss and every layer's trace. */
export function backpropTrace(
  model: Sequential,
  X: NDArray,
  Y: NDArray,
  loss: LossName,
  reduction: Reduction = "mean",
): { loss: number; output: NDArray; layers: LayerTrace[] } {
  const rows = X.shape[0];
  if (X.rank !== 2 || X.shape[1] !== model.inputSize) {
    throw localizedError(ShapeError, "traceInputs", model.inputSize, X.shape.join(","));
  }
  if (Y.rank !== 2 || Y.shape[0] !== rows || Y.shape[1] !== model.outputSize) {
    throw localizedError(ShapeError, "traceTargets", rows, model.outputSize, Y.shape.join(","));
  }
  const bp = new MatrixBackprop(model, rows);
  const x = X.astype(model.dtype).data;
  const y = Y.astype(model.dtype).data;
  bp.forward(x, rows);
  const E = bp.loss(y, loss, reduction);
  bp.backward(y, loss, reduction);
  const layers = bp.trace();
  return { loss: E, output: layers[layers.length - 1].A, layers };
}

/**
 * One training step of the notes' loop, in two engines: forward pass and loss E, then backward pass (∂E/∂W,
 * ∂E/∂b) and the optimizer's update. fit builds only the engine it was asked for.
 */
import { noGrad } from "../autograd/grad-mode.js";
import { Tensor } from "../autograd/tensor.js";
import { type LossName, lossOnGraph, type Reduction } from "../nn/losses.js";
import { MatrixBackprop } from "../nn/matrix-backprop.js";
import type { Sequential } from "../nn/sequential.js";
import type { Optimizer, Parameter } from "../optim/optimizers.js";
import type { FloatArray } from "../tensor/dtype.js";
import type { NDArray } from "../tensor/ndarray.js";

export type Engine = "matrix" | "autograd";
export const ENGINES: readonly Engine[] = ["matrix", "autograd"];

export interface Stepper {
  /** Forward pass on a batch (rows × inputs, targets rows × outputs): returns E. */
  forward(x: NDArray, y: NDArray, rows: number): number;
  /** Ŷ of the last forward pass (rows × outputs; valid until the next one). */
  readonly output: FloatArray;
  /** Backward pass for the last forward, then w ← w − η·∂E/∂w (or the optimizer's rule). */
  update(optimizer: Optimizer): void;
}

/** The explicit matrix form (Z = X·Wᵀ + b, Δ per layer, ∇W = Δᵀ·A) on buffers allocated once: the fast path. */
class MatrixStepper implements Stepper {
  private readonly trainer: MatrixBackprop;
  private readonly params: readonly Parameter[];
  private y: FloatArray | null = null;
  output: FloatArray;

  constructor(
    model: Sequential,
    batchSize: number,
    private readonly loss: LossName,
    private readonly reduction: Reduction,
  ) {
    this.trainer = new MatrixBackprop(model, batchSize);
    this.params = this.trainer.parameters();
    this.output = this.params[0].data.subarray(0, 0);
  }

  forward(x: NDArray, y: NDArray, rows: number): number {
    this.output = this.trainer.forward(x.data, rows);
    this.y = y.data;
    return this.trainer.loss(y.data, this.loss, this.reduction);
  }

  update(optimizer: Optimizer): void {
    this.trainer.backward(this.y!, this.loss, this.reduction);
    optimizer.step(this.params); // plain arrays: no graph to keep out of, so no noGrad closure per step
  }
}

/** The general engine: a graph built per batch and differentiated by reverse-mode autodiff. */
class AutogradStepper implements Stepper {
  private E: Tensor | null = null;
  output: FloatArray;

  constructor(
    private readonly model: Sequential,
    private readonly loss: LossName,
    private readonly reduction: Reduction,
  ) {
    this.output = model.parameters()[0].data.subarray(0, 0);
  }

  forward(x: NDArray, y: NDArray): number {
    const layers = this.model.forwardLayers(new Tensor(x));
    const { z, a } = layers[layers.length - 1];
    this.E = lossOnGraph(this.loss, this.model.outputActivation, z, a, y, this.reduction);
    this.output = a.data;
    return this.E.item();
  }

  update(optimizer: Optimizer): void {
    const params = this.model.parameters();
    for (const p of params) p.zeroGrad();
    this.E!.backward();
    noGrad(() => optimizer.step(params.map((p) => ({ data: p.data, grad: p.grad!.data }))));
  }
}

/** The stepper for `engine`, for batches of at most batchSize rows. */
export function makeStepper(
  engine: Engine,
  model: Sequential,
  batchSize: number,
  loss: LossName,
  reduction: Reduction,
): Stepper {
  return engine === "matrix"
    ? new MatrixStepper(model, batchSize, loss, reduction)
    : new AutogradStepper(model, loss, reduction);
}

/**
 * Gradient-norm clipping, as PyTorch's torch.nn.utils.clip_grad_norm_: the total 2-norm ‖g‖ over every
 * parameter's gradient together; when it is above C, every gradient is scaled by C / (‖g‖ + 10⁻⁶), so one
 * step never moves the weights further than η·C, whatever a steep part of the loss surface says.
 */
import type { FloatArray } from "../tensor/dtype.js";
import { RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import type { Optimizer, OptimizerConfig, OptimizerState, Parameter } from "./optimizers.js";

/** Scales the gradients in place when their total norm exceeds maxNorm; returns the norm before clipping. */
export function clipGradNorm(params: readonly Pick<Parameter, "grad">[], maxNorm: number): number {
  checkMaxNorm(maxNorm);
  let sumSquares = 0; // in float64 whatever the gradients' type, as PyTorch accumulates in its norm kernel
  for (const { grad } of params) for (let i = 0; i < grad.length; i++) sumSquares += grad[i] * grad[i];
  const norm = Math.sqrt(sumSquares);
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) for (const { grad } of params) for (let i = 0; i < grad.length; i++) grad[i] *= coef;
  return norm;
}

function checkMaxNorm(maxNorm: number): void {
  if (!(Number.isFinite(maxNorm) && maxNorm > 0)) {
    throw localizedError(RetropropError, "clipMaxNorm", maxNorm);
  }
}

/**
 * An optimizer whose every step first clips the gradients (fit's clipGradNorm option). η, config and state
 * are the wrapped optimizer's, so schedules and checkpoints see through it.
 */
export class ClippedOptimizer implements Optimizer {
  constructor(
    readonly inner: Optimizer,
    readonly maxNorm: number,
  ) {
    checkMaxNorm(maxNorm);
  }

  get name(): string {
    return this.inner.name;
  }

  get learningRate(): number {
    return this.inner.learningRate;
  }

  set learningRate(lr: number) {
    this.inner.learningRate = lr;
  }

  step(params: readonly Parameter[]): void {
    clipGradNorm(params, this.maxNorm);
    this.inner.step(params);
  }

  config(): OptimizerConfig {
    return { ...(this.inner.config?.() ?? {}), clipGradNorm: this.maxNorm };
  }

  get state(): Optimizer["state"] {
    return this.inner.state?.bind(this.inner);
  }

  get loadState(): ((params: readonly FloatArray[], state: OptimizerState) => void) | undefined {
    return this.inner.loadState?.bind(this.inner);
  }
}

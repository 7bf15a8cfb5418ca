/**
 * Optimizers update parameters in place from their gradients (PyTorch's split: models own parameters,
 * optimizers own the update rule and its state). A parameter is a pair of buffers {data, grad}; both the
 * matrix fast path and the autograd path hand them over the same way.
 */
import { getBackend } from "../backend/registry.js";
import type { FloatArray } from "../tensor/dtype.js";
import { RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";

export interface Parameter {
  name?: string;
  data: FloatArray;
  grad: FloatArray;
}

export interface Optimizer {
  readonly name: string;
  /** η, changed by learning-rate schedules between epochs. */
  learningRate: number;
  /** Applies one update to every parameter from its current gradient. */
  step(params: readonly Parameter[]): void;
  /** The hyperparameters it was built with (checkpoints compare them on resume). */
  config?(): OptimizerConfig;
  /** Everything its next updates depend on besides the gradients: step count, η, per-parameter buffers. */
  state?(params: readonly FloatArray[]): OptimizerState;
  /** Puts back a state taken by state() for the same parameters (in the same order). */
  loadState?(params: readonly FloatArray[], state: OptimizerState): void;
}

export type OptimizerConfig = Record<string, number | boolean | string>;

/**
 * An optimizer's state as a checkpoint keeps it: η, the update count t, and per named slot (velocity, m, v,
 * square) one buffer per parameter, in the parameters' order, or null where that parameter has none yet.
 */
export interface OptimizerState {
  name: string;
  learningRate: number;
  t: number;
  slots: Record<string, (FloatArray | null)[]>;
}

/** A WeakMap of per-parameter buffers as one slot of OptimizerState, and back. */
function exportSlot<T extends FloatArray>(map: WeakMap<FloatArray, T>, params: readonly FloatArray[]) {
  return params.map((p) => map.get(p)?.slice() ?? null);
}

function importSlot<T extends FloatArray>(
  map: WeakMap<FloatArray, T>,
  params: readonly FloatArray[],
  saved: (FloatArray | null)[] | undefined,
  make: (p: FloatArray) => T,
  what: string,
): void {
  if (!saved || saved.length !== params.length) {
    throw localizedError(RetropropError, "optimizerStateEntries", what, params.length);
  }
  params.forEach((p, i) => {
    const s = saved[i];
    if (s === null) return void map.delete(p);
    if (s.length !== p.length) {
      throw localizedError(RetropropError, "optimizerStateLength", what, i, s.length, p.length);
    }
    const buf = make(p);
    buf.set(s);
    map.set(p, buf);
  });
}

function checkStateName(state: OptimizerState, name: string): void {
  if (state?.name !== name) {
    throw localizedError(RetropropError, "optimizerStateName", state?.name, name);
  }
}

export interface SGDOptions {
  lr: number;
  /** μ of classical momentum: v ← μ·v + g; w ← w − η·v. */
  momentum?: number;
  /** Nesterov's look-ahead: w ← w − η·(g + μ·v). */
  nesterov?: boolean;
  /** L2 penalty λ: g ← g + λ·w (as PyTorch's weight_decay). */
  weightDecay?: number;
}

function checkRate(name: string, value: number, min = 0, inclusive = false): void {
  if (!Number.isFinite(value) || value < min || (!inclusive && value === min && min === 0 && name === "lr")) {
    throw localizedError(RetropropError, "rateRange", name, min, value);
  }
}

/** Gradient descent, w ← w − η·∂E/∂w, with optional momentum / Nesterov and L2 weight decay. */
export class SGD implements Optimizer {
  readonly name = "sgd";
  learningRate: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  private readonly velocity = new WeakMap<FloatArray, FloatArray>();

  constructor(options: SGDOptions) {
    checkRate("lr", options.lr);
    this.learningRate = options.lr;
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    checkRate("momentum", this.momentum);
    checkRate("weightDecay", this.weightDecay);
    if (this.nesterov && this.momentum === 0) throw localizedError(RetropropError, "nesterovMomentum");
  }

  step(params: readonly Parameter[]): void {
    const backend = getBackend();
    const lr = this.learningRate;
    for (const p of params) {
      // g ← g + λ·w (in the gradient buffer: it is rewritten by the next backward pass anyway)
      if (this.weightDecay !== 0) backend.axpy(this.weightDecay, p.data, p.grad, p.grad);
      if (this.momentum === 0) {
        backend.axpy(-lr, p.grad, p.data, p.data);
        continue;
      }
      let v = this.velocity.get(p.data);
      if (!v) {
        v = new (p.data.constructor as Float32ArrayConstructor)(p.data.length) as FloatArray;
        this.velocity.set(p.data, v);
      }
      const mu = this.momentum;
      const { data, grad } = p;
      for (let i = 0; i < data.length; i++) {
        v[i] = mu * v[i] + grad[i];
        data[i] -= lr * (this.nesterov ? grad[i] + mu * v[i] : v[i]);
      }
    }
  }

  config(): OptimizerConfig {
    return { momentum: this.momentum, nesterov: this.nesterov, weightDecay: this.weightDecay };
  }

  state(params: readonly FloatArray[]): OptimizerState {
    return {
      name: this.name,
      learningRate: this.learningRate,
      t: 0,
      slots: { velocity: exportSlot(this.velocity, params) },
    };
  }

  loadState(params: readonly FloatArray[], state: OptimizerState): void {
    checkStateName(state, this.name);
    // v has its parameter's element type, as step() allocates it
    const make = (p: FloatArray) => new (p.constructor as Float32ArrayConstructor)(p.length) as FloatArray;
    importSlot(this.velocity, params, state.slots.velocity, make, "velocity");
    this.learningRate = state.learningRate;
  }
}

export interface RMSPropOptions {
  lr?: number;
  /** Decay of the running mean of g² (PyTorch's alpha). */
  rho?: number;
  eps?: number;
  weightDecay?: number;
}

/** RMSProp: s ← ρ·s + (1−ρ)·g²; w ← w − η·g / (√s + ε). */
export class RMSProp implements Optimizer {
  readonly name = "rmsprop";
  learningRate: number;
  readonly rho: number;
  readonly eps: number;
  readonly weightDecay: number;
  private readonly square = new WeakMap<FloatArray, Float64Array>();

  constructor(options: RMSPropOptions = {}) {
    this.learningRate = options.lr ?? 0.001;
    this.rho = options.rho ?? 0.9;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    checkRate("lr", this.learningRate);
  }

  step(params: readonly Parameter[]): void {
    for (const { data, grad } of params) {
      let s = this.square.get(data);
      if (!s) this.square.set(data, (s = new Float64Array(data.length)));
      for (let i = 0; i < data.length; i++) {
        const g = grad[i] + this.weightDecay * data[i];
        s[i] = this.rho * s[i] + (1 - this.rho) * g * g;
        data[i] -= (this.learningRate * g) / (Math.sqrt(s[i]) + this.eps);
      }
    }
  }

  config(): OptimizerConfig {
    return { rho: this.rho, eps: this.eps, weightDecay: this.weightDecay };
  }

  state(params: readonly FloatArray[]): OptimizerState {
    return {
      name: this.name,
      learningRate: this.learningRate,
      t: 0,
      slots: { square: exportSlot(this.square, params) },
    };
  }

  loadState(params: readonly FloatArray[], state: OptimizerState): void {
    checkStateName(state, this.name);
    importSlot(this.square, params, state.slots.square, (p) => new Float64Array(p.length), "square");
    this.learningRate = state.learningRate;
  }
}

export interface AdamOptions {
  lr?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

/** Adam (Kingma & Ba): bias-corrected first and second moments of g. */
export class Adam implements Optimizer {
  readonly name = "adam";
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private t = 0;
  private readonly moments = new WeakMap<FloatArray, { m: Float64Array; v: Float64Array }>();

  constructor(options: AdamOptions = {}) {
    this.learningRate = options.lr ?? 0.001;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    checkRate("lr", this.learningRate);
  }

  step(params: readonly Parameter[]): void {
    this.t++;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    for (const { data, grad } of params) {
      let state = this.moments.get(data);
      if (!state) {
        state = { m: new Float64Array(data.length), v: new Float64Array(data.length) };
        this.moments.set(data, state);
      }
      const { m, v } = state;
      for (let i = 0; i < data.length; i++) {
        const g = grad[i] + this.weightDecay * data[i];
        m[i] = this.beta1 * m[i] + (1 - this.beta1) * g;
        v[i] = this.beta2 * v[i] + (1 - this.beta2) * g * g;
        data[i] -= (this.learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + this.eps);
      }
    }
  }

  config(): OptimizerConfig {
    return { beta1: this.beta1, beta2: this.beta2, eps: this.eps, weightDecay: this.weightDecay };
  }

  state(params: readonly FloatArray[]): OptimizerState {
    const m = params.map((p) => this.moments.get(p)?.m.slice() ?? null);
    const v = params.map((p) => this.moments.get(p)?.v.slice() ?? null);
    return { name: this.name, learningRate: this.learningRate, t: this.t, slots: { m, v } };
  }

  loadState(params: readonly FloatArray[], state: OptimizerState): void {
    checkStateName(state, this.name);
    const m = new WeakMap<FloatArray, Float64Array>();
    const v = new WeakMap<FloatArray, Float64Array>();
    importSlot(m, params, state.slots.m, (p) => new Float64Array(p.length), "m");
    importSlot(v, params, state.slots.v, (p) => new Float64Array(p.length), "v");
    for (const p of params) {
      const mp = m.get(p);
      const vp = v.get(p);
      if (mp && vp) this.moments.set(p, { m: mp, v: vp });
      else this.moments.delete(p);
    }
    if (!Number.isInteger(state.t) || state.t < 0)
      throw localizedError(RetropropError, "optimizerStateT", state.t);
    this.t = state.t;
    this.learningRate = state.learningRate;
  }
}

export const OPTIMIZERS = ["sgd", "momentum", "nesterov", "rmsprop", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Builds an optimizer by name, as the CLI's --optimizer does. */
export function makeOptimizer(
  name: string,
  options: { lr?: number; momentum?: number; weightDecay?: number } = {},
): Optimizer {
  const weightDecay = options.weightDecay ?? 0;
  switch (name) {
    case "sgd":
      return new SGD({ lr: options.lr ?? 0.01, momentum: options.momentum ?? 0, weightDecay });
    case "momentum":
      return new SGD({ lr: options.lr ?? 0.01, momentum: options.momentum ?? 0.9, weightDecay });
    case "nesterov":
      return new SGD({
        lr: options.lr ?? 0.01,
        momentum: options.momentum ?? 0.9,
        nesterov: true,
        weightDecay,
      });
    case "rmsprop":
      return new RMSProp({ lr: options.lr, weightDecay });
    case "adam":
      return new Adam({ lr: options.lr, weightDecay });
    default:
      throw localizedError(RetropropError, "unknownOptimizer", name, OPTIMIZERS.join(", "));
  }
}

/**
 * The network the playground trains, in the notes' matrix form: retroprop's MatrixBackprop computes
 * Z = A·Wᵀ + b, A = f(Z) forward and Δ, ∇W = Δᵀ·A, ∇b = Σ rows of Δ backward; an optimizer from the library
 * applies the update. This module only arranges the batches, adds the L1/L2 penalty's gradient to the weights'
 * (TensorFlow Playground's choice: biases are not penalised) and reads out what the page draws.
 */
import {
  type Activation,
  Dense,
  type LossName,
  MatrixBackprop,
  makeOptimizer,
  NDArray,
  noGrad,
  type Optimizer,
  Random,
  Sequential,
} from "retroprop";
import { makePoints, type Points, splitPoints } from "./datasets.js";
import { FEATURE_FUNCTIONS, featureMatrix } from "./features.js";
import { DOMAIN, GRID } from "./geometry.js";
import { effectiveBatch, outputsOf, type PlaygroundState } from "./state.js";
import type { UploadTable } from "./upload.js";

/** A user's CSV as the worker gets it: z-scored training and test tables (upload.ts). */
export interface UploadedData {
  train: UploadTable;
  test: UploadTable;
  inputs: number;
  outputs: number;
}

/** Uploaded points are drawn at twice their z-score: ±3σ fills the square [−6, 6]². */
export const UPLOAD_SCALE = 2;

export interface Metrics {
  trainLoss: number;
  testLoss: number;
  /** Fraction of examples classified right: output on the right side of ½, or the largest output the class's (NaN for regression). */
  trainAccuracy: number;
  testAccuracy: number;
}

interface Table {
  X: Float32Array;
  Y: Float32Array;
  rows: number;
}

/** Seeds derived from the one in the URL, so data, weights and batch order do not share a stream. */
const seedFor = (seed: number, what: "data" | "weights" | "order") =>
  seed * 3 + { data: 0, weights: 1, order: 2 }[what];

export class Trainer {
  readonly state: Readonly<PlaygroundState>;
  readonly points: { train: Points; test: Points };
  readonly model: Sequential;
  readonly loss: LossName;
  /** Output units: 1, or one per class. */
  readonly outputs: number;
  /** Network inputs: the chosen features, or the uploaded file's feature columns. */
  readonly inputs: number;
  /** Whether the inputs are a plane the pictures can show (two of them, or the built-in features of x₁, x₂). */
  readonly planar: boolean;
  epoch = 0;
  private readonly train: Table;
  private readonly test: Table;
  private readonly grid: Float32Array;
  private readonly bp: MatrixBackprop;
  private optimizer: Optimizer;
  private order: Random;
  private readonly initial: Float32Array[];
  private readonly batchX: Float32Array;
  private readonly batchY: Float32Array;

  constructor(state: Readonly<PlaygroundState>, upload?: UploadedData) {
    this.state = state;
    if (upload) {
      this.outputs = upload.outputs;
      this.inputs = upload.inputs;
      this.planar = upload.inputs === 2;
      const table = (t: UploadTable): Table => ({
        X: t.X,
        Y: this.outputs === 1 ? t.target.slice() : oneHot(t.target, this.outputs),
        rows: t.rows,
      });
      this.train = table(upload.train);
      this.test = table(upload.test);
      this.points = {
        train: planePoints(upload.train, this.planar),
        test: planePoints(upload.test, this.planar),
      };
      this.grid = this.planar ? gridPlane() : new Float32Array(0);
    } else {
      const all = makePoints(state.dataset, state.noise, seedFor(state.seed, "data"));
      this.points = splitPoints(all, state.trainPercent, seedFor(state.seed, "data"));
      this.outputs = outputsOf(state);
      this.inputs = state.features.length;
      this.planar = true;
      const table = (p: Points): Table => ({
        X: featureMatrix(p.x1, p.x2, state.features),
        Y: this.outputs === 1 ? p.target.slice() : oneHot(p.target, this.outputs),
        rows: p.x1.length,
      });
      this.train = table(this.points.train);
      this.test = table(this.points.test);
      this.grid = gridFeatures(state);
    }
    // The output and loss pairs whose δ is ŷ − y: sigmoid with binary cross-entropy, softmax with categorical.
    const output: Activation = { classification: "sigmoid", multiclass: "softmax", regression: "linear" }[
      state.problem
    ] as Activation;
    this.loss = { classification: "bce", multiclass: "cce", regression: "mse" }[state.problem] as LossName;
    const rng = new Random(seedFor(state.seed, "weights"));
    const sizes = [this.inputs, ...state.hidden, this.outputs];
    const layers: Dense[] = [];
    for (let l = 1; l < sizes.length; l++) {
      const activation = l === sizes.length - 1 ? output : state.activations[l - 1];
      layers.push(new Dense(sizes[l - 1], sizes[l], activation, { rng }));
    }
    this.model = new Sequential(layers);
    this.bp = new MatrixBackprop(this.model, Math.max(this.train.rows, this.test.rows, GRID * GRID));
    this.initial = this.parameters().map((p) => p.slice());
    this.optimizer = this.makeOptimizer();
    this.order = new Random(seedFor(state.seed, "order"));
    const batch = effectiveBatch(state, this.train.rows);
    this.batchX = new Float32Array(batch * this.inputs);
    this.batchY = new Float32Array(batch * this.outputs);
  }

  private makeOptimizer(): Optimizer {
    return makeOptimizer(this.state.optimizer, { lr: this.state.learningRate });
  }

  /** W⁽¹⁾, b⁽¹⁾, W⁽²⁾, … : the model's own buffers. */
  parameters(): Float32Array[] {
    return this.model.layers.flatMap((layer) => [
      layer.weight.data as Float32Array,
      layer.bias.data as Float32Array,
    ]);
  }

  /** Back to epoch 0 with the weights the run started from, the optimizer's state and batch order renewed. */
  rewind(): void {
    this.parameters().forEach((p, k) => {
      p.set(this.initial[k]);
    });
    this.optimizer = this.makeOptimizer();
    this.order = new Random(seedFor(this.state.seed, "order"));
    this.epoch = 0;
  }

  /** One epoch: every training example once, in a fresh seeded order, in batches of the chosen mode. */
  stepEpoch(): void {
    const { rows, X, Y } = this.train;
    const k = this.inputs;
    const batch = effectiveBatch(this.state, rows);
    const perm = this.order.permutation(rows);
    const params = this.bp.parameters();
    for (let start = 0; start < rows; start += batch) {
      const n = Math.min(batch, rows - start);
      for (let r = 0; r < n; r++) {
        const i = perm[start + r];
        this.batchX.set(X.subarray(i * k, i * k + k), r * k);
        const m = this.outputs;
        this.batchY.set(Y.subarray(i * m, i * m + m), r * m);
      }
      this.bp.forward(this.batchX, n);
      this.bp.backward(this.batchY, this.loss);
      this.addPenalty(params);
      this.optimizer.step(params);
    }
    this.epoch++;
  }

  /** ∂(λ·Σ|w|)/∂w = λ·sign(w), ∂(½λ·Σw²)/∂w = λ·w, added to the weights' gradients. */
  private addPenalty(params: ReturnType<MatrixBackprop["parameters"]>): void {
    const { regularization, regularizationRate: lambda } = this.state;
    if (regularization === "none" || lambda === 0) return;
    for (const p of params) {
      if (!p.name.endsWith(".weights")) continue;
      for (let i = 0; i < p.data.length; i++) {
        p.grad[i] += regularization === "l1" ? lambda * Math.sign(p.data[i]) : lambda * p.data[i];
      }
    }
  }

  private evaluate(t: Table): { loss: number; accuracy: number } {
    const out = this.bp.forward(t.X, t.rows);
    const loss = this.bp.loss(t.Y, this.loss);
    if (this.state.problem === "regression") return { loss, accuracy: Number.NaN };
    const m = this.outputs;
    let right = 0;
    for (let i = 0; i < t.rows; i++) {
      if (m === 1) {
        if (out[i] >= 0.5 === t.Y[i] >= 0.5) right++;
      } else if (t.Y[i * m + argmax(out.subarray(i * m, i * m + m))] === 1) right++;
    }
    return { loss, accuracy: right / t.rows };
  }

  metrics(): Metrics {
    const train = this.evaluate(this.train);
    const test = this.evaluate(this.test);
    return {
      trainLoss: train.loss,
      testLoss: test.loss,
      trainAccuracy: train.accuracy,
      testAccuracy: test.accuracy,
    };
  }

  /**
   * Every neuron's output a = f(z) over the GRID × GRID square, layer by layer (the inputs first): what the
   * thumbnails and the output's heat map show. Row r of a grid is x₂ from +DOMAIN down to −DOMAIN.
   */
  neuronGrids(): Float32Array[][] {
    // More than two uploaded features make no plane to draw: loss curves and accuracy only.
    if (!this.planar) return [];
    const cells = GRID * GRID;
    const k = this.inputs;
    const inputs = Array.from({ length: k }, (_, j) =>
      Float32Array.from({ length: cells }, (_, c) => this.grid[c * k + j]),
    );
    const layers = noGrad(() => {
      let a: NDArray = new NDArray(this.grid, [cells, k]);
      return this.model.layers.map((layer) => {
        const next = layer.forward(a).a;
        a = new NDArray(next.data, [cells, layer.units]);
        return unitColumns(next.data as Float32Array, cells, layer.units);
      });
    });
    return [inputs, ...layers];
  }

  /** Sets one weight w_ji of layer l (input i = −1: the bias b_j). */
  setParameter(l: number, j: number, i: number, value: number): void {
    const layer = this.model.layers[l];
    if (!layer || j < 0 || j >= layer.units || i < -1 || i >= layer.inputs || !Number.isFinite(value)) return;
    if (i === -1) layer.bias.data[j] = value;
    else layer.weight.data[j * layer.inputs + i] = value;
  }

  /** Training examples (the built-in data's or an upload's). */
  get trainingRows(): number {
    return this.train.rows;
  }

  /** The first n training rows as the network sees them: inputs X, targets Y (one-hot rows for several classes). */
  firstTrainingRows(n: number): { X: number[][]; Y: number[][] } {
    const k = this.inputs;
    const m = this.outputs;
    const rows = Math.min(n, this.train.rows);
    return {
      X: Array.from({ length: rows }, (_, r) => Array.from(this.train.X.subarray(r * k, r * k + k))),
      Y: Array.from({ length: rows }, (_, r) => Array.from(this.train.Y.subarray(r * m, r * m + m))),
    };
  }

  /** The network's outputs for rows of (already scaled) inputs. */
  predict(X: Float32Array, rows: number): Float32Array {
    return noGrad(() => {
      let a: NDArray = new NDArray(X, [rows, this.inputs]);
      for (const layer of this.model.layers) a = new NDArray(layer.forward(a).a.data, [rows, layer.units]);
      return (a.data as Float32Array).slice();
    });
  }

  /** Replaces every weight and bias (a loaded model of this network's shape) and makes them the run's start. */
  load(weights: Float32Array[], biases: Float32Array[]): void {
    this.model.layers.forEach((layer, l) => {
      layer.weight.data.set(weights[l]);
      layer.bias.data.set(biases[l]);
    });
    this.parameters().forEach((p, k) => {
      this.initial[k].set(p);
    });
    this.rewind();
  }
}

/** Uploaded rows as points of the square (two features only; none to draw otherwise). */
function planePoints(t: UploadTable, planar: boolean): Points {
  if (!planar) return { x1: new Float32Array(0), x2: new Float32Array(0), target: new Float32Array(0) };
  return {
    x1: Float32Array.from({ length: t.rows }, (_, i) => t.X[2 * i] * UPLOAD_SCALE),
    x2: Float32Array.from({ length: t.rows }, (_, i) => t.X[2 * i + 1] * UPLOAD_SCALE),
    target: t.target,
  };
}

/** The grid for two uploaded features: each square's point (x₁, x₂) as the z-scores it stands for. */
function gridPlane(): Float32Array {
  const X = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      X[(r * GRID + c) * 2] = (-DOMAIN + ((c + 0.5) * 2 * DOMAIN) / GRID) / UPLOAD_SCALE;
      X[(r * GRID + c) * 2 + 1] = (DOMAIN - ((r + 0.5) * 2 * DOMAIN) / GRID) / UPLOAD_SCALE;
    }
  }
  return X;
}

/** The largest entry's index (the first of equals). */
export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
  return best;
}

/** Class indices as one-hot rows. */
function oneHot(labels: Float32Array, classes: number): Float32Array {
  const Y = new Float32Array(labels.length * classes);
  labels.forEach((c, i) => {
    Y[i * classes + c] = 1;
  });
  return Y;
}

function unitColumns(A: Float32Array, rows: number, units: number): Float32Array[] {
  return Array.from({ length: units }, (_, j) =>
    Float32Array.from({ length: rows }, (_, r) => A[r * units + j]),
  );
}

/** The features of every grid point, row-major (x₂ falling down the rows, x₁ rising along them). */
function gridFeatures(state: Readonly<PlaygroundState>): Float32Array {
  const k = state.features.length;
  const X = new Float32Array(GRID * GRID * k);
  for (let r = 0; r < GRID; r++) {
    const x2 = DOMAIN - ((r + 0.5) * 2 * DOMAIN) / GRID;
    for (let c = 0; c < GRID; c++) {
      const x1 = -DOMAIN + ((c + 0.5) * 2 * DOMAIN) / GRID;
      state.features.forEach((f, j) => {
        X[(r * GRID + c) * k + j] = FEATURE_FUNCTIONS[f](x1, x2);
      });
    }
  }
  return X;
}

/**
 * vanishing-gradient, measured: Nielsen's chapter 5 ("Why are deep neural networks hard to train?"), which
 * note 004 reproduces. Networks 784-30-10, 784-30-30-10, ... with 1 to 4 sigmoid hidden layers trained by SGD
 * with η = 0.1 and mini-batches of 10.
 *
 * The "speed of learning" of hidden layer l is ‖∂C/∂b⁽ˡ⁾‖, the length of the gradient of the cost with
 * respect to that layer's biases (the mean δ⁽ˡ⁾ over the examples), measured on the first `probeRows`
 * training images: once at initialisation and after every epoch of training. In a sigmoid network each step
 * back multiplies δ by Wᵀ and by σ′(z) ≤ 1/4, so the early layers learn far more slowly.
 *
 * Nielsen's published speeds (0.012, 0.060, 0.283 for three hidden layers) come from his network2.py defaults:
 * cross-entropy cost, weights N(0, 1/n_in) and biases N(0, 1). That is this experiment's default ("nielsen"
 * initialisation, "bce" cost), which reproduces them; `init: "normal"` (N(0,1) weights and biases) with
 * `loss: "mse"` (quadratic cost) gives the chapter's simpler setting, with the same ordering. The same networks
 * with relu hidden layers (He-normal weights, zero biases: N(0, 1) weights would blow relu activations up) are
 * measured for comparison.
 */
import type { Dataset } from "../../data/types.js";
import type { Initializer } from "../../nn/init.js";
import { MatrixBackprop } from "../../nn/matrix-backprop.js";
import { Sequential } from "../../nn/sequential.js";
import { makeOptimizer } from "../../optim/optimizers.js";
import type { NDArray } from "../../tensor/ndarray.js";
import { Random } from "../../tensor/random.js";
import { InputError } from "../../util/errors.js";
import { localizedError, type Messages } from "../../util/i18n.js";
import { en } from "../../util/messages/en.js";
import { checkPositiveInteger, fmt, type MeasureOptions, norm, type Table } from "./shared.js";
import { fitKeepingHistory } from "./training.js";

export type GradientActivation = "sigmoid" | "relu" | "tanh";

export interface VanishingGradientSettings extends MeasureOptions {
  /** Images over which the gradient is averaged for each measurement (default 1,000; at most the training rows). */
  probeRows?: number;
  /** Networks with 1..layersMax hidden layers (default 4). */
  layersMax?: number;
  /** Units per hidden layer (default 30). */
  width?: number;
  /** Hidden activations to compare (default sigmoid and relu). */
  activations?: GradientActivation[];
  /** Epochs of training over which the norms are followed (default 30; 0 = initialisation only). */
  epochs?: number;
  /** η (default 0.1) and mini-batch size (default 10), Nielsen's. */
  lr?: number;
  batchSize?: number;
  /**
   * Weights of the sigmoid/tanh networks: "nielsen" (default; network2.py: N(0, 1/n_in), with biases N(0, 1)),
   * "normal" (weights and biases N(0, 1)), or any other initialiser with zero biases.
   */
  init?: Initializer;
  /** Cost: "bce" (default; cross-entropy, network2.py's default) or "mse" (quadratic cost, ½‖y − a‖²). */
  loss?: "bce" | "mse";
  /** Weight initialiser of the relu networks (default "he_normal", zero biases). */
  reluInit?: Initializer;
}

export interface GradientNetwork {
  activation: GradientActivation;
  hiddenLayers: number;
  sizes: number[];
  /** The initialisers of the weights and of the biases. */
  init: Initializer;
  biasInit: Initializer;
  /** ‖∂C/∂b⁽ˡ⁾‖ per hidden layer (index 0 = first hidden layer) at initialisation. */
  initialBiasGradNorm: number[];
  /** ‖∂C/∂W⁽ˡ⁾‖ per hidden layer at initialisation. */
  initialWeightGradNorm: number[];
  /** Per epoch (index 0 = initialisation, then after each epoch): ‖∂C/∂b⁽ˡ⁾‖ per hidden layer. */
  biasGradNorm: number[][];
  weightGradNorm: number[][];
  /** Mean training loss per epoch. */
  loss: number[];
  accuracy: number[];
}

export interface VanishingGradientData {
  dataset: string;
  trainRows: number;
  probeRows: number;
  epochs: number;
  lr: number;
  batchSize: number;
  loss: "bce" | "mse";
  networks: GradientNetwork[];
}

/** Nielsen's published speeds of learning for the 3-hidden-layer sigmoid network (chapter 5, network2.py defaults). */
export const NIELSEN_THREE_LAYER_SPEEDS = [0.012, 0.06, 0.283] as const;

/**
 * ‖∂C/∂b⁽ˡ⁾‖ and ‖∂C/∂W⁽ˡ⁾‖ of every layer of `model` for the mean cost (quadratic or cross-entropy) over the first `rows` rows of
 * (x, y): one forward/backward pass of the matrix backprop in chunks, the chunk gradients summed and divided by
 * the number of rows, so the result is the gradient of the mean cost over all of them.
 */
export function layerGradientNorms(
  model: Sequential,
  x: NDArray,
  y: NDArray,
  rows: number,
  loss: "mse" | "bce" = "mse",
  chunk = 500,
): { bias: number[]; weight: number[] } {
  const n = Math.min(rows, x.shape[0]);
  if (n < 1) throw localizedError(InputError, "normsNoRows");
  const inputs = model.inputSize;
  const outputs = model.outputSize;
  const size = Math.min(chunk, n);
  const bp = new MatrixBackprop(model, size);
  const xs = x.astype(model.dtype).data;
  const ys = y.astype(model.dtype).data;
  const params = bp.parameters();
  const sums = params.map((p) => new Float64Array(p.grad.length));
  for (let start = 0; start < n; start += size) {
    const r = Math.min(size, n - start);
    bp.forward(xs.subarray(start * inputs, (start + r) * inputs), r);
    // "sum" reduction: the chunk's Σ over examples; divided by n below.
    bp.backward(ys.subarray(start * outputs, (start + r) * outputs), loss, "sum");
    params.forEach((p, k) => {
      const s = sums[k];
      for (let i = 0; i < s.length; i++) s[i] += p.grad[i];
    });
  }
  const layers = model.layers.length;
  const weight: number[] = [];
  const bias: number[] = [];
  for (let l = 0; l < layers; l++) {
    weight.push(norm(sums[2 * l]) / n);
    bias.push(norm(sums[2 * l + 1]) / n);
  }
  return { bias, weight };
}

/** The settings with their defaults, checked (before any data is loaded). */
export function vanishingGradientSettings(s: VanishingGradientSettings) {
  const layersMax = s.layersMax ?? 4;
  checkPositiveInteger("maxHiddenLayers", layersMax);
  const width = s.width ?? 30;
  checkPositiveInteger("hiddenLayerWidth", width);
  const epochs = s.epochs ?? 30;
  checkPositiveInteger("epochs", epochs, 0);
  const batchSize = s.batchSize ?? 10;
  checkPositiveInteger("batchSize", batchSize);
  const activations = s.activations ?? ["sigmoid", "relu"];
  if (activations.length === 0) throw localizedError(InputError, "vanishingNoActivation");
  const loss = s.loss ?? "bce";
  if (loss !== "bce" && loss !== "mse") throw localizedError(InputError, "vanishingLoss", loss);
  const init = s.init ?? "nielsen";
  const reluInit = s.reluInit ?? "he_normal";
  return {
    seed: s.seed ?? 1,
    layersMax,
    width,
    epochs,
    lr: s.lr ?? 0.1,
    batchSize,
    activations,
    loss,
    init,
    reluInit,
  };
}
type Resolved = ReturnType<typeof vanishingGradientSettings>;

/** Weight and bias initialisers of one network: relu's, or the chosen one with N(0, 1) or zero biases. */
function initialisers(
  activation: GradientActivation,
  s: Resolved,
): { init: Initializer; biasInit: Initializer } {
  if (activation === "relu") return { init: s.reluInit, biasInit: "zeros" };
  return { init: s.init, biasInit: s.init === "normal" || s.init === "nielsen" ? "normal" : "zeros" };
}

/** The gradient norms of every hidden layer at initialisation and after each epoch for the networks of every depth. */
export async function measureVanishingGradient(
  train: Dataset,
  settings: VanishingGradientSettings,
): Promise<VanishingGradientData> {
  const s = vanishingGradientSettings(settings);
  const probeRows = Math.min(settings.probeRows ?? 1000, train.x.shape[0]);
  checkPositiveInteger("probeRows", probeRows);
  const networks: GradientNetwork[] = [];
  for (const activation of s.activations) {
    for (let depth = 1; depth <= s.layersMax; depth++) {
      networks.push(
        await measureNetwork(train, activation, depth, probeRows, s, settings.log, settings.messages),
      );
    }
  }
  const { epochs, lr, batchSize, loss } = s;
  return {
    dataset: train.name,
    trainRows: train.x.shape[0],
    probeRows,
    epochs,
    lr,
    batchSize,
    loss,
    networks,
  };
}

/** One network of `depth` hidden layers: its norms at initialisation, then after each epoch of SGD. */
async function measureNetwork(
  train: Dataset,
  activation: GradientActivation,
  depth: number,
  probeRows: number,
  s: Resolved,
  log?: (message: string) => void,
  messages: Messages = en,
): Promise<GradientNetwork> {
  const sizes = [train.x.shape[1], ...new Array<number>(depth).fill(s.width), train.y.shape[1]];
  const { init, biasInit } = initialisers(activation, s);
  const rng = new Random(s.seed + depth);
  const model = Sequential.fromSizes({ sizes, activation, output: "sigmoid", init, biasInit, rng });
  log?.(messages.experimentReport.vanishingGradient.log(activation, sizes.join("-")));
  const biasGradNorm: number[][] = [];
  const weightGradNorm: number[][] = [];
  const probe = () => {
    const g = layerGradientNorms(model, train.x, train.y, probeRows, s.loss);
    biasGradNorm.push(g.bias.slice(0, depth));
    weightGradNorm.push(g.weight.slice(0, depth));
  };
  probe();
  const outcome =
    s.epochs === 0
      ? { history: [] }
      : await fitKeepingHistory(model, train.x, train.y, {
          loss: s.loss,
          optimizer: makeOptimizer("sgd", { lr: s.lr }),
          epochs: s.epochs,
          batchSize: s.batchSize,
          rng: new Random(s.seed + 100 + depth),
          callbacks: [{ onEpochEnd: probe }],
        });
  return {
    activation,
    hiddenLayers: depth,
    sizes,
    init,
    biasInit,
    initialBiasGradNorm: biasGradNorm[0],
    initialWeightGradNorm: weightGradNorm[0],
    biasGradNorm,
    weightGradNorm,
    loss: outcome.history.map((h) => h.loss),
    accuracy: outcome.history.map((h) => h.accuracy ?? Number.NaN),
  };
}

/** One row per network, epoch and hidden layer. */
export function vanishingGradientTable(data: VanishingGradientData): Table {
  const rows: Table["rows"] = [];
  for (const n of data.networks) {
    n.biasGradNorm.forEach((g, e) => {
      g.forEach((v, l) => rows.push([n.activation, n.hiddenLayers, e, l + 1, v, n.weightGradNorm[e][l]]));
    });
  }
  return { columns: ["activation", "hidden_layers", "epoch", "layer", "grad_b_norm", "grad_w_norm"], rows };
}

export function summariseVanishingGradient(data: VanishingGradientData, M: Messages = en): string {
  const W = M.experimentReport.vanishingGradient;
  const list = (g: number[]) => g.map((v) => fmt(v, 3)).join(", ");
  const lines = [W.title(data.dataset)];
  for (const n of data.networks) {
    let line = W.atInit(n.activation, n.sizes.join("-"), list(n.initialBiasGradNorm));
    if (n.biasGradNorm.length > 1) {
      line += W.after(n.biasGradNorm.length - 1, list(n.biasGradNorm[n.biasGradNorm.length - 1]));
    }
    lines.push(line);
  }
  const sig = data.networks.filter((n) => n.activation === "sigmoid" && n.hiddenLayers > 1);
  if (sig.length) {
    const g = sig[sig.length - 1].initialBiasGradNorm;
    const three = sig.find((n) => n.hiddenLayers === 3);
    lines.push(
      W.slower(g.length, fmt(g[g.length - 1] / g[0], 3)) +
        (three ? W.nielsen(NIELSEN_THREE_LAYER_SPEEDS.join(", "), list(three.initialBiasGradNorm)) : ""),
    );
  }
  return lines.join("\n");
}

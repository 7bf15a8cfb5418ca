/**
 * vanishing-gradient: Nielsen's chapter 5 ("Why are deep neural networks hard to train?"), which note 004
 * reproduces. Networks 784-30-10, 784-30-30-10, ... with 1 to 4 sigmoid hidden layers trained by SGD with
 * η = 0.1 and mini-batches of 10.
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
import { loadDataset } from "../data/load.js";
import type { Activation } from "../nn/activations.js";
import type { Initializer } from "../nn/init.js";
import { MatrixBackprop } from "../nn/matrix-backprop.js";
import { Sequential } from "../nn/sequential.js";
import { makeOptimizer } from "../optim/optimizers.js";
import type { NDArray } from "../tensor/ndarray.js";
import { Random } from "../tensor/random.js";
import { InputError } from "../util/errors.js";
import { barChart } from "../viz/charts/bar.js";
import { lineChart } from "../viz/charts/line.js";
import {
  type CommonOptions,
  checkPositiveInteger,
  type ExperimentResult,
  elapsedSince,
  type FigureFiles,
  fmt,
  norm,
  saveFigure,
  writeRawNumbers,
} from "./common.js";
import { fitKeepingHistory } from "./training.js";

export type GradientActivation = "sigmoid" | "relu" | "tanh";

export interface VanishingGradientOptions extends CommonOptions {
  /** Dataset (default "mnist"). */
  data?: string;
  dataDir?: string;
  /** Training images used for the training runs (default 1,000, as Nielsen's plots). */
  samples?: number;
  /** Images over which the gradient is averaged for each measurement (default 1,000; at most `samples`). */
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
   * Initialisation of the sigmoid/tanh networks: "nielsen" (default; network2.py: weights N(0, 1/n_in), biases
   * N(0, 1)), "normal" (weights and biases N(0, 1)), or any weight initialiser with zero biases.
   */
  init?: Initializer | "nielsen";
  /** Cost: "bce" (default; cross-entropy, network2.py's default) or "mse" (quadratic cost, ½‖y − a‖²). */
  loss?: "bce" | "mse";
  /** Weight initialiser of the relu networks (default "he_normal", zero biases). */
  reluInit?: Initializer;
}

export interface GradientNetwork {
  activation: GradientActivation;
  hiddenLayers: number;
  sizes: number[];
  /** "nielsen", or the initialiser name of the weights. */
  init: Initializer | "nielsen";
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
  if (n < 1) throw new InputError("gradient norms need at least one row");
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

export async function runVanishingGradient(
  options: VanishingGradientOptions,
): Promise<ExperimentResult<VanishingGradientData>> {
  const started = performance.now();
  const name = "vanishing-gradient";
  const seed = options.seed ?? 1;
  const layersMax = options.layersMax ?? 4;
  checkPositiveInteger("maximum number of hidden layers", layersMax);
  const width = options.width ?? 30;
  checkPositiveInteger("hidden layer width", width);
  const epochs = options.epochs ?? 30;
  checkPositiveInteger("epochs", epochs, 0);
  const lr = options.lr ?? 0.1;
  const batchSize = options.batchSize ?? 10;
  checkPositiveInteger("batch size", batchSize);
  const activations = options.activations ?? ["sigmoid", "relu"];
  if (activations.length === 0) throw new InputError("vanishing-gradient: give at least one activation");
  const log = options.log ?? (() => {});
  const loss = options.loss ?? "bce";
  if (loss !== "bce" && loss !== "mse")
    throw new InputError(`vanishing-gradient: loss must be bce or mse, got ${loss}`);

  const dataset = options.data ?? "mnist";
  const splits = await loadDataset(dataset, {
    dataDir: options.dataDir,
    seed,
    samples: options.samples ?? 1000,
  });
  const train = splits.train;
  const probeRows = Math.min(options.probeRows ?? 1000, train.x.shape[0]);
  checkPositiveInteger("probe rows", probeRows);
  const inputs = train.x.shape[1];
  const outputs = train.y.shape[1];

  const networks: GradientNetwork[] = [];
  for (const activation of activations) {
    for (let depth = 1; depth <= layersMax; depth++) {
      const sizes = [inputs, ...new Array<number>(depth).fill(width), outputs];
      const relu = activation === "relu";
      const init = relu ? (options.reluInit ?? "he_normal") : (options.init ?? "nielsen");
      const biasInit: Initializer = relu
        ? "zeros"
        : init === "normal" || init === "nielsen"
          ? "normal"
          : "zeros";
      const rng = new Random(seed + depth);
      const model = Sequential.fromSizes({
        sizes,
        activation: activation as Activation,
        output: "sigmoid",
        init: init === "nielsen" ? "normal" : init,
        biasInit,
        rng,
      });
      if (init === "nielsen") {
        // network2.py's default_weight_initializer: W ~ N(0, 1/n_in) (biases stay N(0, 1)).
        for (const layer of model.layers) {
          const std = 1 / Math.sqrt(layer.inputs);
          const w = layer.weight.data;
          for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, std);
        }
      }
      log(`vanishing-gradient: ${activation} ${sizes.join("-")}`);
      const first = layerGradientNorms(model, train.x, train.y, probeRows, loss);
      const biasGradNorm = [first.bias.slice(0, depth)];
      const weightGradNorm = [first.weight.slice(0, depth)];
      const outcome =
        epochs === 0
          ? { history: [] }
          : await fitKeepingHistory(model, train.x, train.y, {
              loss,
              optimizer: makeOptimizer("sgd", { lr }),
              epochs,
              batchSize,
              rng: new Random(seed + 100 + depth),
              callbacks: [
                {
                  onEpochEnd: () => {
                    const g = layerGradientNorms(model, train.x, train.y, probeRows, loss);
                    biasGradNorm.push(g.bias.slice(0, depth));
                    weightGradNorm.push(g.weight.slice(0, depth));
                  },
                },
              ],
            });
      networks.push({
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
      });
    }
  }
  const data: VanishingGradientData = {
    dataset: train.name,
    trainRows: train.x.shape[0],
    probeRows,
    epochs,
    lr,
    batchSize,
    loss,
    networks,
  };

  // Figures: per activation, the norms at initialisation for every depth (one y range for all, so that
  // sigmoid and relu compare at a glance), and for the deepest network the norms over training.
  const figures: FigureFiles[] = [];
  const range = (values: number[]): [number, number] => {
    const v = values.filter((x) => x > 0 && Number.isFinite(x));
    return [10 ** Math.floor(Math.log10(Math.min(...v))), 10 ** Math.ceil(Math.log10(Math.max(...v)))];
  };
  const trainingRange = range(networks.flatMap((n) => n.biasGradNorm.flat()));
  const costName = loss === "bce" ? "cross-entropy cost" : "quadratic cost";
  const setup = `${train.name}, ${width} units per hidden layer, ${costName}, gradient over ${probeRows} images`;
  for (const activation of activations) {
    const nets = networks.filter((n) => n.activation === activation);
    const initName =
      nets[0].init === "nielsen"
        ? "W ~ N(0, 1/n_in), b ~ N(0, 1)"
        : `${nets[0].init} weights, ${nets[0].biasInit === "normal" ? "N(0, 1)" : "zero"} biases`;
    figures.push(
      saveFigure(
        options.out,
        `${name}-init-${activation}`,
        await barChart({
          title: `Speed of learning ‖∂C/∂b⁽ˡ⁾‖ per hidden layer at initialisation (${activation})`,
          subtitle: `${setup}; ${initName}`,
          xLabel: "network",
          yLabel: "‖∂C/∂b⁽ˡ⁾‖ (log scale)",
          logY: true,
          width: Math.max(300, 150 * nets.length),
          legendTitle: "hidden layer",
          bars: nets.flatMap((n) =>
            n.initialBiasGradNorm.map((v, l) => ({
              category: n.sizes.join("-"),
              group: `layer ${l + 1}${l === 0 ? " (next to the input)" : ""}`,
              value: v,
            })),
          ),
        }),
        options.pngScale,
      ),
    );
    const deepest = nets[nets.length - 1];
    if (epochs > 0) {
      figures.push(
        saveFigure(
          options.out,
          `${name}-training-${activation}`,
          await lineChart({
            title: `Speed of learning per layer during training (${activation}, ${deepest.hiddenLayers} hidden layers)`,
            subtitle: `${deepest.sizes.join("-")}, ${costName}, SGD η=${lr}, batch ${batchSize}, ${train.x.shape[0]} training images; gradient over ${probeRows}`,
            xLabel: "epoch (0 = initialisation)",
            yLabel: "‖∂C/∂b⁽ˡ⁾‖ (log scale)",
            logY: true,
            yDomain: trainingRange,
            legendTitle: "hidden layer",
            series: deepest.biasGradNorm[0].map((_, l) => ({
              name: `layer ${l + 1}`,
              x: deepest.biasGradNorm.map((_, e) => e),
              y: deepest.biasGradNorm.map((g) => g[l]),
            })),
          }),
          options.pngScale,
        ),
      );
    }
  }

  const rows: Array<Array<number | string>> = [];
  for (const n of networks) {
    n.biasGradNorm.forEach((g, e) => {
      g.forEach((v, l) => {
        rows.push([n.activation, n.hiddenLayers, e, l + 1, v, n.weightGradNorm[e][l]]);
      });
    });
  }
  const files = writeRawNumbers(
    options.out,
    name,
    {
      data: dataset,
      samples: train.x.shape[0],
      probeRows,
      seed,
      layersMax,
      width,
      activations,
      epochs,
      lr,
      batchSize,
      loss,
      init: options.init ?? "nielsen",
      reluInit: options.reluInit ?? "he_normal",
      output: "sigmoid",
    },
    data,
    {
      columns: ["activation", "hidden_layers", "epoch", "layer", "grad_b_norm", "grad_w_norm"],
      rows,
    },
  );

  const lines = [`vanishing-gradient on ${train.name} (‖∂C/∂b⁽ˡ⁾‖ per hidden layer, layer 1 first):`];
  for (const n of networks) {
    const g = n.initialBiasGradNorm;
    let line = `  ${n.activation} ${n.sizes.join("-")}: at initialisation ${g.map((v) => fmt(v, 3)).join(", ")}`;
    if (n.biasGradNorm.length > 1) {
      const last = n.biasGradNorm[n.biasGradNorm.length - 1];
      line += `; after ${n.biasGradNorm.length - 1} epochs ${last.map((v) => fmt(v, 3)).join(", ")}`;
    }
    lines.push(line);
  }
  const sig = networks.filter((n) => n.activation === "sigmoid" && n.hiddenLayers > 1);
  if (sig.length) {
    const d = sig[sig.length - 1];
    const g = d.initialBiasGradNorm;
    lines.push(
      `sigmoid, ${d.hiddenLayers} hidden layers: the first layer learns ${fmt(g[g.length - 1] / g[0], 3)}× more slowly than the last` +
        (sig.some((n) => n.hiddenLayers === 3)
          ? `; Nielsen's 3 hidden layers: ${NIELSEN_THREE_LAYER_SPEEDS.join(", ")}, here ${sig
              .find((n) => n.hiddenLayers === 3)!
              .initialBiasGradNorm.map((v) => fmt(v, 3))
              .join(", ")}`
          : ""),
    );
  }
  return {
    name,
    out: options.out,
    summary: lines.join("\n"),
    figures,
    files,
    data,
    seconds: elapsedSince(started),
  };
}

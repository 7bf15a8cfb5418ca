/**
 * vanishing-gradient: the speed of learning ‖∂C/∂b⁽ˡ⁾‖ per hidden layer of sigmoid (and relu) networks of
 * 1 to 4 hidden layers (Nielsen, chapter 5; note 004). The measurement is measure/vanishing-gradient.ts; this
 * loads the data, draws and writes.
 */
import { loadDataset } from "../data/load.js";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { barChart } from "../viz/charts/bar.js";
import { lineChart } from "../viz/charts/line.js";
import { type CommonOptions, type ExperimentResult, type Figure, saveExperiment } from "./common.js";
import {
  type GradientNetwork,
  measureVanishingGradient,
  summariseVanishingGradient,
  type VanishingGradientData,
  type VanishingGradientSettings,
  vanishingGradientSettings,
  vanishingGradientTable,
} from "./measure/vanishing-gradient.js";

export interface VanishingGradientOptions extends CommonOptions, VanishingGradientSettings {
  /** Dataset (default "mnist"). */
  data?: string;
  dataDir?: string;
  /** Training images used for the training runs (default 1,000, as Nielsen's plots). */
  samples?: number;
}

/** Powers of ten around the positive finite values: one log-scale range for several charts. */
function decades(values: number[]): [number, number] {
  const v = values.filter((x) => x > 0 && Number.isFinite(x));
  return [10 ** Math.floor(Math.log10(Math.min(...v))), 10 ** Math.ceil(Math.log10(Math.max(...v)))];
}

/**
 * Per activation, the norms at initialisation for every depth, and for the deepest network the norms over
 * training (one y range for all training charts, so that sigmoid and relu compare at a glance).
 */
export async function drawVanishingGradient(
  data: VanishingGradientData,
  M: Messages = en,
): Promise<Figure[]> {
  const P = M.plots.vanishingGradient;
  const figures: Figure[] = [];
  const range = decades(data.networks.flatMap((n) => n.biasGradNorm.flat()));
  const costName = P.cost(data.loss === "bce");
  const width = data.networks[0].sizes[1];
  const setup = P.setup(data.dataset, width, costName, data.probeRows);
  for (const activation of new Set(data.networks.map((n) => n.activation))) {
    const nets = data.networks.filter((n) => n.activation === activation);
    figures.push({ name: `vanishing-gradient-init-${activation}`, svg: await initialChart(nets, setup, M) });
    const deepest = nets[nets.length - 1];
    if (data.epochs === 0) continue;
    const { lr, batchSize, trainRows, probeRows } = data;
    const svg = await lineChart({
      title: P.trainingTitle(activation, deepest.hiddenLayers),
      subtitle: P.trainingSubtitle(deepest.sizes.join("-"), costName, lr, batchSize, trainRows, probeRows),
      xLabel: P.epochAxis,
      yLabel: P.normAxis,
      logY: true,
      yDomain: range,
      legendTitle: P.hiddenLayer,
      series: deepest.biasGradNorm[0].map((_, l) => ({
        name: P.layer(l + 1, false),
        x: deepest.biasGradNorm.map((_, e) => e),
        y: deepest.biasGradNorm.map((g) => g[l]),
      })),
    });
    figures.push({ name: `vanishing-gradient-training-${activation}`, svg });
  }
  return figures;
}

/** Bars of ‖∂C/∂b⁽ˡ⁾‖ at initialisation, one group per network of one activation. */
function initialChart(nets: GradientNetwork[], setup: string, M: Messages): Promise<string> {
  const P = M.plots.vanishingGradient;
  const { activation, init, biasInit } = nets[0];
  const initName = init === "nielsen" ? "W ~ N(0, 1/n_in), b ~ N(0, 1)" : P.init(init, biasInit === "normal");
  return barChart({
    title: P.initTitle(activation),
    subtitle: `${setup}; ${initName}`,
    xLabel: P.network,
    yLabel: P.normAxis,
    logY: true,
    width: Math.max(300, 150 * nets.length),
    legendTitle: P.hiddenLayer,
    bars: nets.flatMap((n) =>
      n.initialBiasGradNorm.map((v, l) => ({
        category: n.sizes.join("-"),
        group: P.layer(l + 1, l === 0),
        value: v,
      })),
    ),
  });
}

export async function runVanishingGradient(
  options: VanishingGradientOptions,
): Promise<ExperimentResult<VanishingGradientData>> {
  const started = performance.now();
  const s = vanishingGradientSettings(options);
  const dataset = options.data ?? "mnist";
  const samples = options.samples ?? 1000;
  const splits = await loadDataset(dataset, { dataDir: options.dataDir, seed: s.seed, samples });
  const data = await measureVanishingGradient(splits.train, options);
  return saveExperiment("vanishing-gradient", options, started, {
    settings: {
      data: dataset,
      samples: data.trainRows,
      probeRows: data.probeRows,
      seed: s.seed,
      layersMax: s.layersMax,
      width: s.width,
      activations: s.activations,
      epochs: s.epochs,
      lr: s.lr,
      batchSize: s.batchSize,
      loss: s.loss,
      init: s.init,
      reluInit: s.reluInit,
      output: "sigmoid",
    },
    data,
    table: vanishingGradientTable(data),
    figures: await drawVanishingGradient(data, options.messages),
    summary: summariseVanishingGradient(data, options.messages),
  });
}

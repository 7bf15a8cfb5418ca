/**
 * hidden-units: each hidden unit's input weights drawn as an image, red where ink excites the unit and blue
 * where it inhibits it (note 002). The measurement is measure/hidden-units.ts; this loads, draws and writes.
 */
import { loadDataset } from "../data/load.js";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { imageGridChart } from "../viz/charts/image-grid.js";
import { type CommonOptions, type ExperimentResult, type Figure, saveExperiment } from "./common.js";
import {
  type HiddenUnitsData,
  type HiddenUnitsSettings,
  hiddenUnitsMaxUnits,
  hiddenUnitsTable,
  measureHiddenUnits,
  summariseHiddenUnits,
  testAccuracyText,
} from "./measure/hidden-units.js";

/** How the weight images are laid out. */
export interface HiddenUnitsLook {
  /** Tiles per row (default: about √units). */
  columns?: number;
  /** "tile" (default): each unit's image scaled to its own largest |w|; "shared": one scale for all. */
  normalize?: "tile" | "shared";
}

export interface HiddenUnitsOptions extends CommonOptions, HiddenUnitsSettings, HiddenUnitsLook {
  /** Dataset (default "mnist"): trains the quick model and gives the image shape and test accuracy. */
  data?: string;
  dataDir?: string;
  /** Training images for the quick model (default 10,000). */
  samples?: number;
}

/** One tile per shown unit. */
export async function drawHiddenUnits(
  data: HiddenUnitsData,
  look: HiddenUnitsLook = {},
  M: Messages = en,
): Promise<Figure[]> {
  const P = M.plots.hiddenUnits;
  const [height, width] = data.imageShape;
  const svg = await imageGridChart({
    title: P.title(data.sizes.join("-"), data.dataset),
    subtitle: P.subtitle(data.trainRows, testAccuracyText(data, M)),
    images: data.weights,
    width,
    height,
    columns: look.columns,
    symmetric: true,
    normalize: look.normalize ?? "tile",
    labels: data.weights.map((_, u) => P.unit(u + 1)),
    valueLabel: P.weight,
    perTileLabel: P.weightPerTile,
    tileSize: Math.max(56, 2 * width),
  });
  return [{ name: "hidden-units", svg }];
}

export async function runHiddenUnits(
  options: HiddenUnitsOptions,
): Promise<ExperimentResult<HiddenUnitsData>> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const dataset = options.data ?? "mnist";
  const maxUnits = hiddenUnitsMaxUnits(options);
  const given = options.model !== undefined;
  const samples = given ? 1 : (options.samples ?? 10000);
  const splits = await loadDataset(dataset, { dataDir: options.dataDir, seed, samples });
  const data = await measureHiddenUnits(splits, options);
  const normalize = options.normalize ?? "tile";
  return saveExperiment("hidden-units", options, started, {
    settings: {
      data: dataset,
      samples: data.trainRows,
      seed,
      model: given ? "given" : "trained",
      hidden: data.hiddenUnits,
      maxUnits,
      normalize,
    },
    data,
    table: hiddenUnitsTable(data),
    figures: await drawHiddenUnits(data, options, options.messages),
    summary: summariseHiddenUnits(data, options.messages),
  });
}

/**
 * gradient-descent: note 003's walks downhill drawn on contour plots: paths of w ← w − η∇f(w) on a 2-D
 * function, and the linear neuron's online and batch delta-rule paths on its error surface. The measurement is
 * measure/gradient-descent.ts; this draws it and writes the files.
 */

import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { contourChart } from "../viz/charts/contour.js";
import { lineChart } from "../viz/charts/line.js";
import { type CommonOptions, type ExperimentResult, type Figure, saveExperiment } from "./common.js";
import {
  type DescentPath,
  type GradientDescentData,
  type GradientDescentSettings,
  gradientDescentSettings,
  gradientDescentTable,
  measureGradientDescent,
  summariseGradientDescent,
  TEST_FUNCTIONS,
} from "./measure/gradient-descent.js";
import { linspace } from "./measure/shared.js";

export interface GradientDescentOptions extends CommonOptions, GradientDescentSettings {}

/** Grid points per side of the contour plots. */
const GRID = 161;

/**
 * At most about `max` positions of a long path for drawing (every k-th, k odd so that a zig-zag still
 * alternates sides, plus the last); the JSON and CSV keep every step.
 */
function thin(
  points: Array<[number, number]>,
  max = 150,
): { points: Array<[number, number]>; every: number } {
  let k = Math.max(1, Math.ceil(points.length / max));
  if (k > 1 && k % 2 === 0) k++;
  if (k === 1) return { points, every: 1 };
  const shown = points.filter((_, i) => i % k === 0);
  if ((points.length - 1) % k !== 0) shown.push(points[points.length - 1]);
  return { points: shown, every: k };
}

/** The paths on the function's contours, f along each path, and the delta rule on the linear neuron's surface. */
export async function drawGradientDescent(data: GradientDescentData, M: Messages = en): Promise<Figure[]> {
  const P = M.plots.gradientDescent;
  const fn = TEST_FUNCTIONS[data.function.name as keyof typeof TEST_FUNCTIONS];
  const { paths, steps } = data.function;
  const gx = linspace(fn.xRange[0], fn.xRange[1], GRID);
  const gy = linspace(fn.yRange[0], fn.yRange[1], GRID);
  const fv: number[] = [];
  for (const y of gy) for (const x of gx) fv.push(fn.f(x, y));
  const pathName = (p: DescentPath) => P.path(p.lr, p.diverged, p.zigzag > 0.5);
  const aspect = (fn.yRange[1] - fn.yRange[0]) / (fn.xRange[1] - fn.xRange[0]);
  const drawn = paths.map((p) => thin(p.points));
  const every = Math.max(...drawn.map((d) => d.every));
  const contours = await contourChart({
    title: P.title(fn.formula),
    subtitle: P.subtitle(steps, fn.start.join(", "), fn.minimum.join(", "), every),
    xLabel: "x",
    yLabel: "y",
    grid: { xs: gx, ys: gy, values: fv },
    paths: paths.map((p, i) => ({ name: pathName(p), points: drawn[i].points })),
    valueLabel: "f(x, y)",
    logLevels: fn.logLevels,
    levels: 14,
    pathLabel: M.plots.learningRate,
    markers: M.plots.markers,
    width: 480,
    height: Math.round(480 * aspect),
  });
  const values = await lineChart({
    title: P.valuesTitle(fn.formula),
    xLabel: P.step,
    yLabel: P.valueLog,
    logY: true,
    legendTitle: M.plots.learningRate,
    series: paths.map((p) => ({ name: pathName(p), x: p.values.map((_, i) => i), y: p.values })),
  });
  return [
    { name: `gradient-descent-${fn.name}`, svg: contours },
    { name: `gradient-descent-${fn.name}-value`, svg: values },
    { name: "gradient-descent-linear-neuron", svg: await linearNeuronChart(data.linearNeuron, M) },
  ];
}

/** The error surface E(w₁, w₂) around the start, the solution and the paths (while they stay near), with both paths. */
function linearNeuronChart(ln: GradientDescentData["linearNeuron"], M: Messages): Promise<string> {
  const P = M.plots.gradientDescent;
  const { inputs, targets, solution, start, runs, prices } = ln;
  const near = runs
    .flatMap((r) => r.points)
    .filter((p) => Math.hypot(p[0] - solution[0], p[1] - solution[1]) < 400);
  const span = (v: number[]): [number, number] => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    const m = 0.15 * (hi - lo || 1);
    return [lo - m, hi + m];
  };
  const [wx0, wx1] = span([start[0], solution[0], ...near.map((p) => p[0])]);
  const [wy0, wy1] = span([start[1], solution[1], ...near.map((p) => p[1])]);
  const lx = linspace(wx0, wx1, GRID);
  const ly = linspace(wy0, wy1, GRID);
  const ev: number[] = [];
  for (const w2 of ly)
    for (const w1 of lx)
      ev.push(0.5 * inputs.reduce((s, x, k) => s + (targets[k] - w1 * x[0] - w2 * x[1]) ** 2, 0));
  return contourChart({
    title: P.neuronTitle,
    subtitle: P.neuronSubtitle(inputs.length, prices[0], prices[1], ln.epochs, start.join(", ")),
    xLabel: P.cafeAxis,
    yLabel: P.zumoAxis,
    grid: { xs: lx, ys: ly, values: ev },
    paths: runs.map((r) => ({
      name: P.run(r.mode === "online", r.lr, r.points.length - 1, r.diverged),
      points: r.points,
    })),
    valueLabel: "E = ½Σ(t − y)²",
    logLevels: true,
    levels: 14,
    pathLabel: P.deltaRule,
    markers: M.plots.markers,
    width: 460,
    height: Math.round(460 * Math.min(1.6, Math.max(0.5, (wy1 - wy0) / (wx1 - wx0)))),
  });
}

export async function runGradientDescent(
  options: GradientDescentOptions,
): Promise<ExperimentResult<GradientDescentData>> {
  const started = performance.now();
  const { seed, fn, lrs, steps, weeks, epochs, onlineLr, batchLr } = gradientDescentSettings(options);
  const data = measureGradientDescent(options);
  return saveExperiment("gradient-descent", options, started, {
    settings: { function: fn.name, lrs, steps, seed, weeks, epochs, onlineLr, batchLr },
    data,
    table: gradientDescentTable(data),
    figures: await drawGradientDescent(data, options.messages),
    summary: summariseGradientDescent(data, options.messages),
  });
}

/**
 * gradient-descent: note 003's pictures of learning as a walk downhill.
 *
 * 1. Gradient descent w ← w − η∇f(w) on a 2-D function (an elongated bowl f = x² + 10y², or Rosenbrock's
 *    valley) for a few learning rates, drawn on the function's contour plot: a small η crawls along the valley,
 *    a larger one zig-zags across it, and past 2/λmax (0.1 for the bowl, whose curvatures are 2 and 20) every
 *    step overshoots further and the walk diverges.
 * 2. The linear neuron's error surface E(w₁, w₂) = ½Σₙ(tⁿ − w·xⁿ)² (the cafeteria of note 003 with two items,
 *    coffee and juice, and their true prices) with the delta rule's paths in online and batch mode, from
 *    src/classic's trainDeltaRule.
 */
import { linearOutput, trainDeltaRule } from "../classic/delta-rule.js";
import { Random } from "../tensor/random.js";
import { DivergenceError, InputError } from "../util/errors.js";
import { contourChart } from "../viz/charts/contour.js";
import { lineChart } from "../viz/charts/line.js";
import {
  type CommonOptions,
  checkPositiveInteger,
  checkPositiveList,
  type ExperimentResult,
  elapsedSince,
  type FigureFiles,
  fmt,
  saveFigure,
  writeRawNumbers,
} from "./common.js";

export interface TestFunction {
  name: string;
  formula: string;
  f: (x: number, y: number) => number;
  grad: (x: number, y: number) => [number, number];
  minimum: [number, number];
  start: [number, number];
  xRange: [number, number];
  yRange: [number, number];
  /** Default learning rates: small, good, oscillating, diverging. */
  lrs: number[];
  steps: number;
  logLevels: boolean;
}

export const TEST_FUNCTIONS: Record<"bowl" | "rosenbrock", TestFunction> = {
  bowl: {
    name: "bowl",
    formula: "f(x, y) = x² + 10y²",
    f: (x, y) => x * x + 10 * y * y,
    grad: (x, y) => [2 * x, 20 * y],
    minimum: [0, 0],
    start: [-4.5, 1.5],
    xRange: [-5, 5],
    yRange: [-2.5, 2.5],
    lrs: [0.02, 0.05, 0.09, 0.105],
    steps: 30,
    logLevels: false,
  },
  rosenbrock: {
    name: "rosenbrock",
    formula: "f(x, y) = (1 − x)² + 100(y − x²)²",
    f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    minimum: [1, 1],
    start: [-1.2, 1],
    xRange: [-2, 2],
    yRange: [-1, 3],
    lrs: [0.0002, 0.001, 0.002, 0.004],
    steps: 3000,
    logLevels: true,
  },
};

export interface DescentPath {
  lr: number;
  /** Positions w⁽⁰⁾, w⁽¹⁾, ... (stops early once the walk has run off to |f| > 1e12). */
  points: Array<[number, number]>;
  values: number[];
  finalValue: number;
  /** f grew beyond its starting value. */
  diverged: boolean;
  /** Fraction of successive steps whose y-components point in opposite directions (zig-zag across the valley). */
  zigzag: number;
}

export interface LinearNeuronRun {
  mode: "online" | "batch";
  lr: number;
  /** Weights after each update (online: one per example; batch: one per epoch), starting point first. */
  points: Array<[number, number]>;
  /** E over the whole set after each update (first: at the start). */
  errors: number[];
  diverged: boolean;
}

export interface GradientDescentData {
  function: {
    name: string;
    formula: string;
    minimum: [number, number];
    start: [number, number];
    paths: DescentPath[];
  };
  linearNeuron: {
    items: [string, string];
    /** True prices (cents) the bills were made with. */
    prices: [number, number];
    /** Portions of each week and its bill. */
    inputs: number[][];
    targets: number[];
    /** Least-squares weights (the bottom of the error surface) and the curvatures (eigenvalues of XᵀX). */
    solution: [number, number];
    curvatures: [number, number];
    start: [number, number];
    epochs: number;
    runs: LinearNeuronRun[];
  };
}

export interface GradientDescentOptions extends CommonOptions {
  /** "bowl" (default) or "rosenbrock". */
  function?: "bowl" | "rosenbrock";
  /** Learning rates of the function's paths (default depends on the function). */
  lrs?: number[];
  /** Steps per path (default 30 for the bowl, 3000 for Rosenbrock). */
  steps?: number;
  /** Linear neuron: weeks of cafeteria bills (default 8), epochs (default 20), η online and batch (default 0.01). */
  weeks?: number;
  epochs?: number;
  onlineLr?: number;
  batchLr?: number;
}

function descend(fn: TestFunction, lr: number, steps: number): DescentPath {
  let [x, y] = fn.start;
  const points: Array<[number, number]> = [[x, y]];
  const values = [fn.f(x, y)];
  for (let s = 0; s < steps; s++) {
    const [gx, gy] = fn.grad(x, y);
    x -= lr * gx;
    y -= lr * gy;
    const v = fn.f(x, y);
    if (!Number.isFinite(v) || Math.abs(v) > 1e12) break;
    points.push([x, y]);
    values.push(v);
  }
  let flips = 0;
  for (let i = 2; i < points.length; i++) {
    // Only steps that still move y noticeably count (η = 1/λ lands on the valley floor in one step).
    const d1 = points[i - 1][1] - points[i - 2][1];
    const d2 = points[i][1] - points[i - 1][1];
    if (d1 * d2 < 0 && Math.abs(d2) > 1e-6 * (Math.abs(fn.start[1]) + 1)) flips++;
  }
  const finalValue = points.length === steps + 1 ? values[values.length - 1] : Number.POSITIVE_INFINITY;
  return {
    lr,
    points,
    values,
    finalValue,
    diverged: !(finalValue <= values[0]),
    zigzag: points.length > 2 ? flips / (points.length - 2) : 0,
  };
}

/** Eigenvalues of a symmetric 2×2 matrix [[a, b], [b, d]], smaller first. */
function eig2(a: number, b: number, d: number): [number, number] {
  const m = (a + d) / 2;
  const r = Math.sqrt(((a - d) / 2) ** 2 + b * b);
  return [m - r, m + r];
}

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

function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

export async function runGradientDescent(
  options: GradientDescentOptions,
): Promise<ExperimentResult<GradientDescentData>> {
  const started = performance.now();
  const name = "gradient-descent";
  const seed = options.seed ?? 1;
  const fnName = options.function ?? "bowl";
  const fn = TEST_FUNCTIONS[fnName];
  if (!fn)
    throw new InputError(`unknown function "${fnName}" (known: ${Object.keys(TEST_FUNCTIONS).join(", ")})`);
  const lrs = options.lrs ?? fn.lrs;
  checkPositiveList("learning rates", lrs);
  const steps = options.steps ?? fn.steps;
  checkPositiveInteger("steps", steps);
  const weeks = options.weeks ?? 8;
  checkPositiveInteger("weeks", weeks, 2);
  const epochs = options.epochs ?? 20;
  checkPositiveInteger("epochs", epochs);
  const onlineLr = options.onlineLr ?? 0.01;
  const batchLr = options.batchLr ?? 0.01;
  checkPositiveList("delta-rule learning rates", onlineLr === batchLr ? [onlineLr] : [onlineLr, batchLr]);

  // Part 1: descent on the test function.
  const paths = [...lrs].sort((a, b) => a - b).map((lr) => descend(fn, lr, steps));
  const figures: FigureFiles[] = [];
  const n = 161;
  const gx = linspace(fn.xRange[0], fn.xRange[1], n);
  const gy = linspace(fn.yRange[0], fn.yRange[1], n);
  const fv: number[] = [];
  for (const y of gy) for (const x of gx) fv.push(fn.f(x, y));
  const pathName = (p: DescentPath) =>
    `η = ${p.lr}${p.diverged ? " (diverges)" : p.zigzag > 0.5 ? " (zig-zags)" : ""}`;
  const aspect = (fn.yRange[1] - fn.yRange[0]) / (fn.xRange[1] - fn.xRange[0]);
  const drawn = paths.map((p) => thin(p.points));
  const every = Math.max(...drawn.map((d) => d.every));
  figures.push(
    saveFigure(
      options.out,
      `${name}-${fn.name}`,
      await contourChart({
        title: `Gradient descent on ${fn.formula}`,
        subtitle:
          `${steps} steps of w ← w − η∇f(w) from (${fn.start.join(", ")}); minimum at (${fn.minimum.join(", ")})` +
          (every > 1 ? `; one position in ${every} drawn` : ""),
        xLabel: "x",
        yLabel: "y",
        grid: { xs: gx, ys: gy, values: fv },
        paths: paths.map((p, i) => ({ name: pathName(p), points: drawn[i].points })),
        valueLabel: "f(x, y)",
        logLevels: fn.logLevels,
        levels: 14,
        pathLabel: "learning rate",
        width: 480,
        height: Math.round(480 * aspect),
      }),
      options.pngScale,
    ),
  );
  figures.push(
    saveFigure(
      options.out,
      `${name}-${fn.name}-value`,
      await lineChart({
        title: `f along each gradient-descent path (${fn.formula})`,
        xLabel: "step",
        yLabel: "f(x, y) (log scale)",
        logY: true,
        legendTitle: "learning rate",
        series: paths.map((p) => ({ name: pathName(p), x: p.values.map((_, i) => i), y: p.values })),
      }),
      options.pngScale,
    ),
  );

  // Part 2: the linear neuron's error surface, online vs batch delta rule.
  const rng = new Random(seed);
  const prices: [number, number] = [50, 150];
  const inputs: number[][] = [[5, 2]];
  while (inputs.length < weeks) {
    const row = [rng.int(6), rng.int(6)];
    if (row[0] + row[1] > 0) inputs.push(row);
  }
  const targets = inputs.map((x) => linearOutput(prices, x));
  let a = 0;
  let b = 0;
  let d = 0;
  let r0 = 0;
  let r1 = 0;
  for (let k = 0; k < inputs.length; k++) {
    const [x0, x1] = inputs[k];
    a += x0 * x0;
    b += x0 * x1;
    d += x1 * x1;
    r0 += x0 * targets[k];
    r1 += x1 * targets[k];
  }
  const det = a * d - b * b;
  if (Math.abs(det) < 1e-9)
    throw new InputError("the weeks' portions are collinear; try another seed or more weeks");
  const solution: [number, number] = [(d * r0 - b * r1) / det, (a * r1 - b * r0) / det];
  const curvatures = eig2(a, b, d);
  const start: [number, number] = [150, 50];
  const runs: LinearNeuronRun[] = [];
  for (const [mode, lr] of [
    ["online", onlineLr],
    ["batch", batchLr],
  ] as const) {
    const E = (w: readonly number[]) =>
      0.5 * inputs.reduce((s, x, k) => s + (targets[k] - linearOutput(w, x)) ** 2, 0);
    try {
      const res = trainDeltaRule(inputs, targets, { learningRate: lr, epochs, mode, initialWeights: start });
      runs.push({
        mode,
        lr,
        points: [start, ...res.updates.map((u) => u.weightsAfter as [number, number])],
        errors: [res.initialError, ...res.updates.map((u) => u.errorAfter)],
        diverged: res.error > res.initialError,
      });
    } catch (err) {
      if (!(err instanceof DivergenceError)) throw err;
      runs.push({ mode, lr, points: [start], errors: [E(start)], diverged: true });
    }
  }
  // Surface range: the start, the solution and the paths (while they stay near), with a margin.
  const near = runs
    .flatMap((r) => r.points)
    .filter((p) => Math.hypot(p[0] - solution[0], p[1] - solution[1]) < 400);
  const xsAll = [start[0], solution[0], ...near.map((p) => p[0])];
  const ysAll = [start[1], solution[1], ...near.map((p) => p[1])];
  const span = (v: number[]): [number, number] => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    const m = 0.15 * (hi - lo || 1);
    return [lo - m, hi + m];
  };
  const [wx0, wx1] = span(xsAll);
  const [wy0, wy1] = span(ysAll);
  const lx = linspace(wx0, wx1, n);
  const ly = linspace(wy0, wy1, n);
  const ev: number[] = [];
  for (const w2 of ly)
    for (const w1 of lx)
      ev.push(0.5 * inputs.reduce((s, x, k) => s + (targets[k] - w1 * x[0] - w2 * x[1]) ** 2, 0));
  figures.push(
    saveFigure(
      options.out,
      `${name}-linear-neuron`,
      await contourChart({
        title: "Linear neuron: error surface with online and batch delta-rule paths",
        subtitle: `cafeteria, ${weeks} weeks of café + zumo bills (true prices ${prices[0]} and ${prices[1]} cents); ${epochs} epochs from (${start.join(", ")})`,
        xLabel: "w₁ = price of café (cents)",
        yLabel: "w₂ = price of zumo (cents)",
        grid: { xs: lx, ys: ly, values: ev },
        paths: runs.map((r) => ({
          name: `${r.mode}, η = ${r.lr} (${r.points.length - 1} updates)${r.diverged ? ", diverges" : ""}`,
          points: r.points,
        })),
        valueLabel: "E = ½Σ(t − y)²",
        logLevels: true,
        levels: 14,
        pathLabel: "delta rule",
        width: 460,
        height: Math.round(460 * Math.min(1.6, Math.max(0.5, (wy1 - wy0) / (wx1 - wx0)))),
      }),
      options.pngScale,
    ),
  );

  const data: GradientDescentData = {
    function: { name: fn.name, formula: fn.formula, minimum: fn.minimum, start: fn.start, paths },
    linearNeuron: {
      items: ["café", "zumo"],
      prices,
      inputs,
      targets,
      solution,
      curvatures,
      start,
      epochs,
      runs,
    },
  };
  const rows: Array<Array<number | string>> = [];
  for (const p of paths)
    p.points.forEach((q, i) => rows.push([fn.name, `lr=${p.lr}`, i, q[0], q[1], p.values[i]]));
  for (const r of runs)
    r.points.forEach((q, i) =>
      rows.push(["linear-neuron", `${r.mode} lr=${r.lr}`, i, q[0], q[1], r.errors[i]]),
    );
  const files = writeRawNumbers(
    options.out,
    name,
    { function: fn.name, lrs, steps, seed, weeks, epochs, onlineLr, batchLr },
    data,
    { columns: ["surface", "run", "step", "x", "y", "value"], rows },
  );

  const lines = [`gradient-descent on ${fn.formula} from (${fn.start.join(", ")}), ${steps} steps:`];
  for (const p of paths) {
    lines.push(
      `  η=${p.lr}: ${p.diverged ? `diverged (f > ${fmt(p.values[0])} after ${p.points.length - 1} steps)` : `f = ${fmt(p.finalValue)}`}` +
        `${p.zigzag > 0.5 ? `, zig-zags across the valley (${Math.round(100 * p.zigzag)}% of steps reverse)` : ""}`,
    );
  }
  lines.push(
    `linear neuron (${weeks} weeks, least squares at (${solution.map((v) => fmt(v)).join(", ")}), curvatures ${curvatures.map((v) => fmt(v)).join(" and ")}):`,
  );
  for (const r of runs) {
    const w = r.points[r.points.length - 1];
    lines.push(
      `  ${r.mode} η=${r.lr}: ${r.points.length - 1} updates, ${r.diverged ? "diverged" : `ends at (${w.map((v) => fmt(v)).join(", ")}) with E = ${fmt(r.errors[r.errors.length - 1])}`}`,
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

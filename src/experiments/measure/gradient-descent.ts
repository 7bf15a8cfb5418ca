/**
 * gradient-descent, measured: note 003's pictures of learning as a walk downhill.
 *
 * 1. Gradient descent w ← w − η∇f(w) on a 2-D function (an elongated bowl f = x² + 10y², or Rosenbrock's
 *    valley) for a few learning rates: a small η crawls along the valley, a larger one zig-zags across it, and
 *    past 2/λmax (0.1 for the bowl, whose curvatures are 2 and 20) every step overshoots further and the walk
 *    diverges.
 * 2. The linear neuron (the cafeteria of note 003 with two items, coffee and juice, and their true prices):
 *    the delta rule's paths in online and batch mode over its error surface E(w₁, w₂) = ½Σₙ(tⁿ − w·xⁿ)², from
 *    src/classic's trainDeltaRule.
 */
import { linearOutput, trainDeltaRule } from "../../classic/delta-rule.js";
import { Random } from "../../tensor/random.js";
import { DivergenceError, InputError } from "../../util/errors.js";
import { localizedError, type Messages } from "../../util/i18n.js";
import { en } from "../../util/messages/en.js";
import { checkPositiveInteger, checkPositiveList, fmt, type MeasureOptions, type Table } from "./shared.js";

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
    /** Steps per path. */
    steps: number;
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

export interface GradientDescentSettings extends MeasureOptions {
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

/** The settings with their defaults, checked. */
export function gradientDescentSettings(s: GradientDescentSettings) {
  const fnName = s.function ?? "bowl";
  const fn = TEST_FUNCTIONS[fnName];
  if (!fn)
    throw localizedError(InputError, "descentFunction", fnName, Object.keys(TEST_FUNCTIONS).join(", "));
  const lrs = s.lrs ?? fn.lrs;
  checkPositiveList("learningRates", lrs);
  const steps = s.steps ?? fn.steps;
  checkPositiveInteger("steps", steps);
  const weeks = s.weeks ?? 8;
  checkPositiveInteger("weeks", weeks, 2);
  const epochs = s.epochs ?? 20;
  checkPositiveInteger("epochs", epochs);
  const onlineLr = s.onlineLr ?? 0.01;
  const batchLr = s.batchLr ?? 0.01;
  checkPositiveList("deltaRuleLearningRates", onlineLr === batchLr ? [onlineLr] : [onlineLr, batchLr]);
  return { seed: s.seed ?? 1, fn, lrs, steps, weeks, epochs, onlineLr, batchLr };
}

/** The walks on the test function (smallest η first) and the linear neuron's online and batch delta rule. */
export function measureGradientDescent(settings: GradientDescentSettings): GradientDescentData {
  const { seed, fn, lrs, steps, weeks, epochs, onlineLr, batchLr } = gradientDescentSettings(settings);
  const paths = [...lrs].sort((a, b) => a - b).map((lr) => descend(fn, lr, steps));
  const { name, formula, minimum, start } = fn;
  return {
    function: { name, formula, minimum, start, steps, paths },
    linearNeuron: linearNeuron(new Random(seed), weeks, epochs, onlineLr, batchLr),
  };
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

/** The cafeteria's bills (week 1: 5 coffees, 2 juices; then seeded), least squares, and both delta-rule runs. */
function linearNeuron(
  rng: Random,
  weeks: number,
  epochs: number,
  onlineLr: number,
  batchLr: number,
): GradientDescentData["linearNeuron"] {
  const prices: [number, number] = [50, 150];
  const inputs: number[][] = [[5, 2]];
  while (inputs.length < weeks) {
    const row = [rng.int(6), rng.int(6)];
    if (row[0] + row[1] > 0) inputs.push(row);
  }
  const targets = inputs.map((x) => linearOutput(prices, x));
  const { solution, curvatures } = leastSquares(inputs, targets);
  const start: [number, number] = [150, 50];
  const runs: LinearNeuronRun[] = [];
  for (const [mode, lr] of [
    ["online", onlineLr],
    ["batch", batchLr],
  ] as const) {
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
      runs.push({
        mode,
        lr,
        points: [start],
        errors: [linearNeuronError(inputs, targets, start)],
        diverged: true,
      });
    }
  }
  const items: [string, string] = ["café", "zumo"];
  return { items, prices, inputs, targets, solution, curvatures, start, epochs, runs };
}

/** E(w) = ½Σₙ(tⁿ − w·xⁿ)², the linear neuron's error over the whole set. */
export function linearNeuronError(inputs: number[][], targets: number[], w: readonly number[]): number {
  return 0.5 * inputs.reduce((s, x, k) => s + (targets[k] - linearOutput(w, x)) ** 2, 0);
}

/** The normal equations XᵀX·w = Xᵀt of two weights, solved, and XᵀX's eigenvalues (the surface's curvatures). */
function leastSquares(inputs: number[][], targets: number[]) {
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
  if (Math.abs(det) < 1e-9) throw localizedError(InputError, "descentCollinear");
  const solution: [number, number] = [(d * r0 - b * r1) / det, (a * r1 - b * r0) / det];
  return { solution, curvatures: eig2(a, b, d) };
}

/** One row per position of every path. */
export function gradientDescentTable(data: GradientDescentData): Table {
  const fn = data.function;
  const rows: Table["rows"] = [];
  for (const p of fn.paths)
    p.points.forEach((q, i) => rows.push([fn.name, `lr=${p.lr}`, i, q[0], q[1], p.values[i]]));
  for (const r of data.linearNeuron.runs)
    r.points.forEach((q, i) =>
      rows.push(["linear-neuron", `${r.mode} lr=${r.lr}`, i, q[0], q[1], r.errors[i]]),
    );
  return { columns: ["surface", "run", "step", "x", "y", "value"], rows };
}

export function summariseGradientDescent(data: GradientDescentData, M: Messages = en): string {
  const W = M.experimentReport.gradientDescent;
  const fn = data.function;
  const lines = [W.title(fn.formula, fn.start.join(", "), fn.steps)];
  for (const p of fn.paths) {
    const where = p.diverged ? W.diverged(fmt(p.values[0]), p.points.length - 1) : `f = ${fmt(p.finalValue)}`;
    lines.push(`  η=${p.lr}: ${where}${p.zigzag > 0.5 ? W.zigzag(Math.round(100 * p.zigzag)) : ""}`);
  }
  const { inputs, solution, curvatures, runs } = data.linearNeuron;
  const list = (v: readonly number[], sep = ", ") => v.map((x) => fmt(x)).join(sep);
  lines.push(W.neuron(inputs.length, list(solution), list(curvatures, W.and)));
  for (const r of runs) {
    const w = r.points[r.points.length - 1];
    const end = r.diverged ? W.neuronDiverged : W.ends(list(w), fmt(r.errors[r.errors.length - 1]));
    lines.push(`  ${W.mode(r.mode === "online")} η=${r.lr}: ${W.updates(r.points.length - 1)}, ${end}`);
  }
  return lines.join("\n");
}

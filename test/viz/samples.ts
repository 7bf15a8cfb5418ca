/**
 * Sample figures of every chart type, from deterministic synthetic data shaped like the real thing
 * (training curves, a learning-rate sweep, per-layer gradient norms, an error surface with descent paths,
 * decision boundaries, MNIST-sized weight tiles). Used by the tests and by render-samples.ts.
 */
import {
  barChart,
  contourChart,
  decisionBoundaryChart,
  imageGridChart,
  lineChart,
  renderDot,
  scatterLineChart,
} from "../../src/viz/index.js";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** A fixed, seedless wiggle in [-1, 1] (no randomness needed for samples). */
const wiggle = (i: number, k = 0) => Math.sin(12.9898 * i + 78.233 * k) * 0.5 + Math.sin(3.1 * i + k) * 0.5;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export const SAMPLES: Record<string, () => Promise<string>> = {
  "loss-curves": () => {
    const epochs = range(60).map((i) => i + 1);
    return lineChart({
      title: "Training and validation loss",
      subtitle: "2-8-1 network on XOR, batch gradient descent, η = 0.5",
      xLabel: "epoch",
      yLabel: "mean squared error",
      series: [
        {
          name: "training",
          x: epochs,
          y: epochs.map((e) => 0.02 + 0.23 * Math.exp(-e / 12) + 0.004 * wiggle(e)),
        },
        {
          name: "validation",
          x: epochs,
          y: epochs.map((e) => 0.035 + 0.22 * Math.exp(-e / 14) + 0.006 * wiggle(e, 1)),
        },
      ],
    });
  },
  "lr-sweep": () => {
    const rates = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];
    const epochs = range(40).map((i) => i + 1);
    return lineChart({
      title: "Learning-rate sweep",
      xLabel: "epoch",
      yLabel: "training loss (cross-entropy)",
      legendTitle: "learning rate η",
      logY: true,
      series: rates.map((lr) => ({
        name: `η = ${lr}`,
        x: epochs,
        y: epochs.map((e) =>
          lr >= 3 && e > 6
            ? Number.NaN
            : lr >= 1
              ? 2.3 * (1 + 0.25 * wiggle(e, lr))
              : 2.3 * Math.exp(-lr * 4 * e) + 0.05,
        ),
      })),
    });
  },
  "gradient-norms": () => {
    const epochs = range(30).map((i) => i + 1);
    return lineChart({
      title: "Vanishing gradients: ‖∂E/∂W⁽ˡ⁾‖ per layer",
      subtitle: "8 sigmoid layers; layer 1 is nearest the input",
      xLabel: "epoch",
      yLabel: "gradient norm",
      legendTitle: "layer",
      logY: true,
      series: range(8).map((l) => ({
        name: `layer ${l + 1}`,
        x: epochs,
        y: epochs.map((e) => 0.5 * 0.25 ** (7 - l) * (1 + 0.2 * wiggle(e, l)) * Math.exp(-e / 40)),
      })),
    });
  },
  "hidden-size": () => {
    const units = [1, 2, 4, 8, 16, 32, 64, 128, 256];
    return scatterLineChart({
      title: "Accuracy against hidden-layer size",
      xLabel: "hidden units (log scale)",
      yLabel: "accuracy",
      logX: true,
      legendTitle: "set",
      series: [
        { name: "training", x: units, y: units.map((u) => 1 - 0.8 * Math.exp(-u / 10)) },
        { name: "test", x: units, y: units.map((u) => 0.97 - 0.78 * Math.exp(-u / 12) - 0.0002 * u) },
      ],
    });
  },
  "decision-boundary": () => {
    const xs = range(81).map((i) => -0.5 + (2 * i) / 80);
    const ys = xs;
    const values: number[] = [];
    // A 2-2-1 sigmoid network that has learned XOR (hand-picked weights).
    for (const y of ys) {
      for (const x of xs) {
        const h1 = sigmoid(20 * x + 20 * y - 10);
        const h2 = sigmoid(20 * x + 20 * y - 30);
        values.push(sigmoid(20 * h1 - 20 * h2 - 10));
      }
    }
    return decisionBoundaryChart({
      title: "XOR: network output and training points",
      grid: { xs, ys, values },
      points: [
        { x: 0, y: 0, label: 0 },
        { x: 0, y: 1, label: 1 },
        { x: 1, y: 0, label: 1 },
        { x: 1, y: 1, label: 0 },
      ],
      fieldLabel: "output y",
    });
  },
  "decision-regions": () => {
    // Three classes: nearest of three centres; points scattered around them.
    const centres = [
      [-1, -0.5],
      [1, -0.6],
      [0, 1.1],
    ] as const;
    const xs = range(61).map((i) => -2.5 + (5 * i) / 60);
    const ys = range(51).map((i) => -2 + (4 * i) / 50);
    const nearest = (x: number, y: number) => {
      let best = 0;
      let bd = Number.POSITIVE_INFINITY;
      centres.forEach(([cx, cy], k) => {
        const d = (x - cx) ** 2 + (y - cy) ** 2 + 0.3 * Math.sin(3 * x) * (k - 1);
        if (d < bd) {
          bd = d;
          best = k;
        }
      });
      return best;
    };
    const values = ys.flatMap((y) => xs.map((x) => nearest(x, y)));
    const points = range(150).map((i) => {
      const k = i % 3;
      const [cx, cy] = centres[k]!;
      return { x: cx + 0.6 * wiggle(i, 1), y: cy + 0.6 * wiggle(i, 2), label: k };
    });
    return decisionBoundaryChart({
      title: "Three-class decision regions",
      xLabel: "feature 1",
      yLabel: "feature 2",
      grid: { xs, ys, values, classes: 3 },
      points,
      classNames: ["setosa", "versicolor", "virginica"],
    });
  },
  "error-surface": () => {
    // Error surface of a linear unit with two weights: an elongated quadratic bowl.
    const E = (a: number, b: number) =>
      0.5 * (3 * (a - 1) ** 2 + 0.4 * (b - 0.5) ** 2 + 1.4 * (a - 1) * (b - 0.5));
    const grad = (a: number, b: number): [number, number] => [
      3 * (a - 1) + 0.7 * (b - 0.5),
      0.4 * (b - 0.5) + 0.7 * (a - 1),
    ];
    const xs = range(101).map((i) => -1.5 + (4 * i) / 100);
    const ys = range(101).map((i) => -2.5 + (6 * i) / 100);
    const values = ys.flatMap((b) => xs.map((a) => E(a, b)));
    const descend = (lr: number, steps: number, jitter: number): Array<[number, number]> => {
      let w: [number, number] = [-1.2, -2.2];
      const out: Array<[number, number]> = [w];
      for (let s = 0; s < steps; s++) {
        const g = grad(w[0], w[1]);
        w = [w[0] - lr * g[0] * (1 + jitter * wiggle(s, 3)), w[1] - lr * g[1] * (1 + jitter * wiggle(s, 4))];
        out.push(w);
      }
      return out;
    };
    return contourChart({
      title: "Error surface E(w₁, w₂) and gradient descent",
      xLabel: "w₁",
      yLabel: "w₂",
      valueLabel: "E",
      grid: { xs, ys, values },
      logLevels: true,
      levels: 12,
      pathLabel: "descent",
      paths: [
        { name: "batch, η = 0.1", points: descend(0.1, 40, 0) },
        { name: "batch, η = 0.6", points: descend(0.6, 25, 0) },
        { name: "online, η = 0.1", points: descend(0.1, 40, 0.8) },
      ],
    });
  },
  "weight-tiles": () => {
    // 64 Gabor-like 28×28 "receptive fields".
    const images = range(64).map((k) => {
      const theta = (k * Math.PI) / 13;
      const f = 0.15 + 0.1 * ((k % 5) / 5);
      const cx = 14 + 5 * wiggle(k, 1);
      const cy = 14 + 5 * wiggle(k, 2);
      const img = new Float32Array(784);
      for (let r = 0; r < 28; r++) {
        for (let c = 0; c < 28; c++) {
          const u = (c - cx) * Math.cos(theta) + (r - cy) * Math.sin(theta);
          const d2 = (c - cx) ** 2 + (r - cy) ** 2;
          img[r * 28 + c] =
            0.3 * Math.exp(-d2 / 60) * Math.cos(2 * Math.PI * f * u) + 0.02 * wiggle(r * 28 + c, k);
        }
      }
      return img;
    });
    return imageGridChart({
      title: "Input weights of 64 hidden units (784-64-10 on MNIST)",
      images,
      width: 28,
      height: 28,
      columns: 8,
    });
  },
  "weight-tiles-labelled": () => {
    const images = range(12).map((k) => range(784).map((i) => ((i % 28) - 14 + k) * 0.01 * wiggle(k, 5)));
    return imageGridChart({
      title: "Weights, each tile scaled to its own range",
      images,
      width: 28,
      height: 28,
      columns: 6,
      normalize: "tile",
      labels: range(12).map((k) => `unit ${k}`),
    });
  },
  "layer-norms-bar": () =>
    barChart({
      title: "Mean gradient norm per layer",
      xLabel: "layer",
      yLabel: "‖∂E/∂W‖ (log scale)",
      logY: true,
      legendTitle: "activation",
      bars: range(5).flatMap((l) => [
        { category: `layer ${l + 1}`, group: "sigmoid", value: 0.3 * 0.25 ** (4 - l) },
        { category: `layer ${l + 1}`, group: "ReLU", value: 0.3 * 0.8 ** (4 - l) },
      ]),
    }),
  "network-graph": () =>
    renderDot(`digraph xor {
  rankdir=LR; node [shape=circle, style=filled, fillcolor="#e8eef7"];
  x1 [label="x₁"]; x2 [label="x₂"]; h1 [label="h₁"]; h2 [label="h₂"]; y [label="y", fillcolor="#fde3c8"];
  x1 -> h1 [label="20"]; x1 -> h2 [label="20"]; x2 -> h1 [label="20"]; x2 -> h2 [label="20"];
  h1 -> y [label="20"]; h2 -> y [label="-20"];
}`),
};

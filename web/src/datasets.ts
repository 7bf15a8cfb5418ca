/**
 * The playground's 2-D problems, drawn in the square [−6, 6]² that the pictures show. The library's seeded
 * generators make circle, spiral, moons and gauss (scaled up into the square), its gate truth tables label the
 * noisy gate clouds; the TensorFlow-Playground shapes the library does not have (the XOR quadrants, the two
 * regression surfaces) are written here.
 */
import {
  blobs,
  circles,
  type Dataset,
  type GATE_DATASETS,
  gateDataset,
  moons,
  Random,
  spirals,
} from "retroprop";
import { DOMAIN } from "./geometry.js";
import type { DatasetName } from "./state.js";

export const SAMPLES = 400;

/** Points (x₁, x₂) and their targets: the class index for classification, a value in [−1, 1] for regression. */
export interface Points {
  x1: Float32Array;
  x2: Float32Array;
  target: Float32Array;
}

function fromLibrary(ds: Dataset, scale: number, shift: [number, number] = [0, 0]): Points {
  const n = ds.x.shape[0];
  const x1 = new Float32Array(n);
  const x2 = new Float32Array(n);
  const target = new Float32Array(n);
  const x = ds.x.data;
  for (let i = 0; i < n; i++) {
    x1[i] = (x[2 * i] + shift[0]) * scale;
    x2[i] = (x[2 * i + 1] + shift[1]) * scale;
    target[i] = ds.labels ? ds.labels[i] : ds.y.data[i];
  }
  return { x1, x2, target };
}

function generated(n: number, point: (i: number) => [number, number, number]): Points {
  const x1 = new Float32Array(n);
  const x2 = new Float32Array(n);
  const target = new Float32Array(n);
  for (let i = 0; i < n; i++) [x1[i], x2[i], target[i]] = point(i);
  return { x1, x2, target };
}

/** TensorFlow Playground's XOR: uniform points in the four quadrants, kept 0.3 off the axes; 1 where x₁x₂ < 0. */
function xorQuadrants(rng: Random, noise: number): Points {
  const pad = 0.3;
  const away = (v: number) => v + (v > 0 ? pad : -pad);
  return generated(SAMPLES, () => {
    const a = away(rng.uniform(-5, 5));
    const b = away(rng.uniform(-5, 5));
    const label = a * b < 0 ? 1 : 0;
    return [a + rng.normal(0, noise * 5), b + rng.normal(0, noise * 5), label];
  });
}

/** A gate's truth table as four clouds: input 0 at −3, input 1 at +3, labelled by the gate's output. */
function gateClouds(name: (typeof GATE_DATASETS)[number], rng: Random, noise: number): Points {
  const gate = gateDataset(name);
  const spread = 0.5 + noise * 5;
  return generated(SAMPLES, (i) => {
    const row = i % 4;
    return [
      (gate.x.data[2 * row] * 2 - 1) * 3 + rng.normal(0, spread),
      (gate.x.data[2 * row + 1] * 2 - 1) * 3 + rng.normal(0, spread),
      gate.y.data[row],
    ];
  });
}

/** Regression: a tilted plane, y = (x₁ + x₂)/12, plus noise. */
function plane(rng: Random, noise: number): Points {
  return generated(SAMPLES, () => {
    const a = rng.uniform(-DOMAIN, DOMAIN);
    const b = rng.uniform(-DOMAIN, DOMAIN);
    return [a, b, (a + b) / (2 * DOMAIN) + rng.normal(0, noise)];
  });
}

/** Regression: four Gaussian bumps of alternating sign, as TensorFlow Playground's multi-Gaussian. */
function multiGauss(rng: Random, noise: number): Points {
  const bumps: [number, number, number][] = [
    [-3, 3, 1],
    [3, 3, -1],
    [-3, -3, -1],
    [3, -3, 1],
  ];
  return generated(SAMPLES, () => {
    const a = rng.uniform(-DOMAIN, DOMAIN);
    const b = rng.uniform(-DOMAIN, DOMAIN);
    let y = 0;
    for (const [cx, cy, s] of bumps) y += s * Math.exp(-((a - cx) ** 2 + (b - cy) ** 2) / 4);
    return [a, b, Math.max(-1, Math.min(1, y + rng.normal(0, noise)))];
  });
}

/** The points of a problem; the same seed and noise give the same points. */
export function makePoints(name: DatasetName, noise: number, seed: number): Points {
  const rng = new Random(seed);
  switch (name) {
    case "circle":
      return fromLibrary(circles(rng, SAMPLES, noise * 0.5), 5);
    case "spiral":
      return fromLibrary(spirals(rng, SAMPLES, noise * 0.3), 5.5);
    case "moons":
      return fromLibrary(moons(rng, SAMPLES, noise * 0.5), 3.5, [-0.5, -0.25]);
    case "gauss":
      return fromLibrary(blobs(rng, SAMPLES, 0.3 + noise * 2, 2), 1.6);
    case "xor":
      return xorQuadrants(rng, noise);
    case "blobs3":
      return fromLibrary(blobs(rng, SAMPLES, 0.4 + noise * 2, 3), 2.2);
    case "blobs4":
      return fromLibrary(blobs(rng, SAMPLES, 0.4 + noise * 2, 4), 2.2);
    case "spiral3":
      return fromLibrary(spirals(rng, SAMPLES, noise * 0.3, 3), 5.5);
    case "plane":
      return plane(rng, noise);
    case "multigauss":
      return multiGauss(rng, noise);
    default:
      return gateClouds(name, rng, noise);
  }
}

/**
 * The training and test halves: a seeded permutation (Fisher–Yates from the library's Random), the first
 * trainPercent % for training.
 */
export function splitPoints(
  points: Points,
  trainPercent: number,
  seed: number,
): { train: Points; test: Points } {
  const n = points.x1.length;
  const order = new Random(seed + 7919).permutation(n);
  const cut = Math.max(1, Math.min(n - 1, Math.round((n * trainPercent) / 100)));
  const take = (from: number, to: number): Points => {
    const idx = order.subarray(from, to);
    return {
      x1: Float32Array.from(idx, (i) => points.x1[i]),
      x2: Float32Array.from(idx, (i) => points.x2[i]),
      target: Float32Array.from(idx, (i) => points.target[i]),
    };
  };
  return { train: take(0, cut), test: take(cut, n) };
}

// The benchmark's protocol in plain JavaScript, for Node and browsers alike: the four configurations, the
// synthetic data generator, mini-batch views and the step-timing protocol. common.mjs re-exports it and adds
// what needs Node (data files, child arguments, the JSON report).
export const INPUTS = 784;
export const CLASSES = 10;
export const EPOCH_EXAMPLES = 60000;
export const XOR_UNIT_STEPS = 10000;

/**
 * The benchmark configurations. `unit` is what one reported figure measures: a 60,000-example epoch for
 * (a)–(c), 10,000 full-batch steps for (d).
 */
export const CONFIGS = {
  a: {
    name: "a",
    title: "784-30-10 sigmoid, MSE, SGD η=3, batch 10",
    sizes: [784, 30, 10],
    activation: "sigmoid",
    loss: "mse",
    lr: 3,
    batch: 10,
    unit: "epoch",
  },
  b: {
    name: "b",
    title: "784-128-10 relu, softmax+CE, SGD η=0.1, batch 64",
    sizes: [784, 128, 10],
    activation: "relu",
    loss: "softmax-ce",
    lr: 0.1,
    batch: 64,
    unit: "epoch",
  },
  c: {
    name: "c",
    title: "784-800-10 relu, softmax+CE, SGD η=0.1, batch 128",
    sizes: [784, 800, 10],
    activation: "relu",
    loss: "softmax-ce",
    lr: 0.1,
    batch: 128,
    unit: "epoch",
  },
  d: {
    name: "d",
    title: "2-2-1 sigmoid on XOR, MSE, SGD η=0.5, full batch (4)",
    sizes: [2, 2, 1],
    activation: "sigmoid",
    loss: "mse",
    lr: 0.5,
    batch: 4,
    unit: "10k-steps",
  },
};

/** Steps in one reported unit: 60,000 examples / batch (possibly fractional), or 10,000 steps for (d). */
export function unitSteps(config) {
  return config.unit === "epoch" ? EPOCH_EXAMPLES / config.batch : XOR_UNIT_STEPS;
}

/**
 * Floating-point operations of one training step, counting only the GEMMs: forward X·Wᵀ per layer, backward
 * Δᵀ·A per layer and Δ·W for every layer but the first (the input needs no δ). 2·m·n·k each.
 */
export function gemmFlopsPerStep(config) {
  const s = config.sizes;
  const b = config.batch;
  let flops = 0;
  for (let l = 1; l < s.length; l++) {
    const mnk = b * s[l] * s[l - 1];
    flops += 2 * mnk; // forward Z = A·Wᵀ
    flops += 2 * mnk; // ∇W = Δᵀ·A
    if (l > 1) flops += 2 * mnk; // Δ_{l-1} = Δ_l·W (skipped for the input layer)
  }
  return flops;
}

/** mulberry32: a tiny seeded generator; identical output wherever the data file is produced. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Synthetic data: `n` rows of 784 features uniform in [0,1) (float32, row-major) and a class label in 0..9 per
 * row, all drawn from mulberry32(seed) in order (784 features then the label, row after row).
 */
export function makeData(n, seed) {
  const rand = mulberry32(seed);
  const x = new Float32Array(n * INPUTS);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * INPUTS;
    for (let j = 0; j < INPUTS; j++) x[row + j] = rand();
    labels[i] = Math.floor(rand() * CLASSES);
  }
  return { x, labels };
}

/** XOR truth table, the data of configuration (d). */
export const XOR_X = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
export const XOR_Y = new Float32Array([0, 1, 1, 0]);

/** The data of configuration (d): the XOR table as one full batch. */
export function xorData() {
  const batch = { x: XOR_X, y: XOR_Y, labels: null, size: 4 };
  return { n: 4, inputs: 2, outputs: 1, x: XOR_X, y: XOR_Y, labels: null, batches: 1, batch: () => batch };
}

/** The mini-batch views of a data set: `batch(i)` is the i-th batch (no copy), cycling over whole batches. */
export function batchedData(config, x, labels) {
  const n = labels.length;
  const y = new Float32Array(n * CLASSES);
  for (let i = 0; i < n; i++) y[i * CLASSES + labels[i]] = 1;
  const b = config.batch;
  const batches = Math.floor(n / b);
  return {
    n,
    inputs: INPUTS,
    outputs: CLASSES,
    x,
    y,
    labels,
    batches,
    batch(i) {
      const k = i % batches;
      return {
        x: x.subarray(k * b * INPUTS, (k + 1) * b * INPUTS),
        y: y.subarray(k * b * CLASSES, (k + 1) * b * CLASSES),
        labels: labels.subarray(k * b, (k + 1) * b),
        size: b,
      };
    },
  };
}

/**
 * The timing protocol. `step(i)` performs one training step on batch i; `sync()` (optional) waits until queued
 * work is done. Warm-up runs chunks of 1, 2, 4, … steps until it has lasted warmupSeconds(budget) in all (and at
 * least 3 steps), or reached one unit; the last chunk's time per step then sets the timed step count to fill
 * `budget` seconds, clamped to [1, maxUnits·unitSteps]. Returns { seconds, steps, warmupSteps }.
 */
export async function timeSteps(step, sync, config, budget, maxUnits = config.name === "d" ? 10 : 1) {
  const unit = Math.ceil(unitSteps(config));
  let i = 0;
  let chunk = 1;
  let perStep = 0;
  let warm = 0;
  for (;;) {
    const t0 = performance.now();
    for (let k = 0; k < chunk; k++) step(i++);
    if (sync) await sync();
    const dt = (performance.now() - t0) / 1000;
    perStep = dt / chunk;
    warm += dt;
    if ((warm >= warmupSeconds(budget) && i >= 3) || i >= unit) break;
    chunk *= 2;
  }
  const steps = Math.max(1, Math.min(Math.round(maxUnits * unit), Math.round(budget / perStep)));
  const t0 = performance.now();
  for (let k = 0; k < steps; k++) step(i + k);
  if (sync) await sync();
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, steps, warmupSteps: i };
}

/** The timed figure scaled to one unit: seconds per 60,000-example epoch, or per 10,000 steps for (d). */
export function secondsPerUnit(config, timed) {
  return config.unit === "epoch"
    ? (timed.seconds * EPOCH_EXAMPLES) / (timed.steps * config.batch)
    : (timed.seconds * XOR_UNIT_STEPS) / timed.steps;
}

/** Warm-up time before timing: JIT compilers (V8, tfjs kernels) need a while before steps reach speed. */
export function warmupSeconds(budget) {
  return Math.max(0.3, 0.5 * budget);
}


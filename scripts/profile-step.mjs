#!/usr/bin/env node
// Where one training step of the benchmark's configs spends its time on the default backend (not part of the
// tests). Wraps the backend's kernels with timers, trains the matrix fast path on random data, and prints µs per
// step, the share in GEMM with the GFLOP/s it reaches, and the other kernels' shares.
// Usage: npm run build && node scripts/profile-step.mjs [a|b|c] (run on a quiet machine; timers add ~1 %).
import { performance } from "node:perf_hooks";
import { CONFIGS, makeData } from "../bench/lib/common.mjs";
import { MatrixBackprop, Random, Sequential, SGD, selectDefaultBackend } from "../dist/src/index.js";

// The benchmark's own configurations and synthetic data (bench/lib/common.mjs), on fewer rows.
const STEPS = { a: 4000, b: 800, c: 150 };
const name = process.argv[2] ?? "c";
const cfg = CONFIGS[name];
if (!cfg || !STEPS[name]) {
  process.stderr.write(`profile-step: unknown config "${name}"; use a, b or c\n`);
  process.exit(2);
}
const steps = STEPS[name];
const mse = cfg.loss === "mse";
const backend = await selectDefaultBackend();
await backend.ready?.();

const { sizes, batch } = cfg;
const model = Sequential.fromSizes({
  sizes,
  activation: cfg.activation,
  output: mse ? "sigmoid" : "softmax",
  dtype: "float32",
  rng: new Random(1),
});
const trainer = new MatrixBackprop(model, batch);
const optimizer = new SGD({ lr: cfg.lr });
const params = trainer.parameters();

const rows = 6000;
const inputs = sizes[0];
const classes = sizes[sizes.length - 1];
const { x: X, labels } = makeData(rows, 1);
const Y = new Float32Array(rows * classes);
for (let i = 0; i < rows; i++) Y[i * classes + labels[i]] = 1;
const batches = Math.floor(rows / batch);

// Time every kernel call; GEMM calls also count their 2·m·n·k flops.
const ms = {};
let gemmFlops = 0;
const proto = Object.getPrototypeOf(backend);
for (const kernel of ["gemm", "axpy", "sumRows", "unaryBackward", "softmax", "addRowVector", "unary"]) {
  const original = proto[kernel];
  if (typeof original !== "function") continue;
  backend[kernel] = function (...args) {
    const t0 = performance.now();
    const result = original.apply(this, args);
    ms[kernel] = (ms[kernel] ?? 0) + performance.now() - t0;
    if (kernel === "gemm") gemmFlops += 2 * args[2] * args[3] * args[4];
    return result;
  };
}

const step = (s) => {
  const i = s % batches;
  trainer.forward(X.subarray(i * batch * inputs, (i + 1) * batch * inputs), batch);
  trainer.backward(Y.subarray(i * batch * classes, (i + 1) * batch * classes), mse ? "mse" : "cce", "mean");
  optimizer.step(params);
};
for (let s = 0; s < steps / 2; s++) step(s); // warm-up: JIT, packing buffers, worker wake-up
for (const k of Object.keys(ms)) ms[k] = 0;
gemmFlops = 0;

const t0 = performance.now();
for (let s = 0; s < steps; s++) step(s);
const total = performance.now() - t0;

const perStep = (t) => `${((1000 * t) / steps).toFixed(1)} µs`;
const share = (t) => `${((100 * t) / total).toFixed(1)}%`;
const epoch = ((total / steps) * (60000 / batch)) / 1000;
const gemm = ms.gemm ?? 0;
console.log(
  `(${name}) ${perStep(total)}/step, ${epoch.toFixed(3)} s per 60,000-example epoch on ${backend.name}; ` +
    `GEMM ${perStep(gemm)} = ${share(gemm)} at ${(gemmFlops / (gemm * 1e-3) / 1e9).toFixed(1)} GFLOP/s`,
);
for (const [k, t] of Object.entries(ms).sort((p, q) => q[1] - p[1])) {
  if (k !== "gemm" && t > 0) console.log(`  ${k}: ${perStep(t)} (${share(t)})`);
}
const rest = total - Object.values(ms).reduce((p, q) => p + q, 0);
console.log(`  other (loss δ, fused bias+activation, copies, JS loops): ${perStep(rest)} (${share(rest)})`);
process.exit(0);

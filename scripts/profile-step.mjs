#!/usr/bin/env node
// Where one training step of the benchmark's configs spends its time on the default backend (not part of the
// tests). Wraps the backend's kernels with timers, trains the matrix fast path on random data, and prints µs per
// step, the share in GEMM with the GFLOP/s it reaches, and the other kernels' shares.
// Usage: npm run build && node scripts/profile-step.mjs [a|b|c] (run on a quiet machine; timers add ~1 %).
import { performance } from "node:perf_hooks";
import { batchedData, CONFIGS, makeData } from "../bench/lib/common.mjs";
import { retropropStep } from "../bench/peers/retroprop-step.mjs";
import * as lib from "../dist/src/index.js";

// The benchmark's own configurations, synthetic data and training step (bench/), on fewer rows.
const STEPS = { a: 4000, b: 800, c: 150 };
const name = process.argv[2] ?? "c";
const cfg = CONFIGS[name];
if (!cfg || !STEPS[name]) {
  process.stderr.write(`profile-step: unknown config "${name}"; use a, b or c\n`);
  process.exit(2);
}
const steps = STEPS[name];
const backend = await lib.selectDefaultBackend();
const { x, labels } = makeData(6000, 1);
const step = retropropStep(cfg, batchedData(cfg, x, labels), lib, 1);

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

for (let s = 0; s < steps / 2; s++) step(s); // warm-up: JIT, packing buffers, worker wake-up
for (const k of Object.keys(ms)) ms[k] = 0;
gemmFlops = 0;

const t0 = performance.now();
for (let s = 0; s < steps; s++) step(s);
const total = performance.now() - t0;

const perStep = (t) => `${((1000 * t) / steps).toFixed(1)} µs`;
const share = (t) => `${((100 * t) / total).toFixed(1)}%`;
const epoch = ((total / steps) * (60000 / cfg.batch)) / 1000;
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

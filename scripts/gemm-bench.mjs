#!/usr/bin/env node
// GEMM micro-benchmark of the wasm backend on the three MLPs' shapes (not part of the tests).
// Usage: npm run build && node scripts/gemm-bench.mjs [--threads 1,2] [--relaxed both|on|off] [--ms 300]
// Prints GFLOP/s (2mnk / time) per shape for each thread count and SIMD build, operands in the wasm arena.
import { parseArgs } from "node:util";
import { createWasmBackend } from "../dist/src/backend/wasm/index.js";

const { values } = parseArgs({
  options: {
    threads: { type: "string", default: "1,2" },
    relaxed: { type: "string", default: "both" },
    ms: { type: "string", default: "300" },
  },
});
const threadCounts = values.threads.split(",").map(Number);
const relaxedModes = values.relaxed === "both" ? [true, false] : [values.relaxed === "on"];
const budgetMs = Number(values.ms);

/** [label, transA, transB, m, n, k] for a layer of `units` units, `inputs` inputs, batch `batch`. */
function layerShapes(name, batch, inputs, units) {
  return [
    [`${name} X·Wᵀ  ${batch}×${inputs}·(${units}×${inputs})ᵀ`, false, true, batch, units, inputs],
    [`${name} Δᵀ·A  (${batch}×${units})ᵀ·${batch}×${inputs}`, true, false, units, inputs, batch],
    [`${name} Δ·W   ${batch}×${units}·${units}×${inputs}`, false, false, batch, inputs, units],
  ];
}
const shapes = [
  ...layerShapes("(a) h", 10, 784, 30),
  ...layerShapes("(a) o", 10, 30, 10),
  ...layerShapes("(b) h", 64, 784, 128),
  ...layerShapes("(b) o", 64, 128, 10),
  ...layerShapes("(c) h", 128, 784, 800),
  ...layerShapes("(c) o", 128, 800, 10),
];

for (const relaxed of relaxedModes) {
  for (const threads of threadCounts) {
    const backend = createWasmBackend({ threads, relaxed });
    await backend.ready();
    console.log(
      `\n${backend.relaxedSimd ? "relaxed SIMD (FMA)" : "plain SIMD"}, ${backend.threads} thread(s)`,
    );
    for (const [label, tA, tB, m, n, k] of shapes) {
      const a = backend.allocate("float32", m * k);
      const b = backend.allocate("float32", k * n);
      const c = backend.allocate("float32", m * n);
      for (let i = 0; i < a.length; i++) a[i] = Math.sin(i);
      for (let i = 0; i < b.length; i++) b[i] = Math.cos(i);
      const flops = 2 * m * n * k;
      // Warm up (and let V8 tier up), then time batches of calls until the budget is spent.
      for (let i = 0; i < 50; i++) backend.gemm(tA, tB, m, n, k, 1, a, b, 0, c);
      const reps = Math.max(1, Math.round(2e7 / flops));
      let best = Number.POSITIVE_INFINITY;
      const end = performance.now() + budgetMs;
      while (performance.now() < end) {
        const t0 = performance.now();
        for (let r = 0; r < reps; r++) backend.gemm(tA, tB, m, n, k, 1, a, b, 0, c);
        best = Math.min(best, (performance.now() - t0) / reps);
      }
      const gflops = flops / (best * 1e6);
      console.log(
        `  ${label.padEnd(42)} ${(best * 1000).toFixed(1).padStart(8)} µs ${gflops.toFixed(1).padStart(7)} GFLOP/s`,
      );
      backend.release(a);
      backend.release(b);
      backend.release(c);
    }
    await backend.close();
  }
}

// retroprop peer: imports the built library (npm run build → dist/src/index.js) and trains through ONE adapter,
// trainRetroprop, below. Everything else in this file is the shared protocol (data, timing, RSS sampling).

import { unavailable } from "../lib/common.mjs";
import { retropropStep } from "./retroprop-step.mjs";

/**
 * THE ADAPTER — the only place that knows retroprop's training API.
 *
 * @param {object} config   one of CONFIGS in ../lib/common.mjs:
 *   { name: "a"|"b"|"c"|"d", sizes: [in, hidden, out], activation: "sigmoid"|"relu",
 *     loss: "mse" (sigmoid output, ½‖a−y‖² averaged over the batch) | "softmax-ce" (softmax output,
 *     cross-entropy averaged over the batch), lr: SGD η (plain SGD, no momentum), batch: rows per step }
 * @param {object} data     { n, inputs, outputs, x: Float32Array n×inputs row-major, y: Float32Array n×outputs
 *   one-hot (for d: the XOR targets, 4×1), labels: Uint8Array | null, batches, batch(i) → { x, y, labels, size }
 *   (float32 views of the i-th mini-batch, no copy; i cycles over the data) }
 * @param {object} timing   { timeSteps(step, sync?) → Promise<{seconds, steps, warmupSteps}> } — the shared
 *   protocol (and timing.seed): pass it `step(i)` doing ONE training step (forward, backward, SGD update) on data.batch(i), and
 *   optionally an async `sync()` if the library queues work. It warms up, times, samples memory.
 * @param {object} lib      the module namespace of dist/src/index.js (e.g. `new lib.Random(timing.seed)`).
 * @returns {Promise<{seconds, steps, warmupSteps}>} what timing.timeSteps returned.
 *
 * What it must do: build a float32 model with config.sizes (hidden activation config.activation; output sigmoid
 * for "mse", softmax for "softmax-ce"), the matching loss and an SGD optimizer with η = config.lr, then
 *   return timing.timeSteps((i) => { const b = data.batch(i); <one training step on b.x, b.y, b.size rows> });
 * If retroprop only offers a whole-epoch fit(), call it in the step with one batch (that measures its overhead
 * too) — but do not time anything here yourself, and never report made-up numbers.
 *
 * Wired now to Sequential.fromSizes + MatrixBackprop (forward/backward) + SGD.step — the matrix fast path that
 * fit() runs per batch, minus its shuffling and row gathering — through retropropStep (retroprop-step.mjs,
 * which the browser benchmark shares) whenever dist/src/index.js exports them; it throws "not available yet"
 * otherwise.
 */
async function trainRetroprop(config, data, timing, lib) {
  const { Sequential, MatrixBackprop, SGD } = lib;
  if (
    typeof Sequential?.fromSizes !== "function" ||
    typeof MatrixBackprop !== "function" ||
    typeof SGD !== "function"
  )
    throw new Error("retroprop training API not available yet");
  // The backend a user gets by default; run.mjs forces one per row with RETROPROP_BACKEND=wasm|blas.
  const backend = typeof lib.selectDefaultBackend === "function" ? await lib.selectDefaultBackend() : null;
  backendInfo = backend
    ? {
        backend: backend.name,
        threads: backend.blasThreads ?? backend.threads ?? 1,
        relaxed_simd: backend.relaxedSimd ?? null,
        // The BLAS backend: which library it opened and, for OpenBLAS, the kernel it runs.
        blas: backend.library?.path ?? null,
        blas_core: backend.library?.coreName ?? null,
      }
    : { backend: "reference" };
  return timing.timeSteps(retropropStep(config, data, lib, timing.seed));
}

// ---------------------------------------------------------------------------------------------------------------

let backendInfo = {};

const { loadData, parseChildArgs, report, timeSteps } = await import("../lib/common.mjs");
const args = parseChildArgs(process.argv.slice(2));
const { config } = args;

let lib;
try {
  lib = await import(new URL("../../dist/src/index.js", import.meta.url).href);
} catch (err) {
  unavailable(
    "retroprop",
    `cannot import dist/src/index.js (run npm run build): ${err.message.split("\n")[0]}`,
  );
  process.exit(0);
}
const data = loadData(config, args.data, args.n);

// Memory mode: passes over the data (whole epochs unless capped), sampling RSS after each one (the figure of interest is RSS, not speed).
const rssPerEpoch = [];
let timing;
if (args.memoryEpochs > 0) {
  // --memory-steps caps a pass below a whole epoch when whole epochs would take too long (the harness decides).
  const epochSteps = Math.min(data.batches, args.memorySteps > 0 ? args.memorySteps : data.batches);
  timing = {
    seed: args.seed,
    timeSteps: async (step, sync) => {
      const { performance } = await import("node:perf_hooks");
      const t0 = performance.now();
      for (let e = 0; e < args.memoryEpochs; e++) {
        for (let k = 0; k < epochSteps; k++) step(e * epochSteps + k);
        if (sync) await sync();
        rssPerEpoch.push(process.memoryUsage.rss() / 2 ** 20);
      }
      return {
        seconds: (performance.now() - t0) / 1000,
        steps: args.memoryEpochs * epochSteps,
        warmupSteps: 0,
      };
    },
  };
} else {
  timing = { seed: args.seed, timeSteps: (step, sync) => timeSteps(step, sync ?? null, config, args.budget) };
}

let timed;
try {
  timed = await trainRetroprop(config, data, timing, lib);
} catch (err) {
  unavailable("retroprop", err.message.split("\n")[0]);
  process.exit(0);
}
report("retroprop", config, timed, {
  version: lib.VERSION ?? null,
  ...backendInfo,
  ...(args.memoryEpochs > 0
    ? {
        rss_per_epoch_mb: rssPerEpoch,
        memory_epochs: args.memoryEpochs,
        steps_per_pass: timed.steps / args.memoryEpochs,
      }
    : {}),
});

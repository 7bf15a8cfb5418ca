#!/usr/bin/env node
// The soak benchmark (`npm run bench:soak`, issue 13): trains the benchmark's network (b), 784-128-10 relu with a
// softmax output and cross-entropy, batch 64, on MNIST from ../shared/datasets (or synthetic data of the same
// shape when it is absent) for 100 epochs, and records the process's resident memory after every epoch. A trainer
// that leaks grows epoch after epoch; retroprop allocates its buffers once, so the curve must be flat after the
// first epochs. Prints one line per epoch and a summary; --json writes the whole record.
//
//   node bench/soak.mjs [--epochs 100] [--samples N] [--data-dir ../shared/datasets] [--backend wasm|reference]
//                       [--json bench/results/soak.json]
// Needs `npm run build` first (it imports dist/).

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { fit, loadDataset, makeOptimizer, NDArray, Random, Sequential, selectDefaultBackend } = await import(
  join(root, "dist/src/index.js")
);

function flag(name, fallback) {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : fallback;
}
const epochs = Number(flag("epochs", "100"));
const samples = flag("samples") === undefined ? undefined : Number(flag("samples"));
const dataDir = flag("data-dir", join(root, "../shared/datasets"));
const jsonOut = flag("json");
if (flag("backend")) process.env.RETROPROP_BACKEND = flag("backend");
const backend = await selectDefaultBackend();

let x;
let y;
let source;
if (existsSync(join(dataDir, "mnist", "train-images-idx3-ubyte.gz"))) {
  const { train } = await loadDataset("mnist", { dataDir, samples });
  ({ x, y } = train);
  source = `MNIST from ${dataDir}`;
} else {
  // Same shape and value range as MNIST: what the memory depends on.
  const n = samples ?? 60000;
  const rng = new Random(1);
  const xs = new Float32Array(n * 784);
  for (let i = 0; i < xs.length; i++) xs[i] = rng.uniform(0, 1);
  const ys = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) ys[i * 10 + (i % 10)] = 1;
  x = new NDArray(xs, [n, 784]);
  y = new NDArray(ys, [n, 10]);
  source = `synthetic data of MNIST's shape (${dataDir} has no MNIST)`;
}

const mib = (bytes) => bytes / 2 ** 20;
const rss = [];
const heap = [];
const model = Sequential.fromSizes({ sizes: [784, 128, 10], activation: "relu", output: "softmax", rng: new Random(1) });
process.stdout.write(
  `soak: 784-128-10 relu/softmax, cross-entropy, batch 64, ${epochs} epochs of ${x.shape[0]} examples; ${source}; backend ${backend.name}\n`,
);
process.stdout.write(`before training: rss ${mib(process.memoryUsage().rss).toFixed(1)} MiB\n`);
const started = performance.now();
await fit(model, x, y, {
  loss: "cce",
  optimizer: makeOptimizer("sgd", { lr: 0.1 }),
  epochs,
  batchSize: 64,
  rng: new Random(2),
  callbacks: [
    {
      onEpochEnd(logs) {
        const m = process.memoryUsage();
        rss.push(mib(m.rss));
        heap.push(mib(m.heapUsed));
        process.stdout.write(
          `epoch ${rss.length}: loss ${logs.loss.toFixed(4)}, rss ${rss.at(-1).toFixed(1)} MiB, heap ${heap.at(-1).toFixed(1)} MiB\n`,
        );
      },
    },
  ],
});
const seconds = (performance.now() - started) / 1000;

// Growth after warm-up: the last ten epochs' mean against epochs 6-15's (the first epochs fill caches and JIT).
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const early = rss.slice(5, 15);
const late = rss.slice(-10);
const growth = early.length > 0 ? mean(late) - mean(early) : Number.NaN;
const summary = {
  network: "784-128-10 relu, softmax + cross-entropy, batch 64, SGD η=0.1",
  data: source,
  examples: x.shape[0],
  epochs,
  backend: backend.name,
  seconds,
  rssMiB: { min: Math.min(...rss), max: Math.max(...rss), first: rss[0], last: rss.at(-1), growthAfterWarmup: growth },
  perEpoch: { rssMiB: rss, heapUsedMiB: heap },
};
process.stdout.write(
  `rss over ${epochs} epochs: min ${summary.rssMiB.min.toFixed(1)} MiB, max ${summary.rssMiB.max.toFixed(1)} MiB; ` +
    `last 10 epochs vs epochs 6-15: ${growth >= 0 ? "+" : ""}${growth.toFixed(1)} MiB; ${seconds.toFixed(0)} s\n`,
);
if (jsonOut) {
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, `${JSON.stringify(summary, null, 1)}\n`);
  process.stdout.write(`wrote ${jsonOut}\n`);
}
process.exit(0);

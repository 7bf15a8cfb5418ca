// (d) through fit: 10,000 full-batch XOR epochs of `fit` (as users, `retroprop train` and the playground run it)
// against the benchmark's direct step loop (retropropStep, the same model, η and backend), interleaved in one
// process. What fit adds per step is its bookkeeping: shuffling, row gathering, E and accuracy, history,
// the weights' guard. Usage: node bench/fit-overhead.mjs [--repeats 7]   (after npm run build)
import { CONFIGS, XOR_UNIT_STEPS, xorData } from "./lib/protocol.mjs";
import { retropropStep } from "./peers/retroprop-step.mjs";

const repeats = Number(process.argv[process.argv.indexOf("--repeats") + 1]) || 7;
const lib = await import(new URL("../dist/src/index.js", import.meta.url).href);
const backend = await lib.selectDefaultBackend();
const config = CONFIGS.d;
const data = xorData();
const x = new lib.NDArray(data.x, [4, 2]);
const y = new lib.NDArray(data.y, [4, 1]);

async function throughFit() {
  const rng = new lib.Random(1);
  const model = lib.Sequential.fromSizes({ sizes: config.sizes, activation: "sigmoid", output: "sigmoid", rng });
  const t0 = performance.now();
  await lib.fit(model, x, y, {
    loss: "mse",
    optimizer: new lib.SGD({ lr: config.lr }),
    epochs: XOR_UNIT_STEPS,
    batchSize: "full",
    rng,
  });
  return (performance.now() - t0) / 1000;
}

function direct() {
  const step = retropropStep(config, data, lib, 1);
  const t0 = performance.now();
  for (let i = 0; i < XOR_UNIT_STEPS; i++) step(i);
  return (performance.now() - t0) / 1000;
}

const times = { direct: [], fit: [] };
await throughFit(); // warm-up: compile both paths before timing
direct();
for (let r = 0; r < repeats; r++) {
  times.direct.push(direct());
  times.fit.push(await throughFit());
}
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const d = median(times.direct);
const f = median(times.fit);
console.log(`(d) ${config.title}, ${backend.name} backend, median of ${repeats}, s per 10,000 steps`);
console.log(`  direct step loop  ${d.toFixed(4)}  (${((1e6 * d) / XOR_UNIT_STEPS).toFixed(2)} µs a step)`);
console.log(`  through fit       ${f.toFixed(4)}  (${((1e6 * f) / XOR_UNIT_STEPS).toFixed(2)} µs a step)`);
console.log(`  fit's bookkeeping ${((1e6 * (f - d)) / XOR_UNIT_STEPS).toFixed(2)} µs an epoch`);

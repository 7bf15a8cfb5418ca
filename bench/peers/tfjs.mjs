// TensorFlow.js peer: `node tfjs.mjs <cpu|wasm> <manual|fit> --config a ...`.
// manual: variables + ops + optimizer.minimize in a tidy, one call per mini-batch.
// fit: a layers model trained with fitDataset over batches built from JS memory (tfjs's wasm `slice` is
// pathologically slow, so model.fit on one big tensor would measure slicing, not training).

import { performance } from "node:perf_hooks";
import {
  loadData,
  parseChildArgs,
  report,
  timeSteps,
  unavailable,
  unitSteps,
  warmupSeconds,
} from "../lib/common.mjs";

const [backendName, mode, ...rest] = process.argv.slice(2);
const peer = `tfjs-${backendName}-${mode}`;
const args = parseChildArgs(rest);
const { config } = args;

let tf;
try {
  tf = await import("@tensorflow/tfjs");
  if (backendName === "wasm") await import("@tensorflow/tfjs-backend-wasm");
} catch (err) {
  unavailable(
    peer,
    `cannot load @tensorflow/tfjs: ${err.message.split("\n")[0]} (run npm --prefix bench ci)`,
  );
  process.exit(0);
}
// tfjs prints a hint about tfjs-node on load; keep stdout for our JSON line only.
await tf.setBackend(backendName);
await tf.ready();
tf.enableProdMode();

const data = loadData(config, args.data, args.n);
const [nIn, nHidden, nOut] = config.sizes;
const sigmoidOut = config.loss === "mse";
const act = config.activation === "relu" ? tf.relu : tf.sigmoid;
const toTensors = (b) => [tf.tensor2d(b.x, [b.size, nIn]), tf.tensor2d(b.y, [b.size, nOut])];

let simd = null;
if (backendName === "wasm") simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
const extra = { backend: tf.getBackend(), tfjs: tf.version.tfjs, wasm_simd: simd };

if (mode === "manual") {
  const w1 = tf.variable(tf.randomNormal([nIn, nHidden], 0, 1 / Math.sqrt(nIn), "float32", args.seed));
  const b1 = tf.variable(tf.zeros([nHidden]));
  const w2 = tf.variable(
    tf.randomNormal([nHidden, nOut], 0, 1 / Math.sqrt(nHidden), "float32", args.seed + 1),
  );
  const b2 = tf.variable(tf.zeros([nOut]));
  const opt = tf.train.sgd(config.lr);
  const lossOf = (x, y) => {
    const a1 = act(tf.add(tf.matMul(x, w1), b1));
    const z2 = tf.add(tf.matMul(a1, w2), b2);
    if (sigmoidOut) return tf.div(tf.sum(tf.square(tf.sub(tf.sigmoid(z2), y))), 2 * x.shape[0]); // ½‖a−y‖², batch mean
    return tf.losses.softmaxCrossEntropy(y, z2); // mean over the batch
  };
  const step = (i) => {
    tf.tidy(() => {
      const [x, y] = toTensors(data.batch(i));
      opt.minimize(() => lossOf(x, y));
    });
  };
  const sync = async () => {
    await w1.data();
  };
  const timed = await timeSteps(step, sync, config, args.budget);
  report(peer, config, timed, { ...extra, tensors_alive: tf.memory().numTensors });
} else if (mode === "fit") {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: nHidden, activation: config.activation, inputShape: [nIn] }));
  model.add(tf.layers.dense({ units: nOut, activation: sigmoidOut ? "sigmoid" : "softmax" }));
  const halfSquared = (yTrue, yPred) => tf.mul(0.5, tf.sum(tf.square(tf.sub(yPred, yTrue)), -1));
  model.compile({
    optimizer: tf.train.sgd(config.lr),
    loss: sigmoidOut ? halfSquared : "categoricalCrossentropy",
  });
  let cursor = 0;
  const dataset = tf.data.generator(function* () {
    for (;;) {
      const [xs, ys] = toTensors(data.batch(cursor++));
      yield { xs, ys };
    }
  });
  const fitSteps = async (steps) => {
    const t0 = performance.now();
    await model.fitDataset(dataset, { epochs: 1, batchesPerEpoch: steps, verbose: 0 });
    await model.layers[0].getWeights()[0].data();
    return (performance.now() - t0) / 1000;
  };
  // Warm-up and calibration as in timeSteps, but in whole fitDataset calls.
  const unit = Math.ceil(unitSteps(config));
  let chunk = 2;
  let warm = 0;
  let warmSeconds = 0;
  let perStep;
  for (;;) {
    const dt = await fitSteps(chunk);
    warm += chunk;
    warmSeconds += dt;
    perStep = dt / chunk;
    if (warmSeconds >= warmupSeconds(args.budget) || warm >= unit) break;
    chunk *= 2;
  }
  const maxUnits = config.name === "d" ? 10 : 1;
  const steps = Math.max(1, Math.min(Math.round(maxUnits * unit), Math.round(args.budget / perStep)));
  const seconds = await fitSteps(steps);
  report(peer, config, { seconds, steps, warmupSteps: warm }, extra);
} else {
  throw new Error(`mode must be manual or fit, not ${mode}`);
}

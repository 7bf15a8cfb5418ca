// brain.js peer (CPU NeuralNetwork). brain.js trains online only (one example per update), every layer uses
// the same activation and the error is target − output (MSE, no softmax). The mapping: same layer sizes and
// hidden activation; the output uses that activation too; learning rate η/batch per example (brain.js requires it < 1); momentum 1e-6 (it must be > 0).
// One "step" here is one example; the report scales by examples, so an epoch is still 60,000 examples
// (config d: one step = the 4 XOR patterns, matching a full-batch step).

import { createRequire } from "node:module";
import { loadData, parseChildArgs, report, timeSteps, unavailable } from "../lib/common.mjs";

const peer = "brain.js";
const args = parseChildArgs(process.argv.slice(2));
const { config } = args;

let brain;
let version;
try {
  const require = createRequire(import.meta.url);
  brain = require("brain.js");
  version = require("brain.js/package.json").version;
} catch (err) {
  unavailable(peer, `cannot load brain.js: ${err.message.split("\n")[0]} (run npm --prefix bench ci)`);
  process.exit(0);
}

const [nIn, nHidden, nOut] = config.sizes;
const data = loadData(config, args.data, args.n);
const net = new brain.NeuralNetwork({ inputSize: nIn, hiddenLayers: [nHidden], outputSize: nOut });

// brain.js wants plain arrays, which prepTraining converts to Float32Array. Initialise the network from the
// first few examples that way, then hand trainPattern Float32Array views of the shared data directly (what
// prepTraining would have produced, without copying 60,000 rows into JS arrays first).
const view = (k) =>
  config.name === "d"
    ? { input: data.x.subarray(2 * k, 2 * k + 2), output: data.y.subarray(k, k + 1) }
    : { input: data.x.subarray(k * nIn, (k + 1) * nIn), output: data.y.subarray(k * nOut, (k + 1) * nOut) };
const count = config.name === "d" ? 4 : data.n;
const first = [];
for (let k = 0; k < Math.min(count, 4); k++) {
  const v = view(k);
  first.push({ input: Array.from(v.input), output: Array.from(v.output) });
}
net.prepTraining(first, {
  activation: config.activation,
  learningRate: config.name === "d" ? config.lr : config.lr / config.batch,
  momentum: 1e-6, // brain.js requires 0 < momentum < 1 and always applies it; this is the closest to none
  iterations: 1,
});
const preparedData = Array.from({ length: count }, (_, k) => view(k));

// timeSteps counts steps of `config.batch` examples; brain.js has no batches, so one step runs `batch` patterns.
const m = preparedData.length;
const step = (i) => {
  const base = (i * config.batch) % m;
  for (let k = 0; k < config.batch; k++) net.trainPattern(preparedData[(base + k) % m], false);
};
const timed = await timeSteps(step, null, config, args.budget);
report(peer, config, timed, { version, online: true });

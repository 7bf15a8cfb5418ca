// One retroprop training step for the benchmark, in plain JavaScript that runs in Node (peers/retroprop.mjs)
// and in a browser page (bench/browser-page.mjs), so both measure the same code.
import { batchedData, CONFIGS, secondsPerUnit, timeSteps, xorData } from "../lib/protocol.mjs";

/**
 * Builds config's float32 model (hidden activation config.activation; sigmoid output and ½‖a−y‖² for "mse",
 * softmax and cross-entropy for "softmax-ce"), the matrix fast path that fit() runs per batch (minus its
 * shuffling and row gathering) and plain SGD with η = config.lr; returns step(i), one training step on
 * data.batch(i), on whatever backend `lib` has selected.
 */
export function retropropStep(config, data, lib, seed) {
  const { Sequential, MatrixBackprop, SGD, Random } = lib;
  const mse = config.loss === "mse";
  const model = Sequential.fromSizes({
    sizes: config.sizes,
    activation: config.activation,
    output: mse ? "sigmoid" : "softmax",
    dtype: "float32",
    rng: new Random(seed),
  });
  const trainer = new MatrixBackprop(model, config.batch);
  const optimizer = new SGD({ lr: config.lr });
  const params = trainer.parameters();
  return (i) => {
    const b = data.batch(i);
    trainer.forward(b.x, b.size);
    trainer.backward(b.y, mse ? "mse" : "cce", "mean");
    optimizer.step(params);
  };
}

/**
 * Seconds per unit of configuration `name` (the browser benchmark's measurement, in Node and in the page):
 * training steps on `data` ({ x, labels } from makeData; (d) uses the XOR table), timed for about `budget`
 * seconds by the shared protocol, on the backend `lib` has selected.
 */
export async function measureRetroprop(lib, name, data, seed, budget) {
  const config = CONFIGS[name];
  const batches = name === "d" ? xorData() : batchedData(config, data.x, data.labels);
  return secondsPerUnit(config, await timeSteps(retropropStep(config, batches, lib, seed), null, config, budget));
}

// @ts-check
/**
 * retroprop in a Node script: XOR, then Fisher's iris read from a data folder.
 *
 *   node examples/node/xor-iris.mjs [DATA_DIR]      (DATA_DIR defaults to ../shared/datasets, as in this repo)
 *
 * Plain JavaScript, checked by TypeScript (`// @ts-check`): the package's types reach a .mjs file as well.
 * test/architecture/package-consumers.test.ts runs this file against the packed package.
 */
import {
  evaluate,
  fit,
  loadDataset,
  makeOptimizer,
  NDArray,
  predict,
  Random,
  ready,
  Sequential,
} from "retroprop";

// In Node the fastest backend is chosen when the library loads; ready() waits for its threads and names it.
const backend = (await ready()).name;
console.log(`backend: ${backend}`);

// XOR: the four points no single perceptron separates, learned by a 2-2-1 sigmoid network (mean squared error).
const x = NDArray.from([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
const y = NDArray.from([[0], [1], [1], [0]]);
const xor = Sequential.fromSizes({
  sizes: [2, 2, 1],
  activation: "sigmoid",
  output: "sigmoid",
  rng: new Random(1),
});
await fit(xor, x, y, {
  loss: "mse",
  optimizer: makeOptimizer("sgd", { lr: 2 }),
  epochs: 5000,
  batchSize: "full",
});
/** @type {number[][]} */
const outputs = predict(xor, x).toArray(2); // typed number[][]: one row per example
console.log(`xor: ${outputs.map(([o]) => o.toFixed(3)).join(" ")}`);

// Iris: 4 features, 3 classes; 20 % of the rows held out for testing, features z-scored on the training rows.
const dataDir = process.argv[2] ?? "../shared/datasets";
const iris = await loadDataset("iris", { dataDir, download: false, testFraction: 0.2, seed: 1 });
const test = iris.test;
if (!test) throw new Error("iris: no test split");
const model = Sequential.fromSizes({
  sizes: [4, 8, 3],
  activation: "tanh",
  output: "softmax",
  rng: new Random(1),
});
const { history } = await fit(model, iris.train.x, iris.train.y, {
  loss: "cce",
  optimizer: "adam",
  epochs: 100,
  batchSize: 16,
  validationSplit: 0.1,
});
const last = history[history.length - 1];
console.log(`iris: epoch ${last.epoch}, loss ${last.loss.toFixed(4)}, valLoss ${last.valLoss?.toFixed(4)}`);
// evaluate reuses the loss fit trained on (cross-entropy here); pass { loss } to report another one.
const { loss, accuracy } = evaluate(model, test.x, test.y);
console.log(`iris test: loss ${loss.toFixed(4)}, accuracy ${((accuracy ?? 0) * 100).toFixed(1)} %`);
console.log(JSON.stringify({ backend, xor: outputs.map(([o]) => o), irisTestAccuracy: accuracy }));

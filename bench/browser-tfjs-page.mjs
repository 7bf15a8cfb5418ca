// The browser side of the playground benchmark's TensorFlow.js column (bench/playground.mjs): loaded into a
// Chromium page, it trains the playground's default network with TensorFlow.js — 2 inputs, 4 and 2 tanh units,
// one sigmoid output, cross-entropy, SGD η = 0.03, mini-batches of 10 from 200 training points, as the
// playground does — and counts steps per second. TF.js and its wasm files come from bench/node_modules (no CDN).
// The loop is TF.js's fastest honest path: tensors built once, one tidy(minimize) per step, no UI to draw.
const TFJS = "/bench/node_modules/@tensorflow/tfjs/dist/tf.min.js";
const TFJS_WASM = "/bench/node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js";
const WASM_DIR = "/bench/node_modules/@tensorflow/tfjs-backend-wasm/dist/";

function loadScript(src) {
  return new Promise((done, fail) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = done;
    script.onerror = () => fail(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

let loaded;
/** Loads TF.js and its wasm backend once; returns its version. */
export async function setup() {
  loaded ??= (async () => {
    await loadScript(TFJS);
    await loadScript(TFJS_WASM);
    globalThis.tf.wasm.setWasmPaths(WASM_DIR);
  })();
  await loaded;
  return { version: globalThis.tf.version.tfjs };
}

/** Steps per second of the default network on `backend` ("cpu" or "wasm"), timed for about `seconds`. */
export async function measure(backend, seconds, seed = 1) {
  await setup();
  const tf = globalThis.tf;
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} did not start`);
  await tf.ready();
  // 200 points in [−5, 5]², label 1 inside the circle of radius 2.5 (the playground's circle, without noise).
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 10 - 5;
  const rows = 200;
  const batch = 10;
  const xs = [];
  const ys = [];
  for (let i = 0; i < rows; i++) {
    const p = [rand(), rand()];
    xs.push(p);
    ys.push([Math.hypot(p[0], p[1]) < 2.5 ? 1 : 0]);
  }
  const batches = [];
  for (let b = 0; b < rows; b += batch)
    batches.push([tf.tensor2d(xs.slice(b, b + batch)), tf.tensor2d(ys.slice(b, b + batch))]);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: 4, activation: "tanh" }),
      tf.layers.dense({ units: 2, activation: "tanh" }),
      tf.layers.dense({ units: 1, activation: "sigmoid" }),
    ],
  });
  const optimizer = tf.train.sgd(0.03);
  const step = (k) => {
    const [x, y] = batches[k % batches.length];
    tf.tidy(() => optimizer.minimize(() => tf.metrics.binaryCrossentropy(y, model.apply(x)).mean()));
  };
  for (let k = 0; k < 200; k++) step(k); // warm-up: kernels compiled, memory pools grown
  await model.layers[0].getWeights()[0].data();
  let steps = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let k = 0; k < batches.length; k++) step(steps++);
    elapsed = performance.now() - t0;
  }
  await model.layers[0].getWeights()[0].data(); // every step done
  elapsed = performance.now() - t0;
  for (const [x, y] of batches) tf.dispose([x, y]);
  model.dispose();
  optimizer.dispose();
  return { stepsPerSecond: steps / (elapsed / 1000), backend: tf.getBackend() };
}

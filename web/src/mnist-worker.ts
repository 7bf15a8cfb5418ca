/**
 * MNIST in the browser: the notes' 784-H-10 network (sigmoid hidden units, a softmax output with cross-entropy,
 * so that δ⁽ᴸ⁾ = ŷ − y) trained by mini-batch gradient descent in the notes' matrix form (the library's
 * MatrixBackprop) on the WebAssembly backend, in a worker of its own so that the page and the 2-D playground's
 * worker stay responsive. The IDX files are fetched from the server's data root (or handed over by the page),
 * gunzipped by the browser's DecompressionStream with a bound, and parsed by the library's IDX parser.
 */
import {
  Dense,
  getBackend,
  InputError,
  initWasmBackend,
  MatrixBackprop,
  makeOptimizer,
  NDArray,
  noGrad,
  pairIdx,
  parseIdxBytes,
  Random,
  Sequential,
  setBackend,
} from "retroprop";
import type { FromMnist, MnistSettings, ToMnist } from "./mnist-protocol.js";

const post = (m: FromMnist, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

/** MNIST's training images unpacked are 47,040,016 bytes; nothing the page reads is allowed more. */
const MAX_IDX_BYTES = 48 * 2 ** 20;
const BATCH = 10;
/** Rows evaluated at once when testing (the MatrixBackprop's buffers are sized for this many). */
const EVAL_ROWS = 1000;
const SIDE = 28;
const PIXELS = SIDE * SIDE;

let model: Sequential | undefined;

const ready = (async () => {
  try {
    await initWasmBackend();
    setBackend("wasm");
  } catch {
    // The reference backend trains too, more slowly; the 2-D playground's footer already says which it got.
  }
  return getBackend().name;
})();

/** Bytes as IDX content: gunzipped (bounded) when they start with gzip's magic bytes 1f 8b. */
async function unpack(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = new Blob([bytes as BlobPart])
      .stream()
      .pipeThrough(new DecompressionStream("gzip"))
      .getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_IDX_BYTES) {
        await reader.cancel();
        throw new InputError(
          `${name}: decompresses to more than the ${MAX_IDX_BYTES / 2 ** 20} MiB accepted for an IDX file`,
        );
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${name}: corrupt or truncated gzip data`);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function fetchBytes(base: string, path: string): Promise<Uint8Array> {
  const url = new URL(path, base);
  const res = await fetch(url);
  if (!res.ok)
    throw new InputError(
      `${url.pathname}: the server answered ${res.status} (start it with retroprop playground --data-dir DIR, DIR holding mnist/; or pick the files)`,
    );
  return new Uint8Array(await res.arrayBuffer());
}

interface Split {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

async function readPair(images: Uint8Array, labels: Uint8Array, names: [string, string]): Promise<Split> {
  const img = parseIdxBytes(await unpack(images, names[0]), names[0], { dims: 3, maxBytes: MAX_IDX_BYTES });
  const lab = parseIdxBytes(await unpack(labels, names[1]), names[1], { dims: 1, maxBytes: MAX_IDX_BYTES });
  const pair = pairIdx(img, lab, names[0], names[1]);
  if (pair.shape[1] !== SIDE || pair.shape[2] !== SIDE)
    throw new InputError(
      `${names[0]}: images are ${pair.shape[1]}×${pair.shape[2]}, the network takes 28×28`,
    );
  return { images: pair.images, labels: pair.labels, count: pair.shape[0] };
}

const part = (s: Split, from: number, to: number): Split => ({
  images: s.images.subarray(from * PIXELS, to * PIXELS),
  labels: s.labels.subarray(from, to),
  count: to - from,
});

/** Rows of pixels scaled to [0, 1] (the notes: 0 white … 1 black ink) and one-hot targets. */
function fill(s: Split, rows: ArrayLike<number>, X: Float32Array, Y: Float32Array): void {
  Y.fill(0);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    for (let p = 0; p < PIXELS; p++) X[r * PIXELS + p] = s.images[i * PIXELS + p] / 255;
    Y[r * 10 + s.labels[i]] = 1;
  }
}

async function train(trainSet: Split, testSet: Split, settings: MnistSettings): Promise<void> {
  await ready;
  const rng = new Random(settings.seed);
  const net = new Sequential([
    new Dense(PIXELS, settings.hidden, "sigmoid", { rng }),
    new Dense(settings.hidden, 10, "softmax", { rng }),
  ]);
  const bp = new MatrixBackprop(net, EVAL_ROWS);
  const optimizer = makeOptimizer("sgd", { lr: settings.learningRate });
  const X = new Float32Array(EVAL_ROWS * PIXELS);
  const Y = new Float32Array(EVAL_ROWS * 10);
  const n = trainSet.count;
  const total = n * settings.epochs;
  let done = 0;
  let shown = performance.now();
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const order = rng.permutation(n);
    for (let start = 0; start < n; start += BATCH) {
      const rows = order.subarray(start, Math.min(n, start + BATCH));
      fill(trainSet, rows, X, Y);
      bp.forward(X, rows.length);
      bp.backward(Y.subarray(0, rows.length * 10), "cce");
      optimizer.step(bp.parameters());
      done += rows.length;
      if (performance.now() - shown > 100) {
        post({ type: "progress", phase: "training", done, total });
        shown = performance.now();
        // Lets the page's messages (a drawn digit) in between slices.
        await new Promise((r) => setTimeout(r, 0));
      }
    }
  }
  post({ type: "progress", phase: "testing", done: total, total });
  let right = 0;
  for (let start = 0; start < testSet.count; start += EVAL_ROWS) {
    const rows = Array.from({ length: Math.min(EVAL_ROWS, testSet.count - start) }, (_, r) => start + r);
    fill(testSet, rows, X, Y);
    const out = bp.forward(X, rows.length);
    rows.forEach((i, r) => {
      let best = 0;
      for (let k = 1; k < 10; k++) if (out[r * 10 + k] > out[r * 10 + best]) best = k;
      if (best === testSet.labels[i]) right++;
    });
  }
  model = net;
  post({
    type: "trained",
    testAccuracy: right / testSet.count,
    testExamples: testSet.count,
    trainExamples: n,
  });
}

/** The hidden layer's a⁽¹⁾ and the output ŷ for one drawn digit. */
function predict(pixels: Float32Array): void {
  if (!model) return;
  const net = model;
  const [hidden, outputs] = noGrad(() => {
    const a1 = net.layers[0].forward(new NDArray(pixels, [1, PIXELS])).a;
    const y = net.layers[1].forward(a1).a;
    return [(a1.data as Float32Array).slice(), (y.data as Float32Array).slice()];
  });
  post({ type: "prediction", hidden, outputs });
}

self.onmessage = async (event: MessageEvent<ToMnist>) => {
  const m = event.data;
  try {
    if (m.type === "predict") return predict(m.pixels);
    post({ type: "progress", phase: "loading", done: 0, total: 1 });
    if (m.type === "train-server") {
      const [ti, tl, si, sl] = await Promise.all(
        [
          "data/mnist/train-images-idx3-ubyte.gz",
          "data/mnist/train-labels-idx1-ubyte.gz",
          "data/mnist/t10k-images-idx3-ubyte.gz",
          "data/mnist/t10k-labels-idx1-ubyte.gz",
        ].map((p) => fetchBytes(m.base, p)),
      );
      const trainSet = await readPair(ti, tl, ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]);
      const testSet = await readPair(si, sl, ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]);
      await train(part(trainSet, 0, Math.min(m.settings.examples, trainSet.count)), testSet, m.settings);
    } else {
      const all = await readPair(new Uint8Array(m.images), new Uint8Array(m.labels), m.names);
      if (all.count < 2)
        throw new InputError(`${m.names[0]}: needs at least two images (one to train on, one to test)`);
      const cut = Math.max(1, all.count - Math.max(1, Math.floor(all.count / 6)));
      await train(part(all, 0, Math.min(m.settings.examples, cut)), part(all, cut, all.count), m.settings);
    }
  } catch (e) {
    post({ type: "error", message: e instanceof Error ? e.message : String(e) });
  }
};

/**
 * Runs in Chromium (loaded by wasm-browser.test.ts through a small static server): the browser build's
 * WebAssembly backend, checked inside the page against independent arithmetic, and summarised as plain JSON
 * for the Node side to assert on. Not a test file itself (the runner only picks up *.test.js).
 */
import * as lib from "../../src/browser.js";

export interface BrowserReport {
  crossOriginIsolated: boolean;
  name: string;
  threads: number;
  relaxedSimd: boolean;
  /** Largest |wasm − float64 triple loop| / tolerance over the GEMM cases (≤ 1 passes). */
  gemmWorst: number;
  gemmCases: number;
  /** Whether a GEMM split over threads equals the one-thread result bit for bit (null: one thread only). */
  threadedBitwise: boolean | null;
  /** Chunks of split GEMMs the Web Workers ran. */
  workerChunks: number;
  /** XOR predictions of a 2-4-1 network trained on the backend, selected through the registry. */
  xor: number[];
  registryName: string;
  /** Largest weight difference after training the same 64-32-10 network on this backend and the reference. */
  trainMaxDiff: number;
  trainLoss: number[];
  /** Messages of the loader's errors for a missing folder and (outside isolation) for threads: 2. */
  badUrlError: string;
  threadsError: string | null;
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [5, 7, 3],
  [37, 19, 70],
  [64, 130, 200],
];

function naiveGemm(
  tA: boolean,
  tB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[tA ? p * m + i : i * k + p] * b[tB ? j * k + p : p * n + j];
      c[i * n + j] = s;
    }
  return c;
}

function filled(n: number, rng: lib.Random): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.uniform(-1, 1);
  return x;
}

function dataset(rng: lib.Random): { x: lib.NDArray; y: lib.NDArray } {
  const n = 256;
  const x = new Float32Array(n * 64);
  const y = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) {
    const label = i % 10;
    y[i * 10 + label] = 1;
    for (let j = 0; j < 64; j++) x[i * 64 + j] = rng.normal(j % 10 === label ? 1 : 0, 0.5);
  }
  return { x: new lib.NDArray(x, [n, 64]), y: new lib.NDArray(y, [n, 10]) };
}

async function trainSmall(backend: lib.Backend): Promise<{ weights: Float32Array[]; loss: number }> {
  lib.setBackend(backend);
  const model = lib.Sequential.fromSizes({
    sizes: [64, 32, 10],
    activation: "relu",
    output: "softmax",
    rng: new lib.Random(3),
  });
  const { x, y } = dataset(new lib.Random(4));
  const result = await lib.fit(model, x, y, {
    loss: "cce",
    optimizer: lib.makeOptimizer("sgd", { lr: 0.1 }),
    epochs: 3,
    batchSize: 16,
    rng: new lib.Random(5),
  });
  const weights = model.layers.flatMap((layer) => [
    Float32Array.from(layer.weight.data),
    Float32Array.from(layer.bias.data),
  ]);
  return { weights, loss: result.history[result.history.length - 1].loss };
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "(no error)";
  } catch (err) {
    return `${(err as Error).name}: ${(err as Error).message}`;
  }
}

export async function checkWasmInBrowser(options: {
  memory?: "shared" | "unshared";
}): Promise<BrowserReport> {
  const isolated = (globalThis as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const reference = new lib.ReferenceBackend();
  // splitFlops 1: every GEMM is split across the threads the page allows.
  const backend = await lib.loadWasmBackend({ memory: options.memory, memoryMiB: 64, splitFlops: 1 });

  const rng = new lib.Random(7);
  let gemmWorst = 0;
  let gemmCases = 0;
  for (const [m, n, k] of SHAPES)
    for (const tA of [false, true])
      for (const tB of [false, true]) {
        const a = filled(m * k, rng);
        const b = filled(k * n, rng);
        const c = new Float32Array(m * n);
        backend.gemm(tA, tB, m, n, k, 1, a, b, 0, c);
        const expected = naiveGemm(tA, tB, m, n, k, a, b);
        const tolerance = 8e-6 * Math.sqrt(k);
        for (let i = 0; i < c.length; i++)
          gemmWorst = Math.max(gemmWorst, Math.abs(c[i] - expected[i]) / tolerance);
        gemmCases++;
      }

  let threadedBitwise: boolean | null = null;
  if (backend.threads > 1) {
    const single = await lib.loadWasmBackend({ memory: options.memory, memoryMiB: 64, threads: 1 });
    threadedBitwise = true;
    const [m, n, k] = [128, 800, 784];
    for (const tA of [false, true])
      for (const tB of [false, true]) {
        const a = filled(m * k, rng);
        const b = filled(k * n, rng);
        const c1 = new Float32Array(m * n);
        const c2 = new Float32Array(m * n);
        single.gemm(tA, tB, m, n, k, 1, a, b, 0, c1);
        backend.gemm(tA, tB, m, n, k, 1, a, b, 0, c2);
        for (let i = 0; i < c1.length; i++) if (c1[i] !== c2[i]) threadedBitwise = false;
      }
    // Workers that spin up late may have left every chunk so far to this thread: give them more work.
    const [a, b, c] = [filled(m * k, rng), filled(k * n, rng), new Float32Array(m * n)];
    for (let round = 0; round < 200 && backend.workerChunks === 0; round++)
      backend.gemm(false, true, m, n, k, 1, a, b, 0, c);
    await single.close();
  }

  // The registry path a user takes: initWasmBackend, then setBackend("wasm").
  await lib.initWasmBackend({ memory: options.memory, memoryMiB: 64 });
  lib.setBackend("wasm");
  const registryName = lib.getBackend().name;
  const xorX = lib.NDArray.from([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]);
  const xorModel = lib.Sequential.fromSizes({
    sizes: [2, 4, 1],
    activation: "tanh",
    output: "sigmoid",
    rng: new lib.Random(1),
  });
  await lib.fit(xorModel, xorX, lib.NDArray.from([[0], [1], [1], [0]]), {
    loss: "mse",
    optimizer: lib.makeOptimizer("adam", { lr: 0.05 }),
    epochs: 600,
    batchSize: "full",
  });
  const xor = Array.from(lib.predict(xorModel, xorX).data, (v) => (v > 0.5 ? 1 : 0));

  const onWasm = await trainSmall(backend);
  const onReference = await trainSmall(reference);
  let trainMaxDiff = 0;
  onWasm.weights.forEach((w, i) => {
    for (let j = 0; j < w.length; j++)
      trainMaxDiff = Math.max(trainMaxDiff, Math.abs(w[j] - onReference.weights[i][j]));
  });

  const badUrlError = await errorOf(lib.loadWasmBackend({ wasmUrl: "/no-such-folder/", memoryMiB: 16 }));
  const threadsError = isolated ? null : await errorOf(lib.loadWasmBackend({ threads: 2, memoryMiB: 16 }));
  await backend.close();
  return {
    crossOriginIsolated: isolated,
    name: backend.name,
    threads: backend.threads,
    relaxedSimd: backend.relaxedSimd,
    gemmWorst,
    gemmCases,
    threadedBitwise,
    workerChunks: backend.workerChunks,
    xor,
    registryName,
    trainMaxDiff,
    trainLoss: [onWasm.loss, onReference.loss],
    badUrlError,
    threadsError,
  };
}

/**
 * XOR on the WebAssembly backend, the documented way (docs/backends.md, "In the browser"): `initWasmBackend()`
 * fetches and compiles the kernels (Vite emits the .wasm files as assets) and starts the GEMM threads when the
 * page is cross-origin isolated; `setBackend("wasm")` makes everything after it run there. The same code runs in
 * the page (main.ts) and in a Web Worker (train.worker.ts).
 */
import {
  fit,
  getBackend,
  initWasmBackend,
  makeOptimizer,
  NDArray,
  predict,
  Random,
  Sequential,
  setBackend,
} from "retroprop";

export interface XorResult {
  backend: string;
  threads: number;
  isolated: boolean;
  loss: number;
  outputs: number[];
}

export async function trainXor(): Promise<XorResult> {
  const wasm = await initWasmBackend();
  setBackend("wasm");
  const x = NDArray.from([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]);
  const y = NDArray.from([[0], [1], [1], [0]]);
  const model = Sequential.fromSizes({
    sizes: [2, 2, 1],
    activation: "sigmoid",
    output: "sigmoid",
    rng: new Random(1),
  });
  const { history } = await fit(model, x, y, {
    loss: "mse",
    optimizer: makeOptimizer("sgd", { lr: 2 }),
    epochs: 5000,
    batchSize: "full",
  });
  return {
    backend: getBackend().name,
    threads: wasm.threads,
    isolated: globalThis.crossOriginIsolated === true,
    loss: history[history.length - 1].loss,
    outputs: predict(model, x)
      .toArray(2)
      .map(([o]) => o),
  };
}

/** Writes a result into the page: a sentence, and the numbers as JSON. */
export function show(result: XorResult, where: string): void {
  const status = document.getElementById("status");
  const pre = document.getElementById("result");
  if (status) {
    status.textContent = `${where}: backend ${result.backend}, ${result.threads} thread(s), final loss ${result.loss.toFixed(5)}`;
  }
  if (pre) pre.textContent = JSON.stringify(result, null, 2);
}

/** Shows an error instead of a result. */
export function showError(message: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = `error: ${message}`;
}

/**
 * A GEMM worker in a browser (a module Web Worker started by browser-pool.ts): instantiates the kernels on
 * the shared memory it is sent and serves jobs. Dedicated workers may sleep in Atomics.wait.
 */
import { type Kernels, type WasmMemory, type WasmModule, wasmApi } from "./codes.js";
import { serveGemmJobs } from "./pool-core.js";

interface StartMessage {
  module: WasmModule;
  memory: WasmMemory;
  control: SharedArrayBuffer;
  scratch: number;
  spin: number;
}

interface WorkerScope {
  onmessage: ((event: { data: StartMessage }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  scope.onmessage = null;
  const { module, memory, control, scratch, spin } = event.data;
  const kernels = new wasmApi.Instance(module, { env: { memory } }).exports as unknown as Kernels;
  scope.postMessage("ready");
  serveGemmJobs(kernels, control, scratch, spin);
};

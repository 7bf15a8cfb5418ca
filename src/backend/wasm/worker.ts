/** A GEMM worker on Node's worker_threads: instantiates the kernels on the shared memory and serves jobs. */
import { parentPort, workerData } from "node:worker_threads";
import { type Kernels, type WasmMemory, type WasmModule, wasmApi } from "./codes.js";
import { serveGemmJobs } from "./pool-core.js";

interface WorkerData {
  module: WasmModule;
  memory: WasmMemory;
  control: SharedArrayBuffer;
  scratch: number;
  spin: number;
}

const { module, memory, control, scratch, spin } = workerData as WorkerData;
const kernels = new wasmApi.Instance(module, { env: { memory } }).exports as unknown as Kernels;
parentPort?.postMessage("ready");
serveGemmJobs(kernels, control, scratch, spin);

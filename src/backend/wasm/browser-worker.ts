/**
 * A GEMM worker in a browser (a module Web Worker started by browser-pool.ts), started by its first message.
 * Dedicated workers may sleep in Atomics.wait.
 */
import { type GemmWorkerStart, runGemmWorker } from "./pool-core.js";

interface WorkerScope {
  onmessage: ((event: { data: GemmWorkerStart }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  scope.onmessage = null;
  runGemmWorker(event.data, () => scope.postMessage("ready"));
};

/**
 * Runs as a module Web Worker started by wasm-browser.test.ts's page: the wasm backend loaded inside a worker,
 * where docs/backends.md recommends training (its GEMM workers are then nested workers, and the waits may
 * sleep). Imports the backend modules directly: import maps do not reach workers, and they need none.
 */
import { loadWasmBackend } from "../../src/backend/wasm/browser-loader.js";
import { Random } from "../../src/tensor/random.js";

export interface WorkerReport {
  threads: number;
  /** A split 128×800×784 GEMM equals the one-thread result bit for bit. */
  bitwise: boolean;
  workerChunks: number;
  error?: string;
}

interface WorkerScope {
  onmessage: (() => void) | null;
  postMessage(message: unknown): void;
}
const scope = globalThis as unknown as WorkerScope;

async function check(): Promise<WorkerReport> {
  const threaded = await loadWasmBackend({ memoryMiB: 64, splitFlops: 1 });
  const single = await loadWasmBackend({ memoryMiB: 64, threads: 1 });
  const rng = new Random(9);
  const [m, n, k] = [128, 800, 784];
  const a = Float32Array.from({ length: m * k }, () => rng.uniform(-1, 1));
  const b = Float32Array.from({ length: k * n }, () => rng.uniform(-1, 1));
  const c1 = new Float32Array(m * n);
  const c2 = new Float32Array(m * n);
  single.gemm(false, true, m, n, k, 1, a, b, 0, c1);
  let bitwise = true;
  for (let round = 0; round < 200 && (round === 0 || threaded.workerChunks === 0); round++) {
    threaded.gemm(false, true, m, n, k, 1, a, b, 0, c2);
    for (let i = 0; i < c1.length; i++) if (c1[i] !== c2[i]) bitwise = false;
  }
  const report = { threads: threaded.threads, bitwise, workerChunks: threaded.workerChunks };
  await threaded.close();
  return report;
}

scope.onmessage = () => {
  check().then(
    (report) => scope.postMessage(report),
    (err: Error) =>
      scope.postMessage({
        threads: 0,
        bitwise: false,
        workerChunks: 0,
        error: `${err.name}: ${err.message}`,
      }),
  );
};

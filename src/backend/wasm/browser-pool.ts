import { RetropropError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import type { WasmMemory, WasmModule } from "./codes.js";
import { GemmPool, type GemmWorkerStart } from "./pool-core.js";

/** The few members of a browser's Worker used here (the project compiles without the DOM library). */
interface BrowserWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: "message" | "error", listener: (event: { message?: string }) => void): void;
}
type WorkerConstructor = new (url: URL, options: { type: "module"; name?: string }) => BrowserWorker;

/**
 * A GemmPool on Web Workers: `count` module workers (browser-worker.ts) sharing the module and the memory.
 * Needs a cross-origin-isolated page: only there can a shared memory be posted to a worker. `canBlock`: whether
 * the calling thread may sleep in Atomics.wait (a worker may, a page's main thread may not).
 */
export function startBrowserPool(
  module: WasmModule,
  memory: WasmMemory,
  count: number,
  scratch: readonly number[],
  canBlock: boolean,
): GemmPool {
  const Worker = (globalThis as unknown as { Worker: WorkerConstructor }).Worker;
  const control = GemmPool.newControl();
  const workers: BrowserWorker[] = [];
  const started: Promise<void>[] = [];
  for (let w = 1; w <= count; w++) {
    // Written as one expression so that bundlers (Vite, webpack 5, esbuild) find and emit the worker file.
    const worker = new Worker(new URL("./browser-worker.js", import.meta.url), {
      type: "module",
      name: `retroprop-gemm-${w}`,
    });
    started.push(
      new Promise<void>((resolve, reject) => {
        worker.addEventListener("message", () => resolve());
        worker.addEventListener("error", (event) =>
          reject(localizedError(RetropropError, "workerFailed", event.message ?? null)),
        );
      }),
    );
    worker.postMessage({
      module,
      memory,
      control: control.sab,
      scratch: scratch[w],
    } satisfies GemmWorkerStart);
    workers.push(worker);
  }
  const ready = Promise.all(started).then(() => undefined);
  const stop = async (): Promise<void> => {
    for (const worker of workers) worker.terminate();
  };
  return new GemmPool(control, scratch, canBlock, ready, stop);
}

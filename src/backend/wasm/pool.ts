import { Worker } from "node:worker_threads";
import type { WasmMemory, WasmModule } from "./codes.js";
import { GemmPool, type GemmWorkerStart } from "./pool-core.js";

/** A GemmPool on Node's worker_threads: `count` workers (worker.ts), with scratch[1..count]. */
export function startNodePool(
  module: WasmModule,
  memory: WasmMemory,
  count: number,
  scratch: readonly number[],
): GemmPool {
  const control = GemmPool.newControl();
  const url = new URL("./worker.js", import.meta.url);
  const workers: Worker[] = [];
  const started: Promise<void>[] = [];
  for (let w = 1; w <= count; w++) {
    // execArgv: [] so that flags such as --import (a test setup) do not run again in the worker.
    const worker = new Worker(url, {
      execArgv: [],
      workerData: { module, memory, control: control.sab, scratch: scratch[w] } satisfies GemmWorkerStart,
    });
    // An idle worker never keeps the process alive.
    worker.unref();
    started.push(
      new Promise<void>((resolve, reject) => {
        worker.once("message", () => resolve());
        worker.once("error", reject);
      }),
    );
    workers.push(worker);
  }
  const ready = Promise.all(started).then(() => undefined);
  const stop = async (): Promise<void> => {
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return new GemmPool(control, scratch, true, ready, stop);
}

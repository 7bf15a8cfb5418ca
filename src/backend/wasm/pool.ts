import { Worker } from "node:worker_threads";
import type { WasmMemory, WasmModule } from "./codes.js";
import { GemmPool } from "./pool-core.js";

/** A GemmPool on Node's worker_threads: `count` workers (worker.ts), with scratch[1..count]. */
export function startNodePool(
  module: WasmModule,
  memory: WasmMemory,
  count: number,
  scratch: readonly number[],
  spin = 50_000,
): GemmPool {
  const pool = new GemmPool(scratch, true);
  const url = new URL("./worker.js", import.meta.url);
  const workers: Worker[] = [];
  const ready: Promise<void>[] = [];
  for (let w = 1; w <= count; w++) {
    // execArgv: [] so that flags such as --import (a test setup) do not run again in the worker.
    const worker = new Worker(url, {
      execArgv: [],
      workerData: { module, memory, control: pool.control.sab, scratch: scratch[w], spin },
    });
    // An idle worker never keeps the process alive.
    worker.unref();
    ready.push(
      new Promise<void>((resolve, reject) => {
        worker.once("message", () => resolve());
        worker.once("error", reject);
      }),
    );
    workers.push(worker);
  }
  pool.attach(
    Promise.all(ready).then(() => undefined),
    async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  );
  return pool;
}

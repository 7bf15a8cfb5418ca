import { Worker } from "node:worker_threads";
import type { Kernels, WasmMemory, WasmModule } from "./codes.js";
import { CONTROL_BYTES, Control, type GemmJob } from "./job.js";

export type { GemmJob } from "./job.js";

/**
 * Worker threads that share the module and the memory, and run chunks of split GEMMs with the main thread.
 */
export class WorkerPool {
  private readonly control = new Control(new SharedArrayBuffer(CONTROL_BYTES));
  private readonly workers: Worker[] = [];
  private readonly readyPromise: Promise<void>;

  /** scratch[w] is worker w's packing scratch (w = 1..count; 0 is the main thread's). */
  constructor(
    module: WasmModule,
    memory: WasmMemory,
    count: number,
    private readonly scratch: readonly number[],
    spin = 50_000,
  ) {
    const url = new URL("./worker.js", import.meta.url);
    const ready: Promise<void>[] = [];
    for (let w = 1; w <= count; w++) {
      // execArgv: [] so that flags such as --import (a test setup) do not run again in the worker.
      const worker = new Worker(url, {
        execArgv: [],
        workerData: { module, memory, control: this.control.sab, scratch: scratch[w], spin },
      });
      worker.unref();
      ready.push(
        new Promise<void>((resolve, reject) => {
          worker.once("message", () => resolve());
          worker.once("error", reject);
        }),
      );
      this.workers.push(worker);
    }
    this.readyPromise = Promise.all(ready).then(() => undefined);
  }

  /** Resolves when every worker has instantiated the module. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Runs a job cut into `chunks` pieces on the calling thread and whichever workers claim pieces. */
  run(kernels: Kernels, job: GemmJob, byRows: boolean, units: number, chunks: number): void {
    const control = this.control;
    control.publish(job, byRows, units, chunks);
    for (;;) {
      const c = control.claim();
      if (c < 0) break;
      control.run(kernels, c, this.scratch[0]);
    }
    control.waitAll(chunks);
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

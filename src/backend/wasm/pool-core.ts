import { instantiateKernels, type Kernels, type WasmMemory, type WasmModule } from "./codes.js";
import { CONTROL_BYTES, Control, type GemmJob, WAKE, WORKER_CHUNKS } from "./job.js";

export type { GemmJob } from "./job.js";

/**
 * Threads that share the module and the memory and run chunks of split GEMMs with the calling thread. The
 * threads themselves (Node's worker_threads or a browser's Web Workers) are started by pool.ts and
 * browser-pool.ts; this part is the same for both.
 */
export class GemmPool {
  /**
   * `control`: the block the threads were started with; scratch[w] is thread w's packing scratch (0: the
   * calling thread); `canBlock`: whether the calling thread may sleep in Atomics.wait (not a browser's main
   * thread); `readyPromise` resolves when every thread runs; `stopThreads` ends them.
   */
  constructor(
    readonly control: Control,
    private readonly scratch: readonly number[],
    private readonly canBlock: boolean,
    private readonly readyPromise: Promise<void>,
    private readonly stopThreads: () => Promise<void>,
  ) {}

  /** A fresh control block for a pool's threads to be started with. */
  static newControl(): Control {
    return new Control(new SharedArrayBuffer(CONTROL_BYTES));
  }

  /** Chunks of split GEMMs that worker threads (not the calling one) have run. */
  get workerChunks(): number {
    return Atomics.load(this.control.i32, WORKER_CHUNKS);
  }

  /** Resolves when every thread has instantiated the module. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Runs a job cut into `chunks` pieces on the calling thread and whichever threads claim pieces. */
  run(kernels: Kernels, job: GemmJob, byRows: boolean, units: number, chunks: number): void {
    const control = this.control;
    control.publish(job, byRows, units, chunks);
    for (;;) {
      const c = control.claim();
      if (c < 0) break;
      control.run(kernels, c, this.scratch[0]);
    }
    control.waitAll(chunks, this.canBlock);
  }

  async terminate(): Promise<void> {
    await this.stopThreads();
  }
}

/** What a GEMM worker is started with: Node's workerData, or a browser worker's first message. */
export interface GemmWorkerStart {
  module: WasmModule;
  memory: WasmMemory;
  /** The pool's control block. */
  control: SharedArrayBuffer;
  /** This worker's packing scratch (a byte offset into the memory). */
  scratch: number;
}

/** Spins a worker makes after a job before it sleeps: waking a sleeping thread costs ~17 µs. */
const SPIN = 50_000;

/**
 * A worker thread's life: instantiate the kernels on the shared memory, say so, then claim and run chunks of
 * each job the calling thread publishes; after each job spin a while, then sleep in Atomics.wait until the next.
 */
export function runGemmWorker(start: GemmWorkerStart, signalReady: () => void): never {
  const kernels = instantiateKernels(start.module, start.memory);
  signalReady();
  const control = new Control(start.control);
  const i32 = control.i32;
  let seen = Atomics.load(i32, WAKE);
  for (;;) {
    for (;;) {
      const c = control.claim();
      if (c < 0) break;
      // Counted before it runs, so the count is complete when the calling thread sees the job finished.
      Atomics.add(i32, WORKER_CHUNKS, 1);
      control.run(kernels, c, start.scratch);
    }
    let wake = Atomics.load(i32, WAKE);
    let spins = 0;
    while (wake === seen) {
      if (++spins > SPIN) {
        Atomics.wait(i32, WAKE, seen);
        spins = 0;
      }
      wake = Atomics.load(i32, WAKE);
    }
    seen = wake;
  }
}

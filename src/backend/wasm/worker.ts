/**
 * A GEMM worker: instantiates the kernels on the shared memory and claims chunks of the jobs the main
 * thread publishes (see job.ts). After each job it spins a while (waking a sleeping thread costs ~17 µs),
 * then sleeps in Atomics.wait. The pool unrefs it, so an idle worker never keeps the process alive.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type Kernels, type WasmMemory, type WasmModule, wasmApi } from "./codes.js";
import { Control, WAKE } from "./job.js";

interface WorkerData {
  module: WasmModule;
  memory: WasmMemory;
  control: SharedArrayBuffer;
  scratch: number;
  spin: number;
}

const { module, memory, control: sab, scratch, spin } = workerData as WorkerData;
const kernels = new wasmApi.Instance(module, { env: { memory } }).exports as unknown as Kernels;
const control = new Control(sab);
const i32 = control.i32;
parentPort?.postMessage("ready");

let seen = Atomics.load(i32, WAKE);
for (;;) {
  for (;;) {
    const c = control.claim();
    if (c < 0) break;
    control.run(kernels, c, scratch);
  }
  let wake = Atomics.load(i32, WAKE);
  let spins = 0;
  while (wake === seen) {
    if (++spins > spin) {
      Atomics.wait(i32, WAKE, seen);
      spins = 0;
    }
    wake = Atomics.load(i32, WAKE);
  }
  seen = wake;
}

/** A GEMM worker on Node's worker_threads (started by pool.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { type GemmWorkerStart, runGemmWorker } from "./pool-core.js";

runGemmWorker(workerData as GemmWorkerStart, () => parentPort?.postMessage("ready"));

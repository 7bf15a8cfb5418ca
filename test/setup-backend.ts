/**
 * Test setup: `node --test --import ./dist/test/setup-backend.js` runs every test file on the backend named
 * by RETROPROP_BACKEND (reference when unset). package.json's test script runs the suite once per backend.
 */
import { appendFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";
import { initBlasBackend } from "../src/backend/blas/loader.js";
import { setBackend } from "../src/backend/registry.js";
import { initWasmBackend } from "../src/backend/wasm/index.js";

const name = process.env.RETROPROP_BACKEND;
if (!isMainThread) {
  // worker threads (the GEMM pool) compute what the main thread's backend gives them
} else if (name === "wasm") {
  // A modest memory per test process; threads as on the machine (RETROPROP_THREADS overrides).
  await initWasmBackend({ memoryMiB: 256 });
  setBackend("wasm");
} else if (name === "blas") {
  // Every product goes to the BLAS library (minFlops 0), not only the large ones, so that the whole suite
  // exercises it. Without koffi or a library, setBackend("blas") says so once and runs on wasm.
  await initWasmBackend({ memoryMiB: 256 });
  try {
    await initBlasBackend({ memoryMiB: 256, minFlops: 0 });
  } catch {
    // reported by setBackend("blas") below
  }
  setBackend("blas");
} else if (name === undefined || name === "" || name === "reference") {
  // Explicitly: importing src/backend/wasm/select.ts would otherwise make the fast backend the default.
  setBackend("reference");
} else {
  throw new Error(`RETROPROP_BACKEND=${name}: expected "reference", "wasm" or "blas"`);
}

// RETROPROP_TEST_TIMES=FILE appends each test file's wall time (seconds) to FILE: how the suite's time is
// spent, to keep it well under CI's budget (node's runner reports tests, not files).
const times = process.env.RETROPROP_TEST_TIMES;
if (times && isMainThread) {
  process.on("exit", () => {
    appendFileSync(times, `${process.argv[1]}\t${name ?? "reference"}\t${process.uptime().toFixed(2)}\n`);
  });
}

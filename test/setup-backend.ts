/**
 * Test setup: `node --test --import ./dist/test/setup-backend.js` runs every test file on the backend named
 * by RETROPROP_BACKEND (reference when unset). package.json's test script runs the suite once per backend.
 */
import { isMainThread } from "node:worker_threads";
import { setBackend } from "../src/backend/registry.js";
import { initWasmBackend } from "../src/backend/wasm/index.js";

const name = process.env.RETROPROP_BACKEND;
if (name === "wasm" && isMainThread) {
  // A modest memory per test process; threads as on the machine (RETROPROP_THREADS overrides).
  await initWasmBackend({ memoryMiB: 256 });
  setBackend("wasm");
} else if (name !== undefined && name !== "" && name !== "reference") {
  throw new Error(`RETROPROP_BACKEND=${name}: expected "reference" or "wasm"`);
}

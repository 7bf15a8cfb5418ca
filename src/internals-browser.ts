/**
 * `"retroprop/internals"` in a bundle (the "browser" condition): every portable name the layers export, and the
 * browser's WebAssembly loader. What the playground imports beyond the curated API. test/architecture/
 * browser-entry.test.ts checks that nothing reachable from here imports a Node module.
 */
export type { WasmOptions } from "./backend/wasm/assemble.js";
export {
  type BrowserWasmOptions,
  initWasmBackend,
  loadWasmBackend,
  ready,
} from "./backend/wasm/browser-loader.js";
export { WasmBackend } from "./backend/wasm/wasm-backend.js";
export * from "./internals-portable.js";

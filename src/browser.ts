/**
 * retroprop for the browser: what bundlers load for `import … from "retroprop"` (package.json's "browser"
 * export condition). Everything that runs anywhere (portable.ts), and the WebAssembly backend loaded with fetch
 * and threaded with Web Workers on cross-origin-isolated pages (backend/wasm/browser-loader.ts):
 * `await initWasmBackend(); setBackend("wasm")`, as in Node.
 *
 * Not here: model files on disk, datasets read from files, and expression parsing (it loads mathjs through
 * require). test/architecture/browser-entry.test.ts checks that nothing reachable from here imports a Node
 * module, and test/backend/wasm-browser.test.ts runs the backend in Chromium.
 */

export type { WasmOptions } from "./backend/wasm/assemble.js";
export {
  type BrowserWasmOptions,
  initWasmBackend,
  loadWasmBackend,
  ready,
} from "./backend/wasm/browser-loader.js";
export type { WasmMemory } from "./backend/wasm/codes.js";
export { WasmBackend } from "./backend/wasm/wasm-backend.js";
export * from "./portable.js";

/**
 * `@retroprop/core` for the browser: what bundlers load for `import … from "@retroprop/core"` (its package.json's
 * "browser" export condition), and the base of browser.ts, `"retroprop"`'s. Everything that runs anywhere
 * (portable.ts), and the WebAssembly backend loaded with fetch and threaded with Web Workers on
 * cross-origin-isolated pages (backend/wasm/browser-loader.ts): `await initWasmBackend(); setBackend("wasm")`,
 * as in Node. Not here: model files on disk, datasets read from files (they need Node).
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

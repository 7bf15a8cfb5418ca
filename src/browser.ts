/**
 * retroprop for the browser: what bundlers load for `import … from "retroprop"` (package.json's "browser"
 * export condition). `@retroprop/core`'s browser build (core-browser.ts: everything that runs anywhere and the
 * WebAssembly backend loaded with fetch, threaded with Web Workers on cross-origin-isolated pages), plus graph
 * pictures and KaTeX pages (portable-full.ts).
 *
 * Not here: model files on disk, datasets read from files, and expression parsing (it loads mathjs through
 * require). test/architecture/browser-entry.test.ts checks that nothing reachable from here imports a Node
 * module, and test/backend/wasm-browser.test.ts runs the backend in Chromium.
 */

export * from "./core-browser.js";
export * from "./portable-full.js";

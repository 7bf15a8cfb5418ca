/**
 * `"retroprop/internals"` in a bundle (the "browser" condition): every portable name the layers export, and the
 * browser's WebAssembly loader (browser.ts). What the playground's kind of code imports beyond the curated API.
 * test/architecture/browser-entry.test.ts checks that nothing reachable from here imports a Node module.
 */
export * from "./browser.js";
export * from "./internals-portable.js";

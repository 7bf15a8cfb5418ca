/**
 * `"retroprop/internals"` in Node: every name the layers export (internals-portable.ts), plus what needs Node —
 * the BLAS and WebAssembly loaders, datasets read from files, model files on disk, expression parsing. The
 * curated, documented API is `"retroprop"` (index.ts); this entry is for the CLI's kind of code and may change
 * between minor versions.
 */
export * from "./backend/blas/index.js";
export * from "./backend/wasm/index.js";
export * from "./data/index.js";
export * from "./explain/index.js";
export * from "./internals-portable.js";
export * from "./nn/model-file.js";
// ONNX: pure, but onnx-proto is CommonJS, which bundlers take and a browser's import map does not.
export * from "./nn/onnx.js";
// Checkpoint folders on disk (importing the module lets fit open `checkpoint.dir`).
export * from "./train/checkpoint-file.js";

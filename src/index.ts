/**
 * retroprop: neural networks trained by backpropagation. The public API, layer by layer: what runs anywhere
 * (portable.ts), plus what needs Node — the WebAssembly backend, datasets read from files, model files on disk,
 * and expression parsing. Figures and the experiments, which load the Vega renderer, have their own entry
 * points: `retroprop/viz` and `retroprop/experiments`.
 */
export * from "./backend/blas/index.js";
export * from "./backend/wasm/index.js";
export * from "./data/index.js";
export * from "./explain/index.js";
export * from "./nn/model-file.js";
// ONNX: pure, but onnx-proto is CommonJS, which bundlers take and a browser's import map does not.
export * from "./nn/onnx.js";
export * from "./portable.js";
export * from "./train/checkpoint-file.js";

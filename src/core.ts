/**
 * `@retroprop/core` in Node: the curated public API (portable.ts) plus what needs Node — the backend chosen where
 * the library loads (WebAssembly SIMD, or BLAS where faster) and `ready()`, datasets read from files, model files
 * on disk, ONNX and checkpoint folders. Nothing reachable from here imports the CLI's, the figures' or the
 * derivations' packages (test/architecture/core-package.test.ts walks the graph); index.ts, `"retroprop"` in
 * Node, is this plus expressions, graph pictures and KaTeX pages.
 */

// Backends in Node (docs/backends.md): the automatic choice, and each backend loaded or created explicitly.
export {
  BlasBackend,
  type BlasLibrary,
  type BlasOptions,
  blasUnavailableReason,
  createBlasBackend,
  initBlasBackend,
} from "./backend/blas/index.js";
export type { WasmMemory } from "./backend/wasm/codes.js";
export {
  chooseDefaultBackend,
  createWasmBackend,
  initWasmBackend,
  initWasmBackendSync,
  ready,
  selectDefaultBackend,
  WasmBackend,
  type WasmOptions,
} from "./backend/wasm/index.js";
export { type LoadDatasetOptions, loadDataset } from "./data/load.js";
export { exportModel, loadModel, type ModelFileFormat, saveModel } from "./nn/model-file.js";
export { modelFromOnnx, modelToOnnx, type OnnxExportOptions } from "./nn/onnx.js";
// ONNX: pure, but onnx-proto is CommonJS, which bundlers take and a browser's import map does not.
export type { LoadModelOptions, SaveModelOptions } from "./nn/serialize.js";
export * from "./portable.js";
// Checkpoint folders on disk; importing the module lets fit open `checkpoint.dir`.
export { CheckpointFolder } from "./train/checkpoint-file.js";

/**
 * retroprop: neural networks trained by backpropagation. The curated public API (portable.ts), plus what needs
 * Node: the backend chosen where the library loads (WebAssembly SIMD, or BLAS where faster) and `ready()`,
 * datasets read from files, model files on disk, and ONNX. Figures and the experiments, which load the Vega
 * renderer, have their own entry points (`retroprop/viz`, `retroprop/experiments`); every other name the layers
 * export is in `retroprop/internals`.
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
// Expressions as graphs and their derivations (mathjs parses them, loaded through require) — docs/engine.md,
// docs/explain.md.
export {
  buildExpression,
  type DeriveDerivation,
  type DeriveOptions,
  type DeriveQuantities,
  deriveExpression,
  ExpressionError,
  type ExpressionErrorKind,
  type ExpressionGraph,
  type ExpressionResult,
  evaluateExpression,
  katexStylesheet,
  type ParsedExpression,
  parseExpression,
} from "./explain/index.js";
export { exportModel, loadModel, type ModelFileFormat, saveModel } from "./nn/model-file.js";
export { modelFromOnnx, modelToOnnx, type OnnxExportOptions } from "./nn/onnx.js";
// ONNX: pure, but onnx-proto is CommonJS, which bundlers take and a browser's import map does not.
export type { LoadModelOptions, SaveModelOptions } from "./nn/serialize.js";
export * from "./portable.js";
// Checkpoint folders on disk; importing the module lets fit open `checkpoint.dir`.
export { CheckpointFolder, readCheckpointFolder } from "./train/checkpoint-file.js";

/**
 * retroprop: neural networks trained by backpropagation. The public API, layer by layer.
 * Figures and the experiments, which load the Vega renderer, have their own entry points:
 * `retroprop/viz` and `retroprop/experiments`.
 */
export * from "./autograd/index.js";
export * from "./backend/index.js";
export * from "./backend/wasm/index.js";
export * from "./classic/index.js";
export * from "./data/index.js";
export * from "./explain/index.js";
export * from "./nn/index.js";
export * from "./optim/index.js";
export {
  type DType,
  type FloatArray,
  NDArray,
  type NestedArray,
  Random,
  type Shape,
  ShapeError,
} from "./tensor/index.js";
export * from "./train/index.js";
export * from "./util/errors.js";

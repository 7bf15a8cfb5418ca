/** Every differentiable operation, each with its forward and backward defined together in ops/. */
export * from "./ops/compare.js";
export * from "./ops/elementwise.js";
export * from "./ops/matrix.js";
export * from "./ops/reduce.js";
export * from "./ops/shape.js";
export * from "./ops/softmax.js";

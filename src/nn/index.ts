export * from "./activations.js";
export * from "./buffers.js";
export * from "./dense.js";
export * from "./init.js";
export * from "./losses.js";
export * from "./matrix-backprop.js";
export * from "./sequential.js";
export * from "./serialize.js";

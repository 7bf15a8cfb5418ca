export * from "./grad-check.js";
export * from "./grad-mode.js";
export * from "./ops.js";
export * from "./tensor.js";

export * from "./callbacks.js";
export * from "./fit.js";
export * from "./metrics.js";

export * from "./dtype.js";
export * from "./ndarray.js";
export * from "./random.js";
export * from "./shape.js";

export * from "./common.js";
export * from "./decision-boundary.js";
export * from "./gradient-descent.js";
export * from "./hidden-size.js";
export * from "./hidden-units.js";
export * from "./lr-sweep.js";
export * from "./sweep.js";
export * from "./vanishing-gradient.js";

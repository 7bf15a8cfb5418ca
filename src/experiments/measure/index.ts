/**
 * The experiments' measurements: plain, JSON-serialisable data, with no Node built-in and no Vega, so that
 * a browser (the playground) and the docs can run and reuse them. `retroprop/experiments` re-exports these
 * beside the functions that draw and write them.
 */
export * from "./decision-boundary.js";
export * from "./gradient-descent.js";
export * from "./hidden-size.js";
export * from "./hidden-units.js";
export * from "./lr-sweep.js";
export * from "./shared.js";
export * from "./training.js";
export * from "./vanishing-gradient.js";

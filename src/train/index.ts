export { stepsPerEpoch } from "./batches.js";
export * from "./callbacks.js";
export * from "./fit.js";
export * from "./metrics.js";
export * from "./setup.js";
export { ENGINES, type Engine, makeStepper, type Stepper } from "./stepper.js";

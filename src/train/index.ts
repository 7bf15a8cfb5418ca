export { stepsPerEpoch } from "./batches.js";
export * from "./callbacks.js";
export * from "./checkpoint.js";
export {
  type CheckpointManifest,
  type CheckpointStore,
  MemoryStore,
  type Position,
  readCheckpoint,
  type StoredCheckpoint,
} from "./checkpoint-store.js";
export * from "./fit.js";
export * from "./metrics.js";
export type { LossBlowUp } from "./run-state.js";
export * from "./setup.js";
export { ENGINES, type Engine, makeStepper, type Stepper } from "./stepper.js";

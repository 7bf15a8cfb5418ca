export * from "./optimizers.js";
export * from "./schedules.js";

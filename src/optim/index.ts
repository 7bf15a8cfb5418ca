export * from "./clip.js";
export * from "./optimizers.js";
export * from "./schedules.js";

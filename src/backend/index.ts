export * from "./backend.js";
export * as nd from "./nd.js";
export { ReferenceBackend } from "./reference.js";
export * from "./registry.js";

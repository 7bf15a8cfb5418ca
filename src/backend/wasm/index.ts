export {
  createWasmBackend,
  initWasmBackend,
  initWasmBackendSync,
  type WasmOptions,
  wasmAvailable,
} from "./loader.js";
export { chooseDefaultBackend, ready, selectDefaultBackend } from "./select.js";
export { WasmBackend } from "./wasm-backend.js";

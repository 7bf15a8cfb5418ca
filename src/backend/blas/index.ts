export { BlasBackend, DEFAULT_BLAS_MIN_FLOPS } from "./blas-backend.js";
export { type BlasLibrary, candidateLibraries } from "./library.js";
export {
  type BlasOptions,
  blasIsFaster,
  blasUnavailableReason,
  createBlasBackend,
  initBlasBackend,
  initBlasBackendSync,
} from "./loader.js";

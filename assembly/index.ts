// Entry point of the WebAssembly module: every exported kernel.

export {
  addRowVector,
  axpy,
  biasActivation,
  binary,
  softmaxRows,
  sumRows,
  unary,
  unaryBackward,
} from "./elementwise";
export { gemm, gemmDot, KC_MAX, MC_MAX, NC_MAX, SCRATCH_BYTES, scaleMatrix } from "./gemm";

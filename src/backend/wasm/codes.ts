import {
  ACTIVATIONS,
  type ElementwiseActivation,
  elementwiseInfo,
  isElementwiseActivation,
} from "../activations.js";
import type { BinaryOp, UnaryOp } from "../backend.js";

/** The op code of every activation but softmax, from the table (activations.ts). */
const ACTIVATION_CODES = Object.fromEntries(
  ACTIVATIONS.filter(isElementwiseActivation).map((name) => [name, elementwiseInfo(name)!.wasm]),
) as Record<ElementwiseActivation, number>;

/** Unary op codes understood by the WebAssembly module (assembly/elementwise.ts): four math ops, the activations. */
export const UNARY_CODES: Partial<Record<UnaryOp, number>> = {
  neg: 0,
  exp: 1,
  sqrt: 2,
  abs: 3,
  ...ACTIVATION_CODES,
};

/** Derivatives the module computes (the rest are taken from the reference backend). */
export const UNARY_BACKWARD_CODES: Partial<Record<UnaryOp, number>> = {
  neg: 0,
  exp: 1,
  ...ACTIVATION_CODES,
};

/** Binary op codes (pow is left to the reference backend). */
export const BINARY_CODES: Partial<Record<BinaryOp, number>> = {
  add: 0,
  sub: 1,
  mul: 2,
  div: 3,
  maximum: 4,
  minimum: 5,
  gt: 6,
  ge: 7,
  lt: 8,
  le: 9,
  eq: 10,
};

/** The kernels exported by the module. Pointers are byte offsets into the shared memory. */
export interface Kernels {
  gemm(
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: number,
    rsA: number,
    csA: number,
    b: number,
    rsB: number,
    csB: number,
    beta: number,
    c: number,
    rsC: number,
    csC: number,
    scratch: number,
  ): void;
  gemmDot(
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: number,
    rsA: number,
    b: number,
    csB: number,
    beta: number,
    c: number,
    rsC: number,
    csC: number,
  ): void;
  unary(op: number, x: number, out: number, n: number, param: number): void;
  unaryBackward(op: number, x: number, y: number, gy: number, out: number, n: number, param: number): void;
  binary(op: number, a: number, b: number, out: number, n: number, mode: number, cols: number): void;
  addRowVector(z: number, bias: number, rows: number, cols: number): void;
  biasActivation(
    op: number,
    z: number,
    bias: number,
    out: number,
    rows: number,
    cols: number,
    param: number,
  ): void;
  sumRows(x: number, rows: number, cols: number, alpha: number, beta: number, out: number, acc: number): void;
  axpy(alpha: number, b: number, a: number, out: number, n: number): void;
  softmaxRows(x: number, rows: number, cols: number, out: number, log: number): void;
  SCRATCH_BYTES: { value: number };
}

/**
 * The few WebAssembly JS API members used here, typed locally: the project compiles without the DOM
 * library, which is where TypeScript declares them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an opaque handle
export interface WasmModule {}
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The kernels of `module` instantiated on `memory` (each thread does this once, on the one shared memory). */
export function instantiateKernels(module: WasmModule, memory: WasmMemory): Kernels {
  return new wasmApi.Instance(module, { env: { memory } }).exports as unknown as Kernels;
}

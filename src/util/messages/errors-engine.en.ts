/**
 * Errors of the engine: tensors, shapes, backends and their WebAssembly/BLAS loading, autograd (src/tensor, src/backend, src/autograd).
 * Spread into the `errors` namespace of en.ts; errors-engine.es.ts must have every key.
 */
import type { Nested } from "../i18n.js";

/** A library tried for the BLAS backend and why it was passed over. */
export interface BlasTried {
  name: string;
  /** "notFound": it does not open; "noCblas": it opens but exports no cblas_sgemm/cblas_dgemm. */
  problem: "notFound" | "noCblas";
}

function tried(t: BlasTried): string {
  return `${t.name} (${t.problem === "notFound" ? "not found" : "no cblas_sgemm/cblas_dgemm"})`;
}

export const engineErrorsEn = {
  // tensor/ndarray.ts
  dataShape: (length: number, shape: string) => `data of length ${length} does not fit shape ${shape}`,
  nestedNumber: (at: string) => `${at || "value"}: expected a number`,
  nestedItems: (at: string, items: number, got: string) =>
    `${at || "value"}: expected ${items} items, got ${got}`,
  itemOfMany: (shape: string) => `item() needs exactly one element, shape is ${shape}`,
  toArrayRank: (rank: number, actual: number, shape: string) =>
    `toArray(${rank}): the array has rank ${actual}, shape ${shape}`,

  // tensor/random.ts
  randomSeed: (seed: number) => `Random: seed must be a finite number, got ${seed}`,
  randomIntN: (n: number) => `Random.int: n must be a positive integer, got ${n}`,
  randomStateLanes: () => "Random.fromState: expected four 32-bit unsigned lanes, not all zero",
  randomStateSpare: () => "Random.fromState: spareNormal must be a finite number or null",

  // tensor/shape.ts
  noBroadcast: (a: string, b: string) => `shapes ${a} and ${b} cannot be broadcast together`,
  axisRange: (axis: number, rank: number) => `axis ${axis} is out of range for a tensor of rank ${rank}`,
  invalidShape: (shape: string) => `invalid shape ${shape}`,

  // backend/nd.ts
  maxEmptyAxis: (shape: string) => `max over an empty axis of ${shape}`,
  broadcastTo: (from: string, to: string) => `cannot broadcast ${from} to ${to}`,
  notPermutation: (perm: string, shape: string) =>
    `transpose: ${perm} is not a permutation of the axes of ${shape}`,
  matmulRank: () => "matmul: operands need rank ≥ 2 here",
  matmulAlign: (a: string, b: string, k: number, kb: number) =>
    `matmul: shapes ${a} and ${b} do not align (${k} ≠ ${kb})`,
  concatNone: (what: "array" | "tensor") =>
    `concat needs at least one ${what === "array" ? "array" : "tensor"}`,
  concatShape: (shape: string, first: string, axis: number) =>
    `concat: shape ${shape} does not match ${first} outside axis ${axis}`,
  sliceRange: (start: number, end: number, axis: number, length: number) =>
    `slice [${start}, ${end}) is out of range for axis ${axis} of length ${length}`,
  rowIndex: (index: number, rows: number) => `row index ${index} is out of range for ${rows} rows`,

  // backend/activations.ts
  unknownActivation: (name: string, known: string) => `unknown activation "${name}" (known: ${known})`,

  // backend/registry.ts
  backendNotLoaded: (backend: string, hint: Nested) => `backend "${backend}" is not loaded yet: ${hint}`,
  unknownBackend: (backend: string, known: string) => `unknown backend "${backend}" (known: ${known})`,
  wasmHint: () => "call `await initWasmBackend()` (or `await ready()`) first",

  // backend/wasm/select.ts, backend/wasm/loader.ts
  backendVariable: (value: string, names: string) => `RETROPROP_BACKEND=${value}: expected one of ${names}`,
  positiveVariable: (name: string, value: string) => `${name}=${value}: expected a positive number`,

  // backend/blas/library.ts
  blasCannotLoad: (reason: Nested) => `the BLAS backend cannot load: ${reason}`,
  // (a warning, not an error: said on stderr through the same catalogue as the reason it wraps)
  blasFallback: (reason: Nested) => `the BLAS backend is not available (${reason}); running on WebAssembly`,
  blasNoKoffi: () => "the optional package koffi is not installed (npm install koffi)",
  blasChosen: (chosen: BlasTried) => `RETROPROP_BLAS=${chosen.name}: ${tried(chosen)}`,
  blasNone: (all: readonly BlasTried[]) =>
    `no BLAS library found (tried ${Array.from(all, tried).join(", ")}); install one (Debian: apt-get install libopenblas0) or set RETROPROP_BLAS=/path/to/libopenblas.so`,

  // backend/wasm/browser-loader.ts, backend/wasm/browser-pool.ts
  notWasmFile: (url: string, start: string) =>
    `${url} is not a WebAssembly file (it starts with "${start}"): the server answered with something else, ` +
    "such as a dev server's HTML fallback page; serve the package's build/wasm/ files there or pass their folder as wasmUrl",
  wasmFetchFailed: (url: string, reason: string) =>
    `cannot fetch the WebAssembly kernels from ${url}: ${reason}`,
  wasmFetchStatus: (url: string, status: number, statusText: string) =>
    `cannot fetch the WebAssembly kernels: ${url} answered ${status} ${statusText}` +
    " (serve the package's build/wasm/ folder and pass its URL as wasmUrl)",
  noWasmSimd: () => "this browser has no WebAssembly SIMD",
  wasmMemoryOption: (memory: string) => `memory: "${memory}": expected "shared" or "unshared"`,
  noSharedMemory: () => 'memory: "shared": this page cannot create a shared WebAssembly memory',
  threadsNeedIsolation: (threads: number) =>
    `threads: ${threads} needs a cross-origin-isolated page with a shared memory ` +
    "(Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp); this one is not",
  workerFailed: (reason: string | null) =>
    `a WebAssembly worker failed to start: ${reason === null ? "unknown error" : reason}`,

  // autograd/ops/matrix.ts, autograd/ops/shape.ts
  matmulScalar: () => "matmul: scalars have no matrix product; use mul",
  reshapeUnknowns: (shape: string) => `reshape: at most one -1 allowed in ${shape}`,
  reshapeSize: (from: string, size: number, to: string) =>
    `reshape: cannot reshape ${from} (${size} elements) to ${to}`,

  // autograd/tensor.ts
  backwardNoGrad: () => "backward(): this tensor does not depend on anything that requires a gradient",
  backwardSeed: (shape: string) =>
    `backward(): output has shape ${shape}; pass a seed gradient of that shape`,
  backwardFreed: () =>
    "backward(): this graph was already freed by an earlier backward(); pass { retainGraph: true } to keep it",
};

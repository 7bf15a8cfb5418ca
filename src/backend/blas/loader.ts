import { registerBackend } from "../registry.js";
import type { WasmOptions } from "../wasm/assemble.js";
import { createWasmBackend, defaultThreads } from "../wasm/loader.js";
import type { WasmBackend } from "../wasm/wasm-backend.js";
import { BlasBackend, DEFAULT_BLAS_MIN_FLOPS, SMALL_BLAS_MIN_FLOPS } from "./blas-backend.js";
import { blasUnavailableError, requireBlas } from "./library.js";

export interface BlasOptions extends WasmOptions {
  /** Threads of the BLAS library (default: RETROPROP_THREADS, else the machine's cores, at most 8). */
  threads?: number;
  /**
   * GEMMs with fewer 2·m·n·k operations stay on WebAssembly. Default: measured once (calibratedMinFlops):
   * 200 000 where the library beats the wasm kernels on a mini-batch product, else 2 000 000.
   */
  minFlops?: number;
}

/**
 * A new BLAS backend: its own wasm memory for the elementwise kernels (one thread) and the process's BLAS
 * library for the large products. Throws an InputError naming what is missing where koffi or BLAS is.
 */
export function createBlasBackend(options: BlasOptions = {}): BlasBackend {
  const library = requireBlas();
  const threads = options.threads ?? defaultThreads();
  const backend = createWasmBackend(
    { ...options, threads: 1 },
    (parts) => new BlasBackend(parts, library, threads, options.minFlops ?? DEFAULT_BLAS_MIN_FLOPS),
  ) as BlasBackend;
  if (options.minFlops === undefined) backend.minFlops = calibratedMinFlops(backend);
  return backend;
}

let shared: BlasBackend | null = null;

/** The process's BLAS backend, created on first call (later options are ignored) and registered as "blas". */
export function initBlasBackendSync(options: BlasOptions = {}): BlasBackend {
  if (!shared) {
    const backend = createBlasBackend(options);
    shared = backend;
    registerBackend("blas", () => backend);
  }
  return shared;
}

/** As initBlasBackendSync (there are no worker threads of ours to wait for: the library runs its own). */
export async function initBlasBackend(options: BlasOptions = {}): Promise<BlasBackend> {
  return initBlasBackendSync(options);
}

/** Why the BLAS backend cannot load here (koffi or a library missing), or null where it can. */
export function blasUnavailableReason(): string | null {
  return blasUnavailableError()?.message ?? null;
}

/** Seconds of the fastest of `reps` runs of fn (after one warm-up run). */
function bestOf(reps: number, fn: () => void): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Milliseconds of the fastest of `rounds` rounds of `perRound` products Z = X·Wᵀ (m × k by n × k). */
function timeProduct(
  backend: BlasBackend | WasmBackend,
  [m, n, k]: readonly [number, number, number],
  rounds: number,
  perRound: number,
): number {
  const x = backend.allocate("float32", m * k);
  const w = backend.allocate("float32", n * k);
  const z = backend.allocate("float32", m * n);
  x.fill(0.5);
  w.fill(0.25);
  const t = bestOf(rounds, () => {
    for (let r = 0; r < perRound; r++) backend.gemm(false, true, m, n, k, 1, x, w, 0, z);
  });
  for (const buffer of [x, w, z]) backend.release(buffer);
  return t;
}

/**
 * Where the library starts to pay: a mini-batch product (16 rows through a 32 × 256 layer, 262 144
 * operations, the size of a small network's layers) timed on the library and on the wasm kernels of the same
 * backend. A current OpenBLAS wins there by 2× (a call costs about 1.7 µs) and takes every product from
 * SMALL_BLAS_MIN_FLOPS; one held to generic kernels loses, and only products above the wasm backend's split size
 * go to it. About 5 ms, once per backend.
 */
export function calibratedMinFlops(blas: BlasBackend): number {
  const minFlops = blas.minFlops;
  try {
    blas.minFlops = 0;
    const onLibrary = timeProduct(blas, [16, 32, 256], 20, 10);
    blas.minFlops = Number.POSITIVE_INFINITY;
    const onWasm = timeProduct(blas, [16, 32, 256], 20, 10);
    return onLibrary < 0.9 * onWasm ? SMALL_BLAS_MIN_FLOPS : DEFAULT_BLAS_MIN_FLOPS;
  } finally {
    blas.minFlops = minFlops;
  }
}

/**
 * The measurement behind the automatic choice, made once per process: one product just above the size that
 * goes to BLAS (Z = X·Wᵀ of a 128-row batch through a 256 × 256 layer, 16.8 MFLOP, under a millisecond either
 * way), on each backend, best of three. BLAS is chosen only if it is at least 10% faster: a library held to
 * generic kernels (an OpenBLAS too old to know the processor falls back to its slowest core type) loses here,
 * and the wasm backend stays.
 */
export function blasIsFaster(blas: BlasBackend, wasm: WasmBackend): boolean {
  const shape = [128, 256, 256] as const;
  const minFlops = blas.minFlops;
  blas.minFlops = 0;
  try {
    return timeProduct(blas, shape, 3, 1) < 0.9 * timeProduct(wasm, shape, 3, 1);
  } finally {
    blas.minFlops = minFlops;
  }
}

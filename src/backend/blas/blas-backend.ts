import type { FloatArray } from "../../tensor/dtype.js";
import { WasmBackend, type WasmBackendParts } from "../wasm/wasm-backend.js";
import { type BlasLibrary, CBLAS_NO_TRANS, CBLAS_ROW_MAJOR, CBLAS_TRANS } from "./library.js";

/** GEMMs of at least this many floating-point operations (2mnk) go to BLAS by default (the wasm split size). */
export const DEFAULT_BLAS_MIN_FLOPS = 2_000_000;

/** Where the library beats the wasm kernels on small products too (loader.ts measures it), it takes them from here. */
export const SMALL_BLAS_MIN_FLOPS = 200_000;

/** The thread count last given to the (process-wide) library, so that two backends with different counts work. */
let libraryThreads = 0;

/**
 * The WebAssembly backend with its large matrix products handed to the machine's BLAS (cblas_sgemm for
 * float32, cblas_dgemm for float64) in all three of backprop's layouts: Z = X·Wᵀ is transB, ∇W = Δᵀ·A transA,
 * Δ·W neither; CBLAS reads the transposes through its leading dimensions, so none is materialised. Everything
 * else (elementwise maps, the fused dense-layer passes, GEMMs below `minFlops`, where a call into the library
 * costs more than it saves) stays on WebAssembly. The wasm side runs on one thread: the BLAS library's own
 * threads do the large products.
 *
 * Arrays are passed to the library as typed arrays (koffi hands over a pointer to their bytes, no copy), arena
 * views of the wasm memory included: a Float32Array on that memory is as good a pointer as any.
 */
export class BlasBackend extends WasmBackend {
  override readonly name: string = "blas";
  readonly library: BlasLibrary;
  /** Threads the BLAS library runs a product on. */
  readonly blasThreads: number;
  /** GEMMs with fewer 2·m·n·k operations stay on WebAssembly. */
  minFlops: number;
  /** Products run by the BLAS library so far (shows that it is in use). */
  blasCalls = 0;

  /** @internal Built by initBlasBackend / createBlasBackend, which find the library and assemble the parts. */
  constructor(parts: WasmBackendParts, library: BlasLibrary, threads: number, minFlops: number) {
    super(parts);
    this.library = library;
    this.blasThreads = Math.max(1, Math.floor(threads));
    this.minFlops = minFlops;
  }

  override gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: FloatArray,
    b: FloatArray,
    beta: number,
    c: FloatArray,
  ): void {
    const call =
      a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array
        ? this.library.sgemm
        : a instanceof Float64Array && b instanceof Float64Array && c instanceof Float64Array
          ? this.library.dgemm
          : null;
    if (!call || m <= 0 || n <= 0 || k <= 0 || 2 * m * n * k < this.minFlops) {
      super.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
      return;
    }
    if (libraryThreads !== this.blasThreads && this.library.setThreads) {
      this.library.setThreads(this.blasThreads);
      libraryThreads = this.blasThreads;
    }
    // Row-major: A is m×k (lda k) or, transposed, stored k×m (lda m); likewise B.
    call(
      CBLAS_ROW_MAJOR,
      transA ? CBLAS_TRANS : CBLAS_NO_TRANS,
      transB ? CBLAS_TRANS : CBLAS_NO_TRANS,
      m,
      n,
      k,
      alpha,
      a,
      transA ? m : k,
      b,
      transB ? k : n,
      beta,
      c,
      n,
    );
    this.blasCalls++;
  }
}

import type { DType, FloatArray } from "../../tensor/dtype.js";
import type { Shape } from "../../tensor/shape.js";
import type { BinaryOp, DenseActivation, DenseBelow, UnaryOp } from "../backend.js";
import { ReferenceBackend } from "../reference.js";
import { activationBackward, paramOf } from "../shared.js";
import { Arena } from "./arena.js";
import { BINARY_CODES, type Kernels, UNARY_BACKWARD_CODES, UNARY_CODES, type WasmMemory } from "./codes.js";
import { COL_UNIT, ROW_UNIT } from "./job.js";
import type { GemmJob, GemmPool } from "./pool-core.js";

/** Bytes at the bottom of the memory left to the module's own static data (its exp/log tables). */
export const RESERVED_BYTES = 64 * 1024;
/**
 * Dense layers with at most this many multiply-adds per pass (rows·units·inputs) run the reference's fused
 * JavaScript loops: for a 2-2-1 network, crossing into wasm for each of a dozen kernels costs more than the
 * arithmetic (see docs/performance.md, config (d)).
 */
export const SMALL_DENSE_MACS = 2048;
/**
 * Elementwise and row kernels on fewer elements than this run the reference's JavaScript loops: the call into
 * wasm, and reading `.buffer` of a view on the shared memory to find its address, cost more than the work.
 */
const SMALL_ELEMENTS = 32;
/** GEMMs with op(A) of at most this many rows, contiguous operands and few flops take the dot-product kernel. */
const DOT_MAX_ROWS = 16;
const DOT_MAX_FLOPS = 8_000_000;
/** Bytes kept free at the end of the memory. */
const GUARD_BYTES = 256;

export interface WasmBackendParts {
  kernels: Kernels;
  memory: WasmMemory;
  /** Scratch block of each thread (index 0: the main thread). */
  scratch: number[];
  arenaStart: number;
  pool: GemmPool | null;
  relaxed: boolean;
  /** GEMMs below this many floating-point operations (2mnk) stay on the calling thread. */
  splitFlops: number;
}

/**
 * The fast backend: float32 kernels in WebAssembly SIMD (relaxed-SIMD FMA where the runtime has it), with
 * large GEMMs split across worker threads on a shared memory. float64 arrays, and the kernels not
 * overridden here, run the inherited reference code.
 *
 * Arrays from `allocate` live in the wasm memory and are used in place; plain JS arrays are accepted too:
 * GEMM copies them through a staging block, and the elementwise kernels (where copying would cost more than
 * the work) hand them to the reference loops.
 */
export class WasmBackend extends ReferenceBackend {
  override readonly name: string = "wasm";
  readonly relaxedSimd: boolean;
  /** Threads a large GEMM is split over (1 = the calling thread only). */
  readonly threads: number;
  splitFlops: number;
  /** Chunks per thread for large split GEMMs (more balances better; each chunk re-packs one operand). */
  chunksPerThread = 2;
  private readonly kernels: Kernels;
  /** Kept so the memory lives as long as the backend. */
  readonly memory: WasmMemory;
  private readonly buffer: ArrayBufferLike;
  private readonly heap: Float32Array;
  private readonly arena: Arena;
  private readonly threadScratch: number[];
  private readonly pool: GemmPool | null;
  private stagingPtr = -1;
  private stagingBytes = 0;

  /** @internal Built by initWasmBackend / loadWasmBackend, which assemble the parts. */
  constructor(parts: WasmBackendParts) {
    super();
    this.kernels = parts.kernels;
    this.memory = parts.memory;
    // The memory is created at its maximum size and never grows, so this buffer and every view on it
    // stay valid for the life of the backend.
    this.buffer = parts.memory.buffer;
    this.heap = new Float32Array(this.buffer);
    this.threadScratch = parts.scratch;
    // A guard band at the end: packing may read a few floats past the last row of an operand.
    this.arena = new Arena(parts.arenaStart, this.buffer.byteLength - GUARD_BYTES);
    this.pool = parts.pool;
    this.threads = parts.scratch.length;
    this.relaxedSimd = parts.relaxed;
    this.splitFlops = parts.splitFlops;
  }

  /** Bytes of the shared memory (fixed at creation). */
  get memoryBytes(): number {
    return this.buffer.byteLength;
  }

  /** Arena bytes handed out by `allocate` and not yet released. */
  get arenaBytesInUse(): number {
    return this.arena.bytesInUse;
  }

  /** Chunks of split GEMMs run by worker threads so far (0 without threads): shows the threads at work. */
  get workerChunks(): number {
    return this.pool?.workerChunks ?? 0;
  }

  /** Resolves when every worker thread is running. */
  async ready(): Promise<void> {
    await this.pool?.ready();
  }

  /** Stops the worker threads (the backend keeps working on the calling thread). */
  async close(): Promise<void> {
    await this.pool?.terminate();
  }

  /** True if the array is a view into this backend's memory (and so is used without copying). */
  owns(x: ArrayBufferView): boolean {
    return x.buffer === this.buffer;
  }

  /**
   * A zeroed float32 array in the wasm memory (the arena), or a plain array when the arena is full.
   * float64 arrays are always plain: the float64 kernels are the reference ones.
   */
  override allocate(dtype: DType, length: number): FloatArray {
    if (dtype === "float64" || length === 0) return super.allocate(dtype, length);
    const ptr = this.arena.alloc(length * 4);
    if (ptr < 0) return new Float32Array(length);
    const view = new Float32Array(this.buffer, ptr, length);
    view.fill(0);
    return view;
  }

  /** Returns an array from `allocate` to the arena; it must not be used afterwards. */
  override release(x: FloatArray): void {
    if (this.owns(x) && this.arena.sizeOf(x.byteOffset) > 0) this.arena.release(x.byteOffset);
  }

  override resident(x: FloatArray): boolean {
    return this.owns(x);
  }

  private ptr(x: FloatArray): number {
    return this.owns(x) ? x.byteOffset : -1;
  }

  /** A staging block of at least `bytes` bytes for copies of plain arrays, or -1. */
  private staging(bytes: number): number {
    if (this.stagingBytes >= bytes) return this.stagingPtr;
    if (this.stagingPtr >= 0) this.arena.release(this.stagingPtr);
    this.stagingPtr = this.arena.alloc(Math.max(bytes, 2 * this.stagingBytes));
    this.stagingBytes = this.stagingPtr < 0 ? 0 : this.arena.sizeOf(this.stagingPtr);
    return this.stagingPtr;
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
    if (!(a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array)) {
      super.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
      return;
    }
    if (m <= 0 || n <= 0) return;
    let pa = this.ptr(a);
    let pb = this.ptr(b);
    let pc = this.ptr(c);
    if (pa < 0 || pb < 0 || pc < 0) {
      const la = pa < 0 ? m * k * 4 : 0;
      const lb = pb < 0 ? k * n * 4 : 0;
      const lc = pc < 0 ? m * n * 4 : 0;
      const base = this.staging(Math.ceil(la / 64) * 64 + Math.ceil(lb / 64) * 64 + lc);
      if (base < 0) {
        super.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
        return;
      }
      let at = base;
      if (pa < 0) {
        pa = at;
        this.heap.set(a.subarray(0, m * k), at >> 2);
        at += Math.ceil(la / 64) * 64;
      }
      if (pb < 0) {
        pb = at;
        this.heap.set(b.subarray(0, k * n), at >> 2);
        at += Math.ceil(lb / 64) * 64;
      }
      if (pc < 0) {
        pc = at;
        if (beta !== 0) this.heap.set(c.subarray(0, m * n), at >> 2);
        this.gemmAt(transA, transB, m, n, k, alpha, pa, pb, beta, pc);
        c.set(this.heap.subarray(pc >> 2, (pc >> 2) + m * n));
        return;
      }
    }
    this.gemmAt(transA, transB, m, n, k, alpha, pa, pb, beta, pc);
  }

  /** GEMM on arrays already in the memory (byte offsets), with the layout choices and the thread split. */
  private gemmAt(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: number,
    b: number,
    beta: number,
    c: number,
  ): void {
    // op(A)[i, p] and op(B)[p, j] as strides; C is row-major m × n.
    let job: GemmJob = {
      m,
      n,
      k,
      alpha,
      a,
      rsA: transA ? 1 : k,
      csA: transA ? m : 1,
      b,
      rsB: transB ? 1 : n,
      csB: transB ? k : 1,
      beta,
      c,
      rsC: n,
      csC: 1,
    };
    if (this.tryDot(job)) return;
    // The micro-kernel is 4 rows × 8 columns. When n is narrow and m is not (Z = X·Wᵀ of a 10-unit layer),
    // computing Cᵀ = op(B)ᵀ·op(A)ᵀ wastes less of each tile: swap the roles (C is then written transposed).
    if (paddedWork(n, m) < 0.9 * paddedWork(m, n)) job = transposedJob(job);
    const flops = 2 * m * n * k;
    if (!this.pool || this.threads < 2 || flops < this.splitFlops) {
      this.run(job, this.threadScratch[0]);
      return;
    }
    // Units of the split: 4 rows (MR) or 8 columns (NR), so that tiles do not move and every
    // element is computed exactly as on one thread. Each chunk packs all of the operand it does not split,
    // so split the dimension whose other operand is the smaller one to pack again.
    const rowUnits = Math.ceil(job.m / ROW_UNIT);
    const colUnits = Math.ceil(job.n / COL_UNIT);
    const byRows = colUnits < 2 || (rowUnits >= 2 && job.n < job.m);
    const units = byRows ? rowUnits : colUnits;
    const perThread = flops >= 8 * this.splitFlops ? this.chunksPerThread : 1;
    const chunks = Math.min(units, this.threads * perThread, 0xffff);
    if (chunks < 2) this.run(job, this.threadScratch[0]);
    else this.pool.run(this.kernels, job, byRows, units, chunks);
  }

  /**
   * The dot-product kernel, when op(A) has few rows and both operands are contiguous in k (Z = X·Wᵀ on a small
   * batch): it packs nothing and pads nothing. The choice depends on the shape only, never on the thread
   * count, so threaded and single-threaded results stay identical.
   */
  private tryDot(job: GemmJob): boolean {
    // (Cᵀ = op(B)ᵀ·op(A)ᵀ has the same layout condition, with m and n exchanged.)
    if (job.csA !== 1 || job.rsB !== 1 || job.k < 16 || 2 * job.m * job.n * job.k > DOT_MAX_FLOPS)
      return false;
    const j = job.m <= DOT_MAX_ROWS ? job : job.n <= DOT_MAX_ROWS ? transposedJob(job) : null;
    if (!j) return false;
    this.kernels.gemmDot(j.m, j.n, j.k, j.alpha, j.a, j.rsA, j.b, j.csB, j.beta, j.c, j.rsC, j.csC);
    return true;
  }

  private run(j: GemmJob, scratch: number): void {
    this.kernels.gemm(
      j.m,
      j.n,
      j.k,
      j.alpha,
      j.a,
      j.rsA,
      j.csA,
      j.b,
      j.rsB,
      j.csB,
      j.beta,
      j.c,
      j.rsC,
      j.csC,
      scratch,
    );
  }

  override unary(op: UnaryOp, x: FloatArray, out: FloatArray, param?: number): void {
    const code = UNARY_CODES[op];
    if (
      x.length >= SMALL_ELEMENTS &&
      code !== undefined &&
      x instanceof Float32Array &&
      out instanceof Float32Array
    ) {
      const px = this.ptr(x);
      const po = this.ptr(out);
      if (px >= 0 && po >= 0) {
        this.kernels.unary(code, px, po, x.length, paramOf(op, param));
        return;
      }
    }
    super.unary(op, x, out, param);
  }

  override unaryBackward(
    op: UnaryOp,
    x: FloatArray,
    y: FloatArray,
    gy: FloatArray,
    out: FloatArray,
    param?: number,
  ): void {
    const code = UNARY_BACKWARD_CODES[op];
    if (
      gy.length >= SMALL_ELEMENTS &&
      code !== undefined &&
      x instanceof Float32Array &&
      y instanceof Float32Array &&
      gy instanceof Float32Array
    ) {
      const px = this.ptr(x);
      const py = this.ptr(y);
      const pg = this.ptr(gy);
      const po = this.ptr(out);
      if (px >= 0 && py >= 0 && pg >= 0 && po >= 0) {
        this.kernels.unaryBackward(code, px, py, pg, po, gy.length, paramOf(op, param));
        return;
      }
    }
    super.unaryBackward(op, x, y, gy, out, param);
  }

  override binary(
    op: BinaryOp,
    a: FloatArray,
    aShape: Shape,
    b: FloatArray,
    bShape: Shape,
    out: FloatArray,
    outShape: Shape,
  ): void {
    const code = BINARY_CODES[op];
    const pa =
      out.length >= SMALL_ELEMENTS && code !== undefined && a instanceof Float32Array ? this.ptr(a) : -1;
    const pb = pa >= 0 ? this.ptr(b) : -1;
    const po = pb >= 0 ? this.ptr(out) : -1;
    if (code !== undefined && po >= 0) {
      const n = out.length;
      const cols = outShape.length > 0 ? outShape[outShape.length - 1] : 1;
      let mode = -1;
      if (a.length === n && b.length === n) mode = 0;
      else if (b.length === 1 && a.length === n) mode = 1;
      else if (a.length === 1 && b.length === n) mode = 2;
      else if (a.length === n && b.length === cols && cols > 0 && bShape[bShape.length - 1] === cols)
        mode = 3;
      if (mode >= 0) {
        this.kernels.binary(code, pa, pb, po, n, mode, cols);
        return;
      }
    }
    super.binary(op, a, aShape, b, bShape, out, outShape);
  }

  override softmax(x: FloatArray, rows: number, cols: number, out: FloatArray): void {
    const px = rows * cols >= SMALL_ELEMENTS && x instanceof Float32Array ? this.ptr(x) : -1;
    const po = px >= 0 ? this.ptr(out) : -1;
    if (po >= 0) this.kernels.softmaxRows(px, rows, cols, po, 0);
    else super.softmax(x, rows, cols, out);
  }

  override logSoftmax(x: FloatArray, rows: number, cols: number, out: FloatArray): void {
    const px = rows * cols >= SMALL_ELEMENTS && x instanceof Float32Array ? this.ptr(x) : -1;
    const po = px >= 0 ? this.ptr(out) : -1;
    if (po >= 0) this.kernels.softmaxRows(px, rows, cols, po, 1);
    else super.logSoftmax(x, rows, cols, out);
  }

  override addRowVector(z: FloatArray, bias: FloatArray, rows: number, cols: number): void {
    const pz = rows * cols >= SMALL_ELEMENTS && z instanceof Float32Array ? this.ptr(z) : -1;
    const pb = pz >= 0 ? this.ptr(bias) : -1;
    if (pb >= 0) this.kernels.addRowVector(pz, pb, rows, cols);
    else super.addRowVector(z, bias, rows, cols);
  }

  override sumRows(
    x: FloatArray,
    rows: number,
    cols: number,
    alpha: number,
    beta: number,
    out: FloatArray,
  ): void {
    // The float64 column accumulator lives in the main thread's packing scratch (unused between GEMMs).
    const fits = rows * cols >= SMALL_ELEMENTS && cols * 8 <= 64 * 1024 && x instanceof Float32Array;
    const px = fits ? this.ptr(x) : -1;
    const po = px >= 0 ? this.ptr(out) : -1;
    if (po >= 0) this.kernels.sumRows(px, rows, cols, alpha, beta, po, this.threadScratch[0]);
    else super.sumRows(x, rows, cols, alpha, beta, out);
  }

  override denseForward(
    X: FloatArray,
    W: FloatArray,
    b: FloatArray,
    rows: number,
    units: number,
    inputs: number,
    activation: DenseActivation,
    Z: FloatArray,
    A: FloatArray,
    param?: number,
  ): void {
    if (
      rows * units * inputs <= SMALL_DENSE_MACS ||
      !(X instanceof Float32Array && Z instanceof Float32Array)
    ) {
      super.denseForward(X, W, b, rows, units, inputs, activation, Z, A, param);
      return;
    }
    const pz = this.ptr(Z);
    const pb = this.ptr(b);
    const pa = this.ptr(A);
    if (pz < 0 || pb < 0 || pa < 0) {
      super.denseForward(X, W, b, rows, units, inputs, activation, Z, A, param);
      return;
    }
    const code = activation === "softmax" ? undefined : UNARY_CODES[activation];
    this.gemm(false, true, rows, units, inputs, 1, X, W, 0, Z);
    if (code !== undefined)
      this.kernels.biasActivation(code, pz, pb, pa, rows, units, paramOf(activation as UnaryOp, param));
    else {
      this.kernels.addRowVector(pz, pb, rows, units);
      if (activation === "softmax") this.softmax(Z, rows, units, A);
      else super.unary(activation, Z.subarray(0, rows * units), A, param);
    }
  }

  override denseBackward(
    delta: FloatArray,
    X: FloatArray,
    W: FloatArray,
    rows: number,
    units: number,
    inputs: number,
    gradW: FloatArray,
    gradB: FloatArray,
    below?: DenseBelow,
  ): void {
    if (rows * units * inputs <= SMALL_DENSE_MACS || !(delta instanceof Float32Array)) {
      super.denseBackward(delta, X, W, rows, units, inputs, gradW, gradB, below);
      return;
    }
    this.gemm(true, false, units, inputs, rows, 1, delta, X, 0, gradW);
    this.sumRows(delta, rows, units, 1, 0, gradB);
    if (!below) return;
    this.gemm(false, false, rows, inputs, units, 1, delta, W, 0, below.delta);
    activationBackward(this, below.activation, below.Z, X, below.delta, rows, inputs, below.param);
  }

  override axpy(alpha: number, b: FloatArray, a: FloatArray, out: FloatArray): void {
    // Short vectors (a tiny network's biases) cost less in JavaScript than the call into wasm.
    if (a.length < SMALL_ELEMENTS || !(a instanceof Float32Array)) {
      super.axpy(alpha, b, a, out);
      return;
    }
    const pa = this.ptr(a);
    const pb = this.ptr(b);
    const po = this.ptr(out);
    if (pa < 0 || pb < 0 || po < 0) super.axpy(alpha, b, a, out);
    else this.kernels.axpy(alpha, pb, pa, po, a.length);
  }
}

/** The same product computed as Cᵀ = op(B)ᵀ·op(A)ᵀ (C written transposed). */
function transposedJob(j: GemmJob): GemmJob {
  return {
    ...j,
    m: j.n,
    n: j.m,
    a: j.b,
    rsA: j.csB,
    csA: j.rsB,
    b: j.a,
    rsB: j.csA,
    csB: j.rsA,
    rsC: j.csC,
    csC: j.rsC,
  };
}

/** Multiply-adds the 4 × 8 micro-kernel performs for an m × n C, counting tile padding. */
function paddedWork(m: number, n: number): number {
  return Math.ceil(m / 4) * 4 * Math.ceil(n / 8) * 8;
}

/**
 * The shared control block of a split GEMM. The main thread writes one job (the whole problem, cut into
 * `chunks` ranges of 4-row or 8-column units), then every thread, main included, claims chunks with a
 * compare-and-swap on one 64-bit word (generation | chunks | next). A worker that wakes late finds nothing
 * left; the main thread never waits on a chunk nobody has started, so a descheduled worker costs nothing.
 */
import type { Kernels } from "./codes.js";

// Int32 indices (the 64-bit claim word takes indices 0–1).
export const WAKE = 2;
export const FINISHED = 3;
const M = 4;
const N = 5;
const K = 6;
const A = 7;
const RSA = 8;
const CSA = 9;
const B = 10;
const RSB = 11;
const CSB = 12;
const C = 13;
const RSC = 14;
const CSC = 15;
/** Chunks run by worker threads since the pool started (a count for tests and profiles). */
export const WORKER_CHUNKS = 16;
const BY_ROWS = 17;
const UNITS = 18;
const CHUNKS = 19;
// Float64 indices.
const ALPHA = 10;
const BETA = 11;
export const CONTROL_BYTES = 128;
/** Rows in one unit of a row split (the micro-kernel's MR) and columns in a column split (NR). */
export const ROW_UNIT = 4;
export const COL_UNIT = 8;

/** One GEMM problem: byte pointers and element strides, as the module's gemm takes them. */
export interface GemmJob {
  m: number;
  n: number;
  k: number;
  alpha: number;
  a: number;
  rsA: number;
  csA: number;
  b: number;
  rsB: number;
  csB: number;
  beta: number;
  c: number;
  rsC: number;
  csC: number;
}

export class Control {
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly word: BigInt64Array;
  private generation = 0n;

  constructor(readonly sab: SharedArrayBuffer) {
    this.i32 = new Int32Array(sab);
    this.f64 = new Float64Array(sab);
    this.word = new BigInt64Array(sab, 0, 1);
  }

  /** Main thread: publishes a job (the previous one must be finished). */
  publish(job: GemmJob, byRows: boolean, units: number, chunks: number): void {
    const i = this.i32;
    i[M] = job.m;
    i[N] = job.n;
    i[K] = job.k;
    i[A] = job.a;
    i[RSA] = job.rsA;
    i[CSA] = job.csA;
    i[B] = job.b;
    i[RSB] = job.rsB;
    i[CSB] = job.csB;
    i[C] = job.c;
    i[RSC] = job.rsC;
    i[CSC] = job.csC;
    i[BY_ROWS] = byRows ? 1 : 0;
    i[UNITS] = units;
    i[CHUNKS] = chunks;
    this.f64[ALPHA] = job.alpha;
    this.f64[BETA] = job.beta;
    Atomics.store(i, FINISHED, 0);
    this.generation = (this.generation + 1n) & 0xffffffffn;
    Atomics.store(this.word, 0, (this.generation << 32n) | (BigInt(chunks) << 16n));
    Atomics.add(i, WAKE, 1);
    Atomics.notify(i, WAKE);
  }

  /** Claims the next chunk of the current job, or returns -1 when all are taken. */
  claim(): number {
    for (;;) {
      const w = Atomics.load(this.word, 0);
      const next = Number(w & 0xffffn);
      const chunks = Number((w >> 16n) & 0xffffn);
      if (next >= chunks) return -1;
      if (Atomics.compareExchange(this.word, 0, w, w + 1n) === w) return next;
    }
  }

  /** Runs chunk `c` of the current job with the given packing scratch, then counts it finished. */
  run(kernels: Kernels, c: number, scratch: number): void {
    const i = this.i32;
    const units = i[UNITS];
    const chunks = i[CHUNKS];
    const u0 = Math.floor((c * units) / chunks);
    const u1 = Math.floor(((c + 1) * units) / chunks);
    let m = i[M];
    let n = i[N];
    let a = i[A];
    let b = i[B];
    let cc = i[C];
    if (i[BY_ROWS]) {
      const r0 = u0 * ROW_UNIT;
      m = Math.min(m, u1 * ROW_UNIT) - r0;
      a += 4 * r0 * i[RSA];
      cc += 4 * r0 * i[RSC];
    } else {
      const c0 = u0 * COL_UNIT;
      n = Math.min(n, u1 * COL_UNIT) - c0;
      b += 4 * c0 * i[CSB];
      cc += 4 * c0 * i[CSC];
    }
    kernels.gemm(
      m,
      n,
      i[K],
      this.f64[ALPHA],
      a,
      i[RSA],
      i[CSA],
      b,
      i[RSB],
      i[CSB],
      this.f64[BETA],
      cc,
      i[RSC],
      i[CSC],
      scratch,
    );
    Atomics.add(i, FINISHED, 1);
    Atomics.notify(i, FINISHED);
  }

  /**
   * Main thread: waits until every chunk of the current job is finished. It spins, then sleeps in
   * Atomics.wait where it may: a browser's main thread may not block, so there it only spins (the chunks left
   * are already running on workers, so the wait is short).
   */
  waitAll(chunks: number, canBlock: boolean): void {
    let spins = 0;
    for (;;) {
      const done = Atomics.load(this.i32, FINISHED);
      if (done >= chunks) return;
      if (canBlock && ++spins > 20_000) Atomics.wait(this.i32, FINISHED, done, 1);
    }
  }
}

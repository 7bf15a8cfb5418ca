import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";

/**
 * A seedable pseudo-random generator, passed around as an object (never a patched Math.random),
 * so that the same seed gives the same run bit for bit.
 *
 * Algorithm: xoshiro128** (Blackman & Vigna) on 32-bit lanes, seeded through splitmix32.
 * Doubles take 53 random bits from two draws.
 */
export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | null = null;

  constructor(seed = 1) {
    this.reseed(seed);
  }

  reseed(seed: number): void {
    if (!Number.isFinite(seed)) throw localizedError(InputError, "randomSeed", seed);
    let x = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spareNormal = null;
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 bits of precision. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.next();
  }

  /** Normal (Gaussian) by the Box–Muller transform; the second value of each pair is kept for the next call. */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** An integer uniform in [0, n). */
  int(n: number): number {
    if (!(n >= 1) || !Number.isInteger(n)) throw localizedError(InputError, "randomIntN", n);
    return Math.floor(this.next() * n);
  }

  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /**
   * Everything the next draws depend on: the four xoshiro lanes and the Box–Muller value kept for the next
   * normal(). `Random.fromState(r.state())` continues r's stream exactly (what a checkpoint stores).
   */
  state(): RandomState {
    return { s: [this.s0, this.s1, this.s2, this.s3], spareNormal: this.spareNormal };
  }

  /** A generator that continues from a state taken by state(). */
  static fromState(state: RandomState): Random {
    const s = state?.s;
    const lane = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;
    if (!Array.isArray(s) || s.length !== 4 || !s.every(lane) || s.every((v) => v === 0)) {
      throw localizedError(InputError, "randomStateLanes");
    }
    const spare = state.spareNormal;
    if (spare !== null && !Number.isFinite(spare)) {
      throw localizedError(InputError, "randomStateSpare");
    }
    const r = new Random(0);
    [r.s0, r.s1, r.s2, r.s3] = s;
    r.spareNormal = spare;
    return r;
  }

  /** An independent generator derived from this one (for sub-tasks that must not disturb this stream). */
  fork(): Random {
    return new Random(this.nextUint32());
  }
}

/** A generator's state as plain JSON (see Random.state). */
export interface RandomState {
  s: [number, number, number, number];
  spareNormal: number | null;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

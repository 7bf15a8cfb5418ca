// GEMM kernels for retroprop's WebAssembly backend (compiled by scripts/build-wasm.mjs).
//
// Goto-style: op(B) is packed into column panels of NR = 8 (kc × 8, contiguous), op(A) into row panels of
// MR = 4 (kc × 4), and a register-tiled micro-kernel of 4 × 2 f32x4 accumulators walks k. (A 5 × 8 kernel
// measured twice as slow: V8 gives wasm SIMD 16 xmm registers, and 10 accumulators spill.) Any layout
// (A or B transposed, or C written transposed) is a matter of strides, handled in packing, so transposes are
// never materialised. The memory is imported and owned by JavaScript; this module keeps no static data, so
// every worker can instantiate it on the same shared memory.
//
// Pointers are byte addresses; strides (rs = row stride, cs = column stride) count elements.

const MR: i32 = 4;
const NR: i32 = 8;
/** Largest k-block: a B micro-panel (KC × 8 floats = 8 KiB) stays in L1 while A panels stream from L2. */
export const KC_MAX: i32 = 256;
/** Largest m-block: the packed A block (MC × KC floats = 120 KiB) stays in L2. A multiple of MR. */
export const MC_MAX: i32 = 120;
/** Largest n-block: the packed B block (KC × NC floats = 2 MiB). */
export const NC_MAX: i32 = 2048;
/** Bytes of scratch one thread needs: packed A, packed B and one 4 × 8 tile (padded). */
export const SCRATCH_BYTES: i32 = (MC_MAX * KC_MAX + KC_MAX * NC_MAX + 64) * 4;

function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) {
    return v128.relaxed_madd<f32>(a, b, c);
  } else {
    return f32x4.add(f32x4.mul(a, b), c);
  }
}

function store2(dst: usize, c0: v128, c1: v128, va: v128, accumulate: bool): void {
  if (accumulate) {
    v128.store(dst, f32x4.add(v128.load(dst), f32x4.mul(va, c0)));
    v128.store(dst, f32x4.add(v128.load(dst, 16), f32x4.mul(va, c1)), 16);
  } else {
    v128.store(dst, f32x4.mul(va, c0));
    v128.store(dst, f32x4.mul(va, c1), 16);
  }
}

/** dst[i, 0..8) (+)= α·Σ_p Ap[p, i]·Bp[p, 0..8) for i < 4; rs is dst's row stride in bytes. */
function kernel4x8(kc: i32, ap: usize, bp: usize, dst: usize, rs: usize, alpha: f32, accumulate: bool): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    ap += 16;
    bp += 32;
  }
  const va = f32x4.splat(alpha);
  store2(dst, c00, c01, va, accumulate);
  store2(dst + rs, c10, c11, va, accumulate);
  store2(dst + 2 * rs, c20, c21, va, accumulate);
  store2(dst + 3 * rs, c30, c31, va, accumulate);
}

// 4 × 4 transpose of rows r0..r3: column q is [r0[q], r1[q], r2[q], r3[q]].
function lo(x: v128, y: v128): v128 {
  return v128.shuffle<f32>(x, y, 0, 4, 1, 5);
}
function hi(x: v128, y: v128): v128 {
  return v128.shuffle<f32>(x, y, 2, 6, 3, 7);
}
function first2(x: v128, y: v128): v128 {
  return v128.shuffle<f32>(x, y, 0, 1, 4, 5);
}
function last2(x: v128, y: v128): v128 {
  return v128.shuffle<f32>(x, y, 2, 3, 6, 7);
}

/**
 * Packs rows [0, mc) × columns [0, kc) of A (element (i, p) at a + 4·(i·rsA + p·csA)) into panels of mr rows:
 * panel r holds, for each p, the mr values A[r·mr + i, p]. Rows past mc are filled with copies of the last
 * row or with whatever follows it in memory: a padded row only feeds the padded rows of the C tile, which
 * are never written back, so its values do not matter (copies keep them finite and in bounds).
 */
function packA(mc: i32, kc: i32, a: usize, rsA: i32, csA: i32, dst: usize): void {
  const rsY = (<usize>rsA) << 2;
  const csY = (<usize>csA) << 2;
  const mr = MR;
  const step = (<usize>mr) << 2;
  for (let i0 = 0; i0 < mc; i0 += mr) {
    const last = min(mr, mc - i0) - 1;
    const src = a + <usize>i0 * rsY;
    if (csA === 1) {
      // Rows contiguous along p: transpose 4 × 4 blocks.
      const r0 = src;
      const r1 = src + <usize>min(1, last) * rsY;
      const r2 = src + <usize>min(2, last) * rsY;
      const r3 = src + <usize>min(3, last) * rsY;
      let d = dst;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        const off = (<usize>p) << 2;
        const x0 = v128.load(r0 + off);
        const x1 = v128.load(r1 + off);
        const x2 = v128.load(r2 + off);
        const x3 = v128.load(r3 + off);
        const t0 = lo(x0, x1);
        const t1 = hi(x0, x1);
        const t2 = lo(x2, x3);
        const t3 = hi(x2, x3);
        v128.store(d, first2(t0, t2));
        v128.store(d + step, last2(t0, t2));
        v128.store(d + 2 * step, first2(t1, t3));
        v128.store(d + 3 * step, last2(t1, t3));
        d += 4 * step;
      }
      for (; p < kc; p++) {
        const off = (<usize>p) << 2;
        store<f32>(d, load<f32>(r0 + off));
        store<f32>(d, load<f32>(r1 + off), 4);
        store<f32>(d, load<f32>(r2 + off), 8);
        store<f32>(d, load<f32>(r3 + off), 12);
        d += step;
      }
    } else if (rsA === 1) {
      // Columns contiguous along i: each p is one vector load. A short
      // last panel reads a few floats past its rows (the memory keeps a guard band at its end).
      let d = dst;
      let s = src;
      for (let p = 0; p < kc; p++) {
        v128.store(d, v128.load(s));
        d += step;
        s += csY;
      }
    } else {
      let d = dst;
      for (let p = 0; p < kc; p++) {
        const s = src + <usize>p * csY;
        for (let i = 0; i < mr; i++) {
          store<f32>(d, load<f32>(s + <usize>min(i, last) * rsY));
          d += 4;
        }
      }
    }
    dst += (<usize>(mr * kc)) << 2;
  }
}

/**
 * Packs rows [0, kc) × columns [0, nc) of B (element (p, j) at b + 4·(p·rsB + j·csB)) into panels of 8
 * columns: panel r holds, for each p, B[p, 8r .. 8r+8). Columns past nc are padding, as in packA.
 */
function packB(kc: i32, nc: i32, b: usize, rsB: i32, csB: i32, dst: usize): void {
  const rsY = (<usize>rsB) << 2;
  const csY = (<usize>csB) << 2;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const last = min(NR, nc - j0) - 1;
    const src = b + <usize>j0 * csY;
    if (csB === 1) {
      let d = dst;
      let s = src;
      for (let p = 0; p < kc; p++) {
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
        d += 32;
        s += rsY;
      }
    } else if (rsB === 1) {
      // B stored transposed (n × k): eight rows contiguous along p; transpose two 4 × 4 blocks at a time.
      const y0 = src;
      const y1 = src + <usize>min(1, last) * csY;
      const y2 = src + <usize>min(2, last) * csY;
      const y3 = src + <usize>min(3, last) * csY;
      const y4 = src + <usize>min(4, last) * csY;
      const y5 = src + <usize>min(5, last) * csY;
      const y6 = src + <usize>min(6, last) * csY;
      const y7 = src + <usize>min(7, last) * csY;
      let d = dst;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        const off = (<usize>p) << 2;
        let x0 = v128.load(y0 + off);
        let x1 = v128.load(y1 + off);
        let x2 = v128.load(y2 + off);
        let x3 = v128.load(y3 + off);
        let t0 = lo(x0, x1);
        let t1 = hi(x0, x1);
        let t2 = lo(x2, x3);
        let t3 = hi(x2, x3);
        v128.store(d, first2(t0, t2));
        v128.store(d, last2(t0, t2), 32);
        v128.store(d, first2(t1, t3), 64);
        v128.store(d, last2(t1, t3), 96);
        x0 = v128.load(y4 + off);
        x1 = v128.load(y5 + off);
        x2 = v128.load(y6 + off);
        x3 = v128.load(y7 + off);
        t0 = lo(x0, x1);
        t1 = hi(x0, x1);
        t2 = lo(x2, x3);
        t3 = hi(x2, x3);
        v128.store(d, first2(t0, t2), 16);
        v128.store(d, last2(t0, t2), 48);
        v128.store(d, first2(t1, t3), 80);
        v128.store(d, last2(t1, t3), 112);
        d += 128;
      }
      for (; p < kc; p++) {
        const off = (<usize>p) << 2;
        store<f32>(d, load<f32>(y0 + off));
        store<f32>(d, load<f32>(y1 + off), 4);
        store<f32>(d, load<f32>(y2 + off), 8);
        store<f32>(d, load<f32>(y3 + off), 12);
        store<f32>(d, load<f32>(y4 + off), 16);
        store<f32>(d, load<f32>(y5 + off), 20);
        store<f32>(d, load<f32>(y6 + off), 24);
        store<f32>(d, load<f32>(y7 + off), 28);
        d += 32;
      }
    } else {
      let d = dst;
      for (let p = 0; p < kc; p++) {
        const s = src + <usize>p * rsY;
        for (let j = 0; j < NR; j++) {
          store<f32>(d, load<f32>(s + <usize>min(j, last) * csY));
          d += 4;
        }
      }
    }
    dst += (<usize>(kc * NR)) << 2;
  }
}

/** C ← β·C over an m × n region (β = 0 writes zeros, even over NaN). */
export function scaleMatrix(m: i32, n: i32, beta: f32, c: usize, rsC: i32, csC: i32): void {
  for (let i = 0; i < m; i++) {
    const row = c + ((<usize>i * <usize>rsC) << 2);
    for (let j = 0; j < n; j++) {
      const q = row + ((<usize>j * <usize>csC) << 2);
      store<f32>(q, beta === 0 ? 0 : beta * load<f32>(q));
    }
  }
}

/**
 * C ← α·op(A)·op(B) + β·C for an m × n × k problem given by strides (op(A)[i, p] at a + 4·(i·rsA + p·csA),
 * op(B)[p, j] at b + 4·(p·rsB + j·csB), C[i, j] at c + 4·(i·rsC + j·csC)). scratch holds SCRATCH_BYTES.
 * Each C element sees the same sequence of operations whatever the split into sub-problems, as long as
 * sub-problems start at multiples of MR rows and NR columns.
 */
export function gemm(
  m: i32,
  n: i32,
  k: i32,
  alpha: f32,
  a: usize,
  rsA: i32,
  csA: i32,
  b: usize,
  rsB: i32,
  csB: i32,
  beta: f32,
  c: usize,
  rsC: i32,
  csC: i32,
  scratch: usize,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha === 0) {
    if (beta !== 1) scaleMatrix(m, n, beta, c, rsC, csC);
    return;
  }
  if (beta !== 0 && beta !== 1) scaleMatrix(m, n, beta, c, rsC, csC);
  const ap = scratch;
  const bp = scratch + ((<usize>MC_MAX * <usize>KC_MAX) << 2);
  const tile = bp + ((<usize>KC_MAX * <usize>NC_MAX) << 2);
  // Balanced blocks: k = 784 becomes 4 × 196 rather than 3 × 256 + 16.
  const nkBlocks = (k + KC_MAX - 1) / KC_MAX;
  const kcStep = (k + nkBlocks - 1) / nkBlocks;
  const nmBlocks = (m + MC_MAX - 1) / MC_MAX;
  const mr = MR;
  const mcStep = (((m + nmBlocks - 1) / nmBlocks + mr - 1) / mr) * mr;
  const nnBlocks = (n + NC_MAX - 1) / NC_MAX;
  const ncStep = (((n + nnBlocks - 1) / nnBlocks + NR - 1) / NR) * NR;
  const rsCb = (<usize>rsC) << 2;
  const fastC = csC === 1;
  for (let jc = 0; jc < n; jc += ncStep) {
    const nc = min(ncStep, n - jc);
    for (let pc = 0; pc < k; pc += kcStep) {
      const kc = min(kcStep, k - pc);
      const accumulate = pc > 0 || beta !== 0;
      packB(kc, nc, b + ((<usize>pc * <usize>rsB + <usize>jc * <usize>csB) << 2), rsB, csB, bp);
      for (let ic = 0; ic < m; ic += mcStep) {
        const mc = min(mcStep, m - ic);
        packA(mc, kc, a + ((<usize>ic * <usize>rsA + <usize>pc * <usize>csA) << 2), rsA, csA, ap);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr);
          const bpanel = bp + ((<usize>jr * <usize>kc) << 2);
          for (let ir = 0; ir < mc; ir += mr) {
            const rows = min(mr, mc - ir);
            const apanel = ap + ((<usize>ir * <usize>kc) << 2);
            const cij = c + ((<usize>(ic + ir) * <usize>rsC + <usize>(jc + jr) * <usize>csC) << 2);
            if (fastC && cols === NR && rows === mr) {
              kernel4x8(kc, apanel, bpanel, cij, rsCb, alpha, accumulate);
            } else {
              kernel4x8(kc, apanel, bpanel, tile, 32, 1, false);
              for (let i = 0; i < rows; i++) {
                const row = cij + ((<usize>i * <usize>rsC) << 2);
                for (let j = 0; j < cols; j++) {
                  const q = row + ((<usize>j * <usize>csC) << 2);
                  const v = alpha * load<f32>(tile + ((<usize>(i * NR + j)) << 2));
                  store<f32>(q, accumulate ? load<f32>(q) + v : v);
                }
              }
            }
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The dot-product form, for few rows of A (a batch of 10 examples through Z = X·Wᵀ). When the rows of op(A) and
// the columns of op(B) are both contiguous in k, every C element is a dot product of two contiguous vectors:
// no packing, and no padding of a 10-row C up to 4-row tiles. 2 × 4 blocks of f32x4 accumulators.

function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

/** Σ_p a[p]·b[p] over k contiguous floats (four accumulators, so that FMA latency does not serialise it). */
function dot1(k: i32, a: usize, b: usize): f32 {
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let acc2 = f32x4.splat(0);
  let acc3 = f32x4.splat(0);
  let p = 0;
  for (; p + 16 <= k; p += 16) {
    const off = (<usize>p) << 2;
    acc0 = madd(v128.load(a + off), v128.load(b + off), acc0);
    acc1 = madd(v128.load(a + off, 16), v128.load(b + off, 16), acc1);
    acc2 = madd(v128.load(a + off, 32), v128.load(b + off, 32), acc2);
    acc3 = madd(v128.load(a + off, 48), v128.load(b + off, 48), acc3);
  }
  for (; p + 4 <= k; p += 4) {
    const off = (<usize>p) << 2;
    acc0 = madd(v128.load(a + off), v128.load(b + off), acc0);
  }
  let s = hsum(f32x4.add(f32x4.add(acc0, acc1), f32x4.add(acc2, acc3)));
  for (; p < k; p++) s += load<f32>(a + ((<usize>p) << 2)) * load<f32>(b + ((<usize>p) << 2));
  return s;
}

function putC(q: usize, v: f32, alpha: f32, beta: f32): void {
  store<f32>(q, beta === 0 ? alpha * v : alpha * v + beta * load<f32>(q));
}

/**
 * C ← α·op(A)·op(B) + β·C where op(A)[i, p] = a[i·rsA + p] and op(B)[p, j] = b[j·csB + p] (both contiguous in p).
 * The caller chooses it for small m; it is never split across threads.
 */
export function gemmDot(
  m: i32,
  n: i32,
  k: i32,
  alpha: f32,
  a: usize,
  rsA: i32,
  b: usize,
  csB: i32,
  beta: f32,
  c: usize,
  rsC: i32,
  csC: i32,
): void {
  const rsAb = (<usize>rsA) << 2;
  const csBb = (<usize>csB) << 2;
  const rsCb = (<usize>rsC) << 2;
  const csCb = (<usize>csC) << 2;
  const k4 = k & ~3;
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const a0 = a + <usize>i * rsAb;
    const a1 = a0 + rsAb;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = b + <usize>j * csBb;
      const b1 = b0 + csBb;
      const b2 = b1 + csBb;
      const b3 = b2 + csBb;
      let c00 = f32x4.splat(0);
      let c01 = f32x4.splat(0);
      let c02 = f32x4.splat(0);
      let c03 = f32x4.splat(0);
      let c10 = f32x4.splat(0);
      let c11 = f32x4.splat(0);
      let c12 = f32x4.splat(0);
      let c13 = f32x4.splat(0);
      for (let p = 0; p < k4; p += 4) {
        const off = (<usize>p) << 2;
        const x0 = v128.load(a0 + off);
        const x1 = v128.load(a1 + off);
        let w = v128.load(b0 + off);
        c00 = madd(x0, w, c00);
        c10 = madd(x1, w, c10);
        w = v128.load(b1 + off);
        c01 = madd(x0, w, c01);
        c11 = madd(x1, w, c11);
        w = v128.load(b2 + off);
        c02 = madd(x0, w, c02);
        c12 = madd(x1, w, c12);
        w = v128.load(b3 + off);
        c03 = madd(x0, w, c03);
        c13 = madd(x1, w, c13);
      }
      let s00 = hsum(c00);
      let s01 = hsum(c01);
      let s02 = hsum(c02);
      let s03 = hsum(c03);
      let s10 = hsum(c10);
      let s11 = hsum(c11);
      let s12 = hsum(c12);
      let s13 = hsum(c13);
      for (let p = k4; p < k; p++) {
        const off = (<usize>p) << 2;
        const x0 = load<f32>(a0 + off);
        const x1 = load<f32>(a1 + off);
        const w0 = load<f32>(b0 + off);
        const w1 = load<f32>(b1 + off);
        const w2 = load<f32>(b2 + off);
        const w3 = load<f32>(b3 + off);
        s00 += x0 * w0;
        s01 += x0 * w1;
        s02 += x0 * w2;
        s03 += x0 * w3;
        s10 += x1 * w0;
        s11 += x1 * w1;
        s12 += x1 * w2;
        s13 += x1 * w3;
      }
      const r0 = c + <usize>i * rsCb + <usize>j * csCb;
      const r1 = r0 + rsCb;
      putC(r0, s00, alpha, beta);
      putC(r0 + csCb, s01, alpha, beta);
      putC(r0 + 2 * csCb, s02, alpha, beta);
      putC(r0 + 3 * csCb, s03, alpha, beta);
      putC(r1, s10, alpha, beta);
      putC(r1 + csCb, s11, alpha, beta);
      putC(r1 + 2 * csCb, s12, alpha, beta);
      putC(r1 + 3 * csCb, s13, alpha, beta);
    }
    for (; j < n; j++) {
      const bj = b + <usize>j * csBb;
      const q = c + <usize>i * rsCb + <usize>j * csCb;
      putC(q, dot1(k, a0, bj), alpha, beta);
      putC(q + rsCb, dot1(k, a1, bj), alpha, beta);
    }
  }
  for (; i < m; i++) {
    const ai = a + <usize>i * rsAb;
    for (let j = 0; j < n; j++) {
      putC(c + <usize>i * rsCb + <usize>j * csCb, dot1(k, ai, b + <usize>j * csBb), alpha, beta);
    }
  }
}

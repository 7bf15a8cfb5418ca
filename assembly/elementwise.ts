// Elementwise kernels, reductions and row helpers for float32 arrays in the shared memory.
// Pointers are byte addresses; n counts elements. Semantics follow src/backend/reference.ts.

// Unary op codes: the math ops' are src/backend/wasm/codes.ts's, the activations' the table's `wasm` fields
// (src/backend/activations.ts); test/backend/wasm-codes.test.ts checks that all three agree.
const NEG = 0;
const EXP = 1;
const SQRT = 2;
const ABS = 3;
const SIGMOID = 4;
const TANH = 5;
const RELU = 6;
const LEAKY_RELU = 7;
const LINEAR = 8;
const STEP = 9;
const ELU = 10;
const SOFTPLUS = 11;
const GELU = 12;
const SILU = 13;

// Binary op codes.
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const MAXIMUM = 4;
const MINIMUM = 5;
const GT = 6;
const GE = 7;
const LT = 8;
const LE = 9;
const EQ = 10;

function sigmoid(x: f32): f32 {
  // Two branches so that exp never overflows, as in the reference.
  if (x >= 0) return 1 / (1 + Mathf.exp(-x));
  const e = Mathf.exp(x);
  return e / (1 + e);
}

/**
 * eˣ on four lanes: x = n·ln 2 + r with |r| ≤ ln 2 / 2, eʳ by Cephes' degree-6 polynomial for expf (about
 * 1 ulp), times 2ⁿ built in the exponent bits. x is clamped to [−87.3, 88.3] so that 2ⁿ stays a normal float:
 * used only inside sigmoid, where the clamp changes nothing visible. NaN stays NaN.
 */
function expClamped(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.3));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(Mathf.LOG2E)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.1219444e-4)));
  let p = f32x4.splat(1.98756915e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

/** σ(x) = 1 / (1 + e⁻ˣ) on four lanes. */
function sigmoidVector(x: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.div(one, f32x4.add(one, expClamped(f32x4.neg(x))));
}

/**
 * eˣ − 1 on four lanes without the cancellation of expClamped(x) − 1 near 0: below |x| = 0.5 its Taylor
 * series to x⁸ (the next term is under 1e-8 of the value), else expClamped(x) − 1. Used by elu.
 */
function expm1Vector(x: v128): v128 {
  let p = f32x4.splat(1.0 / 40320);
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.0 / 5040));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.0 / 720));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.0 / 120));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.0 / 24));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.0 / 6));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1));
  p = f32x4.mul(p, x);
  const small = f32x4.lt(f32x4.abs(x), f32x4.splat(0.5));
  return v128.bitselect(p, f32x4.sub(expClamped(x), f32x4.splat(1)), small);
}

/** elu on four lanes: x for x > 0, else α·(eˣ − 1). */
function eluVector(x: v128, alpha: v128): v128 {
  return v128.bitselect(x, f32x4.mul(alpha, expm1Vector(x)), f32x4.gt(x, f32x4.splat(0)));
}

/**
 * erfc(x) in float64, by the two expansions of src/backend/erf.ts, stopped early enough for a float32
 * result (series terms below 1e-9 of the sum, 20 levels of the continued fraction: within 3e-8 of erf).
 */
function erfc64(x: f64): f64 {
  const a = Math.abs(x);
  let c: f64;
  if (a < 2) {
    const a2 = a * a;
    let term = a;
    let sum = a;
    for (let n = 1; n < 100 && term > 1e-9 * sum; n++) {
      term *= (2 * a2) / <f64>(2 * n + 1);
      sum += term;
    }
    c = 1 - 1.1283791670955126 * Math.exp(-a2) * sum;
  } else {
    let t = a;
    for (let k = 20; k >= 1; k--) t = a + <f64>k / 2 / t;
    c = (0.5641895835477563 * Math.exp(-a * a)) / t;
  }
  return x < 0 ? 2 - c : c;
}

/** Φ(x), the standard normal CDF, in float64: ½·erfc(−x/√2). */
function normalCdf(x: f64): f64 {
  return 0.5 * erfc64(-x * Math.SQRT1_2);
}

/** Scalar form of every unary op, for tails and the transcendental ones. */
function unaryScalar(op: i32, x: f32, param: f32): f32 {
  switch (op) {
    case NEG:
      return -x;
    case EXP:
      return Mathf.exp(x);
    case SQRT:
      return Mathf.sqrt(x);
    case ABS:
      return Mathf.abs(x);
    case SIGMOID:
      return sigmoid(x);
    case TANH:
      return Mathf.tanh(x);
    case RELU:
      return x > 0 ? x : 0;
    case LEAKY_RELU:
      return x > 0 ? x : param * x;
    case LINEAR:
      return x;
    case STEP:
      return x >= 0 ? 1 : 0;
    case ELU:
      return x > 0 ? x : param * Mathf.expm1(x);
    case SOFTPLUS: {
      const bx = param * x;
      return (Mathf.max(bx, 0) + Mathf.log1p(Mathf.exp(-Mathf.abs(bx)))) / param;
    }
    case GELU:
      return <f32>(<f64>x * normalCdf(<f64>x));
    case SILU:
      return x * sigmoid(x);
  }
  return x;
}

/**
 * elu or silu on four lanes at a time: out = f(x), or, withBias, x ← x + bias (a row vector) and out = f(x).
 * Returns how many elements were done (the rest, fewer than four, is the caller's scalar tail). A loop of its
 * own, not branches in the other activations' loops, whose speed those extra branches cost.
 */
function smoothVector(op: i32, x: usize, bias: usize, out: usize, n: i32, withBias: bool, param: f32): i32 {
  const vp = f32x4.splat(param);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = (<usize>i) << 2;
    let v = v128.load(x + off);
    if (withBias) {
      v = f32x4.add(v, v128.load(bias + off));
      v128.store(x + off, v);
    }
    v128.store(out + off, op === ELU ? eluVector(v, vp) : f32x4.mul(v, sigmoidVector(v)));
  }
  return i;
}

/** out[i] = f(x[i]); out may be x. */
export function unary(op: i32, x: usize, out: usize, n: i32, param: f32): void {
  let i = 0;
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  const vp = f32x4.splat(param);
  if (
    op === RELU ||
    op === LEAKY_RELU ||
    op === LINEAR ||
    op === NEG ||
    op === ABS ||
    op === STEP ||
    op === SQRT ||
    op === SIGMOID
  ) {
    for (; i + 4 <= n; i += 4) {
      const off = (<usize>i) << 2;
      const v = v128.load(x + off);
      let r: v128;
      if (op === RELU) r = v128.and(v, f32x4.gt(v, zero));
      else if (op === LEAKY_RELU) r = v128.bitselect(v, f32x4.mul(vp, v), f32x4.gt(v, zero));
      else if (op === NEG) r = f32x4.neg(v);
      else if (op === ABS) r = f32x4.abs(v);
      else if (op === STEP) r = v128.and(one, f32x4.ge(v, zero));
      else if (op === SQRT) r = f32x4.sqrt(v);
      else if (op === SIGMOID) r = sigmoidVector(v);
      else r = v;
      v128.store(out + off, r);
    }
  } else if (op === ELU || op === SILU) i = smoothVector(op, x, 0, out, n, false, param);
  for (; i < n; i++) {
    const off = (<usize>i) << 2;
    store<f32>(out + off, unaryScalar(op, load<f32>(x + off), param));
  }
}

/** f′ through x and y = f(x). */
function derivative(op: i32, x: f32, y: f32, param: f32): f32 {
  switch (op) {
    case NEG:
      return -1;
    case EXP:
      return y;
    case SQRT:
      return 0.5 / y;
    case ABS:
      return x > 0 ? 1 : x < 0 ? -1 : 0;
    case SIGMOID:
      return y * (1 - y);
    case TANH:
      return 1 - y * y;
    case RELU:
      return x > 0 ? 1 : 0;
    case LEAKY_RELU:
      return x > 0 ? 1 : param;
    case LINEAR:
      return 1;
    case STEP:
      return 0;
    case ELU:
      // α·eˣ = y + α for x ≤ 0
      return x > 0 ? 1 : y + param;
    case SOFTPLUS:
      return sigmoid(param * x);
    case GELU: {
      const xd = <f64>x;
      return <f32>(normalCdf(xd) + (xd * Math.exp(-0.5 * xd * xd)) / Math.sqrt(2 * Math.PI));
    }
    case SILU: {
      const s = sigmoid(x);
      return s + y * (1 - s);
    }
  }
  return 0;
}

/** out[i] = gy[i]·f′(x[i]) given y = f(x); out may be gy. */
export function unaryBackward(op: i32, x: usize, y: usize, gy: usize, out: usize, n: i32, param: f32): void {
  let i = 0;
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  const vp = f32x4.splat(param);
  if (
    op === RELU ||
    op === LEAKY_RELU ||
    op === LINEAR ||
    op === SIGMOID ||
    op === TANH ||
    op === EXP ||
    op === ELU ||
    op === SILU
  ) {
    for (; i + 4 <= n; i += 4) {
      const off = (<usize>i) << 2;
      const g = v128.load(gy + off);
      let d: v128;
      if (op === RELU) d = v128.and(one, f32x4.gt(v128.load(x + off), zero));
      else if (op === LEAKY_RELU) d = v128.bitselect(one, vp, f32x4.gt(v128.load(x + off), zero));
      else if (op === SIGMOID) {
        const v = v128.load(y + off);
        d = f32x4.mul(v, f32x4.sub(one, v));
      } else if (op === TANH) {
        const v = v128.load(y + off);
        d = f32x4.sub(one, f32x4.mul(v, v));
      } else if (op === EXP) d = v128.load(y + off);
      else if (op === ELU)
        d = v128.bitselect(one, f32x4.add(v128.load(y + off), vp), f32x4.gt(v128.load(x + off), zero));
      else if (op === SILU) {
        const s = sigmoidVector(v128.load(x + off));
        d = f32x4.add(s, f32x4.mul(v128.load(y + off), f32x4.sub(one, s)));
      } else d = one;
      v128.store(out + off, f32x4.mul(g, d));
    }
  }
  for (; i < n; i++) {
    const off = (<usize>i) << 2;
    store<f32>(
      out + off,
      load<f32>(gy + off) * derivative(op, load<f32>(x + off), load<f32>(y + off), param),
    );
  }
}

function binaryVector(op: i32, a: v128, b: v128): v128 {
  const one = f32x4.splat(1);
  switch (op) {
    case ADD:
      return f32x4.add(a, b);
    case SUB:
      return f32x4.sub(a, b);
    case MUL:
      return f32x4.mul(a, b);
    case DIV:
      return f32x4.div(a, b);
    case MAXIMUM:
      return v128.bitselect(a, b, v128.or(f32x4.ge(a, b), f32x4.ne(a, a)));
    case MINIMUM:
      return v128.bitselect(a, b, v128.or(f32x4.le(a, b), f32x4.ne(a, a)));
    case GT:
      return v128.and(one, f32x4.gt(a, b));
    case GE:
      return v128.and(one, f32x4.ge(a, b));
    case LT:
      return v128.and(one, f32x4.lt(a, b));
    case LE:
      return v128.and(one, f32x4.le(a, b));
    case EQ:
      return v128.and(one, f32x4.eq(a, b));
  }
  return a;
}

function binaryScalar(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case ADD:
      return a + b;
    case SUB:
      return a - b;
    case MUL:
      return a * b;
    case DIV:
      return a / b;
    case MAXIMUM:
      return a >= b || F32.isNaN(a) ? a : b;
    case MINIMUM:
      return a <= b || F32.isNaN(a) ? a : b;
    case GT:
      return a > b ? 1 : 0;
    case GE:
      return a >= b ? 1 : 0;
    case LT:
      return a < b ? 1 : 0;
    case LE:
      return a <= b ? 1 : 0;
    case EQ:
      return a === b ? 1 : 0;
  }
  return a;
}

/**
 * out = a ⊙ b. mode 0: same shapes; 1: b is one scalar; 2: a is one scalar; 3: b is a row vector of `cols`
 * repeated over the rows of a (n = rows·cols).
 */
export function binary(op: i32, a: usize, b: usize, out: usize, n: i32, mode: i32, cols: i32): void {
  if (mode === 3) {
    for (let r = 0; r < n; r += cols) {
      const base = (<usize>r) << 2;
      let j = 0;
      for (; j + 4 <= cols; j += 4) {
        const off = (<usize>j) << 2;
        v128.store(out + base + off, binaryVector(op, v128.load(a + base + off), v128.load(b + off)));
      }
      for (; j < cols; j++) {
        const off = (<usize>j) << 2;
        store<f32>(out + base + off, binaryScalar(op, load<f32>(a + base + off), load<f32>(b + off)));
      }
    }
    return;
  }
  let i = 0;
  if (mode === 0) {
    for (; i + 4 <= n; i += 4) {
      const off = (<usize>i) << 2;
      v128.store(out + off, binaryVector(op, v128.load(a + off), v128.load(b + off)));
    }
    for (; i < n; i++) {
      const off = (<usize>i) << 2;
      store<f32>(out + off, binaryScalar(op, load<f32>(a + off), load<f32>(b + off)));
    }
  } else if (mode === 1) {
    const s = load<f32>(b);
    const vs = f32x4.splat(s);
    for (; i + 4 <= n; i += 4) {
      const off = (<usize>i) << 2;
      v128.store(out + off, binaryVector(op, v128.load(a + off), vs));
    }
    for (; i < n; i++) {
      const off = (<usize>i) << 2;
      store<f32>(out + off, binaryScalar(op, load<f32>(a + off), s));
    }
  } else {
    const s = load<f32>(a);
    const vs = f32x4.splat(s);
    for (; i + 4 <= n; i += 4) {
      const off = (<usize>i) << 2;
      v128.store(out + off, binaryVector(op, vs, v128.load(b + off)));
    }
    for (; i < n; i++) {
      const off = (<usize>i) << 2;
      store<f32>(out + off, binaryScalar(op, s, load<f32>(b + off)));
    }
  }
}

/**
 * A dense layer's forward epilogue in one pass over Z: z[r, c] += bias[c], then out[r, c] = f(z[r, c]).
 * SIMD for sigmoid, elu, silu and the piecewise-linear activations; tanh, softplus and gelu are scalar.
 */
export function biasActivation(
  op: i32,
  z: usize,
  bias: usize,
  out: usize,
  rows: i32,
  cols: i32,
  param: f32,
): void {
  const simd = op === RELU || op === LEAKY_RELU || op === LINEAR || op === STEP || op === SIGMOID;
  const smooth = op === ELU || op === SILU;
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  const vp = f32x4.splat(param);
  const rowBytes = (<usize>cols) << 2;
  for (let r = 0; r < rows; r++) {
    const zr = z + <usize>r * rowBytes;
    const or = out + <usize>r * rowBytes;
    let c = 0;
    if (simd) {
      for (; c + 4 <= cols; c += 4) {
        const off = (<usize>c) << 2;
        const v = f32x4.add(v128.load(zr + off), v128.load(bias + off));
        v128.store(zr + off, v);
        let a: v128;
        if (op === RELU) a = v128.and(v, f32x4.gt(v, zero));
        else if (op === LEAKY_RELU) a = v128.bitselect(v, f32x4.mul(vp, v), f32x4.gt(v, zero));
        else if (op === STEP) a = v128.and(one, f32x4.ge(v, zero));
        else if (op === SIGMOID) a = sigmoidVector(v);
        else a = v;
        v128.store(or + off, a);
      }
    } else if (smooth) c = smoothVector(op, zr, bias, or, cols, true, param);
    for (; c < cols; c++) {
      const off = (<usize>c) << 2;
      const v = load<f32>(zr + off) + load<f32>(bias + off);
      store<f32>(zr + off, v);
      store<f32>(or + off, unaryScalar(op, v, param));
    }
  }
}

/** z[r, c] += bias[c], in place. */
export function addRowVector(z: usize, bias: usize, rows: i32, cols: i32): void {
  binary(ADD, z, bias, z, rows * cols, 3, cols);
}

/**
 * out[c] = α·Σ_r x[r, c] + β·out[c]. The column sums are accumulated in float64 (f64x2), as in the
 * reference, in `acc` (8·cols bytes of scratch).
 */
export function sumRows(x: usize, rows: i32, cols: i32, alpha: f64, beta: f64, out: usize, acc: usize): void {
  memory.fill(acc, 0, (<usize>cols) << 3);
  for (let r = 0; r < rows; r++) {
    const row = x + ((<usize>r * <usize>cols) << 2);
    let c = 0;
    for (; c + 2 <= cols; c += 2) {
      const q = acc + ((<usize>c) << 3);
      v128.store(
        q,
        f64x2.add(v128.load(q), f64x2.promote_low_f32x4(v128.load64_zero(row + ((<usize>c) << 2)))),
      );
    }
    for (; c < cols; c++) {
      const q = acc + ((<usize>c) << 3);
      store<f64>(q, load<f64>(q) + <f64>load<f32>(row + ((<usize>c) << 2)));
    }
  }
  for (let c = 0; c < cols; c++) {
    const q = out + ((<usize>c) << 2);
    const s = alpha * load<f64>(acc + ((<usize>c) << 3));
    store<f32>(q, <f32>(beta === 0 ? s : s + beta * <f64>load<f32>(q)));
  }
}

/** out[i] = a[i] + α·b[i]; out may be a. */
export function axpy(alpha: f32, b: usize, a: usize, out: usize, n: i32): void {
  const va = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = (<usize>i) << 2;
    v128.store(out + off, f32x4.add(v128.load(a + off), f32x4.mul(va, v128.load(b + off))));
  }
  for (; i < n; i++) {
    const off = (<usize>i) << 2;
    store<f32>(out + off, load<f32>(a + off) + alpha * load<f32>(b + off));
  }
}

/** Softmax (log = false) or log-softmax (log = true) of each row, with the row max subtracted. */
export function softmaxRows(x: usize, rows: i32, cols: i32, out: usize, log: bool): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + ((<usize>r * <usize>cols) << 2);
    const or = out + ((<usize>r * <usize>cols) << 2);
    let max: f32 = -Infinity;
    for (let c = 0; c < cols; c++) max = Mathf.max(max, load<f32>(xr + ((<usize>c) << 2)));
    let total: f64 = 0;
    if (log) {
      if (max === -Infinity) {
        for (let c = 0; c < cols; c++)
          store<f32>(or + ((<usize>c) << 2), load<f32>(xr + ((<usize>c) << 2)) - max);
        continue;
      }
      for (let c = 0; c < cols; c++) total += <f64>Mathf.exp(load<f32>(xr + ((<usize>c) << 2)) - max);
      const lse = <f64>max + Math.log(total);
      for (let c = 0; c < cols; c++) {
        const q = (<usize>c) << 2;
        store<f32>(or + q, <f32>(<f64>load<f32>(xr + q) - lse));
      }
    } else {
      for (let c = 0; c < cols; c++) {
        const q = (<usize>c) << 2;
        const e = Mathf.exp(load<f32>(xr + q) - max);
        store<f32>(or + q, e);
        total += <f64>e;
      }
      for (let c = 0; c < cols; c++) {
        const q = (<usize>c) << 2;
        store<f32>(or + q, <f32>(<f64>load<f32>(or + q) / total));
      }
    }
  }
}

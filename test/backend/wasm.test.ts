import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { BinaryOp, UnaryOp } from "../../src/backend/backend.js";
import { ReferenceBackend } from "../../src/backend/reference.js";
import { getBackend, setBackend } from "../../src/backend/registry.js";
import { Arena } from "../../src/backend/wasm/arena.js";
import {
  createWasmBackend,
  selectDefaultBackend,
  type WasmBackend,
  wasmAvailable,
} from "../../src/backend/wasm/index.js";
import { Random } from "../../src/tensor/random.js";
import { newActivations } from "./activation-formulas.js";
import { naiveGemm } from "./naive-gemm.js";

const available = wasmAvailable();
const skip = available ? false : "the wasm modules are not built (npm run build)";
const reference = new ReferenceBackend();

function filled(backend: WasmBackend, inArena: boolean, length: number, rng: Random, lo = -1, hi = 1) {
  const x = inArena ? (backend.allocate("float32", length) as Float32Array) : new Float32Array(length);
  for (let i = 0; i < length; i++) x[i] = rng.uniform(lo, hi);
  return x;
}

/** |got − expected| ≤ tol·(1 + |expected|) elementwise. */
function assertClose(got: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(got.length, expected.length, `${what}: length`);
  for (let i = 0; i < got.length; i++) {
    const e = expected[i];
    const g = got[i];
    if (Number.isNaN(e)) {
      assert.ok(Number.isNaN(g), `${what}[${i}]: expected NaN, got ${g}`);
      continue;
    }
    if (!Number.isFinite(e)) {
      assert.equal(g, e, `${what}[${i}]`);
      continue;
    }
    assert.ok(Math.abs(g - e) <= tol * (1 + Math.abs(e)), `${what}[${i}]: got ${g}, expected ${e}`);
  }
}

// m, n, k: odd sizes around the 4/5 × 8 tiles, ones, the MLPs' 10-row and 10-column layers, several k-blocks.
const SHAPES: Array<[number, number, number]> = [
  [1, 1, 1],
  [1, 9, 1],
  [9, 1, 3],
  [1, 1, 300],
  [4, 8, 4],
  [5, 8, 7],
  [7, 13, 5],
  [10, 30, 784],
  [30, 784, 10],
  [10, 784, 30],
  [64, 10, 128],
  [10, 64, 128],
  [33, 17, 300],
  [21, 41, 513],
  [121, 9, 17],
  [130, 70, 260],
];

describe("wasm backend", { skip }, () => {
  let single: WasmBackend;
  let threaded: WasmBackend;
  let plainSimd: WasmBackend;

  before(async () => {
    single = createWasmBackend({ threads: 1, memoryMiB: 64 });
    // Split even tiny GEMMs, so that the threaded path runs on every shape.
    threaded = createWasmBackend({ threads: 3, memoryMiB: 64, splitFlops: 1 });
    plainSimd = createWasmBackend({ threads: 1, memoryMiB: 64, relaxed: false });
    await threaded.ready();
  });
  after(async () => {
    await threaded.close();
  });

  test("gemm agrees with the triple loop in every layout, with α and β, on plain and arena arrays", () => {
    const rng = new Random(7);
    for (const backend of [single, threaded, plainSimd]) {
      for (const [m, n, k] of SHAPES) {
        for (const transA of [false, true])
          for (const transB of [false, true])
            for (const [alpha, beta] of [
              [1, 0],
              [0.5, 1],
              [-1.5, 0.25],
            ]) {
              const inArena = rng.next() < 0.5;
              const a = filled(backend, inArena, m * k, rng);
              const b = filled(backend, inArena, k * n, rng);
              const c = filled(backend, rng.next() < 0.5, m * n, rng);
              const expected = naiveGemm(transA, transB, m, n, k, alpha, a, b, beta, c);
              backend.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
              // float32 products summed over k: error grows like √k·ε.
              assertClose(
                c,
                expected,
                2e-6 * Math.sqrt(k) * 4,
                `${backend.threads}t ${m}×${n}×${k} ${transA}/${transB}`,
              );
              for (const x of [a, b, c]) backend.release(x);
            }
      }
    }
  });

  test("threaded results equal single-threaded ones bit for bit", () => {
    const rng = new Random(11);
    for (const [m, n, k] of [...SHAPES, [128, 800, 784] as [number, number, number]]) {
      for (const transA of [false, true])
        for (const transB of [false, true]) {
          const a = filled(single, false, m * k, rng);
          const b = filled(single, false, k * n, rng);
          const c0 = filled(single, false, m * n, rng);
          const c1 = c0.slice();
          single.gemm(transA, transB, m, n, k, 1.25, a, b, 0.5, c0);
          threaded.gemm(transA, transB, m, n, k, 1.25, a, b, 0.5, c1);
          assert.deepEqual(c1, c0, `${m}×${n}×${k} ${transA}/${transB}`);
        }
    }
    // The split really ran on the workers, not only on the calling thread. Workers descheduled by a busy
    // machine may have left every chunk so far to it: give them more work, a bounded number of times.
    const [m, n, k] = [128, 800, 784];
    const a = filled(single, false, m * k, rng);
    const b = filled(single, false, k * n, rng);
    const c = new Float32Array(m * n);
    for (let round = 0; round < 200 && threaded.workerChunks === 0; round++)
      threaded.gemm(false, true, m, n, k, 1, a, b, 0, c);
    assert.equal(single.workerChunks, 0);
    assert.ok(threaded.workerChunks > 0, "no chunk was run by a worker thread");
  });

  test("gemm with β = 0 ignores NaN in C; k = 0 gives β·C; float64 is the reference's", () => {
    const a = single.allocate("float32", 6).fill(1);
    const b = single.allocate("float32", 6).fill(2);
    const c = single.allocate("float32", 4).fill(Number.NaN);
    single.gemm(false, false, 2, 2, 3, 1, a, b, 0, c);
    assert.deepEqual([...c], [6, 6, 6, 6]);
    single.gemm(false, false, 2, 2, 0, 1, a, b, 0.5, c);
    assert.deepEqual([...c], [3, 3, 3, 3]);
    const rng = new Random(3);
    const a64 = Float64Array.from({ length: 12 }, () => rng.uniform(-1, 1));
    const b64 = Float64Array.from({ length: 12 }, () => rng.uniform(-1, 1));
    const c64 = new Float64Array(9);
    const r64 = new Float64Array(9);
    single.gemm(true, false, 3, 3, 4, 1, a64, b64, 0, c64);
    reference.gemm(true, false, 3, 3, 4, 1, a64, b64, 0, r64);
    assert.deepEqual(c64, r64);
    assert.ok(single.allocate("float64", 3) instanceof Float64Array);
  });

  const unaryOps: UnaryOp[] = [
    "neg",
    "exp",
    "sqrt",
    "abs",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "linear",
    "step",
    "log",
    "sin",
    "elu",
    "softplus",
    "gelu",
    "silu",
  ];

  test("sigmoid on four lanes (its own exp) is within a few ulp of 1/(1 + e⁻ˣ) over [−100, 100], and keeps NaN", () => {
    const n = 4003;
    const x = single.allocate("float32", n) as Float32Array;
    for (let i = 0; i < n; i++) x[i] = -100 + (200 * i) / (n - 1);
    x.set([0, -0, 88.5, -88.5, 87, -87, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], 0);
    const y = single.allocate("float32", n) as Float32Array;
    single.unary("sigmoid", x, y);
    for (let i = 0; i < n; i++) {
      const e = 1 / (1 + Math.exp(-x[i]));
      if (Number.isNaN(x[i])) assert.ok(Number.isNaN(y[i]), "σ(NaN) is NaN");
      // Normal floats: relative error; below the smallest normal float (x < −87.3, clamped): absolute.
      else if (e >= 1.2e-38) assert.ok(Math.abs(y[i] - e) <= 4e-7 * e, `σ(${x[i]}) = ${y[i]}, expected ${e}`);
      else assert.ok(y[i] >= 0 && y[i] < 1.2e-38, `σ(${x[i]}) = ${y[i]}, expected ${e}`);
    }
  });

  test("elu, softplus, gelu and silu in float32 are within a few float32 ulp of their float64 formulas over [−12, 12], elu's eˣ − 1 too near 0", () => {
    const n = 1201;
    const x = single.allocate("float32", n) as Float32Array;
    for (let i = 0; i < n; i++) x[i] = -12 + (24 * i) / (n - 1);
    // Near 0 elu takes the Taylor branch of eˣ − 1, where eˣ − 1 would cancel: its relative error is checked.
    x.set([-1e-6, -1e-4, -0.01, -0.4999, -0.5, -0.5001, 0, Number.NaN], 0);
    const y = single.allocate("float32", n) as Float32Array;
    const dy = single.allocate("float32", n) as Float32Array;
    const g = single.allocate("float32", n) as Float32Array;
    for (const [op, formulas] of Object.entries(newActivations) as [
      UnaryOp,
      (typeof newActivations)["elu"],
    ][]) {
      single.unary(op, x, y);
      g.fill(1);
      single.unaryBackward(op, x, y, g, dy);
      for (let i = 0; i < n; i++) {
        const e = formulas.f(x[i]);
        const de = formulas.df(x[i]);
        if (Number.isNaN(x[i])) {
          assert.ok(Number.isNaN(y[i]), `${op}(NaN) is NaN`);
          continue;
        }
        // 4 float32 ulp of the value (relative 2.4e-7·4), plus an absolute floor far below one ulp of 1.
        assert.ok(
          Math.abs(y[i] - e) <= 4.8e-7 * Math.abs(e) + 1e-12,
          `${op}(${x[i]}) = ${y[i]}, expected ${e}`,
        );
        assert.ok(
          Math.abs(dy[i] - de) <= 1e-6 * (1 + Math.abs(de)),
          `${op}′(${x[i]}) = ${dy[i]}, expected ${de}`,
        );
      }
    }
  });

  test("unary and unaryBackward agree with the reference, in place and not, arena and plain", () => {
    const rng = new Random(5);
    for (const op of unaryOps) {
      for (const inArena of [true, false]) {
        const n = 37;
        const positive = op === "sqrt" || op === "log";
        const x = filled(single, inArena, n, rng, positive ? 0.1 : -4, 4);
        x[3] = positive ? 1 : 0;
        const param = op === "leaky_relu" ? 0.2 : op === "elu" ? 1.5 : op === "softplus" ? 2 : undefined;
        const y = filled(single, inArena, n, rng);
        single.unary(op, x, y, param);
        const yRef = new Float64Array(n);
        reference.unary(op, Float64Array.from(x), yRef, param);
        assertClose(y, yRef, 1e-6, `${op}(x)`);
        const gy = filled(single, inArena, n, rng);
        const gx = filled(single, inArena, n, rng);
        single.unaryBackward(op, x, y, gy, gx, param);
        const gRef = new Float64Array(n);
        reference.unaryBackward(
          op,
          Float64Array.from(x),
          Float64Array.from(y),
          Float64Array.from(gy),
          gRef,
          param,
        );
        assertClose(gx, gRef, 1e-6, `${op}′`);
        // in place: out = x, and out = gy
        const before = x.slice();
        single.unary(op, x, x, param);
        assertClose(x, y, 1e-6, `${op} in place`);
        single.unaryBackward(op, before, y, gy, gy, param);
        assertClose(gy, gx, 1e-6, `${op}′ in place`);
      }
    }
    // NaN behaves as in the reference: relu(NaN) = 0, step(NaN) = 0.
    const x = single.allocate("float32", 8).fill(Number.NaN);
    const out = single.allocate("float32", 8);
    single.unary("relu", x, out);
    assert.deepEqual([...out], new Array(8).fill(0));
  });

  test("binary ops (same shape, scalar, row vector) agree with the reference", () => {
    const rng = new Random(9);
    const ops: BinaryOp[] = [
      "add",
      "sub",
      "mul",
      "div",
      "maximum",
      "minimum",
      "gt",
      "ge",
      "lt",
      "le",
      "eq",
      "pow",
    ];
    const rows = 5;
    const cols = 7;
    for (const op of ops) {
      for (const [bShape, bLen] of [
        [[rows, cols], rows * cols],
        [[], 1],
        [[cols], cols],
        [[1, cols], cols],
      ] as Array<[number[], number]>) {
        const a = filled(single, true, rows * cols, rng, 0.5, 2);
        const b = filled(single, true, bLen, rng, 0.5, 2);
        a[0] = b[0]; // an exact tie for the comparisons
        if (bLen === rows * cols) a[1] = Number.NaN;
        const out = single.allocate("float32", rows * cols);
        single.binary(op, a, [rows, cols], b, bShape, out, [rows, cols]);
        const expected = new Float64Array(rows * cols);
        reference.binary(op, Float64Array.from(a), [rows, cols], Float64Array.from(b), bShape, expected, [
          rows,
          cols,
        ]);
        assertClose(out, expected, 1e-6, `${op} with b of shape [${bShape}]`);
      }
      // scalar on the left
      const s = single.allocate("float32", 1).fill(1.5);
      const b = filled(single, true, 9, rng, 0.5, 2);
      const out = single.allocate("float32", 9);
      single.binary(op, s, [], b, [9], out, [9]);
      const expected = new Float64Array(9);
      reference.binary(op, Float64Array.from(s), [], Float64Array.from(b), [9], expected, [9]);
      assertClose(out, expected, 1e-6, `${op} with a scalar a`);
    }
  });

  test("dense-layer helpers, axpy and row softmax agree with the reference", () => {
    const rng = new Random(13);
    for (const [rows, cols] of [
      [1, 1],
      [3, 10],
      [10, 30],
      [7, 33],
    ]) {
      for (const inArena of [true, false]) {
        const z = filled(single, inArena, rows * cols, rng, -3, 3);
        const bias = filled(single, inArena, cols, rng);
        const z64 = Float64Array.from(z);
        single.addRowVector(z, bias, rows, cols);
        reference.addRowVector(z64, Float64Array.from(bias), rows, cols);
        assertClose(z, z64, 1e-6, "addRowVector");

        for (const [alpha, beta] of [
          [1, 0],
          [0.5, 2],
        ]) {
          const out = filled(single, inArena, cols, rng);
          const out64 = Float64Array.from(out);
          single.sumRows(z, rows, cols, alpha, beta, out);
          reference.sumRows(Float64Array.from(z), rows, cols, alpha, beta, out64);
          assertClose(out, out64, 1e-6, "sumRows");
        }

        const sm = single.allocate("float32", rows * cols);
        const sm64 = new Float64Array(rows * cols);
        single.softmax(z, rows, cols, sm);
        reference.softmax(Float64Array.from(z), rows, cols, sm64);
        assertClose(sm, sm64, 1e-6, "softmax");
        single.logSoftmax(z, rows, cols, sm);
        reference.logSoftmax(Float64Array.from(z), rows, cols, sm64);
        assertClose(sm, sm64, 1e-6, "logSoftmax");

        const w = filled(single, inArena, rows * cols, rng);
        const w64 = Float64Array.from(w);
        single.axpy(-0.1, z, w, w);
        reference.axpy(-0.1, Float64Array.from(z), w64, w64);
        assertClose(w, w64, 1e-6, "axpy");
      }
    }
    // A row of -∞ gives log-softmax -∞ - (-∞) = NaN in the reference; same here.
    const x = single.allocate("float32", 2).fill(Number.NEGATIVE_INFINITY);
    const out = single.allocate("float32", 2);
    const out64 = new Float64Array(2);
    single.logSoftmax(x, 1, 2, out);
    reference.logSoftmax(Float64Array.from(x), 1, 2, out64);
    assertClose(out, out64, 0, "logSoftmax of -∞");
  });

  test("allocate gives zeroed views into the wasm memory, reused after release, plain arrays when full", () => {
    const small = createWasmBackend({ threads: 1, memoryMiB: 4 });
    const a = small.allocate("float32", 1000);
    assert.ok(small.owns(a));
    assert.ok(a.every((v) => v === 0));
    a.fill(3);
    const offset = a.byteOffset;
    small.release(a);
    const b = small.allocate("float32", 1000);
    assert.equal(b.byteOffset, offset);
    assert.ok(b.every((v) => v === 0));
    const huge = small.allocate("float32", 2 * 1024 * 1024); // 8 MiB > the whole memory
    assert.ok(!small.owns(huge));
    assert.equal(huge.length, 2 * 1024 * 1024);
    // Kernels still work on the plain array.
    const ones = small.allocate("float32", 4).fill(1);
    small.gemm(false, false, 1, 1, 4, 1, ones, ones, 0, huge);
    assert.equal(huge[0], 4);
  });

  test("selectDefaultBackend honours RETROPROP_BACKEND", async () => {
    const saved = process.env.RETROPROP_BACKEND;
    const previous = getBackend();
    try {
      process.env.RETROPROP_BACKEND = "reference";
      assert.equal((await selectDefaultBackend()).name, "reference");
      process.env.RETROPROP_BACKEND = "wasm";
      assert.equal((await selectDefaultBackend({ threads: 1, memoryMiB: 64 })).name, "wasm");
      assert.equal(getBackend().name, "wasm");
      process.env.RETROPROP_BACKEND = "fast";
      await assert.rejects(selectDefaultBackend(), /RETROPROP_BACKEND=fast/);
    } finally {
      if (saved === undefined) delete process.env.RETROPROP_BACKEND;
      else process.env.RETROPROP_BACKEND = saved;
      setBackend(previous);
    }
  });
});

test("arena: first fit, coalescing on release, -1 when full", () => {
  const arena = new Arena(0, 64 * 10);
  const a = arena.alloc(1);
  const b = arena.alloc(65);
  const c = arena.alloc(64);
  assert.deepEqual([a, b, c], [0, 64, 192]);
  assert.equal(arena.alloc(64 * 7), -1);
  assert.ok(arena.release(b));
  assert.ok(!arena.release(b));
  assert.ok(arena.release(a));
  // a and b merged into one free block of 192 bytes at 0
  assert.equal(arena.alloc(192), 0);
  assert.equal(arena.bytesInUse, 256);
  assert.equal(arena.alloc(64 * 6), 256);
  assert.equal(arena.bytesFree, 0);
});

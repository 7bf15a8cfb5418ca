import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type BlasBackend,
  DEFAULT_BLAS_MIN_FLOPS,
  SMALL_BLAS_MIN_FLOPS,
} from "../../src/backend/blas/blas-backend.js";
import { candidateLibraries } from "../../src/backend/blas/library.js";
import { blasUnavailableReason, createBlasBackend } from "../../src/backend/blas/loader.js";
import { Random } from "../../src/tensor/random.js";
import { runCli } from "../cli/run-cli.js";
import { naiveGemm } from "./naive-gemm.js";
import { runWithLibrary } from "./run-library.js";

const reason = blasUnavailableReason();
const skip = reason === null ? false : `no BLAS backend here: ${reason}`;

function assertClose(actual: ArrayLike<number>, expected: Float64Array, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    assert.ok(
      err <= tol * (1 + Math.abs(expected[i])),
      `${what}: [${i}] = ${actual[i]}, expected ${expected[i]}`,
    );
  }
}

function randomArray(dtype: "float32" | "float64", length: number, rng: Random): Float32Array | Float64Array {
  const x = dtype === "float32" ? new Float32Array(length) : new Float64Array(length);
  for (let i = 0; i < length; i++) x[i] = rng.uniform(-1, 1);
  return x;
}

// Odd shapes, ones, and the MLPs' narrow layers (10 rows / 10 columns).
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 3],
  [5, 1, 9],
  [7, 5, 3],
  [13, 17, 29],
  [33, 3, 65],
  [10, 30, 784],
  [128, 10, 800],
];
const LAYOUTS: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

describe("BLAS backend", { skip }, () => {
  let blas: BlasBackend;
  test("opens the machine's BLAS library", () => {
    blas = createBlasBackend({ threads: 2, memoryMiB: 64, minFlops: 0 });
    assert.equal(blas.name, "blas");
    assert.ok(blas.library.path.length > 0);
    assert.equal(blas.blasThreads, 2);
  });

  for (const dtype of ["float32", "float64"] as const) {
    const tol = dtype === "float32" ? 2e-5 : 1e-12;
    test(`${dtype} GEMM equals a float64 triple loop, every layout, odd shapes, α and β`, () => {
      const rng = new Random(7);
      for (const [m, n, k] of SHAPES)
        for (const [transA, transB] of LAYOUTS)
          for (const [alpha, beta] of [
            [1, 0],
            [0.5, 1],
            [-2, 0.25],
          ]) {
            const a = randomArray(dtype, m * k, rng);
            const b = randomArray(dtype, k * n, rng);
            const c = randomArray(dtype, m * n, rng);
            const expected = naiveGemm(transA, transB, m, n, k, alpha, a, b, beta, c);
            const calls = blas.blasCalls;
            blas.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
            assert.equal(blas.blasCalls, calls + 1, "the product ran in the BLAS library");
            // k-term sums: the float32 error grows with k
            assertClose(
              c,
              expected,
              tol * Math.sqrt(k),
              `${m}×${n}×${k} tA=${transA} tB=${transB} α=${alpha} β=${beta}`,
            );
          }
    });
  }

  test("arena views of the wasm memory and subarrays at an offset are used in place", () => {
    const rng = new Random(3);
    const [m, n, k] = [9, 11, 13];
    const a = blas.allocate("float32", m * k + 5).subarray(5);
    a.set(randomArray("float32", m * k, rng));
    const b = blas.allocate("float32", k * n);
    b.set(randomArray("float32", k * n, rng));
    const c = blas.allocate("float32", m * n);
    assert.ok(blas.owns(a) && blas.owns(b) && blas.owns(c), "the arrays live in the wasm memory");
    blas.gemm(true, false, m, n, k, 1, a, b, 0, c);
    assertClose(c, naiveGemm(true, false, m, n, k, 1, a, b, 0, c), 1e-5, "arena");
  });

  test("with β = 0, C's old contents (NaN) are ignored", () => {
    const a = Float32Array.from([1, 2, 3, 4]);
    const b = Float32Array.from([1, 0, 0, 1]);
    const c = new Float32Array(4).fill(Number.NaN);
    blas.gemm(false, false, 2, 2, 2, 1, a, b, 0, c);
    assert.deepEqual(Array.from(c), [1, 2, 3, 4]);
  });

  test("products below minFlops stay on WebAssembly, with the same result", () => {
    const small = createBlasBackend({ threads: 1, memoryMiB: 64, minFlops: 1000 });
    const rng = new Random(5);
    const a = randomArray("float32", 4 * 6, rng);
    const b = randomArray("float32", 6 * 5, rng);
    const c = new Float32Array(20);
    small.gemm(false, true, 4, 5, 6, 1, a, b, 0, c); // 240 operations: wasm
    assert.equal(small.blasCalls, 0);
    assertClose(c, naiveGemm(false, true, 4, 5, 6, 1, a, b, 0, c), 1e-5, "small");
    const big = randomArray("float32", 20 * 30, rng);
    const w = randomArray("float32", 10 * 30, rng);
    const z = new Float32Array(200);
    small.gemm(false, true, 20, 10, 30, 1, big, w, 0, z); // 12 000 operations: BLAS
    assert.equal(small.blasCalls, 1);
    assertClose(z, naiveGemm(false, true, 20, 10, 30, 1, big, w, 0, z), 1e-5, "large");
  });

  test("without minFlops, the split is measured: small products go to the library only where it wins", () => {
    const measured = createBlasBackend({ threads: 1, memoryMiB: 64 });
    assert.ok(
      measured.minFlops === SMALL_BLAS_MIN_FLOPS || measured.minFlops === DEFAULT_BLAS_MIN_FLOPS,
      `minFlops ${measured.minFlops}`,
    );
    assert.equal(createBlasBackend({ threads: 1, memoryMiB: 64, minFlops: 12345 }).minFlops, 12345);
    // The backend computes as before after the measurement.
    const rng = new Random(6);
    const x = randomArray("float32", 16 * 256, rng);
    const w = randomArray("float32", 32 * 256, rng);
    const z = new Float32Array(16 * 32);
    measured.gemm(false, true, 16, 32, 256, 1, x, w, 0, z);
    assertClose(z, naiveGemm(false, true, 16, 32, 256, 1, x, w, 0, z), 1e-4, "after calibration");
  });
});

test("the libraries looked for, per platform", () => {
  assert.ok(candidateLibraries("linux").includes("libopenblas.so.0"));
  assert.ok(candidateLibraries("linux").includes("libmkl_rt.so.2"));
  assert.ok(candidateLibraries("linux").some((name) => name.startsWith("libblis")));
  assert.ok(candidateLibraries("darwin")[0].includes("Accelerate.framework"));
  assert.ok(candidateLibraries("win32").includes("libopenblas.dll"));
});

describe("without a BLAS library", () => {
  test("RETROPROP_BACKEND=blas says why once and runs on WebAssembly", () => {
    const r = runWithLibrary(
      `import { getBackend, setBackend } from INDEX;
       const first = getBackend().name;
       setBackend("blas");
       console.log(first, getBackend().name);`,
      { RETROPROP_BACKEND: "blas", RETROPROP_BLAS: "/nonexistent/libnoblas.so" },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), "wasm wasm");
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, `one message: ${r.stderr}`);
    assert.match(
      lines[0],
      /^retroprop: the BLAS backend is not available \(RETROPROP_BLAS=\/nonexistent\/libnoblas\.so: .*not found.*\); running on WebAssembly$/,
    );
  });

  test("the fallback is said in the locale's language (LANG), and in --lang's from the CLI", () => {
    const r = runWithLibrary(
      `import { getBackend, setBackend } from INDEX;
       setBackend("blas");
       console.log(getBackend().name);`,
      { RETROPROP_BACKEND: "blas", RETROPROP_BLAS: "/nonexistent/libnoblas.so", LANG: "es_MX.UTF-8" },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), "wasm");
    assert.equal(
      r.stderr,
      "retroprop: el backend BLAS no está disponible (RETROPROP_BLAS=/nonexistent/libnoblas.so: " +
        "/nonexistent/libnoblas.so (no se encontró)); se usa WebAssembly\n",
    );
    // The CLI says it in --lang's language whatever the locale.
    const cli = runCli(["derive", "x^2", "--at", "x=1", "--lang", "es"], {
      RETROPROP_BACKEND: "blas",
      RETROPROP_BLAS: "/nonexistent/libnoblas.so",
      LANG: "C",
    });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(
      cli.stderr,
      "retroprop: el backend BLAS no está disponible (RETROPROP_BLAS=/nonexistent/libnoblas.so: " +
        "/nonexistent/libnoblas.so (no se encontró)); se usa WebAssembly\n",
    );
  });

  test("the automatic choice stays on WebAssembly, silently", () => {
    const r = runWithLibrary(`import { ready } from INDEX; console.log((await ready()).name);`, {
      RETROPROP_BLAS: "/nonexistent/libnoblas.so",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), "wasm");
    assert.equal(r.stderr, "");
  });

  test("createBlasBackend throws one clear line", () => {
    const r = runWithLibrary(
      `import { createBlasBackend } from INDEX;
       try { createBlasBackend(); } catch (e) { console.log(e.name + ": " + e.message); }`,
      { RETROPROP_BLAS: "/nonexistent/libnoblas.so" },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout.trim(),
      /^InputError: the BLAS backend cannot load: RETROPROP_BLAS=\/nonexistent\/libnoblas\.so: /,
    );
  });
});

describe("the machine's BLAS, found by name", { skip }, () => {
  test("RETROPROP_BACKEND=blas selects it, threads from RETROPROP_THREADS", () => {
    const r = runWithLibrary(
      `import { getBackend } from INDEX;
       const b = getBackend();
       console.log(b.name, b.blasThreads);`,
      { RETROPROP_BACKEND: "blas", RETROPROP_THREADS: "1" },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), "blas 1");
    assert.equal(r.stderr, "");
  });
});

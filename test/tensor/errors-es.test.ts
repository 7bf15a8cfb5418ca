/**
 * The engine's errors (src/tensor, src/backend, src/autograd) in both languages: each is triggered through the
 * real call (a library function, a fresh Node process for what is read once per process, or the CLI with
 * --lang es), and its English message and its Spanish text (errorText with the Spanish catalogue) are compared
 * with lines written out here.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { matmul as matmulOp } from "../../src/autograd/ops/matrix.js";
import { reshape } from "../../src/autograd/ops/shape.js";
import { lift } from "../../src/autograd/tensor.js";
import { parseActivation } from "../../src/backend/activations.js";
import * as nd from "../../src/backend/nd.js";
import { setBackend } from "../../src/backend/registry.js";
import { loadWasmBackend } from "../../src/backend/wasm/browser-loader.js";
import { startBrowserPool } from "../../src/backend/wasm/browser-pool.js";
import { type WasmModule, wasmApi } from "../../src/backend/wasm/codes.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { broadcastShapes, ShapeError } from "../../src/tensor/shape.js";
import { InputError, RetropropError } from "../../src/util/errors.js";
import { errorText, messages } from "../../src/util/i18n.js";
import { runWithLibrary } from "../backend/run-library.js";
import { runCli } from "../cli/run-cli.js";
import { saysBoth } from "../util/says-both.js";

describe("engine errors in English and Spanish", () => {
  test("ndarray.ts: data that do not fit the shape, nested arrays of the wrong length", async () => {
    await saysBoth(
      () => new NDArray(new Float32Array(5), [2, 3]),
      ShapeError,
      "data of length 5 does not fit shape [2,3]",
      "datos de longitud 5 no caben en la forma [2,3]",
    );
    await saysBoth(
      () => NDArray.from([[1, 2], [3]]),
      ShapeError,
      "[1]: expected 2 items, got 1",
      "[1]: se esperaban 2 elementos, se recibió 1",
    );
  });

  test("shape.ts: shapes that cannot be broadcast", async () => {
    await saysBoth(
      () => broadcastShapes([2, 3], [4, 3]),
      ShapeError,
      "shapes [2,3] and [4,3] cannot be broadcast together",
      "las formas [2,3] y [4,3] no se pueden difundir (broadcast) juntas",
    );
  });

  test("nd.ts: a matrix product whose inner sizes differ, a row index out of range", async () => {
    await saysBoth(
      () => nd.matmul(NDArray.zeros([2, 3]), NDArray.zeros([2, 3])),
      ShapeError,
      "matmul: shapes [2,3] and [2,3] do not align (3 ≠ 2)",
      "matmul: las formas [2,3] y [2,3] no concuerdan (3 ≠ 2)",
    );
    await saysBoth(
      () => nd.gatherRows(NDArray.zeros([3, 2]), [0, 3]),
      ShapeError,
      "row index 3 is out of range for 3 rows",
      "el índice de fila 3 está fuera de rango para 3 filas",
    );
  });

  test("activations.ts: an unknown activation names the known ones", async () => {
    const known = (await import("../../src/backend/activations.js")).ACTIVATIONS.join(", ");
    await saysBoth(
      () => parseActivation("sigmod"),
      RetropropError,
      `unknown activation "sigmod" (known: ${known})`,
      `activación desconocida "sigmod" (se conocen: ${known})`,
    );
  });

  test("registry.ts: an unknown backend, with the names this process knows", () => {
    let caught: unknown;
    try {
      setBackend("cuda");
    } catch (err) {
      caught = err;
    }
    assert.ok(caught instanceof InputError);
    // Which backends a process has registered depends on the run (RETROPROP_BACKEND); reference always is.
    const english = /^unknown backend "cuda" \(known: ([a-z, ]+)\)$/.exec(caught.message);
    const known = english?.[1] ?? "";
    assert.ok(known.split(", ").includes("reference"), caught.message);
    assert.equal(errorText(caught, messages("es")), `backend desconocido "cuda" (se conocen: ${known})`);
  });

  test("browser-loader.ts: a memory option that is neither shared nor unshared, threads without isolation", async () => {
    await saysBoth(
      () => loadWasmBackend({ memory: "private" as "shared" }),
      RetropropError,
      'memory: "private": expected "shared" or "unshared"',
      'memory: "private": se esperaba "shared" o "unshared"',
    );
    // Node has no crossOriginIsolated: as a page that is not isolated.
    await saysBoth(
      () => loadWasmBackend({ threads: 2 }),
      RetropropError,
      "threads: 2 needs a cross-origin-isolated page with a shared memory (Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp); this one is not",
      "threads: 2 necesita una página aislada de otros orígenes y con memoria compartida (Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp); esta no lo está",
    );
  });

  test("browser-pool.ts: a worker that fails to start", async () => {
    // A stand-in for the browser's Worker whose start fails as a browser reports it: an "error" event.
    class FailingWorker {
      postMessage(): void {}
      terminate(): void {}
      addEventListener(type: string, listener: (event: { message?: string }) => void): void {
        if (type === "error")
          queueMicrotask(() => listener({ message: "SyntaxError: Unexpected token '<'" }));
      }
    }
    const g = globalThis as { Worker?: unknown };
    const saved = g.Worker;
    g.Worker = FailingWorker;
    try {
      const memory = new wasmApi.Memory({ initial: 1, maximum: 1, shared: true });
      const module = {} as WasmModule;
      await saysBoth(
        () => startBrowserPool(module, memory, 1, [0, 0], true).ready(),
        RetropropError,
        "a WebAssembly worker failed to start: SyntaxError: Unexpected token '<'",
        "un worker de WebAssembly no pudo arrancar: SyntaxError: Unexpected token '<'",
      );
    } finally {
      g.Worker = saved;
    }
  });

  test("autograd: matmul of a scalar, a reshape that changes the size, backward without a gradient", async () => {
    await saysBoth(
      () => matmulOp(2, NDArray.zeros([2, 2])),
      ShapeError,
      "matmul: scalars have no matrix product; use mul",
      "matmul: los escalares no tienen producto matricial; use mul",
    );
    await saysBoth(
      () => reshape(NDArray.zeros([2, 3]), [4, 2]),
      ShapeError,
      "reshape: cannot reshape [2,3] (6 elements) to [4,2]",
      "reshape: no se puede cambiar [2,3] (6 elementos) a la forma [4,2]",
    );
    await saysBoth(
      () => lift(NDArray.scalar(1)).backward(),
      RetropropError,
      "backward(): this tensor does not depend on anything that requires a gradient",
      "backward(): este tensor no depende de nada que requiera gradiente",
    );
  });

  test("blas/library.ts: a BLAS library that is not there, the reason said in the reader's language", () => {
    const i18n = JSON.stringify(fileURLToPath(new URL("../../src/util/i18n.js", import.meta.url)));
    const r = runWithLibrary(
      `import { createBlasBackend } from INDEX;
       import { errorText, messages } from ${i18n};
       try { createBlasBackend(); } catch (e) { console.log(e.message); console.log(errorText(e, messages("es"))); }`,
      { RETROPROP_BLAS: "/nonexistent/libnoblas.so" },
    );
    assert.equal(r.status, 0, r.stderr);
    const [english, spanish] = r.stdout.trim().split("\n");
    // Without koffi the reason is that it is missing; with it, the library chosen was not found.
    const koffi = english.includes("koffi");
    assert.equal(
      english,
      koffi
        ? "the BLAS backend cannot load: the optional package koffi is not installed (npm install koffi)"
        : "the BLAS backend cannot load: RETROPROP_BLAS=/nonexistent/libnoblas.so: /nonexistent/libnoblas.so (not found)",
    );
    assert.equal(
      spanish,
      koffi
        ? "el backend BLAS no se puede cargar: el paquete opcional koffi no está instalado (npm install koffi)"
        : "el backend BLAS no se puede cargar: RETROPROP_BLAS=/nonexistent/libnoblas.so: /nonexistent/libnoblas.so (no se encontró)",
    );
  });

  test("select.ts and loader.ts: RETROPROP_BACKEND and RETROPROP_THREADS checked, in Spanish by the CLI", () => {
    const backend = runCli(["demo", "--lang", "es", "--epochs", "1"], { RETROPROP_BACKEND: "gpu" });
    assert.notEqual(backend.status, 0);
    assert.equal(
      backend.stderr,
      "retroprop: RETROPROP_BACKEND=gpu: se esperaba uno de reference, wasm, blas\n",
    );
    const threads = runCli(["demo", "--lang", "es", "--epochs", "1"], {
      RETROPROP_BACKEND: "wasm",
      RETROPROP_THREADS: "0",
    });
    assert.notEqual(threads.status, 0);
    assert.equal(threads.stderr, "retroprop: RETROPROP_THREADS=0: se esperaba un número positivo\n");
  });
});

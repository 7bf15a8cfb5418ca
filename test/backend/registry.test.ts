import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { describe, test } from "node:test";
import type { Backend } from "../../src/backend/backend.js";
import { ReferenceBackend } from "../../src/backend/reference.js";
import {
  getBackend,
  registerBackendHint,
  setBackend,
  setBackendScope,
  withBackend,
} from "../../src/backend/registry.js";
import "../../src/backend/wasm/select.js"; // Node's entry: installs the AsyncLocalStorage scope
import { Sequential } from "../../src/nn/index.js";
import { SGD } from "../../src/optim/index.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { fit } from "../../src/train/index.js";
import { InputError } from "../../src/util/errors.js";
import { runWithLibrary } from "./run-library.js";

/** A reference backend that counts the kernels it runs (to see which backend a computation used). */
class CountingBackend extends ReferenceBackend {
  override readonly name: string;
  calls = 0;
  constructor(name: string) {
    super();
    this.name = name;
  }
  override gemm(...args: Parameters<ReferenceBackend["gemm"]>): void {
    this.calls++;
    super.gemm(...args);
  }
  override denseForward(...args: Parameters<ReferenceBackend["denseForward"]>): void {
    this.calls++;
    super.denseForward(...args);
  }
  override denseBackward(...args: Parameters<ReferenceBackend["denseBackward"]>): void {
    this.calls++;
    super.denseBackward(...args);
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

const X = NDArray.from(
  [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  "float32",
);
const Y = NDArray.from([[0], [1], [1], [0]], "float32");

function xor(): Sequential {
  return Sequential.fromSizes({
    sizes: [2, 3, 1],
    activation: "sigmoid",
    output: "sigmoid",
    dtype: "float32",
    rng: new Random(4),
  });
}

describe("backend registry", () => {
  test("withBackend keeps its backend across awaits; code outside the scope keeps the previous one", async () => {
    const outside = getBackend();
    const scoped = new CountingBackend("scoped");
    let during: Backend | null = null;
    const work = withBackend(scoped, async () => {
      const seen = [getBackend()];
      await tick();
      seen.push(getBackend());
      await tick();
      seen.push(getBackend());
      return seen;
    });
    // Runs while the scope's function is suspended at an await.
    during = getBackend();
    const seen = await work;
    assert.ok(
      seen.every((b) => b === scoped),
      "every step of the async function saw the scoped backend",
    );
    assert.equal(during, outside, "concurrent code outside the scope was not switched");
    assert.equal(getBackend(), outside, "restored afterwards");
  });

  test("withBackend(b, async () => fit(...)) trains on b for every epoch", async () => {
    const outside = new CountingBackend("outside");
    const scoped = new CountingBackend("scoped");
    const previous = setBackend(outside);
    try {
      const epochs = 20;
      await withBackend(scoped, () =>
        fit(xor(), X, Y, { loss: "mse", optimizer: new SGD({ lr: 1 }), epochs, batchSize: "full" }),
      );
      // Each full-batch epoch runs at least the two layers' forward and backward passes on the scoped backend.
      assert.ok(scoped.calls >= 4 * epochs, `${scoped.calls} kernels on the scoped backend`);
      assert.equal(outside.calls, 0, "nothing ran on the backend outside the scope");
    } finally {
      setBackend(previous);
    }
  });

  test("a backend not loaded yet names the call to make; an unknown one lists the known names", () => {
    registerBackendHint("test-gpu", "call `await initTestGpu()` first");
    assert.throws(
      () => setBackend("test-gpu"),
      (err: unknown) =>
        err instanceof InputError &&
        err.message === 'backend "test-gpu" is not loaded yet: call `await initTestGpu()` first',
    );
    assert.throws(
      () => withBackend("nonsense", () => 1),
      (err: unknown) =>
        err instanceof InputError &&
        /^unknown backend "nonsense" \(known: .*reference.*wasm.*blas/.test(err.message),
    );
  });

  test("without AsyncLocalStorage (the browser), the selection is held until the promise settles", async () => {
    const outside = getBackend();
    const scoped = new CountingBackend("scoped");
    setBackendScope(null);
    try {
      const work = withBackend(scoped, async () => {
        await tick();
        return getBackend();
      });
      assert.equal(getBackend(), scoped, "held globally while the function runs");
      assert.equal(await work, scoped);
      assert.equal(getBackend(), outside, "restored when it settled");
      const failing = withBackend(scoped, async () => {
        await tick();
        throw new Error("boom");
      });
      await assert.rejects(failing, /boom/);
      assert.equal(getBackend(), outside, "restored after a rejection");
      assert.equal(
        withBackend(scoped, () => getBackend()),
        scoped,
      );
      assert.equal(getBackend(), outside, "restored after a synchronous function");
    } finally {
      setBackendScope(new AsyncLocalStorage<Backend>());
    }
  });
});

describe("the Node entry", () => {
  test("importing the library gives the fast backend, and ready() resolves to it", () => {
    const r = runWithLibrary(`import { getBackend, ready } from INDEX;
      const first = getBackend().name;
      const b = await ready();
      console.log(first, b.name, b === getBackend());`);
    assert.equal(r.status, 0, r.stderr);
    const [first, readyName, same] = r.stdout.trim().split(" ");
    assert.ok(first === "wasm" || first === "blas", `default backend ${first}`);
    assert.equal(readyName, first);
    assert.equal(same, "true");
  });

  test('setBackend("wasm") works without an init call, RETROPROP_BACKEND=reference still forces the reference', () => {
    const r = runWithLibrary(
      `import { getBackend, setBackend } from INDEX;
      const first = getBackend().name;
      setBackend("wasm");
      console.log(first, getBackend().name);`,
      { RETROPROP_BACKEND: "reference" },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), "reference wasm");
  });

  test('the browser entry: setBackend("wasm") before the kernels are loaded says what to await', () => {
    const r = runWithLibrary(
      `import { getBackend, setBackend } from INDEX;
      try { setBackend("wasm"); } catch (e) { console.log(e.name + ": " + e.message); }
      console.log(getBackend().name);`,
      {},
      "browser.js",
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout.trim(),
      'InputError: backend "wasm" is not loaded yet: call `await initWasmBackend()` (or `await ready()`) first\nreference',
    );
  });

  test("an unknown RETROPROP_BACKEND is one clear error", () => {
    const r = runWithLibrary(
      `import { getBackend } from INDEX;
      try { getBackend(); } catch (e) { console.log(e.name + ": " + e.message); }`,
      { RETROPROP_BACKEND: "gpu" },
    );
    assert.equal(r.stdout.trim(), "InputError: RETROPROP_BACKEND=gpu: expected one of reference, wasm, blas");
  });
});

import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { findChromium, launchChromium, serveRepository, serverUrl } from "./browser-harness.js";
import type { BrowserReport } from "./browser-page.js";
import type { WorkerReport } from "./browser-worker-check.js";

// The browser build's WebAssembly backend, run in headless Chromium (Debian's package; playwright-core drives
// it and downloads nothing). The page is served over HTTP twice: once cross-origin isolated (COOP/COEP
// headers: shared memory may go to workers, so threads), once not (one thread). The checks run inside the
// page (browser-page.ts) against a float64 triple loop and the reference backend.

const chromiumPath = findChromium();

describe("the wasm backend in Chromium", {
  skip: chromiumPath ? false : "no Chromium: apt install chromium, or set RETROPROP_CHROMIUM",
}, () => {
  let browser: Browser;
  let isolated: Server;
  let plain: Server;
  /** What the browser reports as the machine's cores (threads default to it, at most 8). */
  let cores: number;

  before(async () => {
    [isolated, plain] = await Promise.all([serveRepository(true), serveRepository(false)]);
    browser = await launchChromium(chromiumPath!);
    const context = await browser.newContext();
    cores = await (await context.newPage()).evaluate(
      () =>
        (globalThis as unknown as { navigator: { hardwareConcurrency: number } }).navigator
          .hardwareConcurrency,
    );
    await context.close();
  });
  after(async () => {
    await browser?.close();
    isolated?.close();
    plain?.close();
  });

  async function report(
    t: { diagnostic(message: string): void },
    server: Server,
    memory?: "shared" | "unshared",
  ): Promise<BrowserReport> {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    tab.on("console", (msg) => {
      // The deliberate fetch of a missing folder logs a 404; anything else is a problem.
      if (msg.type() === "error" && !/404/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    try {
      await tab.goto(serverUrl(server), { timeout: 120_000 });
      const result = await tab.evaluate(async (memory) => {
        const url = "/dist/test/backend/browser-page.js";
        const checks = (await import(url)) as typeof import("./browser-page.js");
        return checks.checkWasmInBrowser({ memory });
      }, memory);
      assert.deepEqual(problems, []);
      const { badUrlError, threadsError, ...figures } = result;
      t.diagnostic(JSON.stringify(figures));
      return result;
    } finally {
      await context.close();
    }
  }

  function assertComputes(r: BrowserReport): void {
    assert.equal(r.name, "wasm");
    assert.equal(r.gemmCases, 16);
    assert.ok(r.gemmWorst <= 1, `GEMM error ${r.gemmWorst} × tolerance`);
    assert.equal(r.registryName, "wasm", 'initWasmBackend registers "wasm" for setBackend');
    assert.deepEqual(r.xor, [0, 1, 1, 0]);
    // The same seeded 64-32-10 run on both backends: float32 rounding apart, the same weights.
    assert.ok(r.trainMaxDiff < 1e-3, `weights differ by ${r.trainMaxDiff}`);
    assert.ok(Math.abs(r.trainLoss[0] - r.trainLoss[1]) < 1e-4, `losses ${r.trainLoss}`);
    assert.match(
      r.badUrlError,
      /^RetropropError: cannot fetch the WebAssembly kernels: .*\/no-such-folder\/retroprop-\S+\.wasm answered 404/,
    );
  }

  test("a cross-origin-isolated page: worker threads, relaxed SIMD, exact splits, training", async (t) => {
    const r = await report(t, isolated);
    assert.equal(r.crossOriginIsolated, true);
    assertComputes(r);
    assert.equal(r.relaxedSimd, true, "Chromium validates the relaxed-SIMD build");
    assert.equal(r.threads, Math.min(8, cores));
    if (r.threads > 1) {
      assert.equal(r.threadedBitwise, true, "a GEMM split over workers equals the one-thread result");
      assert.ok(r.workerChunks > 0, "the Web Workers ran chunks of the split GEMMs");
    }
  });

  test("a page that is not isolated: one thread on a shared memory; threads: 2 is refused by name", async (t) => {
    const r = await report(t, plain);
    assert.equal(r.crossOriginIsolated, false);
    assertComputes(r);
    assert.equal(r.threads, 1);
    assert.equal(r.threadedBitwise, null);
    assert.equal(r.workerChunks, 0);
    assert.match(r.threadsError ?? "", /^RetropropError: threads: 2 needs a cross-origin-isolated page/);
  });

  test("inside a Web Worker on an isolated page: nested GEMM workers, bit-exact splits", async (t) => {
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      await tab.goto(serverUrl(isolated), { timeout: 120_000 });
      const r = await tab.evaluate(
        () =>
          new Promise<WorkerReport>((resolve) => {
            type W = {
              onmessage: (e: { data: WorkerReport }) => void;
              onerror: (e: { message: string }) => void;
              postMessage(m: unknown): void;
            };
            const Worker = (globalThis as unknown as { Worker: new (url: string, o: object) => W }).Worker;
            const worker = new Worker("/dist/test/backend/browser-worker-check.js", { type: "module" });
            worker.onmessage = (e) => resolve(e.data);
            worker.onerror = (e) =>
              resolve({ threads: 0, bitwise: false, workerChunks: 0, error: e.message });
            worker.postMessage("start");
          }),
      );
      t.diagnostic(JSON.stringify(r));
      assert.equal(r.error, undefined);
      assert.ok(r.threads > 1 || cores === 1, `threads ${r.threads}`);
      assert.equal(r.bitwise, true);
      if (r.threads > 1) assert.ok(r.workerChunks > 0, "the nested workers ran chunks");
    } finally {
      await context.close();
    }
  });

  test('memory: "unshared" loads the build for pages that cannot create a shared memory', async (t) => {
    const r = await report(t, isolated, "unshared");
    assertComputes(r);
    assert.equal(r.threads, 1);
    assert.equal(r.relaxedSimd, false);
  });
});

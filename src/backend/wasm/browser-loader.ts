/**
 * The WebAssembly backend in a browser: the same kernels and WasmBackend as in Node, loaded with fetch, and
 * threaded with Web Workers where the page allows it.
 *
 * - The .wasm files are fetched from `wasmUrl` if given (a folder serving the package's build/wasm/ files), else
 *   from the package's own files, each named by a `new URL("…", import.meta.url)` literal: the pattern that Vite,
 *   webpack and Parcel follow to emit the file as an asset and rewrite the URL.
 * - Threads need a cross-origin-isolated page (served with `Cross-Origin-Opener-Policy: same-origin` and
 *   `Cross-Origin-Embedder-Policy: require-corp`): only there can the shared memory be sent to workers.
 *   Elsewhere the backend runs on the calling thread.
 * - A page that cannot create a shared memory at all (outside isolation, some browsers) gets the build made
 *   for an unshared memory.
 * - On a page's main thread, a GEMM split across workers waits for them by spinning (a main thread may not
 *   sleep); training in a Web Worker avoids that and keeps the page responsive.
 */
import { RetropropError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import type { Backend } from "../backend.js";
import { registerBackend, registerBackendHint, setBackend } from "../registry.js";
import { assembleWasmBackend, MAX_DEFAULT_THREADS, type WasmOptions } from "./assemble.js";
import { startBrowserPool } from "./browser-pool.js";
import { type WasmModule, wasmApi } from "./codes.js";
import type { WasmBackend } from "./wasm-backend.js";

export interface BrowserWasmOptions extends WasmOptions {
  /** The folder (URL) that serves the built .wasm files; default: the package's own files, as bundlers emit them. */
  wasmUrl?: string | URL;
  /** "unshared" forces the one-thread build; default: a shared memory wherever the page can create one. */
  memory?: "shared" | "unshared";
}

/** What this page allows, read from the browser (the project compiles without the DOM library). */
interface PageFacts {
  crossOriginIsolated: boolean;
  cores: number;
  /** Whether this thread may sleep in Atomics.wait (a worker may; a page's main thread may not). */
  canBlock: boolean;
  canShareMemory: boolean;
}

interface FetchResponse {
  ok: boolean;
  status: number;
  statusText: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface BrowserGlobals {
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
  location?: { href: string };
  fetch(url: string): Promise<FetchResponse>;
  WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> };
}
const browser = globalThis as unknown as BrowserGlobals;

function pageFacts(): PageFacts {
  let canBlock = false;
  let canShareMemory = false;
  try {
    new wasmApi.Memory({ initial: 1, maximum: 1, shared: true });
    canShareMemory = true;
  } catch {
    // this page may not create shared memory: the unshared build
  }
  try {
    // Throws a TypeError on threads that may not block, before comparing the value (it differs: no wait).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    canBlock = true;
  } catch {
    // a page's main thread, or no SharedArrayBuffer outside isolation
  }
  return {
    crossOriginIsolated: browser.crossOriginIsolated === true,
    cores: Math.max(1, Math.floor(browser.navigator?.hardwareConcurrency ?? 1)),
    canBlock,
    canShareMemory,
  };
}

type WasmBuild = "relaxed" | "simd" | "simd-unshared";

/**
 * Where each build is, by default. One literal `new URL(...)` per file: bundlers only emit (and rename) an asset
 * they can see whole, never a folder or a computed name.
 */
function packagedWasmUrl(build: WasmBuild): URL {
  switch (build) {
    case "relaxed":
      return new URL("../../../../build/wasm/retroprop-relaxed.wasm", import.meta.url);
    case "simd":
      return new URL("../../../../build/wasm/retroprop-simd.wasm", import.meta.url);
    case "simd-unshared":
      return new URL("../../../../build/wasm/retroprop-simd-unshared.wasm", import.meta.url);
  }
}

/** `\0asm`, the first four bytes of every WebAssembly binary. */
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** Refuses a response that is not WebAssembly at all (a dev server's HTML fallback page, say) before any talk of SIMD. */
function checkWasmBytes(bytes: Uint8Array, url: URL): void {
  if (WASM_MAGIC.every((b, i) => bytes[i] === b)) return;
  const start = new TextDecoder()
    .decode(bytes.subarray(0, 24))
    .replace(/\s+/g, " ")
    .replace(/[^\x20-\x7e]/g, "?");
  throw localizedError(RetropropError, "notWasmFile", url.href, start);
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  let response: FetchResponse;
  try {
    response = await browser.fetch(url.href);
  } catch (err) {
    throw localizedError(RetropropError, "wasmFetchFailed", url.href, (err as Error).message);
  }
  if (!response.ok) {
    throw localizedError(RetropropError, "wasmFetchStatus", url.href, response.status, response.statusText);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** The module to use: relaxed SIMD if asked for and valid, else plain SIMD; the unshared build without sharing. */
async function compileFor(
  base: URL | undefined,
  shared: boolean,
  relaxed: boolean,
): Promise<{ module: WasmModule; relaxed: boolean }> {
  const load = async (build: WasmBuild): Promise<Uint8Array> => {
    const url = base ? new URL(`retroprop-${build}.wasm`, base) : packagedWasmUrl(build);
    const bytes = await fetchBytes(url);
    checkWasmBytes(bytes, url);
    return bytes;
  };
  if (shared && relaxed) {
    const bytes = await load("relaxed");
    if (wasmApi.validate(bytes)) return { module: await browser.WebAssembly.compile(bytes), relaxed: true };
  }
  const bytes = await load(shared ? "simd" : "simd-unshared");
  if (!wasmApi.validate(bytes)) throw localizedError(RetropropError, "noWasmSimd");
  return { module: await browser.WebAssembly.compile(bytes), relaxed: false };
}

/**
 * A new wasm backend for this page or worker, with its own memory and workers; resolves when the workers
 * run. Not registered: pass it to setBackend, or use initWasmBackend.
 */
export async function loadWasmBackend(options: BrowserWasmOptions = {}): Promise<WasmBackend> {
  const page = pageFacts();
  if (options.memory !== undefined && options.memory !== "shared" && options.memory !== "unshared") {
    throw localizedError(RetropropError, "wasmMemoryOption", String(options.memory));
  }
  const shared = options.memory !== "unshared" && page.canShareMemory;
  if (options.memory === "shared" && !shared) {
    throw localizedError(RetropropError, "noSharedMemory");
  }
  const threadsAllowed = shared && page.crossOriginIsolated;
  if (options.threads !== undefined && options.threads > 1 && !threadsAllowed) {
    throw localizedError(RetropropError, "threadsNeedIsolation", options.threads);
  }
  const threads = threadsAllowed ? (options.threads ?? Math.min(MAX_DEFAULT_THREADS, page.cores)) : 1;
  const base = options.wasmUrl === undefined ? undefined : new URL(options.wasmUrl, browser.location?.href);
  const { module, relaxed } = await compileFor(base, shared, options.relaxed ?? true);
  const backend = assembleWasmBackend({
    module,
    relaxed,
    shared,
    threads,
    memoryMiB: options.memoryMiB,
    splitFlops: options.splitFlops,
    startPool: (memory, count, scratch) => startBrowserPool(module, memory, count, scratch, page.canBlock),
  });
  await backend.ready();
  return backend;
}

let shared: Promise<WasmBackend> | null = null;

/**
 * The page's wasm backend, loaded on first call (later options are ignored) and registered as "wasm", as
 * initWasmBackend does in Node: `await initWasmBackend(); setBackend("wasm")` works in both.
 */
export function initWasmBackend(options: BrowserWasmOptions = {}): Promise<WasmBackend> {
  if (!shared) {
    shared = loadWasmBackend(options).then((backend) => {
      registerBackend("wasm", () => backend);
      return backend;
    });
    // A failed load may be retried (say, with another wasmUrl).
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}

// Loading the kernels is asynchronous here (fetch), so setBackend("wasm") before it can only say what to call.
registerBackendHint("wasm", localizedError(RetropropError, "wasmHint"));

/**
 * The one call a page needs: loads the wasm backend (options as initWasmBackend's), waits for its workers and
 * selects it; resolves to it. Where the page cannot run it (no WebAssembly SIMD), the error says why, and
 * `setBackend("reference")` runs anywhere.
 */
export async function ready(options: BrowserWasmOptions = {}): Promise<Backend> {
  const wasm = await initWasmBackend(options);
  await wasm.ready();
  setBackend(wasm);
  return wasm;
}

/**
 * The WebAssembly backend in a browser: the same kernels and WasmBackend as in Node, loaded with fetch, and
 * threaded with Web Workers where the page allows it.
 *
 * - The .wasm files are fetched from `wasmUrl` (default: the package's build/wasm/ folder, found relative to
 *   this module, which bundlers such as Vite follow).
 * - Threads need a cross-origin-isolated page (served with `Cross-Origin-Opener-Policy: same-origin` and
 *   `Cross-Origin-Embedder-Policy: require-corp`): only there can the shared memory be sent to workers.
 *   Elsewhere the backend runs on the calling thread.
 * - A page that cannot create a shared memory at all (outside isolation, some browsers) gets the build made
 *   for an unshared memory.
 * - On a page's main thread, a GEMM split across workers waits for them by spinning (a main thread may not
 *   sleep); training in a Web Worker avoids that and keeps the page responsive.
 */
import { RetropropError } from "../../util/errors.js";
import type { Backend } from "../backend.js";
import { registerBackend, registerBackendHint, setBackend } from "../registry.js";
import { assembleWasmBackend, MAX_DEFAULT_THREADS, type WasmOptions } from "./assemble.js";
import { startBrowserPool } from "./browser-pool.js";
import { type WasmModule, wasmApi } from "./codes.js";
import type { WasmBackend } from "./wasm-backend.js";

export interface BrowserWasmOptions extends WasmOptions {
  /** The folder (URL) that serves the built .wasm files; default: the package's build/wasm/. */
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

function defaultWasmUrl(): URL {
  // A folder, which bundlers cannot emit as an asset: the comment keeps Vite from warning about it.
  return new URL(/* @vite-ignore */ "../../../../build/wasm/", import.meta.url);
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  let response: FetchResponse;
  try {
    response = await browser.fetch(url.href);
  } catch (err) {
    throw new RetropropError(
      `cannot fetch the WebAssembly kernels from ${url.href}: ${(err as Error).message}`,
    );
  }
  if (!response.ok) {
    throw new RetropropError(
      `cannot fetch the WebAssembly kernels: ${url.href} answered ${response.status} ${response.statusText}` +
        " (serve the package's build/wasm/ folder and pass its URL as wasmUrl)",
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** The module to use: relaxed SIMD if asked for and valid, else plain SIMD; the unshared build without sharing. */
async function compileFor(
  base: URL,
  shared: boolean,
  relaxed: boolean,
): Promise<{ module: WasmModule; relaxed: boolean }> {
  const load = async (file: string): Promise<Uint8Array> => fetchBytes(new URL(file, base));
  if (shared && relaxed) {
    const bytes = await load("retroprop-relaxed.wasm");
    if (wasmApi.validate(bytes)) return { module: await browser.WebAssembly.compile(bytes), relaxed: true };
  }
  const bytes = await load(shared ? "retroprop-simd.wasm" : "retroprop-simd-unshared.wasm");
  if (!wasmApi.validate(bytes)) throw new RetropropError("this browser has no WebAssembly SIMD");
  return { module: await browser.WebAssembly.compile(bytes), relaxed: false };
}

/**
 * A new wasm backend for this page or worker, with its own memory and workers; resolves when the workers
 * run. Not registered: pass it to setBackend, or use initWasmBackend.
 */
export async function loadWasmBackend(options: BrowserWasmOptions = {}): Promise<WasmBackend> {
  const page = pageFacts();
  if (options.memory !== undefined && options.memory !== "shared" && options.memory !== "unshared") {
    throw new RetropropError(`memory: "${options.memory}": expected "shared" or "unshared"`);
  }
  const shared = options.memory !== "unshared" && page.canShareMemory;
  if (options.memory === "shared" && !shared) {
    throw new RetropropError('memory: "shared": this page cannot create a shared WebAssembly memory');
  }
  const threadsAllowed = shared && page.crossOriginIsolated;
  if (options.threads !== undefined && options.threads > 1 && !threadsAllowed) {
    throw new RetropropError(
      `threads: ${options.threads} needs a cross-origin-isolated page with a shared memory ` +
        "(Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp); this one is not",
    );
  }
  const threads = threadsAllowed ? (options.threads ?? Math.min(MAX_DEFAULT_THREADS, page.cores)) : 1;
  const base = new URL(options.wasmUrl ?? defaultWasmUrl(), browser.location?.href);
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
registerBackendHint("wasm", "call `await initWasmBackend()` (or `await ready()`) first");

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

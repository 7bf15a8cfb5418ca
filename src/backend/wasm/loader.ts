import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { InputError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import { registerBackend } from "../registry.js";
import { assembleWasmBackend, MAX_DEFAULT_THREADS, type WasmOptions, type WasmParts } from "./assemble.js";
import { type WasmModule, wasmApi } from "./codes.js";
import { startNodePool } from "./pool.js";
import type { WasmBackend } from "./wasm-backend.js";

export type { WasmOptions } from "./assemble.js";

/** Where `npm run build` writes the modules (build/wasm at the package root); RETROPROP_WASM_DIR overrides. */
export function wasmDirectory(): string {
  const dir = process.env.RETROPROP_WASM_DIR;
  return dir && dir.length > 0 ? dir : fileURLToPath(new URL("../../../../build/wasm/", import.meta.url));
}

let relaxedFlagSet = false;

/** The compiled module: relaxed SIMD if the runtime accepts it (Node 20 needs a V8 flag), else plain SIMD. */
function compile(relaxed: boolean): { module: WasmModule; relaxed: boolean } {
  const dir = wasmDirectory();
  const read = (file: string): Uint8Array => {
    try {
      return readFileSync(`${dir}/${file}`);
    } catch {
      throw new Error(`the WebAssembly kernels are not built (no ${dir}/${file}): run npm run build`);
    }
  };
  if (relaxed) {
    const bytes = read("retroprop-relaxed.wasm");
    if (!wasmApi.validate(bytes) && !relaxedFlagSet) {
      // Node 20's V8 ships relaxed SIMD behind a flag; it must be set before compiling (not via NODE_OPTIONS).
      try {
        setFlagsFromString("--experimental-wasm-relaxed-simd");
      } catch {
        // the flag is unknown to this runtime: keep plain SIMD
      }
      relaxedFlagSet = true;
    }
    if (wasmApi.validate(bytes)) return { module: new wasmApi.Module(bytes), relaxed: true };
  }
  const simd = read("retroprop-simd.wasm");
  if (!wasmApi.validate(simd)) throw new Error("this runtime has no WebAssembly SIMD");
  return { module: new wasmApi.Module(simd), relaxed: false };
}

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === "") return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 1) throw localizedError(InputError, "positiveVariable", name, v);
  return x;
}

/** Threads for a backend's GEMMs: RETROPROP_THREADS, else the machine's cores (at most 8). */
export function defaultThreads(): number {
  return envNumber("RETROPROP_THREADS") ?? Math.min(MAX_DEFAULT_THREADS, availableParallelism());
}

/**
 * A new wasm backend with its own memory and workers, usable at once (workers join as they come up;
 * `await backend.ready()` waits for them). Throws if the modules are not built or SIMD is missing.
 */
export function createWasmBackend(
  options: WasmOptions = {},
  construct?: WasmParts["construct"],
): WasmBackend {
  const threads = options.threads ?? defaultThreads();
  const { module, relaxed } = compile(options.relaxed ?? process.env.RETROPROP_WASM_RELAXED !== "0");
  return assembleWasmBackend({
    module,
    relaxed,
    shared: true,
    threads,
    memoryMiB: options.memoryMiB ?? envNumber("RETROPROP_WASM_MEMORY_MB"),
    splitFlops: options.splitFlops,
    startPool: (memory, count, scratch) => startNodePool(module, memory, count, scratch),
    construct,
  });
}

let shared: WasmBackend | null = null;

/**
 * The process's wasm backend, created on first call (later options are ignored) and registered as "wasm"
 * (setBackend("wasm") then selects it). Synchronous: worker threads join as they start.
 */
export function initWasmBackendSync(options: WasmOptions = {}): WasmBackend {
  if (!shared) {
    const backend = createWasmBackend(options);
    shared = backend;
    registerBackend("wasm", () => backend);
  }
  return shared;
}

/** As initWasmBackendSync, and waits until the worker threads are running. */
export async function initWasmBackend(options: WasmOptions = {}): Promise<WasmBackend> {
  const backend = initWasmBackendSync(options);
  await backend.ready();
  return backend;
}

/** True if the modules are built and this runtime runs WebAssembly SIMD. */
export function wasmAvailable(): boolean {
  try {
    compile(false);
    return true;
  } catch {
    return false;
  }
}

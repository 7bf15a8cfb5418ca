import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { registerBackend } from "../registry.js";
import { type Kernels, type WasmModule, wasmApi } from "./codes.js";
import { WorkerPool } from "./pool.js";
import { RESERVED_BYTES, WasmBackend } from "./wasm-backend.js";

export interface WasmOptions {
  /** Threads for large GEMMs, the calling one included (default: the machine's cores, at most 8). 1 = none. */
  threads?: number;
  /** Size of the shared memory in MiB, fixed for the backend's life (default 512). */
  memoryMiB?: number;
  /** Use the relaxed-SIMD build where the runtime validates it (default true). */
  relaxed?: boolean;
  /** GEMMs of fewer floating-point operations (2mnk) stay on one thread (default 2 000 000). */
  splitFlops?: number;
}

/** Where `npm run build` writes the modules (build/wasm at the package root); RETROPROP_WASM_DIR overrides. */
export function wasmDirectory(): string {
  const dir = process.env.RETROPROP_WASM_DIR;
  return dir && dir.length > 0 ? dir : fileURLToPath(new URL("../../../../build/wasm/", import.meta.url));
}

let relaxedFlagSet = false;

/** The compiled module: relaxed SIMD if the runtime accepts it (Node 20 needs a V8 flag), else plain SIMD. */
function compile(relaxed: boolean): { module: WasmModule; relaxed: boolean } {
  const dir = wasmDirectory();
  let simd: Uint8Array;
  try {
    simd = readFileSync(`${dir}/retroprop-simd.wasm`);
  } catch {
    throw new Error(
      `the WebAssembly kernels are not built (no ${dir}/retroprop-simd.wasm): run npm run build`,
    );
  }
  if (relaxed) {
    const bytes = readFileSync(`${dir}/retroprop-relaxed.wasm`);
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
  if (!wasmApi.validate(simd)) throw new Error("this runtime has no WebAssembly SIMD");
  return { module: new wasmApi.Module(simd), relaxed: false };
}

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === "") return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 1) throw new Error(`${name}=${v} is not a positive number`);
  return x;
}

/**
 * A new wasm backend with its own memory and workers, usable at once (workers join as they come up;
 * `await backend.ready()` waits for them). Throws if the modules are not built or SIMD is missing.
 */
export function createWasmBackend(options: WasmOptions = {}): WasmBackend {
  const threads = Math.max(
    1,
    Math.floor(options.threads ?? envNumber("RETROPROP_THREADS") ?? Math.min(8, availableParallelism())),
  );
  const memoryMiB = Math.floor(options.memoryMiB ?? envNumber("RETROPROP_WASM_MEMORY_MB") ?? 512);
  const relaxed = options.relaxed ?? process.env.RETROPROP_WASM_RELAXED !== "0";
  const { module, relaxed: isRelaxed } = compile(relaxed);
  const pages = Math.ceil((memoryMiB * 1024 * 1024) / 65536);
  // Created at its final size (initial = maximum) and never grown, so views handed out never go stale.
  const memory = new wasmApi.Memory({ initial: pages, maximum: pages, shared: true });
  const kernels = new wasmApi.Instance(module, { env: { memory } }).exports as unknown as Kernels;
  const scratchBytes = kernels.SCRATCH_BYTES.value as number;
  const scratch = Array.from({ length: threads }, (_, t) => RESERVED_BYTES + t * scratchBytes);
  const arenaStart = RESERVED_BYTES + threads * scratchBytes;
  if (arenaStart >= pages * 65536)
    throw new Error(`${memoryMiB} MiB of wasm memory is too small for ${threads} threads`);
  const pool = threads > 1 ? new WorkerPool(module, memory, threads - 1, scratch) : null;
  return new WasmBackend({
    kernels,
    memory,
    scratch,
    arenaStart,
    pool,
    relaxed: isRelaxed,
    splitFlops: options.splitFlops ?? 2_000_000,
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

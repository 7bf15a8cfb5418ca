import { instantiateKernels, type WasmMemory, type WasmModule, wasmApi } from "./codes.js";
import type { GemmPool } from "./pool-core.js";
import { RESERVED_BYTES, WasmBackend, type WasmBackendParts } from "./wasm-backend.js";

export interface WasmOptions {
  /** Threads for large GEMMs, the calling one included (default: the machine's cores, at most 8). 1 = none. */
  threads?: number;
  /** Size of the wasm memory in MiB, fixed for the backend's life (default 512). */
  memoryMiB?: number;
  /** Use the relaxed-SIMD build where the runtime validates it (default true). */
  relaxed?: boolean;
  /** GEMMs of fewer floating-point operations (2mnk) stay on one thread (default 2 000 000). */
  splitFlops?: number;
}

const DEFAULT_MEMORY_MIB = 512;
const DEFAULT_SPLIT_FLOPS = 2_000_000;
export const MAX_DEFAULT_THREADS = 8;

export interface WasmParts {
  /** The compiled kernels, and whether they are the relaxed-SIMD build. */
  module: WasmModule;
  relaxed: boolean;
  /** Whether the module imports a shared memory (needed for threads). */
  shared: boolean;
  threads: number;
  /** Defaults: DEFAULT_MEMORY_MIB, DEFAULT_SPLIT_FLOPS. */
  memoryMiB?: number;
  splitFlops?: number;
  /** Starts `count` threads on the module and memory (scratch[1..count] are theirs); Node and browsers differ. */
  startPool: (memory: WasmMemory, count: number, scratch: readonly number[]) => GemmPool;
  /** Makes the backend from its parts (default: a WasmBackend; the BLAS backend is a subclass). */
  construct?: (parts: WasmBackendParts) => WasmBackend;
}

/**
 * Makes the backend from a compiled module, the same way in Node and in a browser: one memory created at its
 * final size (initial = maximum, never grown, so views handed out never go stale), a packing scratch block per
 * thread, then the arena; threads only when asked for and the memory is shared.
 */
export function assembleWasmBackend(parts: WasmParts): WasmBackend {
  const threads = parts.shared ? Math.max(1, Math.floor(parts.threads)) : 1;
  const memoryMiB = Math.floor(parts.memoryMiB ?? DEFAULT_MEMORY_MIB);
  const pages = Math.ceil((memoryMiB * 1024 * 1024) / 65536);
  const memory = new wasmApi.Memory({ initial: pages, maximum: pages, shared: parts.shared });
  const kernels = instantiateKernels(parts.module, memory);
  const scratchBytes = kernels.SCRATCH_BYTES.value as number;
  const scratch = Array.from({ length: threads }, (_, t) => RESERVED_BYTES + t * scratchBytes);
  const arenaStart = RESERVED_BYTES + threads * scratchBytes;
  if (arenaStart >= pages * 65536)
    throw new Error(`${memoryMiB} MiB of wasm memory is too small for ${threads} threads`);
  const pool = threads > 1 ? parts.startPool(memory, threads - 1, scratch) : null;
  const construct = parts.construct ?? ((p: WasmBackendParts) => new WasmBackend(p));
  return construct({
    kernels,
    memory,
    scratch,
    arenaStart,
    pool,
    relaxed: parts.relaxed,
    splitFlops: parts.splitFlops ?? DEFAULT_SPLIT_FLOPS,
  });
}

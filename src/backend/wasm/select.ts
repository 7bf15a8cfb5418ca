import { AsyncLocalStorage } from "node:async_hooks";
import { InputError, RetropropError } from "../../util/errors.js";
import { errorText, localizedError, type Messages, messages, resolveLang } from "../../util/i18n.js";
import type { Backend } from "../backend.js";
import { blasUnavailableError } from "../blas/library.js";
import { blasIsFaster, initBlasBackendSync } from "../blas/loader.js";
import { ReferenceBackend } from "../reference.js";
import { getBackend, registerBackend, setBackend, setBackendScope, setDefaultBackend } from "../registry.js";
import type { WasmOptions } from "./assemble.js";
import { initWasmBackendSync } from "./loader.js";
import type { WasmBackend } from "./wasm-backend.js";

const NAMES = ["reference", "wasm", "blas"] as const;

/** RETROPROP_BACKEND, checked: one of NAMES, or undefined when unset. */
function forcedBackend(): (typeof NAMES)[number] | undefined {
  const forced = process.env.RETROPROP_BACKEND;
  if (forced === undefined || forced === "") return undefined;
  if (!(NAMES as readonly string[]).includes(forced))
    throw localizedError(InputError, "backendVariable", forced, NAMES.join(", "));
  return forced as (typeof NAMES)[number];
}

let blasWarned = false;

/** The language of what the library says by itself (the BLAS fallback): the locale's, or the CLI's --lang. */
function localeMessages(): Messages {
  return messages(resolveLang(undefined, process.env));
}

/**
 * The BLAS backend, or (saying why on stderr, once per process, in M's language) the wasm backend where
 * koffi or BLAS is missing.
 */
function blasOrWasm(options: WasmOptions, M: Messages = localeMessages()): WasmBackend {
  const reason = blasUnavailableError();
  if (reason === null) return initBlasBackendSync(options);
  if (!blasWarned) {
    const notice = localizedError(RetropropError, "blasFallback", reason);
    process.stderr.write(`retroprop: ${errorText(notice, M)}\n`);
    blasWarned = true;
  }
  return initWasmBackendSync(options);
}

let measured: boolean | null = null;

/**
 * The default backend, synchronously: RETROPROP_BACKEND=reference|wasm|blas forces one (wasm then fails
 * loudly if it cannot load; blas falls back to wasm, saying why); otherwise wasm where it loads, replaced by
 * the BLAS backend where a library loads and one measured product shows it faster (measured once), and the
 * reference backend where WebAssembly SIMD is missing.
 */
export function chooseDefaultBackend(options: WasmOptions = {}, M?: Messages): Backend {
  const forced = forcedBackend();
  if (forced === "reference") return new ReferenceBackend();
  if (forced === "wasm") return initWasmBackendSync(options);
  if (forced === "blas") return blasOrWasm(options, M);
  let wasm: WasmBackend;
  try {
    wasm = initWasmBackendSync(options);
  } catch (err) {
    // A bad setting (RETROPROP_THREADS=abc) is the user's to fix, not a reason to fall back silently.
    if (err instanceof InputError) throw err;
    return new ReferenceBackend();
  }
  if (blasUnavailableError() !== null) return wasm;
  const blas = initBlasBackendSync(options);
  measured ??= blasIsFaster(blas, wasm);
  return measured ? blas : wasm;
}

/**
 * Picks and installs the default backend (chooseDefaultBackend), waiting for its worker threads; a fallback
 * is said in M's language (the CLI's), else the locale's.
 */
export async function selectDefaultBackend(options: WasmOptions = {}, M?: Messages): Promise<Backend> {
  const backend = chooseDefaultBackend(options, M);
  setBackend(backend);
  await (backend as Partial<WasmBackend>).ready?.();
  return backend;
}

/**
 * The one call a library user needs: resolves to the backend computations run on, after its worker threads
 * are up. Without a setBackend before it, that is the default (chooseDefaultBackend). Importing the package
 * already selects it on first use; awaiting ready() only makes the first training step not wait for threads.
 */
export async function ready(): Promise<Backend> {
  const backend = getBackend();
  await (backend as Partial<WasmBackend>).ready?.();
  return backend;
}

// Node's entry: withBackend follows async code, the default is the fast backend, and "wasm" and "blas" are
// selectable by name without an init call (both load synchronously here).
setBackendScope(new AsyncLocalStorage<Backend>());
setDefaultBackend(() => chooseDefaultBackend());
registerBackend("wasm", () => initWasmBackendSync());
registerBackend("blas", () => blasOrWasm({}));

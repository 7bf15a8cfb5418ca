import { InputError } from "../../util/errors.js";
import type { Backend } from "../backend.js";
import { ReferenceBackend } from "../reference.js";
import { setBackend } from "../registry.js";
import { initWasmBackend, type WasmOptions } from "./loader.js";

/**
 * Picks and installs the default backend: RETROPROP_BACKEND=reference|wasm forces one (wasm then fails
 * loudly if it cannot load); otherwise wasm when it loads, the reference backend if not.
 */
export async function selectDefaultBackend(options: WasmOptions = {}): Promise<Backend> {
  const forced = process.env.RETROPROP_BACKEND;
  if (forced !== undefined && forced !== "" && forced !== "reference" && forced !== "wasm") {
    throw new InputError(`RETROPROP_BACKEND=${forced}: expected "reference" or "wasm"`);
  }
  let backend: Backend;
  if (forced === "reference") backend = new ReferenceBackend();
  else if (forced === "wasm") backend = await initWasmBackend(options);
  else {
    try {
      backend = await initWasmBackend(options);
    } catch (err) {
      // A bad setting (RETROPROP_THREADS=abc) is the user's to fix, not a reason to fall back silently.
      if (err instanceof InputError) throw err;
      backend = new ReferenceBackend();
    }
  }
  setBackend(backend);
  return backend;
}

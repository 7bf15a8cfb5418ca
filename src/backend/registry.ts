import { InputError } from "../util/errors.js";
import { localizedError, type Nested } from "../util/i18n.js";
import type { Backend } from "./backend.js";
import { ReferenceBackend } from "./reference.js";

const backends = new Map<string, () => Backend>([["reference", () => new ReferenceBackend()]]);
/** Names a runtime knows but cannot create synchronously yet, with what to call first. */
const notLoaded = new Map<string, Nested>();
/** The backend set with setBackend; null until then (getBackend then asks for the default). */
let current: Backend | null = null;
/** Makes the default backend on first use: Node's entry installs one that picks the fast backend. */
let makeDefault: () => Backend = () => new ReferenceBackend();

/**
 * Where withBackend keeps its scoped backend. Node's entry installs an AsyncLocalStorage, which follows
 * async code (every await inside `withBackend("wasm", async () => fit(...))` sees wasm, and concurrent code
 * outside does not). Without one (the browser) the scope is the global selection, held until the function's
 * promise settles.
 */
export interface BackendScope {
  getStore(): Backend | undefined;
  run<T>(backend: Backend, fn: () => T): T;
}
let scope: BackendScope | null = null;
/**
 * Whether withBackend has ever run with the scope: until then getBackend skips the store, whose lookup costs a
 * sizeable part of a tiny network's step (it runs once per kernel call).
 */
let scopeUsed = false;

/** Installs the store that withBackend uses (Node: an AsyncLocalStorage; null: none, as in the browser). */
export function setBackendScope(store: BackendScope | null): void {
  scope = store;
}

/** Installs how the default backend is made when nothing was selected (Node: wasm where it loads). */
export function setDefaultBackend(make: () => Backend): void {
  makeDefault = make;
}

/** The backend every operation runs on: withBackend's, else setBackend's, else the default (made once). */
export function getBackend(): Backend {
  if (scopeUsed) {
    const scoped = scope?.getStore();
    if (scoped) return scoped;
  }
  if (!current) current = makeDefault();
  return current;
}

function resolve(backend: Backend | string): Backend {
  if (typeof backend !== "string") return backend;
  const make = backends.get(backend);
  if (make) return make();
  const hint = notLoaded.get(backend);
  if (hint) throw localizedError(InputError, "backendNotLoaded", backend, hint);
  const known = [...new Set([...backends.keys(), ...notLoaded.keys()])].join(", ");
  throw localizedError(InputError, "unknownBackend", backend, known);
}

/** Switches the backend for everything computed from now on; returns the previous one. */
export function setBackend(backend: Backend | string): Backend {
  const next = resolve(backend);
  const previous = getBackend();
  current = next;
  return previous;
}

/** Makes a backend selectable by name (faster backends register themselves when loaded). */
export function registerBackend(name: string, make: () => Backend): void {
  backends.set(name, make);
  notLoaded.delete(name);
}

/**
 * Names a backend that exists on this runtime but must be loaded asynchronously first, so that
 * setBackend(name) before then says what to call rather than "unknown backend".
 */
export function registerBackendHint(name: string, hint: Nested): void {
  if (!backends.has(name)) notLoaded.set(name, hint);
}

function isPromise(x: unknown): x is PromiseLike<unknown> {
  return typeof (x as { then?: unknown } | null)?.then === "function";
}

/**
 * Runs fn with a backend in place, restoring the previous one afterwards. An async fn keeps the backend
 * for all of its awaits: in Node through an AsyncLocalStorage (only fn's own async work sees it); elsewhere
 * by holding the global selection until its promise settles (code running concurrently meanwhile sees it too).
 */
export function withBackend<T>(backend: Backend | string, fn: () => T): T {
  const chosen = resolve(backend);
  if (scope) {
    scopeUsed = true;
    return scope.run(chosen, fn);
  }
  const previous = getBackend();
  current = chosen;
  let result: T;
  try {
    result = fn();
  } catch (err) {
    current = previous;
    throw err;
  }
  if (!isPromise(result)) {
    current = previous;
    return result;
  }
  const restore = (): void => {
    current = previous;
  };
  return Promise.resolve(result).finally(restore) as T;
}

import type { Backend } from "./backend.js";
import { ReferenceBackend } from "./reference.js";

const backends = new Map<string, () => Backend>([["reference", () => new ReferenceBackend()]]);
let current: Backend = new ReferenceBackend();

/** The backend every operation runs on. */
export function getBackend(): Backend {
  return current;
}

/** Switches the backend for everything computed from now on; returns the previous one. */
export function setBackend(backend: Backend | string): Backend {
  const previous = current;
  if (typeof backend === "string") {
    const make = backends.get(backend);
    if (!make) throw new Error(`unknown backend "${backend}" (known: ${[...backends.keys()].join(", ")})`);
    current = make();
  } else {
    current = backend;
  }
  return previous;
}

/** Makes a backend selectable by name (faster backends register themselves when loaded). */
export function registerBackend(name: string, make: () => Backend): void {
  backends.set(name, make);
}

/** Runs fn with a backend in place, restoring the previous one afterwards. */
export function withBackend<T>(backend: Backend | string, fn: () => T): T {
  const previous = setBackend(backend);
  try {
    return fn();
  } finally {
    setBackend(previous);
  }
}

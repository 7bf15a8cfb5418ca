/**
 * Whether operations record the graph. Inference and weight updates run inside `noGrad`, so they neither
 * build graph nodes nor keep intermediate values alive.
 */
let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

/** Runs fn without recording operations (synchronous code only). */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/**
 * Module-resolution hooks (node:module register) for measure.test.ts: importing a Node built-in, or a package
 * the browser build may not import, fails with the importing file named. Runs on Node's loader thread.
 */
import { builtinModules } from "node:module";

let allowed: readonly string[] = [];

export function initialize(data: { allowed: readonly string[] }): void {
  allowed = data.allowed;
}

interface Context {
  parentURL?: string;
}

export async function resolve(
  specifier: string,
  context: Context,
  next: (specifier: string, context: Context) => Promise<unknown>,
): Promise<unknown> {
  const relative = /^(\.|\/|file:|data:)/.test(specifier);
  const builtin = specifier.startsWith("node:") || builtinModules.includes(specifier);
  // The importing script itself (no parent) may use node:module to register these hooks. Inside an allowed
  // package its own imports are its business: Node resolves them under the "node" condition (e.g.
  // @noble/hashes/crypto to its node:crypto variant), a bundler under "browser".
  const ours = context.parentURL?.startsWith("file:") && !context.parentURL.includes("/node_modules/");
  if (ours && (builtin || (!relative && !allowed.includes(specifier)))) {
    throw new Error(`${context.parentURL} imports ${specifier}`);
  }
  return next(specifier, context);
}

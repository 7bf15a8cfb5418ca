import { homedir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The data root: a folder with one subfolder per dataset (mnist/, fashion-mnist/, iris/, digits/,
 * breast-cancer/). Chosen in this order: the explicit path (the `--data-dir` flag), the environment variable
 * RETROPROP_DATA, then the cache: $XDG_CACHE_HOME/retroprop, else ~/.cache/retroprop.
 */
export function resolveDataRoot(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.RETROPROP_DATA) return resolve(env.RETROPROP_DATA);
  return defaultCacheDir(env);
}

/** $XDG_CACHE_HOME/retroprop, else ~/.cache/retroprop. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg) return join(resolve(xdg), "retroprop");
  return join(homedir(), ".cache", "retroprop");
}

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Runs an ES module script in a fresh Node process (backends are chosen, and BLAS opened, once per process),
 * with INDEX replaced by the built library's entry (Node's, or another such as "browser.js") and only PATH plus
 * `env` in its environment.
 */
export function runWithLibrary(
  script: string,
  env: Record<string, string> = {},
  entry = "index.js",
): { status: number | null; stdout: string; stderr: string } {
  const index = JSON.stringify(fileURLToPath(new URL(`../../src/${entry}`, import.meta.url)));
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script.replaceAll("INDEX", index)], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

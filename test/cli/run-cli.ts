import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root (this file runs as dist/test/cli/run-cli.js). */
export const root = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The environment the CLI under test sees: the machine's basics and the backend under test, and none of the
 * developer's own settings (RETROPROP_THREADS, RETROPROP_DATA, NODE_OPTIONS, …) that would change its output.
 */
export function cliEnvironment(): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "TMP", "TEMP", "LANG", "RETROPROP_BACKEND"];
  return Object.fromEntries(
    keep.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  );
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `retroprop …args` from the repository root as a user would (with `env` added to its clean
 * environment), and waits for it: at most five minutes,
 * so that a command that hangs fails its test, naming the command, instead of stalling the whole suite.
 * `env` adds variables (a job runner's, for instance) to the clean environment.
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, ["bin/retroprop.js", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...cliEnvironment(), ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.error) throw new Error(`retroprop ${args.join(" ")}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A `train` run that diverges within its first epochs: relu, linear output, MSE, η = 1000, online. */
export const DIVERGING_TRAIN: readonly string[] = [
  "train",
  "--data",
  "xor",
  "--layers",
  "2,4,1",
  "--activation",
  "relu",
  "--output",
  "linear",
  "--loss",
  "mse",
  "--lr",
  "1000",
  "--batch",
  "1",
  "--epochs",
  "50",
];

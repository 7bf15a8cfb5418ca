#!/usr/bin/env node
// `npm run build`: the WebAssembly modules, the TypeScript, the playground page — each step only when one of
// its inputs changed since it last succeeded (its stamp in build/.stamps is older than the newest input, or its
// output is missing), so that `npm ci && npm test` builds once and the inner loop rebuilds only what changed.
//   node scripts/build.mjs [--force]      (--force, or RETROPROP_BUILD_FORCE=1, rebuilds every step)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);

const STEPS = [
  {
    name: "wasm",
    inputs: ["assembly", "scripts/build-wasm.mjs", "package-lock.json"],
    outputs: ["build/wasm"],
    commands: [[process.execPath, "scripts/build-wasm.mjs"]],
  },
  {
    name: "typescript",
    inputs: ["src", "test", "tsconfig.json", "package-lock.json"],
    outputs: ["dist/src/index.js"],
    commands: [[bin("tsc"), "-p", "tsconfig.json"]],
  },
  {
    name: "web",
    inputs: ["web", "src", "build/wasm", "package-lock.json"],
    outputs: ["build/web/index.html"],
    commands: [
      [bin("tsc"), "-p", "web/tsconfig.json"],
      [bin("vite"), "build", "--config", "web/vite.config.mjs"],
    ],
  },
];

/** The newest modification time under a file or folder (0 where it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const entry of readdirSync(path)) t = Math.max(t, newest(join(path, entry)));
  return t;
}

const force = process.argv.includes("--force") || process.env.RETROPROP_BUILD_FORCE === "1";
const stamps = join(root, "build", ".stamps");
mkdirSync(stamps, { recursive: true });
for (const step of STEPS) {
  const stamp = join(stamps, step.name);
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const fresh =
    !force &&
    step.outputs.every((o) => existsSync(join(root, o))) &&
    step.inputs.every((i) => newest(join(root, i)) < built);
  if (fresh) {
    process.stdout.write(`build: ${step.name} is up to date\n`);
    continue;
  }
  for (const [command, ...args] of step.commands) {
    const run = spawnSync(command, args, { cwd: root, stdio: "inherit" });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

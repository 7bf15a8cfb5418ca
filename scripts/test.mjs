#!/usr/bin/env node
// One pass of the test suite on one backend: `node scripts/test.mjs reference|wasm|blas [--all] [PREFIX ...]`;
// prefixes of DIR/NAME pick files (`npm run test:quick -- nn/ cli/train` in the inner loop).
//
// The reference pass runs every test file. The wasm and BLAS passes run every file that can reach a backend's
// kernels (directly, through the CLI's child processes, which inherit RETROPROP_BACKEND, or through the library),
// and skip the files listed in ONCE: those that never compute on a backend, so that a second and third run
// would test the same code again and cost CI minutes (the browser tests, the tarball's install into temporary
// projects, the parsers' fuzzing, the architecture checks). `--all` runs every file on any backend.
// RETROPROP_TEST_TIMES=FILE records each file's wall time (test/setup-backend.ts); `--check` fails where an ONCE
// entry names no test file.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Test files (under dist/test, without .test.js; a trailing * matches a prefix) that never reach a backend. */
export const ONCE = [
  "architecture/*", // import graph, entry points, the packed tarball in temporary projects, Chromium bundles
  "fuzz/*", // parsers of files and flags: bytes in, user errors out
  "util/*", // file writes, catalogues, settling
  "data/builtin", // data sets generated in plain loops
  "data/csv",
  "data/download",
  "data/idx",
  "data/input",
  "data/limits",
  "data/load",
  "data/real",
  "data/root",
  "viz/*", // SVG and PNG rendering of given numbers
  "explain/expression", // parsing expressions
  "explain/expression-limits",
  "cli/flag-walk", // every flag given garbage: refused before any training
  "cli/limits",
  "cli/playground*", // the page trains in Chromium's worker on its own wasm build, whatever the Node backend
  "cli/spanish", // the catalogues' words, not numbers
  "docs/*", // the tutorials' pages against the reference backend's printed numbers
];

function matches(file, pattern) {
  return pattern.endsWith("*") ? file.startsWith(pattern.slice(0, -1)) : file === pattern;
}

/** Every dist/test/DIR/NAME.test.js, as DIR/NAME, sorted. */
export function testFiles(root = "dist/test") {
  const files = [];
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(root, dir.name))) {
      if (f.endsWith(".test.js")) files.push(`${dir.name}/${f.slice(0, -".test.js".length)}`);
    }
  }
  return files.sort();
}

export function filesFor(backend, all, files = testFiles()) {
  if (all || backend === "reference") return files;
  return files.filter((f) => !ONCE.some((p) => matches(f, p)));
}

/** The ONCE entries that name no test file (renamed or removed files leave them behind). */
export function staleEntries(files = testFiles()) {
  return ONCE.filter((p) => !files.some((f) => matches(f, p)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [backend, ...rest] = process.argv.slice(2);
  const flag = rest.find((a) => a.startsWith("--"));
  const only = rest.filter((a) => !a.startsWith("--"));
  if (backend === "--check") {
    const stale = staleEntries();
    if (stale.length > 0)
      process.stderr.write(`scripts/test.mjs: ONCE names no test file: ${stale.join(", ")}\n`);
    process.exit(stale.length > 0 ? 1 : 0);
  }
  if (!["reference", "wasm", "blas"].includes(backend) || (flag !== undefined && flag !== "--all")) {
    process.stderr.write("usage: node scripts/test.mjs reference|wasm|blas [--all] [DIR/NAME prefix ...]\n");
    process.exit(2);
  }
  const files = filesFor(backend, flag === "--all" || only.length > 0)
    .filter((f) => only.length === 0 || only.some((p) => f.startsWith(p)))
    .map((f) => `dist/test/${f}.test.js`);
  if (files.length === 0) {
    process.stderr.write(`scripts/test.mjs: no test file starts with ${only.join(" or ")}\n`);
    process.exit(2);
  }
  const result = spawnSync(
    process.execPath,
    ["--test", "--import", "./dist/test/setup-backend.js", "--test-reporter=spec", ...files],
    { stdio: "inherit", env: { ...process.env, RETROPROP_BACKEND: backend } },
  );
  process.exit(result.status ?? 1);
}

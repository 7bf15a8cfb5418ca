#!/usr/bin/env node
// Compiles assembly/ (AssemblyScript) into the two WebAssembly modules the wasm backend loads:
//   build/wasm/retroprop-relaxed.wasm  SIMD + relaxed-SIMD fused multiply-add
//   build/wasm/retroprop-simd.wasm     plain SIMD (fallback where relaxed SIMD does not validate)
// Both import a shared memory (env.memory) owned by JavaScript and keep no static data.
// Run by `npm run build` (and so by `npm install` / `npm ci` through `prepare`). The pinned asc version
// gives byte-identical output, so the modules are build products, never committed.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "build", "wasm");
mkdirSync(outDir, { recursive: true });

const common = [
  join(root, "assembly", "index.ts"),
  "-O3",
  "--noAssert",
  "--runtime",
  "stub",
  "--importMemory",
  "--sharedMemory",
  "--initialMemory",
  "1",
  "--maximumMemory",
  "65536",
  "--use",
  "abort=",
];

const variants = [
  { file: "retroprop-relaxed.wasm", features: "simd,threads,relaxed-simd" },
  { file: "retroprop-simd.wasm", features: "simd,threads" },
];

for (const { file, features } of variants) {
  const outFile = join(outDir, file);
  const { error, stderr } = await asc.main([...common, "--enable", features, "--outFile", outFile], {
    stdout: process.stdout,
    stderr: process.stderr,
  });
  if (error) {
    process.stderr.write(String(stderr));
    console.error(`build-wasm: ${file}: ${error.message}`);
    process.exit(1);
  }
  console.log(`build-wasm: wrote build/wasm/${file}`);
}
writeFileSync(
  join(outDir, "README.txt"),
  "Build products of scripts/build-wasm.mjs (npm run build). Not committed.\n",
);

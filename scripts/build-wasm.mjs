#!/usr/bin/env node
// Compiles assembly/ (AssemblyScript) into the WebAssembly modules the wasm backend loads:
//   build/wasm/retroprop-relaxed.wasm        SIMD + relaxed-SIMD fused multiply-add
//   build/wasm/retroprop-simd.wasm           plain SIMD (fallback where relaxed SIMD does not validate)
//   build/wasm/retroprop-simd-unshared.wasm  plain SIMD on an unshared memory, for browser pages that may not
//                                            create a shared one (not cross-origin isolated): one thread
// All import their memory (env.memory) from JavaScript and keep no static data.
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
  "--initialMemory",
  "1",
  "--maximumMemory",
  "65536",
  "--use",
  "abort=",
];

const variants = [
  { file: "retroprop-relaxed.wasm", features: "simd,threads,relaxed-simd", shared: true },
  { file: "retroprop-simd.wasm", features: "simd,threads", shared: true },
  { file: "retroprop-simd-unshared.wasm", features: "simd", shared: false },
];

for (const { file, features, shared } of variants) {
  const outFile = join(outDir, file);
  const args = [...common, ...(shared ? ["--sharedMemory"] : []), "--enable", features, "--outFile", outFile];
  const { error, stderr } = await asc.main(args, {
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

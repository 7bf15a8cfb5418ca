// The built module graph (dist/src), read the way Node and bundlers read it: which modules an entry point reaches
// and which npm packages they import. scripts/pack.mjs takes @retroprop/core's files and dependencies from it, and
// test/architecture/core-package.test.ts checks with it that the core reaches none of the heavy packages.
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative } from "node:path";

/** Packages only the CLI, the figures, the experiments and the derivations need: never in @retroprop/core. */
export const HEAVY_PACKAGES = [
  "mathjs",
  "katex",
  "vega",
  "vega-lite",
  "@viz-js/viz",
  "@resvg/resvg-js",
  "dejavu-fonts-ttf",
  "pngjs",
  "commander",
  "cli-progress",
  "open",
];

const PATTERNS = [
  // import/export … from "x" (also `import type` in .d.ts files)
  /\b(?:import|export)\s[^'"]*?\sfrom\s*["']([^"']+)["']/g,
  // import "x" (for its side effects)
  /\bimport\s*["']([^"']+)["']/g,
  // import("x"): dynamic imports in .js, type references in .d.ts
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  // modules started as workers: new Worker(new URL("./w.js", import.meta.url))
  /\bnew\s+URL\(\s*["']([^"']+\.js)["']\s*,\s*import\.meta\.url\s*\)/g,
  // CommonJS packages loaded on demand: createRequire(import.meta.url)("x"), require("x"), require.resolve("x/…")
  /\)\s*\(\s*["']([^"'./][^"']*)["']\s*\)/g,
  /\brequire(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g,
  /\.resolve\(\s*["']([^"'./][^"']*)["']\s*\)/g,
  /\/\/\/\s*<reference\s+types=["']([^"']+)["']/g,
];

/** Every module specifier in a compiled module or declaration file (comments dropped first: they quote imports). */
export function specifiers(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/(?!\/\s*<reference).*$/gm, "");
  const found = [];
  for (const re of PATTERNS) for (const m of code.matchAll(re)) found.push(m[1]);
  return found;
}

/** The npm package a bare specifier names ("@noble/hashes/sha2" → "@noble/hashes"); undefined for the rest. */
export function packageOf(spec) {
  if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:")) return undefined;
  const name = spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");
  return builtinModules.includes(name) ? undefined : name;
}

const stem = (path) => path.replace(/\.d\.ts$|\.js$/, "");

/**
 * The modules reachable from the entries (paths under distSrc without extension, e.g. "nn/sequential"), through
 * both the code (.js) and the declarations (.d.ts: a type import needs its module's .d.ts beside it), and the
 * packages they import, each with the first module found importing it.
 */
export function moduleGraph(distSrc, entries) {
  const modules = new Set();
  const packages = new Map();
  const stack = entries.map(stem);
  while (stack.length > 0) {
    const module = stack.pop();
    if (modules.has(module)) continue;
    modules.add(module);
    for (const ext of [".js", ".d.ts"]) {
      let source;
      try {
        source = readFileSync(join(distSrc, module + ext), "utf8");
      } catch {
        if (ext === ".js") throw new Error(`${module}.js is imported but not built under ${distSrc}`);
        continue; // a worker's entry has no declarations
      }
      for (const spec of specifiers(source)) {
        if (spec.startsWith("."))
          stack.push(stem(relative(distSrc, join(dirname(join(distSrc, module)), spec))));
        else {
          const pkg = packageOf(spec);
          if (pkg && !packages.has(pkg)) packages.set(pkg, `${module}${ext}`);
        }
      }
    }
  }
  return { modules, packages };
}

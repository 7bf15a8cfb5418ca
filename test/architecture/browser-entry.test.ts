import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { BROWSER_PACKAGES } from "./browser-packages.js";

// What a bundler loads for `import … from "retroprop"` in a browser (package.json's "browser" condition) must
// not reach a Node built-in anywhere in its module graph. Walks the compiled graph from dist/src/browser.js.
const distSrc = fileURLToPath(new URL("../../src/", import.meta.url));
const entry = join(distSrc, "browser.js");
const packageJson = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8"));

const ALLOWED_PACKAGES = new Set(BROWSER_PACKAGES);

/** Every module specifier in compiled ESM: static import/export … from, bare imports, import(), worker URLs. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  // Comments may quote imports (this entry's own doc comment does); drop them first.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\sfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    // modules started as workers: new Worker(new URL("./w.js", import.meta.url))
    /\bnew\s+URL\(\s*["']([^"']+\.js)["']\s*,\s*import\.meta\.url\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]);
  return found;
}

function moduleGraph(start: string): { files: Set<string>; external: Map<string, string> } {
  const files = new Set<string>();
  const external = new Map<string, string>(); // specifier → the first file importing it
  const stack = [start];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of specifiers(readFileSync(file, "utf8"))) {
      if (spec.startsWith(".")) stack.push(join(dirname(file), spec));
      else if (!external.has(spec)) external.set(spec, file.slice(distSrc.length));
    }
  }
  return { files, external };
}

describe("browser entry point", () => {
  test('package.json gives bundlers dist/src/browser.js under the "browser" condition', () => {
    const root = packageJson.exports["."];
    // The condition maps to the build and its types (so that a browser project type-checks against it).
    assert.deepEqual(root.browser, { types: "./dist/src/browser.d.ts", default: "./dist/src/browser.js" });
    const keys = Object.keys(root);
    assert.ok(keys.indexOf("browser") < keys.indexOf("default"), '"browser" must come before "default"');
  });

  test('package.json gives bundlers "retroprop/internals" without Node code too', () => {
    const internals = packageJson.exports["./internals"];
    assert.deepEqual(internals.default, {
      types: "./dist/src/internals-browser.d.ts",
      default: "./dist/src/internals-browser.js",
    });
    const keys = Object.keys(internals);
    assert.ok(keys.indexOf("node") < keys.indexOf("default"), '"node" must come before "default"');
  });

  for (const name of ["browser.js", "internals-browser.js"]) {
    test(`no module reachable from ${name} imports a Node built-in or a Node-only package`, () => {
      const { files, external } = moduleGraph(join(distSrc, name));
      assert.ok(files.size > 30, `walked only ${files.size} files: is the specifier scan broken?`);
      const nodeBuiltins = new Set(builtinModules);
      const bad = [...external].filter(
        ([spec]) => spec.startsWith("node:") || nodeBuiltins.has(spec) || !ALLOWED_PACKAGES.has(spec),
      );
      assert.deepEqual(
        bad.map(([spec, from]) => `${spec} (imported by ${from})`),
        [],
      );
    });
  }

  test("the scan sees a Node import where there is one (the main entry has several)", () => {
    const { external } = moduleGraph(join(distSrc, "index.js"));
    assert.ok([...external.keys()].some((s) => s.startsWith("node:")));
  });

  test("the scan follows worker modules: the browser's GEMM worker is in the graph, Node's is not", () => {
    const { files } = moduleGraph(entry);
    const wasm = join(distSrc, "backend", "wasm");
    assert.ok(files.has(join(wasm, "browser-worker.js")));
    assert.ok(!files.has(join(wasm, "worker.js")));
    assert.ok(moduleGraph(join(distSrc, "index.js")).files.has(join(wasm, "worker.js")));
  });

  test("it trains XOR on the reference backend, and loads a model from JSON", async () => {
    const lib = await import("../../src/browser.js");
    assert.equal(typeof (lib as Record<string, unknown>).loadModel, "undefined", "file I/O stays out");
    const x = lib.NDArray.from([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = lib.NDArray.from([[0], [1], [1], [0]]);
    const model = lib.Sequential.fromSizes({
      sizes: [2, 4, 1],
      activation: "tanh",
      output: "sigmoid",
      rng: new lib.Random(1),
    });
    await lib.fit(model, x, y, {
      loss: "mse",
      optimizer: lib.makeOptimizer("adam", { lr: 0.05 }),
      epochs: 600,
      batchSize: "full",
    });
    const copy = lib.modelFromJSON(JSON.parse(JSON.stringify(lib.modelToJSON(model))), "model.json");
    const out = lib.predict(copy, x).data;
    assert.deepEqual(
      Array.from(out, (v) => (v > 0.5 ? 1 : 0)),
      [0, 1, 1, 0],
    );
  });
});

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// @retroprop/core is what src/core.ts and src/core-browser.ts reach in the build (scripts/pack.mjs stages it from
// that graph): it must reach none of the packages only the CLI, figures, experiments and derivations need, and
// its API must be "retroprop"'s less the names that need them. The package-consumers test installs it.
const root = fileURLToPath(new URL("../../../", import.meta.url));
const distSrc = join(root, "dist/src");
const graph = (await import(
  new URL("scripts/package-graph.mjs", `file://${root}`).href
)) as typeof import("../../scripts/package-graph.mjs");
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), "utf8"));

/** The curated names that need a heavy package, written out: the full package's entries add exactly these. */
const FULL_ONLY_PORTABLE = ["graphToDot", "graphToSvg", "renderHtml"];
const FULL_ONLY_NODE = [
  ...FULL_ONLY_PORTABLE,
  ...["buildExpression", "deriveExpression", "ExpressionError", "evaluateExpression"],
  ...["evaluateTensorExpression", "graphEdges", "katexStylesheet", "parseExpression"],
];

describe("@retroprop/core", () => {
  test("its module graph reaches none of the heavy packages; the full package's reaches each of them", (t) => {
    const core = graph.moduleGraph(distSrc, ["core.js", "core-browser.js"]);
    assert.ok(core.modules.size > 80, `walked only ${core.modules.size} modules: is the scan broken?`);
    assert.deepEqual(
      graph.HEAVY_PACKAGES.filter((p) => core.packages.has(p)).map((p) => `${p} (${core.packages.get(p)})`),
      [],
    );
    // The same scan finds every heavy package from the full package's entries, including those loaded through
    // createRequire (mathjs, koffi) or resolved as files (katex's CSS, the DejaVu fonts): it is not blind.
    const full = graph.moduleGraph(distSrc, [
      "index.js",
      "browser.js",
      "internals.js",
      "viz/index.js",
      "experiments/index.js",
      "cli/main.js",
    ]);
    assert.deepEqual(
      graph.HEAVY_PACKAGES.filter((p) => !full.packages.has(p)),
      [],
    );
    assert.ok(full.packages.has("koffi"), "the BLAS backend's koffi, loaded through createRequire, is seen");
    t.diagnostic(
      `core: ${core.modules.size} modules, packages ${[...core.packages.keys()].sort().join(", ")}; ` +
        `full: ${full.modules.size} modules, ${full.packages.size} packages`,
    );
  });

  for (const [coreEntry, fullEntry, fullOnly] of [
    ["core.js", "index.js", FULL_ONLY_NODE],
    ["core-browser.js", "browser.js", FULL_ONLY_PORTABLE],
  ] as const) {
    test(`${coreEntry} exports ${fullEntry}'s names less ${fullOnly.length}, the same objects`, async () => {
      const core = (await import(join(distSrc, coreEntry))) as Record<string, unknown>;
      const full = (await import(join(distSrc, fullEntry))) as Record<string, unknown>;
      assert.deepEqual(
        Object.keys(full)
          .filter((name) => !(name in core))
          .sort(),
        [...fullOnly].sort(),
      );
      for (const name of Object.keys(core)) assert.equal(full[name], core[name], name);
    });
  }

  test("sideEffects (both manifests) lists exactly the modules whose top level does something", () => {
    // A module has side effects when its top level runs a statement other than a declaration (registering a
    // backend, a worker's message handler). A declaration whose initialiser has effects would escape this
    // scan; the modules' constants are tables and pure calls (checked by reading them when this was written).
    const files = [
      ...readdirSync(distSrc, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".js"))
        .map((f) => join(distSrc, f)),
      join(root, "bin/retroprop.js"),
    ];
    const effectful = files
      .filter((file) => {
        const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022);
        return source.statements.some(
          (s) =>
            !ts.isImportDeclaration(s) &&
            !ts.isExportDeclaration(s) &&
            !ts.isFunctionDeclaration(s) &&
            !ts.isClassDeclaration(s) &&
            !ts.isVariableStatement(s) &&
            !ts.isEmptyStatement(s),
        );
      })
      .map((file) => `./${relative(root, file)}`)
      .sort();
    assert.ok(effectful.includes("./dist/src/backend/wasm/select.js"), effectful.join(", "));
    assert.deepEqual([...readJson("package.json").sideEffects].sort(), effectful);
    const coreModules = graph.moduleGraph(distSrc, ["core.js", "core-browser.js"]).modules;
    assert.deepEqual(
      [...readJson("packages/core/package.json").sideEffects].sort(),
      effectful.filter((f) => coreModules.has(f.replace(/^\.\/dist\/src\/|\.js$/g, ""))),
    );
  });
});

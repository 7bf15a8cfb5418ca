#!/usr/bin/env node
// `npm run package`: the two published packages, staged from the build in build/pack/<name>/ and packed there
// (DEVELOPERS.md, "Packages"). One src/ and one tsc build serve both:
// - @retroprop/core (build/pack/core): the modules src/core.ts and src/core-browser.ts reach, as built, and
//   build/wasm; its manifest is packages/core/package.json with root's version, and its dependencies are the
//   packages those modules import (scripts/package-graph.mjs), at root's versions. None of HEAVY_PACKAGES.
// - retroprop (build/pack/retroprop): what root's package.json ships, with each of the core's modules replaced by
//   a stub that re-exports it from @retroprop/core (so a Tensor or Sequential is one class across both packages,
//   and there is one backend registry); it depends on @retroprop/core at the same version and on the packages
//   its own modules import.
//   node scripts/pack.mjs [--out DIR]     (DIR: default build/pack)
// The last line printed is JSON: { "core": tarball, "retroprop": tarball } (absolute paths).
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HEAVY_PACKAGES, moduleGraph, packageOf, specifiers } from "./package-graph.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const distSrc = join(root, "dist/src");
const outFlag = process.argv.indexOf("--out");
const out = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(root, "build/pack");
const CORE_NAME = "@retroprop/core";
const CORE_ENTRIES = ["core.js", "core-browser.js"];

const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const rootPkg = readJson(join(root, "package.json"));

/** tsc's output as shipped: without the source-map comment, since the maps (and sources) are not shipped. */
function compiled(file) {
  const text = readFileSync(file, "utf8");
  return file.endsWith(".js") ? text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n") : text;
}

/** Writes a staged file; `from` gives the file whose mode it keeps (bin/retroprop.js stays executable). */
function put(stage, path, text, from) {
  mkdirSync(dirname(join(stage, path)), { recursive: true });
  writeFileSync(join(stage, path), text);
  if (from) chmodSync(join(stage, path), statSync(from).mode);
}

/** Root's pinned version of each package, in the section (dependencies or optional) root has it in. */
function dependencies(packages, why) {
  const deps = {};
  const optional = {};
  for (const pkg of [...packages].sort()) {
    if (rootPkg.dependencies?.[pkg]) deps[pkg] = rootPkg.dependencies[pkg];
    else if (rootPkg.optionalDependencies?.[pkg]) optional[pkg] = rootPkg.optionalDependencies[pkg];
    else throw new Error(`${why(pkg)} imports ${pkg}, which is not in package.json's dependencies`);
  }
  return { deps, optional };
}

function npmPack(stage) {
  const json = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", out], {
    cwd: stage,
    encoding: "utf8",
  });
  return join(out, JSON.parse(json)[0].filename);
}

if (!existsSync(join(distSrc, "core.js")))
  throw new Error("dist/src/core.js is missing: run `npm run build` first");
for (const stage of ["core", "retroprop"]) rmSync(join(out, stage), { recursive: true, force: true });

// @retroprop/core: the reachable modules, as built.
const core = moduleGraph(distSrc, CORE_ENTRIES);
const heavy = HEAVY_PACKAGES.filter((pkg) => core.packages.has(pkg));
if (heavy.length > 0)
  throw new Error(
    `${CORE_NAME} would need ${heavy.map((p) => `${p} (imported by ${core.packages.get(p)})`).join(", ")}`,
  );
const coreStage = join(out, "core");
for (const module of core.modules) {
  const js = readFileSync(join(distSrc, `${module}.js`), "utf8");
  // A stub's `export *` does not carry a default export: the core's modules have none, and must keep it so.
  if (/\bexport\s+default\b|\bas\s+default\b/.test(js)) throw new Error(`${module}.js has a default export`);
  for (const ext of [".js", ".d.ts"])
    if (existsSync(join(distSrc, module + ext)))
      put(coreStage, `dist/src/${module}${ext}`, compiled(join(distSrc, module + ext)));
}
for (const file of readdirSync(join(root, "build/wasm")).filter((f) => f.endsWith(".wasm")))
  put(coreStage, `build/wasm/${file}`, readFileSync(join(root, "build/wasm", file)));
copyFileSync(join(root, "LICENSE"), join(coreStage, "LICENSE"));
copyFileSync(join(root, "packages/core/README.md"), join(coreStage, "README.md"));
const coreDeps = dependencies(core.packages.keys(), (pkg) => `${CORE_NAME}'s ${core.packages.get(pkg)}`);
const coreManifest = {
  name: CORE_NAME,
  version: rootPkg.version,
  ...readJson(join(root, "packages/core/package.json")),
  dependencies: coreDeps.deps,
  ...(Object.keys(coreDeps.optional).length > 0 ? { optionalDependencies: coreDeps.optional } : {}),
};
put(coreStage, "package.json", `${JSON.stringify(coreManifest, null, 2)}\n`);

// retroprop: root's files, the core's modules as stubs (the core has build/wasm).
const fullStage = join(out, "retroprop");
const listed = JSON.parse(
  execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" }),
)[0].files.map((f) => f.path);
const own = new Map(); // package → the first of retroprop's own files importing it
for (const path of listed) {
  if (path.startsWith("build/wasm/") || path === "package.json") continue;
  const module = path.match(/^dist\/src\/(.+?)(\.d\.ts|\.js)$/);
  if (module && core.modules.has(module[1])) {
    put(fullStage, path, `export * from "${CORE_NAME}/dist/src/${module[1]}.js";\n`);
    continue;
  }
  if (!path.startsWith("dist/src/") && !path.startsWith("bin/")) {
    put(fullStage, path, readFileSync(join(root, path)), join(root, path));
    continue;
  }
  const text = compiled(join(root, path));
  put(fullStage, path, text, join(root, path));
  if (/\.(js|d\.ts)$/.test(path))
    for (const spec of specifiers(text)) {
      const pkg = packageOf(spec);
      if (pkg && !own.has(pkg)) own.set(pkg, path);
    }
}
const fullDeps = dependencies(own.keys(), (pkg) => own.get(pkg));
const { scripts: _s, devDependencies: _d, optionalDependencies: _o, ...manifest } = rootPkg;
const fullManifest = {
  ...manifest,
  files: rootPkg.files.filter((f) => f !== "build/wasm"),
  dependencies: { [CORE_NAME]: rootPkg.version, ...fullDeps.deps },
  ...(Object.keys(fullDeps.optional).length > 0 ? { optionalDependencies: fullDeps.optional } : {}),
};
put(fullStage, "package.json", `${JSON.stringify(fullManifest, null, 2)}\n`);

const tarballs = { core: npmPack(coreStage), retroprop: npmPack(fullStage) };
process.stdout.write(`${JSON.stringify(tarballs)}\n`);

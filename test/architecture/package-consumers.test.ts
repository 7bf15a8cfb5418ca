/**
 * The packages as their users meet them: scripts/pack.mjs's two tarballs (`@retroprop/core` and `retroprop`, which
 * depends on it) unpacked into fresh projects (offline — the other packages are linked or copied from this
 * repository's node_modules), then
 * - `@retroprop/core` alone installs without any of the CLI's, figures' or derivations' packages (its packages and
 *   bytes are printed beside the full package's), type-checks under strict tsc and trains XOR on WebAssembly;
 * - `retroprop` ships no second copy of a core module, and its CLI runs from the project (`npx retroprop`);
 * - a strict browser-only TypeScript project (DOM, bundler resolution, no @types/node) type-checks the documented
 *   browser API, and is refused a Node-only function, because the types follow the code's export conditions;
 * - Vite builds that page, emitting the three .wasm builds and the worker as assets, and (where Chromium is
 *   installed) the built page, cross-origin isolated, loads the WebAssembly backend the documented way and
 *   learns XOR on it with two threads;
 * - a strict Node project (NodeNext) type-checks and runs a script that uses Node-only functions and the wasm
 *   backend, and a model made through `retroprop` is an instance of `@retroprop/core`'s Sequential;
 * - the examples in examples/ run as a user would run them: the Node script (type-checked with checkJs, then run
 *   on XOR and iris from ../shared/datasets), and the browser example built by Vite with its own config, then
 *   served by `vite preview` with that config's COOP/COEP headers and run in Chromium, in the page and in a Web
 *   Worker.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, relative, resolve, sep } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { findChromium, launchChromium } from "../backend/browser-harness.js";
import { BROWSER_PACKAGES } from "./browser-packages.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const tsc = join(root, "node_modules/typescript/bin/tsc");
const LIMIT = 180_000;
const examples = join(root, "examples");
const dataDir = join(root, "../shared/datasets");
const { HEAVY_PACKAGES: HEAVY } = (await import(
  new URL("scripts/package-graph.mjs", `file://${root}`).href
)) as typeof import("../../scripts/package-graph.mjs");

let work: string;
/** The two packed packages (scripts/pack.mjs). */
let tarballs: { core: string; retroprop: string };

/** Unpacks a tarball as npm installs it: node_modules/NAME. */
function unpack(tarball: string, dir: string, name: string): void {
  const into = join(dir, "node_modules", name);
  mkdirSync(into, { recursive: true });
  execFileSync("tar", ["xzf", tarball, "-C", into, "--strip-components=1"]);
}

/** The manifest inside a tarball. */
function manifest(tarball: string): {
  version: string;
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
} {
  return JSON.parse(execFileSync("tar", ["xOzf", tarball, "package/package.json"], { encoding: "utf8" }));
}

/** A project folder with retroprop and @retroprop/core unpacked from their tarballs and the named packages linked
 * from this repo. */
function project(name: string, linked: readonly string[]): string {
  const dir = join(work, name);
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  mkdirSync(join(dir, "src"), { recursive: true });
  unpack(tarballs.core, dir, "@retroprop/core");
  unpack(tarballs.retroprop, dir, "retroprop");
  for (const pkg of linked) {
    const scope = pkg.startsWith("@") ? pkg.split("/")[0] : undefined;
    if (scope) mkdirSync(join(dir, "node_modules", scope), { recursive: true });
    symlinkSync(join(root, "node_modules", pkg), join(dir, "node_modules", pkg));
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  return dir;
}

/** The packed packages' dependencies but each other, as npm would install them beside them. */
function packageDependencies(): string[] {
  const names = [tarballs.retroprop, tarballs.core].flatMap((t) => Object.keys(manifest(t).dependencies));
  return [...new Set(names)].filter((n) => n !== "@retroprop/core");
}

/**
 * The packages npm installs for these dependencies (theirs too, optional and peer ones included, transitively),
 * found in this repository's node_modules the way Node resolves them: folders relative to the repository root.
 * Optional ones this platform did not install (other systems' binaries) are left out, as npm leaves them out.
 */
function dependencyClosure(deps: readonly string[], optional: readonly string[] = []): string[] {
  const found = new Set<string>();
  const visit = (name: string, from: string, isOptional: boolean): void => {
    // from/node_modules/name, then each enclosing node_modules folder up to the root's
    for (let base = from; ; ) {
      const dir = join(base, "node_modules", name);
      if (existsSync(join(root, dir, "package.json"))) {
        if (found.has(dir)) return;
        found.add(dir);
        const pkg = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
        const peerMeta = pkg.peerDependenciesMeta ?? {};
        for (const d of Object.keys(pkg.dependencies ?? {})) visit(d, dir, false);
        for (const d of Object.keys(pkg.optionalDependencies ?? {})) visit(d, dir, true);
        for (const d of Object.keys(pkg.peerDependencies ?? {}))
          visit(d, dir, peerMeta[d]?.optional === true);
        return;
      }
      if (base === "") break;
      const up = base.lastIndexOf("/node_modules/");
      base = up < 0 ? "" : base.slice(0, up);
    }
    assert.ok(isOptional, `${name} (for ${from || "the project"}) is not in this repository's node_modules`);
  };
  for (const d of deps) visit(d, "", false);
  for (const d of optional) visit(d, "", true);
  return [...found].sort();
}

/** Copies a package folder of dependencyClosure's into a project, at the same place, without its nested packages
 * (those the closure needs are copied on their own). */
function copyPackage(folder: string, dir: string): void {
  const from = join(root, folder);
  cpSync(from, join(dir, folder), {
    recursive: true,
    filter: (path) => !relative(from, path).split(sep).includes("node_modules"),
  });
}

/** Bytes of the files under a folder; nested node_modules folders counted or not. */
function folderBytes(folder: string, nested: boolean): number {
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (nested || entry.name !== "node_modules") bytes += folderBytes(path, nested);
    } else if (entry.isFile()) bytes += statSync(path).size;
  }
  return bytes;
}

/** The bytes of a tarball's files once unpacked. */
function unpackedBytes(tarball: string): number {
  const listing = execFileSync("tar", ["tvzf", tarball], { encoding: "utf8" });
  return listing
    .split("\n")
    .filter(Boolean)
    .reduce((n, line) => n + Number(line.trim().split(/\s+/)[2]), 0);
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The packages the browser build may import (the browser-entry test keeps that list), by package name. */
function browserPackages(): string[] {
  const names = BROWSER_PACKAGES.map((spec) =>
    spec
      .split("/")
      .slice(0, spec.startsWith("@") ? 2 : 1)
      .join("/"),
  );
  return [...new Set(names)];
}

/** A Vite build's assets, checked to hold the three .wasm builds (Vite saw each file's `new URL`). */
function wasmAssets(folder: string): string[] {
  const assets = readdirSync(folder);
  for (const build of ["retroprop-relaxed", "retroprop-simd", "retroprop-simd-unshared"])
    assert.ok(
      assets.some((f) => f.startsWith(`${build}-`) && f.endsWith(".wasm")),
      `${build}.wasm emitted (assets: ${assets.join(", ")})`,
    );
  return assets;
}

/** Runs tsc on a project; returns its output and exit status. */
function typeCheck(dir: string, config = "tsconfig.json"): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [tsc, "-p", join(dir, config)], {
    encoding: "utf8",
    timeout: LIMIT,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const browserTsconfig = (files: string[]) =>
  JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      module: "ESNext",
      moduleResolution: "bundler",
      strict: true,
      noEmit: true,
      types: [],
    },
    files,
  });

/** A strict Node project (NodeNext resolution, as a user's `"type": "module"` package has). */
const nodeTsconfig = (files: string[], extra: Record<string, unknown>) =>
  JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      types: ["node"],
      ...extra,
    },
    files,
  });

/** XOR trained on the WebAssembly backend the documented way in Node (after the script's imports). */
const XOR_ON_WASM = `
await initWasmBackend();
setBackend("wasm");
const x = NDArray.from([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y = NDArray.from([[0], [1], [1], [0]]);
const model = Sequential.fromSizes({ sizes: [2, 2, 1], activation: "sigmoid", output: "sigmoid", rng: new Random(1) });
await fit(model, x, y, { loss: "mse", optimizer: makeOptimizer("sgd", { lr: 2 }), epochs: 3000, batchSize: "full" });
`;

/** Writes src/main.ts into a strict Node project, type-checks it, runs it; its last line printed, parsed. */
function checkAndRun<T extends { backend: string; outputs: number[] }>(dir: string, main: string): T {
  writeFileSync(join(dir, "src/main.ts"), main);
  writeFileSync(join(dir, "tsconfig.json"), nodeTsconfig(["src/main.ts"], { outDir: "out" }));
  const checked = typeCheck(dir);
  assert.equal(checked.status, 0, checked.output);
  const run = spawnSync(process.execPath, [join(dir, "out/main.js")], {
    encoding: "utf8",
    timeout: LIMIT,
    cwd: dir,
  });
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout.trim().split("\n").pop() as string) as T;
  assert.equal(result.backend, "wasm");
  assert.deepEqual(
    result.outputs.map((o) => (o > 0.8 ? 1 : o < 0.2 ? 0 : Number.NaN)),
    [0, 1, 1, 0],
    "XOR learned",
  );
  return result;
}

/** The documented way to train on the WebAssembly backend in a page (docs/backends.md). */
const BROWSER_MAIN = `import { fit, initWasmBackend, makeOptimizer, NDArray, Random, Sequential, setBackend, getBackend } from "retroprop";

const wasm = await initWasmBackend({ relaxed: true });
setBackend("wasm");
const x = NDArray.from([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y = NDArray.from([[0], [1], [1], [0]]);
const model = Sequential.fromSizes({ sizes: [2, 2, 1], activation: "sigmoid", output: "sigmoid", rng: new Random(1) });
const { history } = await fit(model, x, y, {
  loss: "mse",
  optimizer: makeOptimizer("sgd", { lr: 2 }),
  epochs: 5000,
  batchSize: "full",
});
const outputs = Array.from(model.predict(x).data);
const result = { backend: getBackend().name, threads: wasm.threads, loss: history[history.length - 1].loss, outputs };
(globalThis as unknown as { __result: unknown }).__result = result;
document.title = "done";
`;

// The projects choose their backend themselves: one pass of the suite (the reference one) is enough.
const backendPass = process.env.RETROPROP_BACKEND ?? "reference";

describe("the packed package in fresh projects", {
  timeout: 4 * LIMIT,
  skip:
    backendPass === "reference"
      ? false
      : `backend-independent; runs in the reference pass, not the ${backendPass} one`,
}, () => {
  before(() => {
    work = mkdtempSync(join(tmpdir(), "retroprop-consumers-"));
    const printed = execFileSync(process.execPath, [join(root, "scripts/pack.mjs"), "--out", work], {
      cwd: root,
      encoding: "utf8",
      timeout: LIMIT,
    });
    tarballs = JSON.parse(printed.trim().split("\n").pop() as string);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it("ships no figures or source maps; retroprop's copy of each core module is a re-export of it", () => {
    const list = (tarball: string) =>
      execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
    const core = list(tarballs.core);
    const full = list(tarballs.retroprop);
    assert.deepEqual(
      [...core, ...full].filter((f) => f.endsWith(".map") || f.includes("docs/figures/")),
      [],
    );
    for (const [files, required] of [
      [
        core,
        ["package/LICENSE", "package/build/wasm/retroprop-simd.wasm", "package/dist/src/core-browser.d.ts"],
      ],
      [full, ["package/LICENSE", "package/bin/retroprop.js", "package/dist/src/browser.d.ts"]],
    ] as const)
      for (const file of required) assert.ok(files.includes(file), `${file} is in the tarball`);
    // One copy of the engine: the WebAssembly builds only in the core, and every module of the core that
    // retroprop has is a one-line re-export from @retroprop/core (so classes and the backend registry are one).
    assert.deepEqual(
      full.filter((f) => f.startsWith("package/build/wasm/")),
      [],
    );
    const coreModules = core.filter((f) => /^package\/dist\/src\/.+(\.d\.ts|\.js)$/.test(f));
    const shared = coreModules.filter((f) => full.includes(f));
    assert.ok(shared.length > 80, `retroprop has ${shared.length} of the core's files`);
    const text = execFileSync("tar", ["xOzf", tarballs.retroprop, ...shared], { encoding: "utf8" });
    const stubs = text.split("\n").filter(Boolean);
    assert.deepEqual(
      stubs.filter((line) => !/^export \* from "@retroprop\/core\/dist\/src\/[\w./-]+\.js";$/.test(line)),
      [],
    );
    assert.equal(stubs.length, shared.length, "one line each");
    assert.equal(
      manifest(tarballs.retroprop).dependencies["@retroprop/core"],
      manifest(tarballs.core).version,
    );
  });

  it("@retroprop/core alone: none of the heavy packages, strict tsc, XOR on WebAssembly", (t) => {
    const dir = join(work, "core-only");
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "core-only", private: true, type: "module" }),
    );
    unpack(tarballs.core, dir, "@retroprop/core");
    const { dependencies, optionalDependencies = {} } = manifest(tarballs.core);
    const installed = dependencyClosure(Object.keys(dependencies), Object.keys(optionalDependencies));
    for (const folder of installed) copyPackage(folder, dir);
    // What an `npm install @retroprop/core` lays out: no package the CLI, figures or derivations need.
    const names = installed.map((f) => f.slice(f.lastIndexOf("node_modules/") + "node_modules/".length));
    assert.deepEqual(
      HEAVY.filter((p) => names.includes(p) || existsSync(join(dir, "node_modules", p))),
      [],
    );
    const full = dependencyClosure(
      packageDependencies(),
      Object.keys(manifest(tarballs.retroprop).optionalDependencies ?? {}),
    );
    // The same count for `npm install retroprop` (both tarballs' files and the packages they need), for the record.
    const fullBytes =
      full.reduce((n, f) => n + folderBytes(join(root, f), false), 0) +
      unpackedBytes(tarballs.core) +
      unpackedBytes(tarballs.retroprop);
    t.diagnostic(
      `npm install @retroprop/core: ${installed.length + 1} packages, ` +
        `${mb(folderBytes(join(dir, "node_modules"), true))}; npm install retroprop: ${full.length + 2} packages, ` +
        `${mb(fullBytes)} (the packages as this repository's node_modules holds them, without nested node_modules)`,
    );
    checkAndRun(
      dir,
      `import { fit, getBackend, initWasmBackend, makeOptimizer, NDArray, predict, Random, Sequential, setBackend } from "@retroprop/core";
${XOR_ON_WASM}
const outputs: number[][] = predict(model, x).toArray(2);
console.log(JSON.stringify({ backend: getBackend().name, outputs: outputs.map((row) => row[0]) }));
`,
    );
  });

  it("the full package's command runs from the project: npx retroprop --version, and a short train", () => {
    const dir = project("cli", packageDependencies());
    // npm links a package's bin into node_modules/.bin on install; tar does not.
    assert.ok(
      statSync(join(dir, "node_modules/retroprop/bin/retroprop.js")).mode & 0o100,
      "bin is executable",
    );
    mkdirSync(join(dir, "node_modules/.bin"), { recursive: true });
    symlinkSync("../retroprop/bin/retroprop.js", join(dir, "node_modules/.bin/retroprop"));
    const npx = (...args: string[]) =>
      spawnSync("npx", ["--no", "--", "retroprop", ...args], { encoding: "utf8", timeout: LIMIT, cwd: dir });
    const version = npx("--version");
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), manifest(tarballs.retroprop).version);
    const train = npx(
      "train",
      "--data",
      "xor",
      "--layers",
      "2,4,1",
      "--epochs",
      "300",
      "--batch",
      "full",
      "--lr",
      "2",
      "--json",
      "--quiet",
    );
    assert.equal(train.status, 0, train.stderr);
    const result = JSON.parse(train.stdout.trim().split("\n").pop() as string) as {
      final: { accuracy: number };
    };
    assert.equal(result.final.accuracy, 1, "XOR learned");
  });

  it("a strict browser-only TypeScript project type-checks both browser APIs, without @types/node", () => {
    const dir = project("browser-types", []);
    writeFileSync(join(dir, "src/main.ts"), BROWSER_MAIN);
    writeFileSync(
      join(dir, "src/wasm-url.ts"),
      `import { initWasmBackend } from "retroprop";\nawait initWasmBackend({ wasmUrl: "/wasm/", memory: "unshared", threads: 1 });\n`,
    );
    // The same page against @retroprop/core's browser build.
    writeFileSync(
      join(dir, "src/core-main.ts"),
      BROWSER_MAIN.replace('from "retroprop"', 'from "@retroprop/core"'),
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      browserTsconfig(["src/main.ts", "src/wasm-url.ts", "src/core-main.ts"]),
    );
    const ok = typeCheck(dir);
    assert.equal(ok.status, 0, ok.output);
    // A Node-only function is not part of the browser build, so its type must not be either.
    writeFileSync(
      join(dir, "src/node-only.ts"),
      `import { loadModel } from "retroprop";\nloadModel("m.json");\n`,
    );
    writeFileSync(join(dir, "tsconfig.node-only.json"), browserTsconfig(["src/node-only.ts"]));
    const refused = typeCheck(dir, "tsconfig.node-only.json");
    assert.notEqual(refused.status, 0);
    assert.match(
      refused.output,
      /has no exported member named 'loadModel'|has no exported member 'loadModel'/,
    );
  });

  it("Vite builds the page with the .wasm builds and the worker as assets; the page trains on wasm", async (t) => {
    const dir = project("vite-page", browserPackages());
    writeFileSync(join(dir, "src/main.ts"), BROWSER_MAIN);
    writeFileSync(
      join(dir, "index.html"),
      `<!doctype html><meta charset="utf-8"><title>xor</title><script type="module" src="/src/main.ts"></script>`,
    );
    const vite = (await import("vite")) as typeof import("vite");
    await vite.build({
      root: dir,
      configFile: false,
      logLevel: "silent",
      build: { outDir: join(dir, "dist"), target: "es2022" },
      worker: { format: "es" },
    });
    const assets = wasmAssets(join(dir, "dist/assets"));
    assert.ok(
      assets.some((f) => f.startsWith("browser-worker") && f.endsWith(".js")),
      `the GEMM worker emitted (assets: ${assets.join(", ")})`,
    );

    const chromium = findChromium();
    if (!chromium) {
      t.skip("Chromium is not installed (Debian: apt install chromium); the built page was not run");
      return;
    }
    const server = await serveIsolated(join(dir, "dist"));
    const browser = await launchChromium(chromium);
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { timeout: LIMIT });
      await page.waitForFunction("document.title === 'done'", undefined, { timeout: LIMIT });
      assert.deepEqual(errors, []);
      const result = (await page.evaluate(
        () => (globalThis as unknown as { __result: unknown }).__result,
      )) as {
        backend: string;
        threads: number;
        loss: number;
        outputs: number[];
      };
      assert.equal(result.backend, "wasm");
      assert.equal(result.threads, 2, "an isolated page on a 2-core machine gets two threads");
      // XOR learned: each output on the right side of 0.5 by a margin.
      assert.deepEqual(
        result.outputs.map((o) => (o > 0.8 ? 1 : o < 0.2 ? 0 : Number.NaN)),
        [0, 1, 1, 0],
      );
    } finally {
      await browser.close();
      server.close();
    }
  });

  it("a strict Node project runs Node-only functions on wasm; its models are @retroprop/core's Sequential", () => {
    const dir = project("node-app", [...packageDependencies(), "@types/node"]);
    const result = checkAndRun<{
      backend: string;
      coreBackend: string;
      coreSequential: boolean;
      coreTensor: boolean;
      outputs: number[];
    }>(
      dir,
      `import { fit, initWasmBackend, loadModel, makeOptimizer, NDArray, saveModel, Sequential, Random, setBackend, getBackend } from "retroprop";
import { getBackend as coreBackend, Sequential as CoreSequential, Tensor as CoreTensor } from "@retroprop/core";
import { scalar } from "retroprop";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
${XOR_ON_WASM}
const file = join(mkdtempSync(join(tmpdir(), "m-")), "xor.json");
saveModel(model, file);
const back = loadModel(file);
console.log(JSON.stringify({
  backend: getBackend().name,
  coreBackend: coreBackend().name,
  coreSequential: back instanceof CoreSequential && model instanceof CoreSequential,
  coreTensor: scalar(1) instanceof CoreTensor,
  outputs: Array.from(back.predict(x).data),
}));
`,
    );
    // One engine across both packages: the same classes, the same backend registry.
    assert.equal(result.coreBackend, "wasm", "@retroprop/core sees the backend selected through retroprop");
    assert.equal(
      result.coreSequential,
      true,
      "a model loaded through retroprop is @retroprop/core's Sequential",
    );
    assert.equal(result.coreTensor, true, "retroprop's tensors are @retroprop/core's Tensor");
  });

  it("examples/node/xor-iris.mjs type-checks (checkJs, strict) and learns XOR and iris", (t) => {
    if (!existsSync(join(dataDir, "iris"))) {
      t.skip("../shared/datasets/iris not found");
      return;
    }
    const dir = project("node-example", [...packageDependencies(), "@types/node"]);
    cpSync(join(examples, "node"), dir, { recursive: true });
    writeFileSync(
      join(dir, "tsconfig.json"),
      nodeTsconfig(["xor-iris.mjs"], { allowJs: true, checkJs: true, noEmit: true }),
    );
    const checked = typeCheck(dir);
    assert.equal(checked.status, 0, checked.output);
    // As a user runs it: without the test suite's RETROPROP_BACKEND, so the library picks its backend itself.
    const { RETROPROP_BACKEND: _, ...env } = process.env;
    const run = spawnSync(process.execPath, ["xor-iris.mjs", dataDir], {
      encoding: "utf8",
      timeout: LIMIT,
      cwd: dir,
      env,
    });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim().split("\n").pop() as string) as {
      backend: string;
      xor: number[];
      irisTestAccuracy: number;
    };
    // Chosen where the library loads: WebAssembly, or BLAS where this machine has it and it is faster.
    assert.ok(["wasm", "blas"].includes(result.backend), result.backend);
    assert.deepEqual(
      result.xor.map((o) => (o > 0.8 ? 1 : o < 0.2 ? 0 : Number.NaN)),
      [0, 1, 1, 0],
    );
    // A small MLP on iris reaches 93-100 % on held-out rows (scikit-learn's MLPClassifier, Keras tutorials); 30
    // test rows, so 0.9 allows three mistakes.
    assert.ok(result.irisTestAccuracy >= 0.9, `iris test accuracy ${result.irisTestAccuracy}`);
  });

  it("examples/browser type-checks, builds with its Vite config, and trains in the page and in a worker", async (t) => {
    const dir = project("browser-example", [...browserPackages(), "vite"]);
    cpSync(join(examples, "browser"), dir, { recursive: true });
    const checked = typeCheck(dir);
    assert.equal(checked.status, 0, checked.output);
    const vite = (await import("vite")) as typeof import("vite");
    const configFile = join(dir, "vite.config.mjs");
    await vite.build({ root: dir, configFile, logLevel: "silent", build: { outDir: join(dir, "dist") } });
    assert.ok(
      existsSync(join(dir, "dist/index.html")) && existsSync(join(dir, "dist/worker.html")),
      "two pages",
    );
    const assets = wasmAssets(join(dir, "dist/assets"));
    assert.ok(
      assets.some((f) => f.startsWith("train.worker") && f.endsWith(".js")),
      `the example's worker emitted (assets: ${assets.join(", ")})`,
    );

    const chromium = findChromium();
    if (!chromium) {
      t.skip("Chromium is not installed (Debian: apt install chromium); the built pages were not run");
      return;
    }
    // `vite preview` with the example's own config: the isolation headers come from its preview.headers.
    const server = await vite.preview({
      root: dir,
      configFile,
      logLevel: "silent",
      build: { outDir: join(dir, "dist") },
      preview: { host: "127.0.0.1", port: 0, open: false },
    });
    const browser = await launchChromium(chromium);
    try {
      const base = server.resolvedUrls?.local[0];
      assert.ok(base, "vite preview gave a URL");
      for (const [page, where] of [
        ["index.html", "in the page"],
        ["worker.html", "in a Web Worker"],
      ]) {
        const tab = await browser.newPage();
        const errors: string[] = [];
        tab.on("pageerror", (e) => errors.push(e.message));
        await tab.goto(new URL(page, base).href, { timeout: LIMIT });
        await tab.waitForFunction(
          "!document.getElementById('status').textContent.startsWith('training')",
          undefined,
          { timeout: LIMIT },
        );
        const status = (await tab.evaluate("document.getElementById('status').textContent")) as string;
        assert.deepEqual(errors, [], page);
        assert.match(status, new RegExp(`^${where}: backend wasm`), status);
        const result = JSON.parse(
          (await tab.evaluate("document.getElementById('result').textContent")) as string,
        ) as { isolated: boolean; threads: number; outputs: number[] };
        assert.equal(result.isolated, true, `${page} is cross-origin isolated by the config's headers`);
        assert.equal(result.threads, 2, "an isolated page on a 2-core machine gets two threads");
        assert.deepEqual(
          result.outputs.map((o) => (o > 0.8 ? 1 : o < 0.2 ? 0 : Number.NaN)),
          [0, 1, 1, 0],
          page,
        );
        await tab.close();
      }
    } finally {
      await browser.close();
      await new Promise<void>((done) => server.httpServer.close(() => done()));
    }
  });
});

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
};

/** A static server for a built page, cross-origin isolated (COOP/COEP), on loopback. */
function serveIsolated(folder: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = resolve(folder, `.${path === "/" ? "/index.html" : path}`);
    if (!file.startsWith(folder)) {
      res.statusCode = 403;
      res.end();
      return;
    }
    try {
      const body = await readFile(file);
      res.setHeader("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end("not found");
    }
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

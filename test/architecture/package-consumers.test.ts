/**
 * The package as its users meet it: `npm pack`'s tarball unpacked into fresh projects (offline — the other
 * packages are linked from this repository's node_modules), then
 * - a strict browser-only TypeScript project (DOM, bundler resolution, no @types/node) type-checks the documented
 *   browser API, and is refused a Node-only function, because the types follow the code's export conditions;
 * - Vite builds that page, emitting the three .wasm builds and the worker as assets, and (where Chromium is
 *   installed) the built page, cross-origin isolated, loads the WebAssembly backend the documented way and
 *   learns XOR on it with two threads;
 * - a strict Node project (NodeNext) type-checks and runs a script that uses Node-only functions and the wasm
 *   backend;
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
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { findChromium, launchChromium } from "../backend/browser-harness.js";
import { BROWSER_PACKAGES } from "./browser-packages.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const tsc = join(root, "node_modules/typescript/bin/tsc");
const LIMIT = 180_000;
const examples = join(root, "examples");
const dataDir = join(root, "../shared/datasets");

let work: string;
let tarball: string;

/** A project folder with retroprop unpacked from the tarball and the named packages linked from this repo. */
function project(name: string, linked: readonly string[]): string {
  const dir = join(work, name);
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  mkdirSync(join(dir, "src"), { recursive: true });
  execFileSync("tar", ["xzf", tarball, "-C", join(dir, "node_modules")]);
  execFileSync("mv", [join(dir, "node_modules/package"), join(dir, "node_modules/retroprop")]);
  for (const pkg of linked) {
    const scope = pkg.startsWith("@") ? pkg.split("/")[0] : undefined;
    if (scope) mkdirSync(join(dir, "node_modules", scope), { recursive: true });
    symlinkSync(join(root, "node_modules", pkg), join(dir, "node_modules", pkg));
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  return dir;
}

/** The packed package's dependencies, as npm would install them beside it. */
function packageDependencies(): string[] {
  const pkg = JSON.parse(
    execFileSync("tar", ["xOzf", tarball, "package/package.json"], { encoding: "utf8" }),
  );
  return Object.keys(pkg.dependencies);
}

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
    const name = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], {
      cwd: root,
      encoding: "utf8",
      timeout: LIMIT,
    }).trim();
    tarball = join(work, name.split("\n").pop() as string);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it("ships no figures or source maps pointing at unshipped sources", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
    assert.deepEqual(
      files.filter((f) => f.endsWith(".map") || f.includes("docs/figures/")),
      [],
    );
    for (const required of [
      "package/LICENSE",
      "package/build/wasm/retroprop-simd.wasm",
      "package/dist/src/browser.d.ts",
    ])
      assert.ok(files.includes(required), `${required} is in the tarball`);
  });

  it("a strict browser-only TypeScript project type-checks the browser API, without @types/node", () => {
    const dir = project("browser-types", []);
    writeFileSync(join(dir, "src/main.ts"), BROWSER_MAIN);
    writeFileSync(
      join(dir, "src/wasm-url.ts"),
      `import { initWasmBackend } from "retroprop";\nawait initWasmBackend({ wasmUrl: "/wasm/", memory: "unshared", threads: 1 });\n`,
    );
    writeFileSync(join(dir, "tsconfig.json"), browserTsconfig(["src/main.ts", "src/wasm-url.ts"]));
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

  it("a strict Node project type-checks and runs Node-only functions on the wasm backend", () => {
    const dir = project("node-app", [...packageDependencies(), "@types/node"]);
    writeFileSync(
      join(dir, "src/main.ts"),
      `import { fit, initWasmBackend, loadModel, makeOptimizer, NDArray, saveModel, Sequential, Random, setBackend, getBackend } from "retroprop";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

await initWasmBackend();
setBackend("wasm");
const x = NDArray.from([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y = NDArray.from([[0], [1], [1], [0]]);
const model = Sequential.fromSizes({ sizes: [2, 2, 1], activation: "sigmoid", output: "sigmoid", rng: new Random(1) });
await fit(model, x, y, { loss: "mse", optimizer: makeOptimizer("sgd", { lr: 2 }), epochs: 3000, batchSize: "full" });
const file = join(mkdtempSync(join(tmpdir(), "m-")), "xor.json");
saveModel(model, file);
const back = loadModel(file);
console.log(JSON.stringify({ backend: getBackend().name, outputs: Array.from(back.predict(x).data) }));
`,
    );
    writeFileSync(join(dir, "tsconfig.json"), nodeTsconfig(["src/main.ts"], { outDir: "out" }));
    const checked = typeCheck(dir);
    assert.equal(checked.status, 0, checked.output);
    const run = spawnSync(process.execPath, [join(dir, "out/main.js")], {
      encoding: "utf8",
      timeout: LIMIT,
      cwd: dir,
    });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim().split("\n").pop() as string) as {
      backend: string;
      outputs: number[];
    };
    assert.equal(result.backend, "wasm");
    assert.deepEqual(
      result.outputs.map((o) => (o > 0.8 ? 1 : o < 0.2 ? 0 : Number.NaN)),
      [0, 1, 1, 0],
    );
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

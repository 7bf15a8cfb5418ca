/**
 * Running the package in headless Chromium, for tests (wasm-browser.test.ts) and the browser benchmark
 * (bench/browser.mjs): Debian's Chromium driven by playwright-core (which downloads nothing), and a static
 * server for the repository's compiled code with an import map for the browser build's packages.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { BROWSER_PACKAGES } from "../architecture/browser-packages.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
/** The folders a page may load from: compiled code, the .wasm builds, browser packages, the benchmark. */
const SERVED = ["dist", "build", "node_modules", "bench"];

/** Chromium's path: RETROPROP_CHROMIUM, else Debian's; undefined where there is none. */
export function findChromium(): string | undefined {
  const candidates = [process.env.RETROPROP_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((path): path is string => path !== undefined && path !== "" && existsSync(path));
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".html": "text/html",
};

/** The URL path the page loads a file of the repository from. */
const servedPath = (file: string): string => `/${relative(root, file).split(sep).join("/")}`;

function page(): string {
  // Bare specifiers of the browser build, mapped to the files Node resolves them to; @noble/hashes imports
  // its own crypto module, which Node resolves to the node:crypto variant and a bundler to this one.
  const imports: Record<string, string> = Object.fromEntries(
    BROWSER_PACKAGES.map((spec) => [spec, servedPath(fileURLToPath(import.meta.resolve(spec)))]),
  );
  imports["@noble/hashes/crypto"] = servedPath(resolve(root, "node_modules/@noble/hashes/esm/crypto.js"));
  return `<!doctype html><meta charset="utf-8"><title>retroprop wasm</title>
<script type="importmap">${JSON.stringify({ imports })}</script><body>retroprop</body>`;
}

/**
 * Serves the repository's SERVED folders on a free loopback port, and at "/" an empty page with the import
 * map. `isolated`: every response carries COOP/COEP, so the page is cross-origin isolated.
 */
export function serveRepository(isolated: boolean): Promise<Server> {
  const server = createServer((req, res) => {
    if (isolated) {
      res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
      res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    }
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (path === "/") {
      res.setHeader("Content-Type", TYPES[".html"]);
      res.end(page());
      return;
    }
    const file = resolve(root, `.${path}`);
    const top = relative(root, file).split(sep)[0];
    if (!SERVED.includes(top) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    res.setHeader("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
    res.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

/** The server's base URL. */
export function serverUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** Headless Chromium with the flags this sandboxed, offline machine needs. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    // Generous: a loaded 2-core machine starts Chromium slowly (playwright's default is 30 s).
    timeout: 120_000,
    // Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // Containers often give /dev/shm only 64 MB, too little for Chromium's shared memory.
      "--disable-dev-shm-usage",
    ],
  });
}

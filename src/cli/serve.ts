/**
 * The playground's web server: the built page (build/web) and, under /data/, the data root, on 127.0.0.1 only.
 * Every response carries the cross-origin isolation headers (COOP/COEP) that let the page's WebAssembly
 * backend share its memory with worker threads. Read-only: GET and HEAD of regular files; a path with a `..`
 * segment (plain or percent-encoded), a backslash, a NUL, or one that leads through a symbolic link out of
 * its root is refused, so nothing outside the two folders can be read.
 */
import { createReadStream, existsSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";

/** The only address the server listens on: the page is for the user of this machine. */
export const LOOPBACK = "127.0.0.1";

/** The built page, shipped in the package (npm run build:web). */
export const WEB_ROOT = fileURLToPath(new URL("../../../build/web/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
};

export interface PlaygroundServerOptions {
  /** The folder of the built page (default WEB_ROOT). */
  webRoot?: string;
  /** A folder served read-only under /data/ (the datasets' data root); none if absent. */
  dataRoot?: string;
  /** 0 (default): a free port. */
  port?: number;
}

export interface PlaygroundServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * The request's path as segments, or a reason to refuse it. Checked on the raw text (before any URL
 * normalisation would quietly drop `..`), then again after percent-decoding.
 */
export function requestSegments(rawUrl: string): string[] | { refuse: number; reason: string } {
  const path = rawUrl.split(/[?#]/, 1)[0];
  if (!path.startsWith("/")) return { refuse: 400, reason: "not an absolute path" };
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { refuse: 400, reason: "malformed percent-encoding" };
  }
  if (decoded.includes("\0") || decoded.includes("\\"))
    return { refuse: 400, reason: "NUL or backslash in path" };
  const segments = decoded.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === ".." || s === ".")) return { refuse: 403, reason: "dot segment in path" };
  return segments;
}

/** The real path of a file inside root, or undefined if it is missing, not a file, or escapes root. */
async function fileInside(root: string, segments: string[]): Promise<string | undefined> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(realRoot, ...segments));
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.end(`${text}\n`);
}

async function handle(req: IncomingMessage, res: ServerResponse, webRoot: string, dataRoot?: string) {
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    return refuse(res, 405, "method not allowed");
  }
  const segments = requestSegments(req.url ?? "/");
  if (!Array.isArray(segments)) return refuse(res, segments.refuse, segments.reason);
  let root = webRoot;
  let rest = segments.length === 0 ? ["index.html"] : segments;
  if (rest[0] === "data") {
    if (!dataRoot) return refuse(res, 404, "no data root");
    root = dataRoot;
    rest = rest.slice(1);
  }
  const file = await fileInside(root, rest);
  if (!file) return refuse(res, 404, "not found");
  res.setHeader("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
  res.setHeader("Cache-Control", "no-cache");
  if (req.method === "HEAD") return res.end();
  createReadStream(file)
    .on("error", () => res.destroy())
    .pipe(res);
}

/** Starts the server on 127.0.0.1; resolves once it listens, with its URL. */
export async function startPlaygroundServer(
  options: PlaygroundServerOptions = {},
): Promise<PlaygroundServer> {
  const webRoot = resolve(options.webRoot ?? WEB_ROOT);
  if (!existsSync(join(webRoot, "index.html"))) {
    throw localizedError(InputError, "playgroundNotBuilt", webRoot);
  }
  const dataRoot = options.dataRoot === undefined ? undefined : resolve(options.dataRoot);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw localizedError(InputError, "port", String(port));
  }
  const server = createServer((req, res) => {
    handle(req, res, webRoot, dataRoot).catch(() => refuse(res, 500, "internal error"));
  });
  await new Promise<void>((done, fail) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      fail(e.code === "EADDRINUSE" ? localizedError(InputError, "portInUse", port, LOOPBACK) : e),
    );
    server.listen(port, LOOPBACK, () => done());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${LOOPBACK}:${bound}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

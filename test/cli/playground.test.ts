/**
 * `retroprop playground`'s server as a user and an attacker meet it: it prints a loopback URL, serves the built
 * page with the cross-origin isolation headers, serves the data root under /data/, and refuses everything
 * else: `..` in any spelling, symbolic links out of a root, other methods, other interfaces.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { requestSegments } from "../../src/cli/serve.js";
import { type RunningPlayground, startPlayground } from "./playground-cli.js";
import { runCli } from "./run-cli.js";

const backendPass = process.env.RETROPROP_BACKEND ?? "reference";
const SECRET = "outside-the-root-secret";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with the path sent exactly as written (no client-side normalisation). */
function get(base: string, rawPath: string, method = "GET"): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: hostname, port, path: rawPath, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => {
        body += d;
      });
      res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("retroprop playground: the server", {
  skip:
    backendPass === "reference"
      ? false
      : `backend-independent; runs in the reference pass, not the ${backendPass} one`,
  timeout: 180_000,
}, () => {
  let work: string;
  let playground: RunningPlayground;

  before(async () => {
    // work/secret.txt lies outside both roots; work/data is the data root, with a file and a link out.
    work = mkdtempSync(join(tmpdir(), "retroprop-playground-"));
    writeFileSync(join(work, "secret.txt"), SECRET);
    mkdirSync(join(work, "data/iris"), { recursive: true });
    writeFileSync(join(work, "data/iris/iris.csv"), "sepal_length,species\n5.1,setosa\n");
    symlinkSync(join(work, "secret.txt"), join(work, "data/link.txt"));
    symlinkSync(work, join(work, "data/up"));
    playground = await startPlayground(["--data-dir", join(work, "data")]);
  });
  after(async () => {
    assert.equal(await playground.stop(), 0, "Ctrl+C stops the server cleanly");
    rmSync(work, { recursive: true, force: true });
  });

  it("prints a URL on 127.0.0.1 and a free port", () => {
    const url = new URL(playground.url);
    assert.equal(url.hostname, "127.0.0.1");
    assert.ok(Number(url.port) > 0);
  });

  it("serves the page, its scripts and the .wasm builds, cross-origin isolated", async () => {
    const page = await get(playground.url, "/");
    assert.equal(page.status, 200);
    assert.match(String(page.headers["content-type"]), /^text\/html/);
    assert.equal(page.headers["cross-origin-opener-policy"], "same-origin");
    assert.equal(page.headers["cross-origin-embedder-policy"], "require-corp");
    const scripts = [...page.body.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
    assert.ok(
      scripts.some((s) => s.endsWith(".js")),
      `the page loads a script (${scripts.join(", ")})`,
    );
    for (const s of scripts) {
      const asset = await get(playground.url, `/${s}`);
      assert.equal(asset.status, 200, s);
      assert.equal(asset.headers["cross-origin-embedder-policy"], "require-corp");
    }
  });

  it("serves the data root read-only under /data/", async () => {
    const csv = await get(playground.url, "/data/iris/iris.csv");
    assert.equal(csv.status, 200);
    assert.equal(csv.body, "sepal_length,species\n5.1,setosa\n");
    assert.equal((await get(playground.url, "/data/iris/iris.csv", "PUT")).status, 405);
    assert.equal((await get(playground.url, "/data/iris/iris.csv", "POST")).status, 405);
  });

  it("refuses every path out of its roots: dot segments plain, encoded, double-encoded, backslashed; symlinks", async () => {
    const attempts = [
      "/../secret.txt",
      "/data/../../secret.txt",
      "/%2e%2e/%2e%2e/secret.txt",
      "/data/%2E%2E/secret.txt",
      "/data/..%2fsecret.txt",
      "/data/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
      "/data/%252e%252e/secret.txt",
      "/data/..%5csecret.txt",
      "/data/link.txt",
      "/data/up/secret.txt",
      "/data/secret.txt%00.csv",
      "/assets/../../package.json",
      "/%2e%2e/package.json",
      "//etc/passwd",
      "/data//etc/passwd",
    ];
    for (const path of attempts) {
      const r = await get(playground.url, path);
      assert.ok(r.status >= 400, `${path} answered ${r.status}`);
      assert.ok(!r.body.includes(SECRET) && !r.body.includes("root:") && !r.body.includes('"name"'), path);
    }
  });

  it("decodes a request's path to segments, refusing dot segments before any normalisation", () => {
    assert.deepEqual(requestSegments("/assets/a%20b.js?x=1"), ["assets", "a b.js"]);
    assert.deepEqual(requestSegments("/"), []);
    assert.deepEqual(requestSegments("/a/%2e%2e/b"), { refuse: 403, reason: "dot segment in path" });
    assert.deepEqual(requestSegments("/a/%E0%A4%A"), { refuse: 400, reason: "malformed percent-encoding" });
    assert.deepEqual(requestSegments("*"), { refuse: 400, reason: "not an absolute path" });
  });

  it("listens on loopback only: another interface of this machine is refused", async (t) => {
    const other = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal);
    if (!other) {
      t.skip("this machine has no non-loopback IPv4 address to try");
      return;
    }
    const port = Number(new URL(playground.url).port);
    const outcome = await new Promise<string>((done) => {
      const socket = connect({ host: other.address, port }, () => {
        socket.destroy();
        done("connected");
      });
      socket.on("error", (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
    });
    assert.equal(outcome, "ECONNREFUSED", `${other.address}:${port}`);
  });

  it("a bad --port is one line and a non-zero exit", () => {
    for (const port of ["abc", "70000", "-1"]) {
      const r = runCli(["playground", "--port", port]);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /^retroprop: .*port.*\n$/);
    }
  });
});

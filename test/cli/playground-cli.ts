/** `retroprop playground` as a child process, for the playground's tests: started, its printed URL read, stopped. */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import { findChromium, launchChromium } from "../backend/browser-harness.js";
import { root } from "./run-cli.js";

export interface RunningPlayground {
  url: string;
  child: ChildProcess;
  /** Sends SIGINT and resolves with the exit status. */
  stop(): Promise<number | null>;
}

export function startPlayground(args: readonly string[] = []): Promise<RunningPlayground> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  if (process.env.RETROPROP_BACKEND) env.RETROPROP_BACKEND = process.env.RETROPROP_BACKEND;
  const child = spawn(process.execPath, ["bin/retroprop.js", "playground", ...args], { cwd: root, env });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return new Promise((done, fail) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => fail(new Error(`no URL printed within 60 s: ${out}${err}`)), 60_000);
    child.stderr?.on("data", (d) => {
      err += String(d);
    });
    child.stdout?.on("data", (d) => {
      out += String(d);
      const m = /^retroprop playground: (http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        done({
          url: m[1],
          child,
          stop: () => {
            child.kill("SIGINT");
            return exited;
          },
        });
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`retroprop playground exited with ${code} before printing its URL: ${err.trim()}`));
    });
  });
}

/**
 * Why the playground's browser suites do not run here, or false where they do: they need Chromium, and the
 * page picks its own backend, so they run once, in the reference pass.
 */
export function chromiumSuiteSkip(): string | false {
  const backendPass = process.env.RETROPROP_BACKEND ?? "reference";
  if (backendPass !== "reference")
    return `backend-independent (the page picks its own); runs in the reference pass, not the ${backendPass} one`;
  return findChromium() ? false : "Chromium is not installed (Debian: apt install chromium)";
}

export interface PlaygroundInChromium {
  playground: RunningPlayground;
  browser: Browser;
  /** Errors thrown in the suite's pages (push them from page.on("pageerror")); none is allowed. */
  errors: string[];
}

/**
 * For a browser suite (call it in the describe's body): `retroprop playground` and Chromium started before the
 * tests, both stopped after them, and the pages' errors checked to be none. Filled in by the before hook.
 */
export function playgroundInChromium(): PlaygroundInChromium {
  const session = { errors: [] as string[] } as PlaygroundInChromium;
  before(async () => {
    session.playground = await startPlayground();
    session.browser = await launchChromium(findChromium() as string);
  });
  after(async () => {
    await session.browser?.close();
    await session.playground?.stop();
    assert.deepEqual(session.errors, [], "no errors in the page");
  });
  return session;
}

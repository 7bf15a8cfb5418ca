/** What the playground's browser tests share: when they run, and `retroprop playground` with Chromium around a suite. */
import assert from "node:assert/strict";
import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import { findChromium, launchChromium } from "../backend/browser-harness.js";
import { type RunningPlayground, startPlayground } from "./playground-cli.js";

/** Why the playground's browser tests are skipped in this run, or false when they run. */
export function chromiumSkip(): string | false {
  const backendPass = process.env.RETROPROP_BACKEND ?? "reference";
  if (backendPass !== "reference")
    return `backend-independent (the page picks its own); runs in the reference pass, not the ${backendPass} one`;
  return findChromium() ? false : "Chromium is not installed (Debian: apt install chromium)";
}

export interface PlaygroundInChromium {
  playground: RunningPlayground;
  browser: Browser;
  /** Errors the pages reported; the suite fails unless it stays empty. */
  errors: string[];
}

/**
 * Starts `retroprop playground` and Chromium before the calling suite's tests and stops them after it, checking
 * that no page reported an error. Call inside describe(); the fields are set once the suite's tests run.
 */
export function playgroundInChromium(): PlaygroundInChromium {
  const run = { errors: [] as string[] } as PlaygroundInChromium;
  before(async () => {
    run.playground = await startPlayground();
    run.browser = await launchChromium(findChromium() as string);
  });
  after(async () => {
    await run.browser?.close();
    await run.playground?.stop();
    assert.deepEqual(run.errors, [], "no errors in the page");
  });
  return run;
}

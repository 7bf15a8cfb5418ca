// The browser side of bench/browser.mjs: loaded into a Chromium page, it trains with the browser build on the
// wasm backend, through the same step (peers/retroprop-step.mjs) and timing protocol (lib/protocol.mjs) as
// the Node benchmark.
import * as lib from "../dist/src/browser.js";
import { makeData } from "./lib/protocol.mjs";
import { measureRetroprop } from "./peers/retroprop-step.mjs";

let backend = null;

/** Loads the wasm backend for this page (threads as the page allows) and selects it. */
export async function setup() {
  backend = await lib.initWasmBackend();
  lib.setBackend("wasm");
  return {
    threads: backend.threads,
    relaxedSimd: backend.relaxedSimd,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
  };
}

const dataSets = new Map();

/** Seconds per unit of configuration `name`, on `n` synthetic rows, timed for about `budget` seconds. */
export async function measure(name, n, seed, budget) {
  const key = `${n}/${seed}`;
  if (!dataSets.has(key)) dataSets.set(key, makeData(n, seed));
  return measureRetroprop(lib, name, dataSets.get(key), seed, budget);
}

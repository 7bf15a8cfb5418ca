// Shared pieces of retroprop's benchmark: the four configurations, the synthetic data set (written once by
// run.mjs to a binary file every peer reads, so all peers train on byte-identical data), the per-child
// argument parsing and the step-timing protocol. bench/peers/common.py mirrors the protocol in Python.

import { readFileSync } from "node:fs";
import { batchedData, CONFIGS, EPOCH_EXAMPLES, INPUTS, secondsPerUnit, unitSteps, xorData } from "./protocol.mjs";

// The configurations, the data generator and the timing protocol, shared with the browser benchmark.
export * from "./protocol.mjs";

/**
 * Loads the data a child needs. For (a)–(c): `<data>.x.f32` (n×784 float32 LE) and `<data>.y.u8` (n labels),
 * with a one-hot copy of the labels. For (d): the XOR table. `batch(i)` returns the i-th mini-batch as views
 * (no copy), cycling over the whole batches of the set.
 */
export function loadData(config, dataPrefix, n) {
  if (config.name === "d") return xorData();
  const buf = readFileSync(`${dataPrefix}.x.f32`);
  if (buf.byteLength < n * INPUTS * 4)
    throw new Error(`data file ${dataPrefix}.x.f32 holds fewer than ${n} rows`);
  const x =
    buf.byteOffset % 4 === 0
      ? new Float32Array(buf.buffer, buf.byteOffset, n * INPUTS)
      : new Float32Array(new Uint8Array(buf.buffer, buf.byteOffset, n * INPUTS * 4).slice().buffer);
  const labels = new Uint8Array(readFileSync(`${dataPrefix}.y.u8`).subarray(0, n));
  return batchedData(config, x, labels);
}

/** Parses `--key value` pairs (all a child receives from run.mjs). */
export function parseChildArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--")) throw new Error(`unexpected argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  const config = CONFIGS[args.config];
  if (!config) throw new Error(`unknown config ${args.config}`);
  return {
    config,
    data: args.data,
    n: Number(args.n ?? EPOCH_EXAMPLES),
    seed: Number(args.seed ?? 1),
    budget: Number(args.budget ?? 2),
    memoryEpochs: Number(args["memory-epochs"] ?? 0),
    memorySteps: Number(args["memory-steps"] ?? 0),
  };
}

/** The JSON line a child prints: the timed figure scaled to one unit, plus what was actually timed. */
export function report(peer, config, timed, extra = {}) {
  const perUnit = secondsPerUnit(config, timed);
  const line = {
    peer,
    config: config.name,
    seconds_per_unit: perUnit,
    unit: config.unit,
    timed_steps: timed.steps,
    timed_seconds: timed.seconds,
    fraction_of_unit: timed.steps / unitSteps(config),
    warmup_steps: timed.warmupSteps,
    rss_mb: process.resourceUsage().maxRSS / 1024,
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** A child that cannot run says why on one JSON line and exits 0; the harness lists the peer as unavailable. */
export function unavailable(peer, reason) {
  process.stdout.write(`${JSON.stringify({ peer, unavailable: reason })}\n`);
}

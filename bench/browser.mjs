#!/usr/bin/env node
// retroprop's wasm backend in headless Chromium against the same backend in Node: the benchmark's
// configurations (a)–(d), one training step as the Node benchmark takes it (peers/retroprop-step.mjs), timed by
// the same protocol, interleaved (Node, Chromium isolated, Chromium not isolated) to cancel machine drift, the
// median of --repeats runs. Then the playground's default network, in its page, against TensorFlow.js in the same
// Chromium (bench/playground.mjs). Needs `npm run build` and Debian's chromium (or RETROPROP_CHROMIUM).
//
//   node bench/browser.mjs [--only a,b,c,d,playground] [--repeats 3] [--budget 2] [--rows 10000]
//
// Prints a table and writes bench/results/browser.json and browser.md.
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { CONFIGS, makeData } from "./lib/protocol.mjs";
import { measureRetroprop } from "./peers/retroprop-step.mjs";
import { measurePlayground, playgroundMarkdown } from "./playground.mjs";

const { values } = parseArgs({
  options: {
    only: { type: "string", default: "a,b,c,d,playground" },
    repeats: { type: "string", default: "3" },
    budget: { type: "string", default: "2" },
    rows: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
  },
});
const names = values.only.split(",").filter((n) => n in CONFIGS);
const withPlayground = values.only.split(",").includes("playground");
const repeats = Number(values.repeats);
const budget = Number(values.budget);
const rows = Number(values.rows);
const seed = Number(values.seed);
if ((names.length === 0 && !withPlayground) || !(repeats >= 1) || !(budget > 0) || !(rows >= 128)) {
  console.error("bench/browser.mjs: expected --only from a,b,c,d,playground, --repeats ≥ 1, --budget > 0, --rows ≥ 128");
  process.exit(2);
}

let harness;
try {
  harness = await import("../dist/test/backend/browser-harness.js");
} catch (err) {
  console.error(`bench/browser.mjs: run npm run build first (${err.message.split("\n")[0]})`);
  process.exit(1);
}
const chromiumPath = harness.findChromium();
if (!chromiumPath) {
  console.error("bench/browser.mjs: no Chromium (apt install chromium, or set RETROPROP_CHROMIUM)");
  process.exit(1);
}

// Node: the package's main entry, wasm backend with its default threads.
const lib = await import("../dist/src/index.js");
const nodeBackend = await lib.initWasmBackend();
lib.setBackend("wasm");
const data = makeData(rows, seed);
const measureNode = (name) => measureRetroprop(lib, name, data, seed, budget);

// Chromium: one page cross-origin isolated (threads), one not (one thread).
const browser = await harness.launchChromium(chromiumPath);
const pages = {};
const servers = [];
for (const [label, isolated] of [
  ["chromium-isolated", true],
  ["chromium-plain", false],
]) {
  const server = await harness.serveRepository(isolated);
  servers.push(server);
  const page = await (await browser.newContext()).newPage();
  page.on("pageerror", (err) => console.error(`${label}: ${err.message}`));
  await page.goto(harness.serverUrl(server));
  const info = await page.evaluate(async () => (await import("/bench/browser-page.mjs")).setup());
  pages[label] = { page, info };
}

/** Measures a configuration in one of the pages. */
const inPage = (label) => (name) =>
  pages[label].page.evaluate(
    async ([n, r, s, b]) => (await import("/bench/browser-page.mjs")).measure(n, r, s, b),
    [name, rows, seed, budget],
  );
const runners = { node: measureNode, "chromium-isolated": inPage("chromium-isolated"), "chromium-plain": inPage("chromium-plain") };
const runs = Object.fromEntries(Object.keys(runners).map((k) => [k, Object.fromEntries(names.map((n) => [n, []]))]));
for (let r = 0; r < repeats; r++) {
  for (const name of names) {
    for (const [label, run] of Object.entries(runners)) {
      const seconds = await run(name);
      runs[label][name].push(seconds);
      process.stderr.write(`run ${r + 1}/${repeats} (${name}) ${label}: ${seconds.toFixed(4)} s\n`);
    }
  }
}
const playground = withPlayground
  ? await measurePlayground({ browser, harness, repeats, log: (line) => process.stderr.write(`${line}\n`) })
  : undefined;
await browser.close();
for (const server of servers) server.close();
await nodeBackend.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (v) => (v >= 1 ? v.toFixed(2) : v >= 0.01 ? v.toFixed(3) : v.toFixed(4));
const columns = [
  ["node", `Node ${process.versions.node}, ${nodeBackend.threads} threads`],
  ["chromium-isolated", `Chromium, isolated page, ${pages["chromium-isolated"].info.threads} threads`],
  ["chromium-plain", `Chromium, plain page, ${pages["chromium-plain"].info.threads} thread`],
];
const lines = [
  `| config | ${columns.map(([, title]) => title).join(" | ")} | isolated ÷ Node |`,
  `| --- | ${columns.map(() => "---:").join(" | ")} | ---: |`,
];
for (const name of names) {
  const m = Object.fromEntries(columns.map(([key]) => [key, median(runs[key][name])]));
  const unit = CONFIGS[name].unit === "epoch" ? "s/epoch" : "s/10k steps";
  lines.push(
    `| (${name}) ${CONFIGS[name].title}, ${unit} | ${columns.map(([key]) => fmt(m[key])).join(" | ")} | ${(m["chromium-isolated"] / m.node).toFixed(2)}× |`,
  );
}
const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.availableParallelism()} cores`;
const header = `${pages["chromium-isolated"].info.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"}; ${machine}; median of ${repeats}, ≈${budget} s timed per run, ${rows} synthetic rows`;
const markdown = `${names.length > 0 ? `${header}\n\n${lines.join("\n")}\n` : ""}${playground ? `\n${playgroundMarkdown(playground)}` : ""}`;
console.log(markdown);
writeFileSync(new URL("./results/browser.md", import.meta.url), markdown);
writeFileSync(
  new URL("./results/browser.json", import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), machine, repeats, budget_s: budget, rows, pages: Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, v.info])), node: { version: process.versions.node, threads: nodeBackend.threads, relaxed_simd: nodeBackend.relaxedSimd }, runs, playground }, null, 2)}\n`,
);

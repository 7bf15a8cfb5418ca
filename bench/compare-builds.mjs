// Two builds of retroprop compared step for step, in one process, interleaved (so machine drift hits both
// alike): the benchmark's configurations (a)-(d) through the same step (peers/retroprop-step.mjs) on the same
// data, on the wasm backend with RETROPROP_THREADS from the environment. Prints min and median µs per step.
//   node bench/compare-builds.mjs OLD_CHECKOUT [NEW_CHECKOUT (default .)] [--only a,b,c,d]
// Each checkout must be built (npm run build). Used to show that a refactoring costs no speed.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CONFIGS, makeData, batchedData, xorData } from "./lib/protocol.mjs";
import { retropropStep } from "./peers/retroprop-step.mjs";
const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = (onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : "a,b,c,d").split(",");
const [oldRoot, newRoot = "."] = args;
if (!oldRoot) { console.error("usage: node bench/compare-builds.mjs OLD_CHECKOUT [NEW_CHECKOUT] [--only a,b,c,d]"); process.exit(2); }
const load = (root) => import(pathToFileURL(resolve(root, "dist/src/index.js")).href);
const old = await load(oldRoot);
const neu = await load(newRoot);
if (old.initWasmBackend) await old.initWasmBackend();
if (neu.ready) await neu.ready(); else await neu.initWasmBackend();
const data = makeData(6400, 1);
const steps = { a: 400, b: 100, c: 20, d: 20000 };
for (const name of only) {
  const config = CONFIGS[name];
  const batches = name === "d" ? xorData() : batchedData(config, data.x, data.labels);
  const res = { old: [], new: [] };
  for (let r = 0; r < 9; r++) {
    for (const [k, lib] of r % 2 ? [["old", old], ["new", neu]] : [["new", neu], ["old", old]]) {
      lib.setBackend("wasm");
      const step = retropropStep(config, batches, lib, 1);
      for (let i = 0; i < steps[name] / 4; i++) step(i);
      const t0 = performance.now();
      for (let i = 0; i < steps[name]; i++) step(i);
      res[k].push(((performance.now() - t0) * 1000) / steps[name]);
    }
  }
  const f = (a) => { a.sort((x, y) => x - y); return `min ${a[0].toFixed(2)} med ${a[4].toFixed(2)}`; };
  console.log(`(${name}) µs/step  old ${f(res.old)}  |  new ${f(res.new)}`);
}

#!/usr/bin/env node
// retroprop's benchmark harness (`npm run bench`). Runs retroprop and its peers, each (peer, config) in a fresh
// child process, interleaved (repeat × config × rotating peer order) to cancel machine drift, on one synthetic data
// set written once to a binary file; prints seconds per 60,000-example epoch (config d: per 10,000 steps), the
// median of the repeats, ratios to retroprop, GFLOP/s and the SGEMM peak; writes JSON and a Markdown table.
//
//   node bench/run.mjs [--only a,b,c,d] [--peers retroprop,numpy,...] [--repeats 3] [--budget 2] [--quick]
//                      [--seed 1] [--out bench/results/results.json] [--docs | --no-docs] [--no-memory]
//                      [--no-sgemm] [--python python3] [--threads 1,2,default] [--memory-seconds 120]
//
// Threads: one table per setting of --threads. At N, NumPy runs with OPENBLAS_NUM_THREADS=N, PyTorch with
// torch.set_num_threads(N) and retroprop with RETROPROP_THREADS=N; "default" leaves each library to its own
// default. The JavaScript peers (brain.js, TensorFlow.js) run on one thread whatever the setting: they are
// measured once and shown in every table. Each retroprop backend is its own row (wasm, BLAS through the
// system's library, and BLAS through the OpenBLAS that NumPy bundles, where there is one). OPENBLAS_CORETYPE and
// OPENBLAS_L2_SIZE are removed from every measured run's environment (some machines set them to hold an old
// OpenBLAS to safe kernels; a current one then runs below its speed), and each run reports the OpenBLAS kernel
// it loaded.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIGS, EPOCH_EXAMPLES, gemmFlopsPerStep, INPUTS, makeData, unitSteps } from "./lib/common.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const peersDir = join(here, "peers");

// ---- flags -------------------------------------------------------------------------------------------------------

const PEERS = [
  "retroprop",
  "retroprop-blas",
  "retroprop-blas-numpy-lib",
  "tfjs-wasm-manual",
  "tfjs-wasm-fit",
  "tfjs-cpu-manual",
  "tfjs-cpu-fit",
  "tfjs-node",
  "brain.js",
  "numpy",
  "pytorch",
];

function usage(message) {
  if (message) process.stderr.write(`bench: ${message}\n`);
  process.stderr.write(
    "usage: node bench/run.mjs [--only a,b,c,d] [--peers " +
      PEERS.join(",") +
      "] [--repeats 3] [--budget 2] [--quick] [--seed 1] [--out FILE] [--docs|--no-docs] [--no-memory] " +
      "[--no-sgemm] [--python PATH] [--threads 1,2,default] [--memory-seconds 120]\n",
  );
  process.exit(message ? 2 : 0);
}

function parseFlags(argv) {
  const o = {
    only: Object.keys(CONFIGS),
    peers: PEERS,
    repeats: 3,
    budget: 2,
    seed: 1,
    out: join(here, "results", "results.json"),
    docs: null,
    memory: true,
    sgemm: true,
    python: process.env.BENCH_PYTHON ?? null,
    quick: false,
    threads: ["1", "2", "default"],
    memorySeconds: 120,
  };
  const value = (i) => {
    if (i + 1 >= argv.length) usage(`${argv[i]} needs a value`);
    return argv[i + 1];
  };
  const list = (s, allowed, what) => {
    const items = s.split(",").map((t) => t.trim());
    for (const t of items)
      if (!allowed.includes(t)) usage(`unknown ${what} "${t}" (one of ${allowed.join(",")})`);
    return items;
  };
  const positive = (s, flag) => {
    const v = Number(s);
    if (!(v > 0)) usage(`${flag} must be a positive number, got "${s}"`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--only") o.only = list(value(i++), Object.keys(CONFIGS), "config");
    else if (a === "--peers") o.peers = list(value(i++), PEERS, "peer");
    else if (a === "--repeats") o.repeats = Math.round(positive(value(i++), a));
    else if (a === "--budget") o.budget = positive(value(i++), a);
    else if (a === "--seed") o.seed = Math.round(positive(value(i++), a));
    else if (a === "--out") o.out = value(i++);
    else if (a === "--python") o.python = value(i++);
    else if (a === "--threads")
      o.threads = value(i++)
        .split(",")
        .map((t) => (t.trim() === "default" ? "default" : String(Math.round(positive(t, a)))));
    else if (a === "--memory-seconds") o.memorySeconds = positive(value(i++), a);
    else if (a === "--quick") o.quick = true;
    else if (a === "--docs") o.docs = true;
    else if (a === "--no-docs") o.docs = false;
    else if (a === "--no-memory") o.memory = false;
    else if (a === "--no-sgemm") o.sgemm = false;
    else if (a === "--help" || a === "-h") usage();
    else usage(`unknown flag ${a}`);
  }
  if (o.quick) {
    o.repeats = argv.includes("--repeats") ? o.repeats : 1;
    o.budget = argv.includes("--budget") ? o.budget : 0.5;
  }
  // Only a complete run rewrites docs/performance.md unless asked.
  if (o.docs === null) o.docs = !o.quick && o.only.length === 4 && o.peers.length === PEERS.length;
  return o;
}

const opts = parseFlags(process.argv.slice(2));
const log = (s) => process.stdout.write(`${s}\n`);

// ---- environment probes ------------------------------------------------------------------------------------------

function probePython() {
  // The first interpreter with each: a pip-installed NumPy (its wheel bundles a current OpenBLAS) before
  // Debian's, and Debian's python3-torch where pip has none. Each peer runs in its own process.
  const candidates = opts.python ? [opts.python] : ["python3", "/usr/bin/python3", "python"];
  const has = candidates.map((py) =>
    Object.fromEntries(
      ["numpy", "torch"].map((mod) => [
        mod,
        spawnSync(py, ["-c", `import ${mod}`], { encoding: "utf8", timeout: 60000 }).status === 0,
      ]),
    ),
  );
  return {
    numpy: candidates.find((_, i) => has[i].numpy) ?? null,
    torch: candidates.find((_, i) => has[i].torch) ?? null,
  };
}

function readText(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function machine() {
  const lscpu = spawnSync("lscpu", [], { encoding: "utf8" }).stdout ?? "";
  const field = (name) => lscpu.match(new RegExp(`^${name}:\\s*(.+)$`, "m"))?.[1]?.trim() ?? null;
  const cpuinfo = readText("/proc/cpuinfo");
  const flags = cpuinfo.match(/^flags\s*:\s*(.+)$/m)?.[1].split(/\s+/) ?? [];
  const memKb = Number(readText("/proc/meminfo").match(/^MemTotal:\s+(\d+)/m)?.[1] ?? 0);
  const osName = readText("/etc/os-release").match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1] ?? os.type();
  return {
    cpu: field("Model name") ?? os.cpus()[0]?.model ?? "unknown",
    logical_cpus: os.cpus().length,
    threads_per_core: field("Thread\\(s\\) per core"),
    hypervisor: field("Hypervisor vendor"),
    l2: field("L2 cache"),
    l3: field("L3 cache"),
    simd: ["avx2", "fma", "avx512f"].filter((f) => flags.includes(f)),
    memory_gb: memKb ? Math.round(memKb / 2 ** 20) : Math.round(os.totalmem() / 2 ** 30),
    os: `${osName}, Linux ${os.release()}`,
    node: process.version,
  };
}

// ---- data ----------------------------------------------------------------------------------------------------------

function ensureData() {
  const dir = join(here, "results", "tmp");
  mkdirSync(dir, { recursive: true });
  const prefix = join(dir, `data-seed${opts.seed}-n${EPOCH_EXAMPLES}`);
  if (
    existsSync(`${prefix}.y.u8`) &&
    existsSync(`${prefix}.x.f32`) &&
    readFileSync(`${prefix}.y.u8`).length === EPOCH_EXAMPLES
  ) {
    return prefix;
  }
  log(
    `writing the synthetic data set (${EPOCH_EXAMPLES} × ${INPUTS} float32, seed ${opts.seed}) to ${prefix}.*`,
  );
  const { x, labels } = makeData(EPOCH_EXAMPLES, opts.seed);
  writeFileSync(`${prefix}.x.f32.tmp`, new Uint8Array(x.buffer));
  writeFileSync(`${prefix}.y.u8.tmp`, labels);
  renameSync(`${prefix}.x.f32.tmp`, `${prefix}.x.f32`);
  renameSync(`${prefix}.y.u8.tmp`, `${prefix}.y.u8`);
  return prefix;
}

// ---- children ------------------------------------------------------------------------------------------------------

const python = probePython();
const benchModules = existsSync(join(here, "node_modules", "@tensorflow", "tfjs"));
const unavailableWhy = new Map();
if (!benchModules) {
  for (const p of PEERS.filter((p) => p.startsWith("tfjs-") && p !== "tfjs-node"))
    unavailableWhy.set(p, "bench dependencies not installed (npm --prefix bench ci --ignore-scripts)");
  if (!existsSync(join(here, "node_modules", "brain.js")))
    unavailableWhy.set(
      "brain.js",
      "bench dependencies not installed (npm --prefix bench ci --ignore-scripts)",
    );
}
unavailableWhy.set(
  "tfjs-node",
  "@tensorflow/tfjs-node cannot be installed here: its install script downloads libtensorflow from " +
    "storage.googleapis.com, which an offline machine cannot reach",
);
if (!python.numpy)
  unavailableWhy.set("numpy", "no python3 with numpy (apt-get install python3-numpy libopenblas0-pthread)");
if (!python.torch)
  unavailableWhy.set("pytorch", "no python3 with torch (apt-get install python3-torch libopenblas0-pthread)");

/** The OpenBLAS library NumPy's process maps (a wheel's bundled one), for the retroprop-blas-numpy-lib row. */
function numpyOpenblas() {
  if (!python.numpy) return null;
  const r = spawnSync(
    python.numpy,
    [
      "-c",
      "import numpy\nnumpy.ones((64,64),dtype=numpy.float32)@numpy.ones((64,64),dtype=numpy.float32)\n" +
        "print(next((l.split()[-1] for l in open('/proc/self/maps') if 'openblas' in l.split()[-1].lower()), ''))",
    ],
    { encoding: "utf8", timeout: 60000 },
  );
  return r.stdout?.trim() || null;
}
const numpyBlas = numpyOpenblas();
if (!numpyBlas)
  unavailableWhy.set("retroprop-blas-numpy-lib", "no NumPy with a bundled OpenBLAS to point RETROPROP_BLAS at");

/** Peers whose speed does not depend on a thread setting (JavaScript on one thread): measured once. */
const singleThreaded = (peer) => peer === "brain.js" || peer.startsWith("tfjs-");

/** The environment and arguments that give a peer N threads, or its own default ("default"). */
function command(peer, childArgs, threads) {
  const node = process.execPath;
  const n = threads === "default" ? {} : null;
  const retro = (backend, extra = {}) => [
    node,
    [join(peersDir, "retroprop.mjs"), ...childArgs],
    { RETROPROP_BACKEND: backend, ...(n ?? { RETROPROP_THREADS: threads }), ...extra },
  ];
  switch (peer) {
    case "retroprop":
      return retro("wasm");
    case "retroprop-blas":
      return retro("blas");
    case "retroprop-blas-numpy-lib":
      return retro("blas", { RETROPROP_BLAS: numpyBlas });
    case "brain.js":
      return [node, [join(peersDir, "brainjs.mjs"), ...childArgs], {}];
    case "numpy":
      return [
        python.numpy,
        [join(peersDir, "numpy_peer.py"), ...childArgs],
        n ?? { OPENBLAS_NUM_THREADS: threads, OMP_NUM_THREADS: threads },
      ];
    case "pytorch":
      return [
        python.torch,
        [join(peersDir, "torch_peer.py"), "--threads", n ? "0" : threads, ...childArgs],
        { OMP_WAIT_POLICY: "PASSIVE" },
      ];
    default: {
      const [, backend, mode] = peer.split("-");
      return [node, [join(peersDir, "tfjs.mjs"), backend, mode, ...childArgs], {}];
    }
  }
}

/** Variables removed from every measured run: thread counts (set per table) and OpenBLAS's kernel pins. */
const UNSET = [
  "OPENBLAS_CORETYPE",
  "OPENBLAS_L2_SIZE",
  "OPENBLAS_NUM_THREADS",
  "OMP_NUM_THREADS",
  "RETROPROP_THREADS",
  "RETROPROP_BACKEND",
  "RETROPROP_BLAS",
];
const unsetWere = Object.fromEntries(
  UNSET.filter((v) => v.startsWith("OPENBLAS_C") || v.startsWith("OPENBLAS_L"))
    .filter((v) => process.env[v] !== undefined)
    .map((v) => [v, process.env[v]]),
);
function measuredEnv(extra) {
  const env = { ...process.env };
  for (const v of UNSET) delete env[v];
  return { ...env, ...extra };
}

function runChild(peer, childArgs, timeoutS, threads = "default") {
  const [cmd, argv, env] = command(peer, childArgs, threads);
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, {
      cwd: here,
      env: measuredEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutS * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const lines = out
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l.startsWith("{"));
      let result = null;
      for (const l of lines) {
        try {
          const j = JSON.parse(l);
          if (j.peer) result = j;
        } catch {}
      }
      if (result) resolve(result);
      else {
        const why = signal ? `killed by ${signal} after ${timeoutS} s` : `exit code ${code}`;
        const tail = err.trim().split("\n").slice(-3).join(" | ");
        resolve({ peer, failed: `${why}${tail ? `: ${tail}` : ""}` });
      }
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- main ----------------------------------------------------------------------------------------------------------

const started = Date.now();
const info = machine();
const loadStart = os.loadavg()[0];
const git = (...a) => spawnSync("git", a, { cwd: root, encoding: "utf8" }).stdout?.trim() || null;
const commit = git("rev-parse", "--short", "HEAD");
const dirty = commit ? Boolean(git("status", "--porcelain", "--untracked-files=no", "src")) : null;
log(`retroprop benchmark — ${info.cpu}, ${info.logical_cpus} CPUs, ${info.os}, node ${info.node}`);
log(
  `configs ${opts.only.join(",")}; peers ${opts.peers.join(",")}; ${opts.repeats} repeat(s); ` +
    `≈${opts.budget} s timed per run${opts.quick ? " (quick)" : ""}`,
);
for (const p of opts.peers)
  if (unavailableWhy.has(p)) log(`  ${p}: not available — ${unavailableWhy.get(p)}`);

const needsData = opts.only.some((c) => c !== "d");
const dataPrefix = needsData ? ensureData() : "";
const childArgsFor = (config) => [
  "--config",
  config,
  "--data",
  dataPrefix,
  "--n",
  String(EPOCH_EXAMPLES),
  "--seed",
  String(opts.seed),
  "--budget",
  String(opts.budget),
];
const childTimeout = 120 + 20 * opts.budget;

const runs = [];
const active = () => opts.peers.filter((p) => !unavailableWhy.has(p));
const label = (threads) =>
  threads === "default" ? "each library's default" : `${threads} thread${threads === "1" ? "" : "s"}`;
for (let r = 0; r < opts.repeats; r++) {
  for (const config of opts.only) {
    for (const threads of opts.threads) {
      const peers = active().filter((p) => !singleThreaded(p) || threads === opts.threads[0]);
      const shift = peers.length ? (r + opts.only.indexOf(config)) % peers.length : 0;
      const order = [...peers.slice(shift), ...peers.slice(0, shift)];
      for (const peer of order) {
        if (unavailableWhy.has(peer)) continue;
        const res = await runChild(peer, childArgsFor(config), childTimeout, threads);
        const tag = `[${r + 1}/${opts.repeats}] (${config}) ${label(threads).padEnd(22)}`;
        if (res.unavailable) {
          unavailableWhy.set(peer, res.unavailable);
          log(`  ${peer}: not available — ${res.unavailable}`);
          continue;
        }
        if (res.failed) {
          log(`  ${tag} ${peer}: FAILED — ${res.failed}`);
          runs.push({ peer, config, threads, repeat: r, failed: res.failed });
          continue;
        }
        // The child names itself ("retroprop" for every backend): the row is the peer it was run as.
        runs.push({ ...res, peer, threads, repeat: r });
        const unit = res.unit === "epoch" ? "s/epoch" : "s/10k steps";
        const part =
          res.fraction_of_unit < 0.999 ? ` (timed ${(100 * res.fraction_of_unit).toFixed(1)}% of it)` : "";
        log(`  ${tag} ${peer.padEnd(24)} ${fmt(res.seconds_per_unit)} ${unit}${part}`);
      }
    }
  }
}

/** A fraction below 1 as a percentage of two significant figures, never rounded up to 100 (or 1.0e+2). */
function percent(f) {
  const p = 100 * f;
  return p >= 99.5 ? `${Math.min(p, 99.9).toFixed(1)}%` : `${p.toPrecision(2)}%`;
}

function fmt(s) {
  if (s === null || s === undefined) return "—";
  if (s >= 100) return s.toFixed(0);
  if (s >= 10) return s.toFixed(1);
  if (s >= 1) return s.toFixed(2);
  if (s >= 0.01) return s.toFixed(3);
  return s.toPrecision(2);
}

// Medians, ratios, GFLOP/s, per thread setting (single-threaded peers: their one measurement in every table).
const summary = {};
for (const threads of opts.threads) {
  const table = {};
  for (const peer of opts.peers) {
    table[peer] = {};
    const measuredAt = singleThreaded(peer) ? opts.threads[0] : threads;
    for (const config of opts.only) {
      const ok = runs.filter(
        (x) => x.peer === peer && x.config === config && x.threads === measuredAt && !x.failed,
      );
      if (!ok.length) continue;
      const s = median(ok.map((x) => x.seconds_per_unit));
      const cfg = CONFIGS[config];
      table[peer][config] = {
        seconds_per_unit: s,
        runs: ok.length,
        min_fraction_timed: Math.min(...ok.map((x) => x.fraction_of_unit)),
        gflops: cfg.unit === "epoch" ? (gemmFlopsPerStep(cfg) * unitSteps(cfg)) / s / 1e9 : null,
        peak_rss_mb: Math.max(...ok.map((x) => x.rss_mb)),
      };
    }
  }
  const base = table.retroprop ?? {};
  for (const peer of opts.peers)
    for (const [config, row] of Object.entries(table[peer]))
      row.ratio_to_retroprop = base[config] ? row.seconds_per_unit / base[config].seconds_per_unit : null;
  summary[threads] = table;
}
const retro = summary[opts.threads[0]]?.retroprop ?? {};

// SGEMM peak (NumPy) with 1 and 2 OpenBLAS threads: the physical reference for each table.
const sgemm = [];
if (opts.sgemm && python.numpy) {
  for (const threads of [1, Math.min(2, info.logical_cpus)].filter((t, i, a) => a.indexOf(t) === i)) {
    const r = spawnSync(python.numpy, [join(peersDir, "sgemm_peak.py"), "2048"], {
      cwd: peersDir,
      encoding: "utf8",
      env: measuredEnv({ OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) }),
      timeout: 300000,
    });
    try {
      const j = JSON.parse(r.stdout.trim().split("\n").pop());
      if (!j.unavailable) {
        sgemm.push({
          threads,
          gflops: j.gflops,
          size: j.size,
          shapes: j.shapes,
          blas: j.blas,
          blas_core: j.blas_core,
        });
        log(
          `  SGEMM peak (NumPy, ${threads} thread${threads > 1 ? "s" : ""}): ${j.gflops.toFixed(0)} GFLOP/s (${j.blas_core})`,
        );
      }
    } catch {
      log(`  SGEMM peak (${threads} threads): failed — ${(r.stderr ?? "").trim().split("\n").pop()}`);
    }
  }
} else if (opts.sgemm) log("  SGEMM peak: skipped, no python3 with numpy");
const peakFor = (threads) =>
  sgemm.find((s) => String(s.threads) === threads) ??
  (threads === "default" ? sgemm.find((s) => s.threads === Math.min(2, info.logical_cpus)) : null);

// Which backend retroprop picks by itself here (the automatic choice, measured once per process).
const chosen = spawnSync(
  process.execPath,
  [
    "--input-type=module",
    "-e",
    `const lib = await import(${JSON.stringify(join(root, "dist", "src", "index.js"))}); console.log((await lib.ready()).name);`,
  ],
  { encoding: "utf8", env: measuredEnv({}), timeout: 120000 },
);
const defaultBackend = chosen.status === 0 ? chosen.stdout.trim() : null;
if (defaultBackend) log(`  retroprop's automatic choice here: ${defaultBackend}`);

// retroprop memory on (c): whole epochs, RSS after each.
let memory = null;
if (opts.memory && opts.only.includes("c") && opts.peers.includes("retroprop")) {
  if (unavailableWhy.has("retroprop")) {
    memory = { unavailable: unavailableWhy.get("retroprop") };
  } else {
    const epochs = opts.quick ? 2 : 3;
    // Whole epochs unless that would take longer than --memory-seconds; then equal passes of fewer steps.
    const cfgC = CONFIGS.c;
    const epochBatches = Math.floor(EPOCH_EXAMPLES / cfgC.batch);
    const perStep = retro.c ? retro.c.seconds_per_unit / unitSteps(cfgC) : null;
    const passSteps = perStep
      ? Math.max(1, Math.min(epochBatches, Math.floor(opts.memorySeconds / epochs / perStep)))
      : epochBatches;
    const what =
      passSteps === epochBatches
        ? `${epochs} full epochs`
        : `${epochs} passes of ${passSteps} steps (${((100 * passSteps) / epochBatches).toFixed(1)}% of an epoch each, capped by --memory-seconds ${opts.memorySeconds})`;
    log(`  retroprop memory run: config (c), ${what}…`);
    const res = await runChild(
      "retroprop",
      [...childArgsFor("c"), "--memory-epochs", String(epochs), "--memory-steps", String(passSteps)],
      childTimeout + 3 * opts.memorySeconds + (perStep ? 0 : 600 * epochs),
    );
    if (res.unavailable || res.failed) memory = { unavailable: res.unavailable ?? res.failed };
    else {
      memory = {
        epochs,
        steps_per_pass: passSteps,
        steps_per_epoch: epochBatches,
        what,
        peak_rss_mb: res.rss_mb,
        rss_per_epoch_mb: res.rss_per_epoch_mb,
        data_mb: (EPOCH_EXAMPLES * INPUTS * 4 + EPOCH_EXAMPLES * 10 * 4 + EPOCH_EXAMPLES) / 2 ** 20,
      };
      log(
        `  retroprop (c) peak RSS ${res.rss_mb.toFixed(0)} MiB; RSS after each pass: ` +
          `${res.rss_per_epoch_mb.map((m) => m.toFixed(0)).join(", ")} MiB`,
      );
    }
  }
}

// Versions and BLAS kernels, as the children reported them.
const versions = {};
const kernels = {};
for (const x of runs) {
  if (x.failed) continue;
  if (x.tfjs) versions.tfjs = x.tfjs;
  if (x.peer === "brain.js") versions["brain.js"] = x.version;
  if (x.peer === "numpy") Object.assign(versions, { numpy: x.numpy, numpy_blas: x.blas });
  if (x.peer === "pytorch") Object.assign(versions, { torch: x.torch, torch_blas: x.blas });
  if (x.peer === "tfjs-wasm-manual" || x.peer === "tfjs-wasm-fit") versions.wasm_simd = x.wasm_simd;
  if (x.peer === "numpy" || x.peer === "pytorch")
    versions[`${x.peer}_python`] = python[x.peer === "numpy" ? "numpy" : "torch"];
  if (x.blas_core) kernels[x.peer] = x.peer.startsWith("retroprop") ? `${x.blas_core} (${x.blas})` : x.blas_core;
}

const result = {
  date: new Date().toISOString(),
  commit,
  src_uncommitted_changes: dirty,
  machine: info,
  options: {
    configs: opts.only,
    threads: opts.threads,
    repeats: opts.repeats,
    budget_s: opts.budget,
    seed: opts.seed,
    quick: opts.quick,
  },
  configs: Object.fromEntries(opts.only.map((c) => [c, CONFIGS[c]])),
  unavailable: Object.fromEntries(
    opts.peers.filter((p) => unavailableWhy.has(p)).map((p) => [p, unavailableWhy.get(p)]),
  ),
  environment_unset: unsetWere,
  openblas_kernels: kernels,
  retroprop_default_backend: defaultBackend,
  versions,
  summary,
  sgemm,
  memory,
  runs,
  wall_seconds: (Date.now() - started) / 1000,
  load_average_1min: { start: loadStart, end: os.loadavg()[0] },
};

// ---- output --------------------------------------------------------------------------------------------------------

const ROW_NAMES = {
  retroprop: "retroprop (wasm)",
  "retroprop-blas": "retroprop (BLAS, system library)",
  "retroprop-blas-numpy-lib": "retroprop (BLAS, NumPy's OpenBLAS)",
};
const rowName = (peer) => ROW_NAMES[peer] ?? (singleThreaded(peer) ? `${peer} (1 thread)` : peer);

/** The time table and the GFLOP/s table of one thread setting. */
function threadTables(threads) {
  const L = [];
  const cfgs = opts.only;
  const table = summary[threads];
  const head = cfgs.map((c) => `(${c}) ${CONFIGS[c].unit === "epoch" ? "s/epoch" : "s/10k steps"}`);
  L.push(`| peer | ${head.join(" | ")} | ${cfgs.map((c) => `(${c}) ÷ retroprop (wasm)`).join(" | ")} |`);
  L.push(`|---|${cfgs.map(() => "---:").join("|")}|${cfgs.map(() => "---:").join("|")}|`);
  for (const peer of opts.peers) {
    if (unavailableWhy.has(peer)) continue;
    const row = table[peer];
    const cells = cfgs.map((c) => {
      const r = row[c];
      if (!r) return "failed";
      const part = r.min_fraction_timed < 0.999 ? ` (${percent(r.min_fraction_timed)})` : "";
      return `${fmt(r.seconds_per_unit)}${part}`;
    });
    const ratios = cfgs.map((c) =>
      row[c]?.ratio_to_retroprop ? `${row[c].ratio_to_retroprop.toFixed(2)}×` : "—",
    );
    L.push(`| ${rowName(peer)} | ${cells.join(" | ")} | ${ratios.join(" | ")} |`);
  }
  const gemmCfgs = cfgs.filter((c) => CONFIGS[c].unit === "epoch");
  if (gemmCfgs.length) {
    const peak = peakFor(threads);
    L.push("");
    L.push(
      `GFLOP/s reached (GEMM work only: forward X·Wᵀ, backward Δᵀ·A and Δ·W above the input layer)` +
        (peak
          ? `, and in brackets the share of the SGEMM peak on ${peak.threads} thread${peak.threads > 1 ? "s" : ""} (${peak.gflops.toFixed(0)} GFLOP/s):`
          : ":"),
    );
    L.push("");
    L.push(`| peer | ${gemmCfgs.map((c) => `(${c})`).join(" | ")} |`);
    L.push(`|---|${gemmCfgs.map(() => "---:").join("|")}|`);
    for (const peer of opts.peers) {
      if (unavailableWhy.has(peer)) continue;
      const cells = gemmCfgs.map((c) => {
        const g = table[peer][c]?.gflops;
        if (g === undefined || g === null) return "—";
        return peak ? `${g.toFixed(1)} (${percent(g / peak.gflops)})` : g.toFixed(1);
      });
      L.push(`| ${rowName(peer)} | ${cells.join(" | ")} |`);
    }
  }
  return L;
}

function markdown() {
  const L = [];
  const at = commit ? ` at commit ${commit}${dirty ? " (with uncommitted changes in src/)" : ""}` : "";
  L.push(`Measured ${result.date.slice(0, 10)}${at} on ${info.cpu}, ${info.logical_cpus} logical CPUs`);
  L.push(
    `(${info.hypervisor ? `${info.hypervisor} VM, ` : ""}${info.simd.join("/") || "no AVX"}, L2 ${info.l2}, L3 ${info.l3}, ` +
      `${info.memory_gb} GB), ${info.os}, Node ${info.node}. Median of ${opts.repeats} interleaved run(s), ` +
      `≈${opts.budget} s timed per run. ` +
      `1-minute load average ${result.load_average_1min.start.toFixed(1)} at the start, ` +
      `${result.load_average_1min.end.toFixed(1)} at the end (other work on the machine slows every peer).`,
  );
  for (const threads of opts.threads) {
    L.push("");
    L.push(`### ${label(threads)[0].toUpperCase()}${label(threads).slice(1)}`);
    L.push("");
    if (threads === "default")
      L.push(
        "NumPy without OPENBLAS_NUM_THREADS, PyTorch without set_num_threads, retroprop without RETROPROP_THREADS" +
          (defaultBackend ? `; retroprop's own choice of backend here is **${defaultBackend}**.` : ".") +
          "",
      );
    else
      L.push(
        `NumPy with OPENBLAS_NUM_THREADS=${threads}, PyTorch with torch.set_num_threads(${threads}), retroprop with RETROPROP_THREADS=${threads}.`,
      );
    L.push("");
    L.push(...threadTables(threads));
  }
  L.push("");
  L.push(
    "A percentage after a time is the part of the epoch (or of the 10,000 steps) actually timed, then scaled; " +
      "no percentage means at least one whole unit was timed. Ratios above 1 mean retroprop's wasm backend is faster. " +
      "JavaScript peers run on one thread in every table (measured once).",
  );
  const missing = opts.peers.filter((p) => unavailableWhy.has(p));
  if (missing.length) {
    L.push("");
    L.push("Not measured:");
    L.push("");
    for (const p of missing) L.push(`- **${p}**: ${unavailableWhy.get(p)}`);
  }
  L.push("");
  const unsetText = Object.keys(unsetWere).length
    ? `they were ${Object.entries(unsetWere)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")} in this environment`
    : "neither was set in this environment";
  L.push(
    `OpenBLAS kernels loaded (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed for every measured run; ${unsetText}): ` +
      (Object.entries(kernels)
        .map(([p, k]) => `${rowName(p)}: ${k}`)
        .join("; ") || "none reported") +
      (sgemm[0]?.blas_core ? `; SGEMM peak: ${sgemm[0].blas_core}` : "") +
      ".",
  );
  if (sgemm.length) {
    L.push("");
    L.push(
      `SGEMM peak (NumPy, ${sgemm[0].size}³ float32 matmul, ${sgemm[0].blas ?? "unknown BLAS"}): ` +
        sgemm
          .map((s) => `${s.gflops.toFixed(0)} GFLOP/s with ${s.threads} thread${s.threads > 1 ? "s" : ""}`)
          .join(", ") +
        ".",
    );
    L.push("");
    L.push(
      "NumPy alone on the GEMM shapes of each config (GFLOP/s, " +
        sgemm.map((s) => `${s.threads}t`).join(" / ") +
        "):",
    );
    L.push("");
    const shapeNames = Object.keys(sgemm[0].shapes.a ?? {});
    L.push(`| config | ${shapeNames.join(" | ")} |`);
    L.push(`|---|${shapeNames.map(() => "---:").join("|")}|`);
    for (const c of ["a", "b", "c"]) {
      L.push(
        `| (${c}) | ${shapeNames.map((s) => sgemm.map((g) => g.shapes[c][s].toFixed(1)).join(" / ")).join(" | ")} |`,
      );
    }
  }
  L.push("");
  if (memory && !memory.unavailable) {
    L.push(
      `retroprop memory, config (c), ${memory.what}: peak RSS ${memory.peak_rss_mb.toFixed(0)} MiB ` +
        `(the data set itself is ${memory.data_mb.toFixed(0)} MiB); RSS after each pass: ` +
        `${memory.rss_per_epoch_mb.map((m) => m.toFixed(0)).join(", ")} MiB.`,
    );
  } else if (memory) {
    L.push(`retroprop memory, config (c): not measured — ${memory.unavailable}.`);
  }
  const first = summary[opts.threads[0]];
  const rssC = opts.peers
    .filter((p) => first?.[p]?.c)
    .map((p) => `${rowName(p)} ${first[p].c.peak_rss_mb.toFixed(0)}`);
  if (rssC.length)
    L.push(
      `Peak RSS of each peer's child on (c) at ${label(opts.threads[0])}, MiB (data set included): ${rssC.join(", ")}.`,
    );
  const v = Object.entries(versions)
    .map(([k, x]) => `${k} ${x}`)
    .join(", ");
  if (v) {
    L.push("");
    L.push(`Versions: ${v}.`);
  }
  return L.join("\n");
}

const md = markdown();
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(`${opts.out}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
renameSync(`${opts.out}.tmp`, opts.out);
const mdPath = opts.out.replace(/\.json$/, "") + ".md";
writeFileSync(`${mdPath}.tmp`, `${md}\n`);
renameSync(`${mdPath}.tmp`, mdPath);
log("");
log(md);
log("");
log(`results: ${relative(process.cwd(), opts.out)} and ${relative(process.cwd(), mdPath)}`);

if (opts.docs) {
  const docPath = join(root, "docs", "performance.md");
  const start = "<!-- bench:results:start -->";
  const end = "<!-- bench:results:end -->";
  const doc = readText(docPath);
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) {
    const next = `${doc.slice(0, i + start.length)}\n${md}\n${doc.slice(j)}`;
    writeFileSync(`${docPath}.tmp`, next);
    renameSync(`${docPath}.tmp`, docPath);
    log(`updated ${relative(process.cwd(), docPath)}`);
  } else log(`docs/performance.md has no ${start} … ${end} markers; not updated`);
}
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);

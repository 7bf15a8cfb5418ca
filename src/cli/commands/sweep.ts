import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import {
  appendResult,
  expandTrials,
  finishedTrials,
  formatResultsTable,
  mergeResults,
  readSweepSpec,
  resolveShard,
  resultsFile,
  type SweepSpec,
  shardTrials,
  sweepId,
  type Trial,
  type TrialResult,
  trialArgs,
  trialMetrics,
  writeSweepFigures,
} from "../../experiments/sweep.js";
import { RetropropError } from "../../util/errors.js";
import { parseInteger, UsageError } from "../args.js";

interface SweepFlags {
  out?: string;
  parallel: string;
  index?: string;
  count?: string;
  metric?: string;
  figures?: string;
  json?: boolean;
}

/** bin/retroprop.js, run for each trial (this file runs as dist/src/cli/commands/sweep.js). */
const BIN = fileURLToPath(new URL("../../../../bin/retroprop.js", import.meta.url));

const HELP_AFTER = `
SPEC.json: {"train": {fixed train options}, "grid": {"option": [values]}} or
           {"train": {...}, "random": {"trials": N, "seed": S, "space": {"lr": {"logUniform": [0.01, 1]}, ...}}}
Each trial runs \`retroprop train … --json --save DIR/models/trial-N.json\` in a process of its own and appends
one line to DIR's results file; run the command again to resume (finished trials are skipped).
Shards: --index/--count, else JOB_COMPLETION_INDEX (Kubernetes Indexed Job; count from --count or the spec's
"count"), else SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT. docs/sweeps.md has a
Kubernetes Job and a Slurm script.

Examples:
  $ retroprop sweep examples/sweeps/xor-grid.json --out xor-sweep --parallel 2
  $ retroprop sweep examples/sweeps/xor-grid.json --out xor-sweep --index 0 --count 3
  $ retroprop sweep report xor-sweep --figures xor-sweep/figures`;

export function register(program: Command): void {
  program
    .command("sweep")
    .description("grid or random search over train's options, sharded for job runners; sweep report merges")
    .argument("<spec>", "sweep spec (JSON), or the word report followed by result folders")
    .argument("[dirs...]", "with report: the folders of results to merge")
    .option("--out <dir>", "results folder (default: the spec's name without .json, plus -sweep)")
    .option("--parallel <k>", "trials run at once (processes)", "1")
    .option("--index <i>", "this shard's index, 0-based (default from the job runner's environment)")
    .option("--count <n>", "number of shards")
    .option("--metric <name>", "report: the metric to sort by and plot (default loss)")
    .option("--figures <dir>", "report: write metric-against-option figures (SVG and PNG) here")
    .option("--json", "report: print the merged results as JSON lines")
    .addHelpText("after", HELP_AFTER)
    .action(async (spec: string, dirs: string[], flags: SweepFlags) => {
      const report = spec === "report";
      refuseOtherMode(flags, report);
      if (report) {
        await runReport(dirs, flags);
        return;
      }
      if (dirs.length > 0) throw new UsageError(`sweep: one spec file expected, got also ${dirs.join(" ")}`);
      await runSweep(spec, flags);
    });
}

/** The flags of one mode (running trials, or `sweep report`) are refused in the other rather than ignored. */
function refuseOtherMode(flags: SweepFlags, report: boolean): void {
  const onlyReport = { metric: "--metric", figures: "--figures", json: "--json" } as const;
  const onlyRun = { out: "--out", parallel: "--parallel", index: "--index", count: "--count" } as const;
  const foreign = report ? onlyRun : onlyReport;
  for (const [key, flag] of Object.entries(foreign)) {
    if (flags[key as keyof SweepFlags] !== undefined && !(key === "parallel" && flags.parallel === "1")) {
      throw new UsageError(
        report
          ? `sweep report: ${flag} is for running a sweep, not for its report`
          : `sweep: ${flag} is for sweep report (retroprop sweep report DIR… ${flag} …)`,
      );
    }
  }
}

async function runReport(dirs: string[], flags: SweepFlags): Promise<void> {
  if (dirs.length === 0) throw new UsageError("sweep report: name at least one results folder");
  const results = mergeResults(dirs);
  if (results.length === 0) throw new RetropropError(`sweep report: no results in ${dirs.join(", ")}`);
  const metric = flags.metric ?? "loss";
  if (flags.json) {
    process.stdout.write(results.map((r) => `${JSON.stringify(r)}\n`).join(""));
  } else {
    process.stdout.write(formatResultsTable(results, metric));
  }
  if (flags.figures) {
    for (const png of await writeSweepFigures(results, flags.figures, metric))
      process.stderr.write(`wrote ${png}\n`);
  }
}

async function runSweep(specPath: string, flags: SweepFlags): Promise<void> {
  const spec = readSweepSpec(specPath);
  const parallel = parseInteger("--parallel", flags.parallel, 1);
  const shard = resolveShard(
    {
      index: flags.index === undefined ? undefined : parseInteger("--index", flags.index, 0),
      count: flags.count === undefined ? undefined : parseInteger("--count", flags.count, 1),
    },
    process.env,
    spec.count,
  );
  const dir = flags.out ?? `${specPath.replace(/\.json$/i, "")}-sweep`;
  mkdirSync(join(dir, "models"), { recursive: true });
  const sweep = sweepId(spec);
  const done = finishedTrials(dir, sweep, true);
  const mine = shardTrials(expandTrials(spec), shard);
  const todo = mine.filter((t) => !done.has(t.id));
  const file = resultsFile(dir, shard);
  const shardText = shard.count > 1 ? ` (shard ${shard.index} of ${shard.count})` : "";
  process.stderr.write(
    `sweep ${basename(specPath)}${shardText}: ${mine.length} trials, ${mine.length - todo.length} already done, ${parallel} at a time\n`,
  );
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const trial = todo[next++];
      const result = await runTrial(spec, sweep, trial, dir);
      appendResult(file, result);
      if (result.status !== "ok") failed++;
      const what = Object.entries(trial.config)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
      const outcome =
        result.status === "ok" ? `loss ${result.metrics?.loss?.toPrecision(5)}` : `failed: ${result.error}`;
      process.stderr.write(`trial ${trial.id}: ${what} → ${outcome} (${result.seconds.toFixed(1)} s)\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, todo.length) }, worker));
  process.stdout.write(
    `${todo.length} trials run, ${mine.length - todo.length} skipped (already in ${dir}), ${failed} failed; results in ${file}\n`,
  );
  if (failed > 0) throw new RetropropError(`${failed} of ${todo.length} trials failed (see ${file})`);
}

/** Runs one trial as `retroprop train` in a child process and describes its outcome as a result line. */
function runTrial(spec: SweepSpec, sweep: string, trial: Trial, dir: string): Promise<TrialResult> {
  const model = `models/trial-${trial.id}.json`;
  const args = trialArgs(spec, trial, join(dir, model));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
    });
    const finish = (error?: string) => {
      const seconds = (performance.now() - started) / 1000;
      const base = { sweep, trial: trial.id, config: trial.config, seconds };
      if (error !== undefined) {
        resolve({ ...base, status: "failed", error });
        return;
      }
      const last = stdout.trim().split("\n").pop() ?? "";
      try {
        resolve({ ...base, status: "ok", metrics: trialMetrics(JSON.parse(last)), model });
      } catch {
        resolve({ ...base, status: "failed", error: `train printed no JSON summary: ${last.slice(0, 200)}` });
      }
    };
    child.on("error", (err) => finish(err.message));
    child.on("close", (code, signal) => {
      if (code === 0) finish();
      else
        finish(
          stderr
            .trim()
            .split("\n")
            .pop()
            ?.replace(/^retroprop: /, "") || `train exited with ${signal ?? `status ${code}`}`,
        );
    });
  });
}

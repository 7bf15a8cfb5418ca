/**
 * Running a sweep's trials (Node only): each trial is `retroprop train … --json --save DIR/models/trial-N.json`
 * in a process of its own, `parallel` at a time, its outcome appended as one line to the shard's results file.
 * Trials already in the folder are skipped, so running again resumes. sweep.ts has the spec, the shards and the
 * results; this module only spawns.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import {
  appendResult,
  expandTrials,
  finishedTrials,
  resultsFile,
  type Shard,
  type SweepSpec,
  shardTrials,
  sweepId,
  type Trial,
  type TrialResult,
  trialArgs,
  trialMetrics,
} from "./sweep.js";

/** bin/retroprop.js, run for each trial (this file runs as dist/src/experiments/sweep-run.js). */
const BIN = fileURLToPath(new URL("../../../bin/retroprop.js", import.meta.url));

export interface SweepRunOptions {
  /** the results folder */
  dir: string;
  shard: Shard;
  /** trials run at once */
  parallel: number;
  /** what the progress lines call the spec (its file name) */
  name: string;
  /** progress: the plan, then one line per finished trial */
  log?: (line: string) => void;
  /** the progress lines' language (default English) */
  messages?: Messages;
}

export interface SweepRunSummary {
  /** this shard's trials */
  trials: number;
  run: number;
  skipped: number;
  failed: number;
  /** the results file the trials were appended to */
  file: string;
}

/** Runs this shard's unfinished trials and appends each result; a failed trial is counted, not thrown. */
export async function runSweepTrials(spec: SweepSpec, options: SweepRunOptions): Promise<SweepRunSummary> {
  const { dir, shard, parallel, log } = options;
  mkdirSync(join(dir, "models"), { recursive: true });
  const sweep = sweepId(spec);
  const done = finishedTrials(dir, sweep, true);
  const mine = shardTrials(expandTrials(spec), shard);
  const todo = mine.filter((t) => !done.has(t.id));
  const file = resultsFile(dir, shard);
  const W = (options.messages ?? en).sweepReport;
  const shardText = shard.count > 1 ? W.shard(shard.index, shard.count) : "";
  log?.(W.plan(options.name, shardText, mine.length, mine.length - todo.length, parallel));
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
        result.status === "ok"
          ? W.loss(String(result.metrics?.loss?.toPrecision(5)))
          : W.failed(result.error ?? "");
      log?.(W.trial(trial.id, what, outcome, result.seconds.toFixed(1)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, todo.length) }, worker));
  return { trials: mine.length, run: todo.length, skipped: mine.length - todo.length, failed, file };
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

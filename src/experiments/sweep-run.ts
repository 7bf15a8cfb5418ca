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
import { ERROR_RECORD_ENV, ERROR_RECORD_PREFIX, type ErrorRecord } from "../util/error-record.js";
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
  trialErrorText,
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
  const M = options.messages ?? en;
  const W = M.sweepReport;
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
          : W.failed(trialErrorText(result, M));
      log?.(W.trial(trial.id, what, outcome, result.seconds.toFixed(1)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, todo.length) }, worker));
  return { trials: mine.length, run: todo.length, skipped: mine.length - todo.length, failed, file };
}

/** The error record a trial's stderr carries (main.ts writes it before the message line), if any. */
function recordIn(lines: string[]): ErrorRecord | undefined {
  const line = lines.findLast((l) => l.startsWith(ERROR_RECORD_PREFIX));
  if (!line) return undefined;
  try {
    return JSON.parse(line.slice(ERROR_RECORD_PREFIX.length)) as ErrorRecord;
  } catch {
    return undefined;
  }
}

/** Runs one trial as `retroprop train` in a child process and describes its outcome as a result line. */
function runTrial(spec: SweepSpec, sweep: string, trial: Trial, dir: string): Promise<TrialResult> {
  const model = `models/trial-${trial.id}.json`;
  const args = trialArgs(spec, trial, join(dir, model));
  const started = performance.now();
  return new Promise((resolve) => {
    const env = { ...process.env, [ERROR_RECORD_ENV]: "1" };
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
    });
    const finish = (error?: string, errorRecord?: ErrorRecord) => {
      const seconds = (performance.now() - started) / 1000;
      const base = { sweep, trial: trial.id, config: trial.config, seconds };
      if (error !== undefined) {
        resolve({ ...base, status: "failed", error, ...(errorRecord ? { errorRecord } : {}) });
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
      if (code === 0) return finish();
      const lines = stderr.trim().split("\n");
      const message =
        lines.pop()?.replace(/^retroprop: /, "") || `train exited with ${signal ?? `status ${code}`}`;
      finish(message, recordIn(lines));
    });
  });
}

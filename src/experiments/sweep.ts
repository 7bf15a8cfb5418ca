/**
 * Hyperparameter sweeps over `retroprop train`'s options: the spec (a grid or a seeded random search), its
 * trials in a fixed order, sharding by the job runners' own conventions (Kubernetes Indexed Jobs, Slurm
 * arrays), the JSONL results files (one trial per line, appended whole, so an interrupted sweep resumes) and the
 * merged report with figures. Running the trials is the CLI's job (one `retroprop train` child process per
 * trial), so nothing here depends on how training works inside.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sha256Hex } from "../nn/serialize.js";
import { Random } from "../tensor/random.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { type ErrorRecord, reviveError } from "../util/error-record.js";
import { InputError } from "../util/errors.js";
import { type ErrorKey, errorText, localizedError, type Messages } from "../util/i18n.js";
import { parseJsonText } from "../util/json-text.js";
import { en } from "../util/messages/en.js";
import { barChart, scatterLineChart, writeFigure } from "../viz/index.js";

/** A value of a `train` option: `--lr 0.1`, `--layers 2,4,1`, `--binary` (true). */
export type OptionValue = string | number | boolean;

/** A random search's distribution for one option. */
export type Distribution =
  | OptionValue[]
  | { uniform: [number, number] }
  | { logUniform: [number, number] }
  | { int: [number, number] };

export interface SweepSpec {
  /** Options every trial passes to `retroprop train` (camelCase or kebab-case names, as train's flags). */
  train: Record<string, OptionValue>;
  /** Grid search: every combination of these values (the last option varies fastest). */
  grid?: Record<string, OptionValue[]>;
  /** Seeded random search: `trials` draws from the distributions in `space`. */
  random?: { trials: number; seed: number; space: Record<string, Distribution> };
  /** Number of shards, where the job runner does not say it (Kubernetes' JOB_COMPLETION_INDEX comes alone). */
  count?: number;
}

export interface Trial {
  /** Position in the sweep's fixed order; shard k of n runs the trials with id % n === k. */
  id: number;
  /** The swept options' values for this trial. */
  config: Record<string, OptionValue>;
}

/** One line of a results file. */
export interface TrialResult {
  /** Fingerprint of the spec: results of different specs are never mixed. */
  sweep: string;
  trial: number;
  config: Record<string, OptionValue>;
  status: "ok" | "failed";
  metrics?: Record<string, number>;
  /** Wall-clock seconds of the trial's process. */
  seconds: number;
  /** The trained model, relative to the results folder. */
  model?: string;
  /** Why a trial failed, in English (data: the same whatever the sweep's language). */
  error?: string;
  /** The error's catalogue key and parameters (error-record.ts), when it has them: said in the reader's language. */
  errorRecord?: ErrorRecord;
}

/** A failed trial's error in M's language: from its record where this version knows the key, else as recorded. */
export function trialErrorText(result: TrialResult, M: Messages): string {
  const error = result.errorRecord && reviveError(result.errorRecord);
  return error ? errorText(error, M) : (result.error ?? "");
}

// Flags the sweep itself passes to each trial.
const RESERVED = ["json", "quiet", "save", "plot", "binary", "lang"];
const SPEC_KEYS = ["train", "grid", "random", "count"];

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const isValue = (v: unknown): v is OptionValue =>
  typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));

/**
 * Validates a parsed spec; errors are `source: json.path: problem` (source: the file, else "sweep spec" in the
 * reader's language).
 */
export function parseSweepSpec(json: unknown, source?: string): SweepSpec {
  const fail = <K extends ErrorKey>(
    path: string,
    key: K,
    ...params: Parameters<Messages["errors"][K]>
  ): never => {
    throw localizedError(InputError, "sweepSpecAt", source, path, localizedError(InputError, key, ...params));
  };
  if (!isObject(json)) return fail("", "sweepSpecNotObject");
  for (const key of Object.keys(json))
    if (!SPEC_KEYS.includes(key)) fail(key, "sweepSpecUnknownKey", SPEC_KEYS.join(", "));
  const optionName = (path: string, name: string) => {
    if (!/^[a-z][a-zA-Z0-9-]*$/.test(name)) fail(path, "sweepSpecOptionName", name);
    if (RESERVED.includes(kebab(name))) fail(path, "sweepSpecReserved", `--${kebab(name)}`);
  };
  if (!isObject(json.train)) return fail("train", "sweepSpecTrain");
  for (const [k, v] of Object.entries(json.train)) {
    optionName(`train.${k}`, k);
    if (!isValue(v)) fail(`train.${k}`, "sweepSpecValue");
  }
  if ((json.grid === undefined) === (json.random === undefined)) fail("", "sweepSpecGridOrRandom");
  const swept = (path: string, names: string[]) => {
    for (const k of names) {
      optionName(`${path}.${k}`, k);
      if (k in (json.train as object)) fail(`${path}.${k}`, "sweepSpecAlsoFixed");
    }
  };
  if (json.grid !== undefined) {
    if (!isObject(json.grid) || Object.keys(json.grid).length === 0) fail("grid", "sweepSpecGrid");
    const grid = json.grid as Record<string, unknown>;
    swept("grid", Object.keys(grid));
    for (const [k, v] of Object.entries(grid)) {
      if (!Array.isArray(v) || v.length === 0 || !v.every(isValue)) fail(`grid.${k}`, "sweepSpecGridValues");
    }
  } else {
    const r = json.random;
    if (!isObject(r)) return fail("random", "sweepSpecRandom");
    if (!Number.isSafeInteger(r.trials) || (r.trials as number) < 1)
      fail("random.trials", "sweepSpecPositiveInteger");
    if (!Number.isSafeInteger(r.seed)) fail("random.seed", "sweepSpecInteger");
    if (!isObject(r.space) || Object.keys(r.space).length === 0) fail("random.space", "sweepSpecSpace");
    const space = r.space as Record<string, unknown>;
    swept("random.space", Object.keys(space));
    for (const [k, d] of Object.entries(space)) {
      const at = `random.space.${k}`;
      if (Array.isArray(d)) {
        if (d.length === 0 || !d.every(isValue)) fail(at, "sweepSpecChoices");
        continue;
      }
      const kinds = isObject(d) ? Object.keys(d) : [];
      const kind = kinds[0];
      const range = isObject(d) ? d[kind] : undefined;
      if (
        kinds.length !== 1 ||
        !["uniform", "logUniform", "int"].includes(kind) ||
        !Array.isArray(range) ||
        range.length !== 2 ||
        !range.every((x) => typeof x === "number" && Number.isFinite(x)) ||
        range[0] > range[1] ||
        (kind === "logUniform" && range[0] <= 0) ||
        (kind === "int" && !range.every(Number.isSafeInteger))
      )
        fail(at, "sweepSpecDistribution");
    }
  }
  if (json.count !== undefined && (!Number.isSafeInteger(json.count) || (json.count as number) < 1))
    fail("count", "sweepSpecPositiveInteger");
  return json as unknown as SweepSpec;
}

/** Reads and validates a spec file. */
export function readSweepSpec(path: string): SweepSpec {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw localizedError(
      InputError,
      "sweepSpecRead",
      path,
      String((err as NodeJS.ErrnoException).code ?? err),
    );
  }
  return parseSweepSpec(parseJsonText(text, path), path);
}

/** The spec's fingerprint: 12 hex digits of the SHA-256 of its canonical JSON. */
export function sweepId(spec: SweepSpec): string {
  const canonical = (v: unknown): unknown =>
    isObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical(v[k])]),
        )
      : Array.isArray(v)
        ? v.map(canonical)
        : v;
  // count only splits the work; the same spec run with other shard counts is the same sweep
  const { count: _count, ...rest } = spec;
  return sha256Hex(new TextEncoder().encode(JSON.stringify(canonical(rest)))).slice(0, 12);
}

/** Six significant digits: a random draw that reads well and passes through a command line unchanged. */
const round6 = (x: number) => Number(x.toPrecision(6));

/** Every trial of the sweep, in the same order on every machine. */
export function expandTrials(spec: SweepSpec): Trial[] {
  if (spec.grid) {
    let configs: Array<Record<string, OptionValue>> = [{}];
    for (const [k, values] of Object.entries(spec.grid))
      configs = configs.flatMap((c) => values.map((v) => ({ ...c, [k]: v })));
    return configs.map((config, id) => ({ id, config }));
  }
  const { trials, seed, space } = spec.random!;
  const rng = new Random(seed);
  return Array.from({ length: trials }, (_, id) => {
    const config: Record<string, OptionValue> = {};
    for (const [k, d] of Object.entries(space)) {
      if (Array.isArray(d)) config[k] = d[rng.int(d.length)];
      else if ("uniform" in d) config[k] = round6(rng.uniform(d.uniform[0], d.uniform[1]));
      else if ("logUniform" in d)
        config[k] = round6(Math.exp(rng.uniform(Math.log(d.logUniform[0]), Math.log(d.logUniform[1]))));
      else config[k] = d.int[0] + rng.int(d.int[1] - d.int[0] + 1);
    }
    return { id, config };
  });
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `retroprop train` arguments of one trial: the fixed options, the trial's own, and the sweep's. */
export function trialArgs(spec: SweepSpec, trial: Trial, modelPath: string): string[] {
  const args = ["train"];
  for (const [k, v] of Object.entries({ ...spec.train, ...trial.config })) {
    if (v === false) continue;
    args.push(`--${kebab(k)}`);
    if (v !== true) args.push(String(v));
  }
  // English: a failed trial's error is data in the results file (the sweep says it in its own language).
  return [...args, "--json", "--quiet", "--save", modelPath, "--lang", "en"];
}

export interface Shard {
  index: number;
  count: number;
}

/**
 * This process's shard: --index/--count, else Kubernetes Indexed Jobs' JOB_COMPLETION_INDEX (the count from
 * --count or the spec), else Slurm's SLURM_ARRAY_TASK_ID (minus SLURM_ARRAY_TASK_MIN, over
 * SLURM_ARRAY_TASK_STEP) of SLURM_ARRAY_TASK_COUNT; else the whole sweep.
 */
export function resolveShard(
  flags: { index?: number; count?: number },
  env: Record<string, string | undefined>,
  specCount?: number,
): Shard {
  const int = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined || text === "") return undefined;
    if (!/^\d+$/.test(text.trim())) throw localizedError(InputError, "shardNotInteger", name, text);
    return Number(text);
  };
  let index = flags.index;
  let count = flags.count ?? specCount;
  let from = "--index";
  if (index === undefined) {
    const k8s = int("JOB_COMPLETION_INDEX", env.JOB_COMPLETION_INDEX);
    const slurm = int("SLURM_ARRAY_TASK_ID", env.SLURM_ARRAY_TASK_ID);
    if (k8s !== undefined) {
      index = k8s;
      from = "JOB_COMPLETION_INDEX";
      if (count === undefined) throw localizedError(InputError, "shardJobCount");
    } else if (slurm !== undefined) {
      const min = int("SLURM_ARRAY_TASK_MIN", env.SLURM_ARRAY_TASK_MIN) ?? 0;
      const step = int("SLURM_ARRAY_TASK_STEP", env.SLURM_ARRAY_TASK_STEP) ?? 1;
      if (slurm < min || step < 1 || (slurm - min) % step !== 0)
        throw localizedError(InputError, "shardSlurmStep", slurm, min, step);
      index = (slurm - min) / step;
      from = "SLURM_ARRAY_TASK_ID";
      count = flags.count ?? int("SLURM_ARRAY_TASK_COUNT", env.SLURM_ARRAY_TASK_COUNT) ?? specCount;
      if (count === undefined) throw localizedError(InputError, "shardSlurmCount");
    } else {
      if (flags.count !== undefined && flags.count !== 1)
        throw localizedError(InputError, "shardCountNeedsIndex", flags.count);
      return { index: 0, count: 1 };
    }
  }
  count ??= 1;
  if (!(count >= 1)) throw localizedError(InputError, "shardCount", count);
  if (!(index >= 0 && index < count)) throw localizedError(InputError, "shardIndex", from, index, count);
  return { index, count };
}

/** The trials shard `index` of `count` runs: every count-th, starting at index. */
export function shardTrials(trials: Trial[], shard: Shard): Trial[] {
  return trials.filter((t) => t.id % shard.count === shard.index);
}

/** The results file a shard appends to (one per shard, so shards on a shared volume never write one file). */
export function resultsFile(dir: string, shard: Shard): string {
  return join(dir, shard.count === 1 ? "results.jsonl" : `results-${shard.index}-of-${shard.count}.jsonl`);
}

const RESULTS_FILE = /^results(-\d+-of-\d+)?\.jsonl$/;

/**
 * Every result line in the folder's results files. A last line cut short by an interruption is dropped (and,
 * with `repair`, cut from the file so that the next append starts on a line of its own).
 */
export function readResults(dir: string, options: { repair?: boolean } = {}): TrialResult[] {
  if (!existsSync(dir)) return [];
  const out: TrialResult[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => RESULTS_FILE.test(n))
    .sort()) {
    const path = join(dir, name);
    const text = readFileSync(path, "utf8");
    const complete = text.endsWith("\n") ? text : text.slice(0, text.lastIndexOf("\n") + 1);
    if (complete !== text && options.repair) writeFileAtomic(path, complete);
    complete.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      let r: unknown;
      try {
        r = JSON.parse(line);
      } catch {
        throw localizedError(InputError, "resultsNotJson", path, i + 1);
      }
      if (
        !isObject(r) ||
        typeof r.sweep !== "string" ||
        !Number.isSafeInteger(r.trial) ||
        !isObject(r.config)
      )
        throw localizedError(InputError, "resultsNotResult", path, i + 1);
      out.push(r as unknown as TrialResult);
    });
  }
  return out;
}

/** Appends one result as one write of one line (O_APPEND: a line is never interleaved with another). */
export function appendResult(file: string, result: TrialResult): void {
  appendFileSync(file, `${JSON.stringify(result)}\n`);
}

/** The finished (ok) trials of this sweep in the folder; results of another spec are an error. */
export function finishedTrials(dir: string, sweep: string, repair = false): Set<number> {
  const done = new Set<number>();
  for (const r of readResults(dir, { repair })) {
    if (r.sweep !== sweep) throw localizedError(InputError, "resultsOtherSweep", dir, r.sweep, sweep);
    if (r.status === "ok") done.add(r.trial);
  }
  return done;
}

/** One result per trial (an ok one over a failed one), by trial id, from one or more folders of shards. */
export function mergeResults(dirs: string[]): TrialResult[] {
  const byTrial = new Map<number, TrialResult>();
  let sweep: string | undefined;
  for (const dir of dirs) {
    if (!existsSync(dir)) throw localizedError(InputError, "resultsNoFolder", dir);
    for (const r of readResults(dir)) {
      sweep ??= r.sweep;
      if (r.sweep !== sweep) throw localizedError(InputError, "resultsMixed", dir, r.sweep, sweep);
      const had = byTrial.get(r.trial);
      if (!had || (had.status !== "ok" && r.status === "ok")) byTrial.set(r.trial, r);
    }
  }
  return [...byTrial.values()].sort((a, b) => a.trial - b.trial);
}

/** The options that differ between trials, in first-seen order. */
export function sweptOptions(results: TrialResult[]): string[] {
  const keys: string[] = [];
  for (const r of results) for (const k of Object.keys(r.config)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/** The merged results as a text table, best `metric` first for the reader (rows in trial order otherwise). */
export function formatResultsTable(results: TrialResult[], metric = "loss", M: Messages = en): string {
  const W = M.sweepReport;
  const options = sweptOptions(results);
  const metrics: string[] = [];
  for (const r of results)
    for (const k of Object.keys(r.metrics ?? {})) if (!metrics.includes(k)) metrics.push(k);
  const header = [W.header.trial, ...options, ...metrics.map(W.metric), W.header.seconds, W.header.status];
  const rows = [...results]
    .sort(
      (a, b) =>
        (a.metrics?.[metric] ?? Number.POSITIVE_INFINITY) - (b.metrics?.[metric] ?? Number.POSITIVE_INFINITY),
    )
    .map((r) => [
      String(r.trial),
      ...options.map((k) => String(r.config[k] ?? "")),
      ...metrics.map((k) =>
        r.metrics?.[k] === undefined ? "" : Number(r.metrics[k].toPrecision(5)).toString(),
      ),
      r.seconds.toFixed(1),
      r.status === "ok" ? W.ok : W.failed(trialErrorText(r, M)),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return `${[line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")}\n`;
}

/**
 * One figure per swept option: the metric against the option's values (points for numbers, with a log axis
 * when they span more than two decades; the mean per value as bars otherwise), its text in M's language.
 * Returns the PNG paths.
 */
export async function writeSweepFigures(
  results: TrialResult[],
  dir: string,
  metric = "loss",
  M: Messages = en,
): Promise<string[]> {
  const metricName = M.sweepReport.metric(metric);
  const ok = results.filter((r) => r.status === "ok" && Number.isFinite(r.metrics?.[metric]));
  if (ok.length === 0) throw localizedError(InputError, "resultsNoMetric", metric);
  const written: string[] = [];
  for (const option of sweptOptions(ok)) {
    const values = ok.map((r) => r.config[option]);
    const title = M.plots.sweep.title(metricName, option, ok.length);
    const name = `${metric}-vs-${option}`.replace(/[^a-zA-Z0-9_.-]/g, "_");
    let svg: string;
    if (values.every((v) => typeof v === "number")) {
      const xs = values as number[];
      const logX = Math.min(...xs) > 0 && Math.max(...xs) / Math.min(...xs) > 100;
      const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
      svg = await scatterLineChart({
        title,
        xLabel: option,
        yLabel: metricName,
        logX,
        series: [
          { name: metricName, x: order.map((i) => xs[i]), y: order.map((i) => ok[i].metrics![metric]) },
        ],
      });
    } else {
      const groups = new Map<string, number[]>();
      ok.forEach((r) => {
        const key = String(r.config[option]);
        groups.set(key, [...(groups.get(key) ?? []), r.metrics![metric]]);
      });
      svg = await barChart({
        title,
        xLabel: option,
        yLabel: M.plots.sweep.mean(metricName),
        bars: [...groups].map(([category, ys]) => ({
          category,
          value: ys.reduce((a, b) => a + b, 0) / ys.length,
        })),
      });
    }
    written.push(writeFigure(dir, name, svg).png);
  }
  return written;
}

/** A trial's metrics from `retroprop train --json`'s summary: final.* as they are, test.* as test_*. */
export function trialMetrics(summary: unknown): Record<string, number> {
  const metrics: Record<string, number> = {};
  if (!isObject(summary)) return metrics;
  const take = (obj: unknown, prefix: string) => {
    if (!isObject(obj)) return;
    for (const [k, v] of Object.entries(obj)) if (typeof v === "number") metrics[`${prefix}${k}`] = v;
  };
  take(summary.final, "");
  take(summary.test, "test_");
  if (Array.isArray(summary.history)) metrics.epochs = summary.history.length;
  return metrics;
}

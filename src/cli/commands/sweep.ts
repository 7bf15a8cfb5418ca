import { basename } from "node:path";
import type { Command } from "commander";
import {
  formatResultsTable,
  mergeResults,
  readSweepSpec,
  resolveShard,
  writeSweepFigures,
} from "../../experiments/sweep.js";
import { runSweepTrials } from "../../experiments/sweep-run.js";
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
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const r = await runSweepTrials(spec, { dir, shard, parallel, name: basename(specPath), log });
  process.stdout.write(
    `${r.run} trials run, ${r.skipped} skipped (already in ${dir}), ${r.failed} failed; results in ${r.file}\n`,
  );
  if (r.failed > 0) throw new RetropropError(`${r.failed} of ${r.run} trials failed (see ${r.file})`);
}

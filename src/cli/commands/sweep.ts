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
import { localizedError } from "../../util/i18n.js";
import { parseInteger, UsageError } from "../args.js";
import { t } from "../lang.js";

interface SweepFlags {
  out?: string;
  parallel: string;
  index?: string;
  count?: string;
  metric?: string;
  figures?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const M = t().sweep;
  const h = M.help;
  program
    .command("sweep")
    .description(M.description)
    .argument("<spec>", h.spec)
    .argument("[dirs...]", h.dirs)
    .option("--out <dir>", h.out)
    .option("--parallel <k>", h.parallel, "1")
    .option("--index <i>", h.index)
    .option("--count <n>", h.count)
    .option("--metric <name>", h.metric)
    .option("--figures <dir>", h.figures)
    .option("--json", h.json)
    .addHelpText("after", h.after)
    .action(async (spec: string, dirs: string[], flags: SweepFlags) => {
      const report = spec === "report";
      refuseOtherMode(flags, report);
      if (report) {
        await runReport(dirs, flags);
        return;
      }
      if (dirs.length > 0) throw localizedError(UsageError, "sweepOneSpec", dirs.join(" "));
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
      throw localizedError(UsageError, report ? "sweepOnlyRun" : "sweepOnlyReport", flag);
    }
  }
}

async function runReport(dirs: string[], flags: SweepFlags): Promise<void> {
  if (dirs.length === 0) throw localizedError(UsageError, "sweepNoDirs");
  const results = mergeResults(dirs);
  if (results.length === 0) throw localizedError(RetropropError, "sweepNoResults", dirs.join(", "));
  const metric = flags.metric ?? "loss";
  if (flags.json) {
    process.stdout.write(results.map((r) => `${JSON.stringify(r)}\n`).join(""));
  } else {
    process.stdout.write(formatResultsTable(results, metric, t()));
  }
  if (flags.figures) {
    for (const png of await writeSweepFigures(results, flags.figures, metric, t()))
      process.stderr.write(`${t().cli.wrote(png)}\n`);
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
  const r = await runSweepTrials(spec, {
    dir,
    shard,
    parallel,
    name: basename(specPath),
    log,
    messages: t(),
  });
  process.stdout.write(`${t().sweep.summary(r.run, r.skipped, dir, r.failed, r.file)}\n`);
  if (r.failed > 0) throw localizedError(RetropropError, "sweepFailed", r.failed, r.run, r.file);
}

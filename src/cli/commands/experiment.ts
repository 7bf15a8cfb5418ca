/**
 * `retroprop experiment <name>`: the course notes' experiments, one subcommand each, declared in
 * experiment-specs.ts and registered here by one helper. Parses the flags every experiment takes, hands them
 * with the experiment's own to its runXxx (src/experiments: measure → draw → summarise, then the files) and
 * prints the summary (or one JSON object with --json).
 */
import { join } from "node:path";
import type { Command } from "commander";
import { experimentJson, experimentText } from "../../experiments/report.js";
import { parseInteger, parseNumber } from "../args.js";
import { t } from "../lang.js";
import { type CommonOptions, EXPERIMENTS, type Experiment, type Flags } from "./experiment-specs.js";

export function register(program: Command): void {
  const M = t().experiment;
  const exp = program.command("experiment").description(M.description).addHelpText("after", M.help.after);
  for (const e of EXPERIMENTS) subcommand(exp, e);
}

/** A subcommand: the flags every experiment takes, then the experiment's own; its action runs and reports. */
function subcommand(exp: Command, e: Experiment): void {
  const h = t().experiment.help;
  const words = t().experiments[e.name];
  const command = exp
    .command(e.name)
    .description(words.what)
    .addHelpText("after", `${words.notes}\n${h.example}\n  $ retroprop experiment ${e.name} ${e.example}`)
    .option("--out <dir>", h.out(e.name))
    .option("--seed <n>", h.seed, "1")
    .option("--data <name>", words.data)
    .option("--data-dir <dir>", h.dataDir)
    .option("--epochs <n>", h.epochs)
    .option("--samples <n>", h.samples)
    .option("--png-scale <n>", h.pngScale, "2")
    .option("--json", h.json)
    .option("--quiet", h.quiet);
  const own: Readonly<Record<string, string>> = words.options;
  for (const [flags, value] of e.options) {
    const long = flags.split(" ")[0];
    // A flag of the spec without its words in the catalogue is a programming error, found by any test.
    if (!Object.hasOwn(own, long)) throw new Error(`experiments.${e.name}.options has no help for ${long}`);
    command.option(flags, own[long], value);
  }
  command.action(async (flags: Flags) => {
    const result = await e.run(flags, common(e.name, flags));
    process.stdout.write(
      flags.json ? `${JSON.stringify(experimentJson(result))}\n` : experimentText(result, t()),
    );
  });
}

function common(name: string, flags: Flags): CommonOptions {
  const text = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);
  const epochs = text(flags.epochs);
  const samples = text(flags.samples);
  return {
    out: text(flags.out) ?? join("retroprop-out", name),
    seed: parseInteger("--seed", text(flags.seed) ?? ""),
    data: text(flags.data),
    dataDir: text(flags.dataDir),
    epochs: epochs === undefined ? undefined : parseInteger("--epochs", epochs, 0),
    samples: samples === undefined ? undefined : parseInteger("--samples", samples, 1),
    pngScale: parseNumber("--png-scale", text(flags.pngScale) ?? ""),
    log: flags.quiet || flags.json ? undefined : (m: string) => process.stderr.write(`${m}\n`),
    messages: t(),
  };
}

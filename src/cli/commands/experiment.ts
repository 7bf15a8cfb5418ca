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
import { type CommonOptions, EXPERIMENTS, type Experiment, type Flags } from "./experiment-specs.js";

const HELP = `
Each experiment writes SVG and PNG figures plus the raw numbers as <out>/<name>.json and <name>.csv,
and prints a short summary. Examples:
  $ retroprop experiment lr-sweep --data moons --lrs 0.01,0.1,1,10 --epochs 50
  $ retroprop experiment hidden-size --data mnist --data-dir ../shared/datasets --samples 10000 --hidden 1,2,5,10,30,100
  $ retroprop experiment vanishing-gradient --data-dir ../shared/datasets --layers-max 4 --epochs 30
  $ retroprop experiment decision-boundary --data spirals --hidden 32,32 --epochs 500
  $ retroprop experiment hidden-units --data-dir ../shared/datasets --samples 10000 --hidden 30
  $ retroprop experiment gradient-descent --lrs 0.02,0.05,0.09,0.105`;

export function register(program: Command): void {
  const exp = program
    .command("experiment")
    .description("run one of the notes' experiments and write its figures (SVG, PNG) and numbers (JSON, CSV)")
    .addHelpText("after", HELP);
  for (const e of EXPERIMENTS) subcommand(exp, e);
}

/** A subcommand: the flags every experiment takes, then the experiment's own; its action runs and reports. */
function subcommand(exp: Command, e: Experiment): void {
  const command = exp
    .command(e.name)
    .description(e.what)
    .addHelpText("after", `${e.notes ?? ""}\nExample:\n  $ retroprop experiment ${e.name} ${e.example}`)
    .option("--out <dir>", `output folder (default ./retroprop-out/${e.name})`)
    .option("--seed <n>", "seed for initialisation, data and shuffling", "1")
    .option("--data <name>", e.data)
    .option("--data-dir <dir>", "data root for mnist and the other file datasets (e.g. ../shared/datasets)")
    .option("--epochs <n>", "training epochs")
    .option("--samples <n>", "rows to generate (built-ins) or to take from the training file (MNIST)")
    .option("--png-scale <n>", "PNG pixels per SVG unit (1 gives smaller files)", "2")
    .option("--json", "print one JSON object instead of the text summary")
    .option("--quiet", "no progress messages on stderr");
  for (const [flags, help, value] of e.options) command.option(flags, help, value);
  command.action(async (flags: Flags) => {
    const result = await e.run(flags, common(e.name, flags));
    process.stdout.write(flags.json ? `${JSON.stringify(experimentJson(result))}\n` : experimentText(result));
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
  };
}

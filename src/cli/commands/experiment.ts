/**
 * `retroprop experiment <name>`: the course notes' experiments, one subcommand each. Parses flags and calls
 * the library's runXxx (src/experiments: measure → draw → summarise, then the files); prints the summary (or
 * one JSON object with --json).
 */
import { join } from "node:path";
import type { Command } from "commander";
import {
  type ExperimentResult,
  type GradientActivation,
  jsonReplacer,
  runDecisionBoundary,
  runGradientDescent,
  runHiddenSize,
  runHiddenUnits,
  runLrSweep,
  runVanishingGradient,
} from "../../experiments/index.js";
import { parseActivation } from "../../nn/activations.js";
import { parseInitializer } from "../../nn/init.js";
import { parseLoss } from "../../nn/losses.js";
import { loadModel } from "../../nn/model-file.js";
import {
  parseChoice,
  parseInteger,
  parseNumber,
  parseNumberList,
  parseSizeList,
  UsageError,
} from "../args.js";

interface CommonFlags {
  out?: string;
  seed: string;
  data?: string;
  dataDir?: string;
  epochs?: string;
  samples?: string;
  pngScale: string;
  json?: boolean;
  quiet?: boolean;
}

type Flags = CommonFlags & Record<string, string | boolean | undefined>;
type Options = ReturnType<typeof common>;

/** A subcommand of `experiment` with the flags every experiment takes and its example. */
function subcommand(
  exp: Command,
  name: string,
  what: string,
  dataHelp: string,
  example: string,
  notes = "",
): Command {
  return exp
    .command(name)
    .description(what)
    .addHelpText("after", `${notes}\nExample:\n  $ retroprop experiment ${name} ${example}`)
    .option("--out <dir>", `output folder (default ./retroprop-out/${name})`)
    .option("--seed <n>", "seed for initialisation, data and shuffling", "1")
    .option("--data <name>", dataHelp)
    .option("--data-dir <dir>", "data root for mnist and the other file datasets (e.g. ../shared/datasets)")
    .option("--epochs <n>", "training epochs")
    .option("--samples <n>", "rows to generate (built-ins) or to take from the training file (MNIST)")
    .option("--png-scale <n>", "PNG pixels per SVG unit (1 gives smaller files)", "2")
    .option("--json", "print one JSON object instead of the text summary")
    .option("--quiet", "no progress messages on stderr");
}

function common(name: string, flags: Flags) {
  return {
    out: flags.out ?? join("retroprop-out", name),
    seed: parseInteger("--seed", flags.seed),
    data: flags.data,
    dataDir: flags.dataDir,
    epochs: flags.epochs === undefined ? undefined : parseInteger("--epochs", flags.epochs, 0),
    samples: flags.samples === undefined ? undefined : parseInteger("--samples", flags.samples, 1),
    pngScale: parseNumber("--png-scale", flags.pngScale),
    log: flags.quiet || flags.json ? undefined : (m: string) => process.stderr.write(`${m}\n`),
  };
}

const str = (v: string | boolean | undefined): string | undefined => (typeof v === "string" ? v : undefined);
const intList = (flag: string, v: string | boolean | undefined) => {
  const s = str(v);
  if (s === undefined) return undefined;
  return parseSizeList(flag, s);
};
const num = (flag: string, v: string | boolean | undefined, min?: number) => {
  const s = str(v);
  return s === undefined ? undefined : parseNumber(flag, s, min);
};
const int = (flag: string, v: string | boolean | undefined, min = 1) => {
  const s = str(v);
  return s === undefined ? undefined : parseInteger(flag, s, min);
};
const batch = (v: string | boolean | undefined) => {
  const s = str(v);
  return s === undefined ? undefined : s === "full" ? ("full" as const) : parseInteger("--batch", s, 1);
};

/** The action: the common flags and the experiment's own (`own`) to its runXxx, then the report. */
function action<O>(
  name: string,
  own: (flags: Flags, c: Options) => O,
  run: (o: Options & O) => Promise<ExperimentResult>,
) {
  return async (flags: Flags) => {
    const c = common(name, flags);
    report(await run({ ...c, ...own(flags, c) }), flags.json);
  };
}

/** Prints the result: the summary and the files, or one JSON object. */
function report(result: ExperimentResult, json: boolean | undefined): void {
  if (json) {
    const data = JSON.stringify(result.data, jsonReplacer);
    const object = {
      experiment: result.name,
      out: result.out,
      summary: result.summary,
      figures: result.figures,
      files: result.files,
      seconds: result.seconds,
      // Large tables (grids, weight images) stay in the JSON file.
      ...(data.length <= 200_000 ? { data: JSON.parse(data) } : {}),
    };
    process.stdout.write(`${JSON.stringify(object)}\n`);
    return;
  }
  process.stdout.write(`${result.summary}\n`);
  for (const f of result.figures) process.stdout.write(`wrote ${f.png} (and .svg)\n`);
  process.stdout.write(`wrote ${result.files.json} and ${result.files.csv}\n`);
  process.stdout.write(`done in ${result.seconds.toFixed(1)} s\n`);
}

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
  lrSweep(exp);
  hiddenSize(exp);
  vanishingGradient(exp);
  decisionBoundary(exp);
  hiddenUnits(exp);
  gradientDescent(exp);
}

function lrSweep(exp: Command): void {
  subcommand(
    exp,
    "lr-sweep",
    "loss curves for several learning rates (note 004: sensitivity to α)",
    "dataset (default moons)",
    "--data moons --lrs 0.01,0.1,1,10 --epochs 50 --out figs",
  )
    .option("--lrs <list>", "learning rates, comma-separated", "0.01,0.1,1,10,100")
    .option("--hidden <sizes>", "hidden layer sizes, comma-separated (default 16)")
    .option("--activation <f>", "hidden activation", "sigmoid")
    .option("--output <f>", "output activation (default from the dataset)")
    .option("--loss <name>", "mse|bce|cce (default from the dataset)")
    .option("--batch <size>", "mini-batch size or full", "16")
    .action(
      action(
        "lr-sweep",
        (flags) => ({
          lrs: parseNumberList("--lrs", str(flags.lrs)!),
          hidden: intList("--hidden", flags.hidden),
          activation: parseActivation(str(flags.activation)!),
          output: str(flags.output) === undefined ? undefined : parseActivation(str(flags.output)!),
          loss: str(flags.loss) === undefined ? undefined : parseLoss(str(flags.loss)!),
          batchSize: batch(flags.batch),
        }),
        runLrSweep,
      ),
    );
}

function hiddenSize(exp: Command): void {
  subcommand(
    exp,
    "hidden-size",
    "accuracy against the number of hidden units (note 002)",
    "dataset (default mnist)",
    "--data mnist --data-dir ../shared/datasets --samples 10000 --epochs 5",
  )
    .option("--hidden <list>", "hidden-unit counts to try", "1,2,5,10,30,100")
    .option("--lr <eta>", "learning rate of SGD", "0.5")
    .option("--batch <size>", "mini-batch size or full", "10")
    .option("--activation <f>", "hidden activation", "sigmoid")
    .option("--repeats <n>", "networks per size (different seeds); the plot shows the mean", "1")
    .action(
      action(
        "hidden-size",
        (flags) => ({
          hidden: intList("--hidden", flags.hidden),
          lr: num("--lr", flags.lr, 0),
          batchSize: batch(flags.batch),
          activation: parseActivation(str(flags.activation)!),
          repeats: int("--repeats", flags.repeats),
        }),
        runHiddenSize,
      ),
    );
}

const VANISHING_HELP =
  "\nDefaults follow Nielsen's network2.py, which gives his published speeds (0.012, 0.060, 0.283 for three\n" +
  "hidden layers): 30 units, sigmoid, cross-entropy cost, W ~ N(0,1/n_in), b ~ N(0,1), SGD η=0.1, batch 10,\n" +
  "1,000 training images (--samples) and 30 epochs. --loss mse --init normal is the quadratic-cost, N(0,1)\n" +
  "setting. relu networks use He-normal weights and zero biases.";

function vanishingGradient(exp: Command): void {
  subcommand(
    exp,
    "vanishing-gradient",
    "‖∂C/∂b‖ per layer for 1 to 4 sigmoid hidden layers on MNIST (Nielsen ch. 5), relu for comparison",
    "dataset (default mnist)",
    "--data-dir ../shared/datasets --layers-max 4 --epochs 30",
    VANISHING_HELP,
  )
    .option("--layers-max <n>", "networks with 1..n hidden layers", "4")
    .option("--width <n>", "units per hidden layer", "30")
    .option("--activation <f>", "sigmoid|relu|tanh|both (both = sigmoid and relu)", "both")
    .option("--probe <n>", "training images the gradient is averaged over", "1000")
    .option("--lr <eta>", "learning rate of SGD", "0.1")
    .option("--batch <size>", "mini-batch size", "10")
    .option("--loss <name>", "bce (cross-entropy, Nielsen's network2 default) | mse (quadratic cost)", "bce")
    .option(
      "--init <name>",
      "sigmoid/tanh networks: nielsen (W ~ N(0,1/n_in), b ~ N(0,1)) | normal (W, b ~ N(0,1)) | glorot_uniform | ...",
      "nielsen",
    )
    .action(
      action(
        "vanishing-gradient",
        (flags) => {
          const choices = ["sigmoid", "relu", "tanh", "both"] as const;
          const act = parseChoice("--activation", str(flags.activation)!, choices);
          return {
            layersMax: int("--layers-max", flags.layersMax),
            width: int("--width", flags.width),
            activations: (act === "both" ? ["sigmoid", "relu"] : [act]) as GradientActivation[],
            probeRows: int("--probe", flags.probe),
            lr: num("--lr", flags.lr, 0),
            batchSize: int("--batch", flags.batch),
            loss: parseChoice("--loss", str(flags.loss)!, ["bce", "mse"] as const),
            init: parseInitializer(str(flags.init)!),
          };
        },
        runVanishingGradient,
      ),
    );
}

function decisionBoundary(exp: Command): void {
  subcommand(
    exp,
    "decision-boundary",
    "a 2-D dataset coloured by the trained network's output, with the training points",
    "2-D dataset: moons, circles, spirals, xor, blobs (default moons)",
    "--data spirals --hidden 32,32 --epochs 500",
  )
    .option("--hidden <sizes>", "hidden layer sizes", "16,16")
    .option("--activation <f>", "hidden activation", "tanh")
    .option("--optimizer <name>", "sgd|momentum|nesterov|rmsprop|adam", "adam")
    .option("--lr <eta>", "learning rate (default: the optimizer's)")
    .option("--batch <size>", "mini-batch size or full", "16")
    .option("--noise <level>", "noise of the generated dataset")
    .option("--resolution <n>", "grid points per side", "120")
    .action(
      action(
        "decision-boundary",
        (flags) => ({
          hidden: intList("--hidden", flags.hidden),
          activation: parseActivation(str(flags.activation)!),
          optimizer: str(flags.optimizer),
          lr: num("--lr", flags.lr, 0),
          batchSize: batch(flags.batch),
          noise: num("--noise", flags.noise),
          resolution: int("--resolution", flags.resolution, 2),
        }),
        runDecisionBoundary,
      ),
    );
}

function hiddenUnits(exp: Command): void {
  subcommand(
    exp,
    "hidden-units",
    "the input weights of each hidden unit of an MNIST model as 28×28 images (note 002)",
    "image dataset (default mnist)",
    "--data-dir ../shared/datasets --samples 10000 --epochs 3",
  )
    .option("--model <file>", "a saved model (retroprop train --save); default: train a quick one")
    .option("--hidden <n>", "hidden units of the quick model", "30")
    .option("--activation <f>", "hidden activation of the quick model", "sigmoid")
    .option("--lr <eta>", "learning rate of the quick model", "0.5")
    .option("--batch <size>", "mini-batch size of the quick model", "10")
    .option("--max-units <n>", "show at most this many units", "100")
    .option("--columns <n>", "tiles per row")
    .option("--normalize <how>", "tile (each unit scaled to its own max |w|) | shared", "tile")
    .action(
      action(
        "hidden-units",
        (flags) => ({
          model: str(flags.model) === undefined ? undefined : loadModel(str(flags.model)!),
          hidden: int("--hidden", flags.hidden),
          activation: parseActivation(str(flags.activation)!),
          lr: num("--lr", flags.lr, 0),
          batchSize: int("--batch", flags.batch),
          maxUnits: int("--max-units", flags.maxUnits),
          columns: int("--columns", flags.columns),
          normalize: parseChoice("--normalize", str(flags.normalize)!, ["tile", "shared"] as const),
        }),
        runHiddenUnits,
      ),
    );
}

function gradientDescent(exp: Command): void {
  subcommand(
    exp,
    "gradient-descent",
    "gradient-descent paths on a 2-D function's contours, and the linear neuron's online vs batch paths (note 003)",
    "(unused: the data are generated)",
    "--lrs 0.02,0.05,0.09,0.105 --steps 30",
    "\n--epochs sets the delta rule's epochs (default 20).",
  )
    .option("--function <name>", "bowl (x² + 10y²) | rosenbrock", "bowl")
    .option("--lrs <list>", "learning rates of the paths (default 0.02,0.05,0.09,0.105 for the bowl)")
    .option("--steps <n>", "steps per path")
    .option("--weeks <n>", "linear neuron: weeks of cafeteria bills", "8")
    .option("--online-lr <eta>", "linear neuron: η of the online delta rule", "0.01")
    .option("--batch-lr <eta>", "linear neuron: η of the batch delta rule", "0.01")
    .action(
      action(
        "gradient-descent",
        (flags, c) => {
          if (c.data !== undefined) throw new UsageError("--data: gradient-descent generates its own data");
          return {
            epochs: c.epochs === 0 ? undefined : c.epochs,
            function: parseChoice("--function", str(flags.function)!, ["bowl", "rosenbrock"] as const),
            lrs: str(flags.lrs) === undefined ? undefined : parseNumberList("--lrs", str(flags.lrs)!),
            steps: int("--steps", flags.steps),
            weeks: int("--weeks", flags.weeks, 2),
            onlineLr: num("--online-lr", flags.onlineLr),
            batchLr: num("--batch-lr", flags.batchLr),
          };
        },
        runGradientDescent,
      ),
    );
}

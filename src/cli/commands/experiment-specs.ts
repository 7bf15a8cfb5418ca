/**
 * The notes' experiments as `retroprop experiment` declares them: per experiment its description, its own flags
 * (registered after the flags every experiment takes, by experiment.ts's one helper) and how those flags become
 * the options of its runXxx in src/experiments.
 */
import {
  type ExperimentResult,
  type GradientActivation,
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

/** The flags as commander gives them (camelCase names). */
export type Flags = Record<string, string | boolean | undefined>;

/** The flags every experiment takes, parsed (experiment.ts's `common`). */
export interface CommonOptions {
  out: string;
  seed: number;
  data: string | undefined;
  dataDir: string | undefined;
  epochs: number | undefined;
  samples: number | undefined;
  pngScale: number;
  log: ((message: string) => void) | undefined;
}

/** What `experiment --help` shows of one experiment, and its own flags. */
interface ExperimentHelp {
  name: string;
  what: string;
  /** help of --data */
  data: string;
  /** the example's flags */
  example: string;
  /** help text before the example */
  notes?: string;
  /** [flags, help, default] as commander's .option takes them */
  options: [string, string, string?][];
}

export interface Experiment extends ExperimentHelp {
  run: (flags: Flags, c: CommonOptions) => Promise<ExperimentResult>;
}

/** One experiment: `own` parses its own flags, `run` is its runXxx (typed together, stored erased). */
function defineExperiment<O>(
  e: ExperimentHelp & {
    own: (flags: Flags, c: CommonOptions) => O;
    run: (o: CommonOptions & O) => Promise<ExperimentResult>;
  },
): Experiment {
  return { ...e, run: (flags: Flags, c: CommonOptions) => e.run({ ...c, ...e.own(flags, c) }) };
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

const VANISHING_HELP =
  "\nDefaults follow Nielsen's network2.py, which gives his published speeds (0.012, 0.060, 0.283 for three\n" +
  "hidden layers): 30 units, sigmoid, cross-entropy cost, W ~ N(0,1/n_in), b ~ N(0,1), SGD η=0.1, batch 10,\n" +
  "1,000 training images (--samples) and 30 epochs. --loss mse --init normal is the quadratic-cost, N(0,1)\n" +
  "setting. relu networks use He-normal weights and zero biases.";

/** In the order `retroprop experiment --help` lists them. */
export const EXPERIMENTS: Experiment[] = [
  defineExperiment({
    name: "lr-sweep",
    what: "loss curves for several learning rates (note 004: sensitivity to α)",
    data: "dataset (default moons)",
    example: "--data moons --lrs 0.01,0.1,1,10 --epochs 50 --out figs",
    options: [
      ["--lrs <list>", "learning rates, comma-separated", "0.01,0.1,1,10,100"],
      ["--hidden <sizes>", "hidden layer sizes, comma-separated (default 16)"],
      ["--activation <f>", "hidden activation", "sigmoid"],
      ["--output <f>", "output activation (default from the dataset)"],
      ["--loss <name>", "mse|bce|cce (default from the dataset)"],
      ["--batch <size>", "mini-batch size or full", "16"],
    ],
    own: (flags: Flags) => ({
      lrs: parseNumberList("--lrs", str(flags.lrs)!),
      hidden: intList("--hidden", flags.hidden),
      activation: parseActivation(str(flags.activation)!),
      output: str(flags.output) === undefined ? undefined : parseActivation(str(flags.output)!),
      loss: str(flags.loss) === undefined ? undefined : parseLoss(str(flags.loss)!),
      batchSize: batch(flags.batch),
    }),
    run: runLrSweep,
  }),
  defineExperiment({
    name: "hidden-size",
    what: "accuracy against the number of hidden units (note 002)",
    data: "dataset (default mnist)",
    example: "--data mnist --data-dir ../shared/datasets --samples 10000 --epochs 5",
    options: [
      ["--hidden <list>", "hidden-unit counts to try", "1,2,5,10,30,100"],
      ["--lr <eta>", "learning rate of SGD", "0.5"],
      ["--batch <size>", "mini-batch size or full", "10"],
      ["--activation <f>", "hidden activation", "sigmoid"],
      ["--repeats <n>", "networks per size (different seeds); the plot shows the mean", "1"],
    ],
    own: (flags: Flags) => ({
      hidden: intList("--hidden", flags.hidden),
      lr: num("--lr", flags.lr, 0),
      batchSize: batch(flags.batch),
      activation: parseActivation(str(flags.activation)!),
      repeats: int("--repeats", flags.repeats),
    }),
    run: runHiddenSize,
  }),
  defineExperiment({
    name: "vanishing-gradient",
    what: "‖∂C/∂b‖ per layer for 1 to 4 sigmoid hidden layers on MNIST (Nielsen ch. 5), relu for comparison",
    data: "dataset (default mnist)",
    example: "--data-dir ../shared/datasets --layers-max 4 --epochs 30",
    notes: VANISHING_HELP,
    options: [
      ["--layers-max <n>", "networks with 1..n hidden layers", "4"],
      ["--width <n>", "units per hidden layer", "30"],
      ["--activation <f>", "sigmoid|relu|tanh|both (both = sigmoid and relu)", "both"],
      ["--probe <n>", "training images the gradient is averaged over", "1000"],
      ["--lr <eta>", "learning rate of SGD", "0.1"],
      ["--batch <size>", "mini-batch size", "10"],
      ["--loss <name>", "bce (cross-entropy, Nielsen's network2 default) | mse (quadratic cost)", "bce"],
      [
        "--init <name>",
        "sigmoid/tanh networks: nielsen (W ~ N(0,1/n_in), b ~ N(0,1)) | normal (W, b ~ N(0,1)) | glorot_uniform | ...",
        "nielsen",
      ],
    ],
    own: (flags: Flags) => {
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
    run: runVanishingGradient,
  }),
  defineExperiment({
    name: "decision-boundary",
    what: "a 2-D dataset coloured by the trained network's output, with the training points",
    data: "2-D dataset: moons, circles, spirals, xor, blobs (default moons)",
    example: "--data spirals --hidden 32,32 --epochs 500",
    options: [
      ["--hidden <sizes>", "hidden layer sizes", "16,16"],
      ["--activation <f>", "hidden activation", "tanh"],
      ["--optimizer <name>", "sgd|momentum|nesterov|rmsprop|adam", "adam"],
      ["--lr <eta>", "learning rate (default: the optimizer's)"],
      ["--batch <size>", "mini-batch size or full", "16"],
      ["--noise <level>", "noise of the generated dataset"],
      ["--resolution <n>", "grid points per side", "120"],
    ],
    own: (flags: Flags) => ({
      hidden: intList("--hidden", flags.hidden),
      activation: parseActivation(str(flags.activation)!),
      optimizer: str(flags.optimizer),
      lr: num("--lr", flags.lr, 0),
      batchSize: batch(flags.batch),
      noise: num("--noise", flags.noise),
      resolution: int("--resolution", flags.resolution, 2),
    }),
    run: runDecisionBoundary,
  }),
  defineExperiment({
    name: "hidden-units",
    what: "the input weights of each hidden unit of an MNIST model as 28×28 images (note 002)",
    data: "image dataset (default mnist)",
    example: "--data-dir ../shared/datasets --samples 10000 --epochs 3",
    options: [
      ["--model <file>", "a saved model (retroprop train --save); default: train a quick one"],
      ["--hidden <n>", "hidden units of the quick model", "30"],
      ["--activation <f>", "hidden activation of the quick model", "sigmoid"],
      ["--lr <eta>", "learning rate of the quick model", "0.5"],
      ["--batch <size>", "mini-batch size of the quick model", "10"],
      ["--max-units <n>", "show at most this many units", "100"],
      ["--columns <n>", "tiles per row"],
      ["--normalize <how>", "tile (each unit scaled to its own max |w|) | shared", "tile"],
    ],
    own: (flags: Flags) => ({
      model: str(flags.model) === undefined ? undefined : loadModel(str(flags.model)!),
      hidden: int("--hidden", flags.hidden),
      activation: parseActivation(str(flags.activation)!),
      lr: num("--lr", flags.lr, 0),
      batchSize: int("--batch", flags.batch),
      maxUnits: int("--max-units", flags.maxUnits),
      columns: int("--columns", flags.columns),
      normalize: parseChoice("--normalize", str(flags.normalize)!, ["tile", "shared"] as const),
    }),
    run: runHiddenUnits,
  }),
  defineExperiment({
    name: "gradient-descent",
    what: "gradient-descent paths on a 2-D function's contours, and the linear neuron's online vs batch paths (note 003)",
    data: "(unused: the data are generated)",
    example: "--lrs 0.02,0.05,0.09,0.105 --steps 30",
    notes: "\n--epochs sets the delta rule's epochs (default 20).",
    options: [
      ["--function <name>", "bowl (x² + 10y²) | rosenbrock", "bowl"],
      ["--lrs <list>", "learning rates of the paths (default 0.02,0.05,0.09,0.105 for the bowl)"],
      ["--steps <n>", "steps per path"],
      ["--weeks <n>", "linear neuron: weeks of cafeteria bills", "8"],
      ["--online-lr <eta>", "linear neuron: η of the online delta rule", "0.01"],
      ["--batch-lr <eta>", "linear neuron: η of the batch delta rule", "0.01"],
    ],
    own: (flags: Flags, c: CommonOptions) => {
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
    run: runGradientDescent,
  }),
];

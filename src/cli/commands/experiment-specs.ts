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
import { localizedError, type Messages } from "../../util/i18n.js";
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
  /** the summaries' and progress messages' language */
  messages: Messages;
}

/**
 * One experiment's name, example and own flags; what `experiment --help` says of it (description, --data, notes
 * and each own flag's help) is in the catalogues under `experiments[name]`.
 */
interface ExperimentHelp {
  name: keyof Messages["experiments"];
  /** the example's flags */
  example: string;
  /** [flags, default] as commander's .option takes them */
  options: [string, string?][];
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

/** In the order `retroprop experiment --help` lists them. */
export const EXPERIMENTS: Experiment[] = [
  defineExperiment({
    name: "lr-sweep",
    example: "--data moons --lrs 0.01,0.1,1,10 --epochs 50 --out figs",
    options: [
      ["--lrs <list>", "0.01,0.1,1,10,100"],
      ["--hidden <sizes>"],
      ["--activation <f>", "sigmoid"],
      ["--output <f>"],
      ["--loss <name>"],
      ["--batch <size>", "16"],
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
    example: "--data mnist --data-dir ../shared/datasets --samples 10000 --epochs 5",
    options: [
      ["--hidden <list>", "1,2,5,10,30,100"],
      ["--lr <eta>", "0.5"],
      ["--batch <size>", "10"],
      ["--activation <f>", "sigmoid"],
      ["--repeats <n>", "1"],
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
    example: "--data-dir ../shared/datasets --layers-max 4 --epochs 30",
    options: [
      ["--layers-max <n>", "4"],
      ["--width <n>", "30"],
      ["--activation <f>", "both"],
      ["--probe <n>", "1000"],
      ["--lr <eta>", "0.1"],
      ["--batch <size>", "10"],
      ["--loss <name>", "bce"],
      ["--init <name>", "nielsen"],
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
    example: "--data spirals --hidden 32,32 --epochs 500",
    options: [
      ["--hidden <sizes>", "16,16"],
      ["--activation <f>", "tanh"],
      ["--optimizer <name>", "adam"],
      ["--lr <eta>"],
      ["--batch <size>", "16"],
      ["--noise <level>"],
      ["--resolution <n>", "120"],
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
    example: "--data-dir ../shared/datasets --samples 10000 --epochs 3",
    options: [
      ["--model <file>"],
      ["--hidden <n>", "30"],
      ["--activation <f>", "sigmoid"],
      ["--lr <eta>", "0.5"],
      ["--batch <size>", "10"],
      ["--max-units <n>", "100"],
      ["--columns <n>"],
      ["--normalize <how>", "tile"],
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
    example: "--lrs 0.02,0.05,0.09,0.105 --steps 30",
    options: [
      ["--function <name>", "bowl"],
      ["--lrs <list>"],
      ["--steps <n>"],
      ["--weeks <n>", "8"],
      ["--online-lr <eta>", "0.01"],
      ["--batch-lr <eta>", "0.01"],
    ],
    own: (flags: Flags, c: CommonOptions) => {
      if (c.data !== undefined) throw localizedError(UsageError, "descentOwnData");
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

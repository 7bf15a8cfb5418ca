import type { Command } from "commander";
import { type DatasetSplits, datasetNames, loadDataset, type NormalizeMethod } from "../../data/index.js";
import { activationHelp, TRAINABLE_ACTIVATIONS } from "../../nn/activations.js";
import { makeOptimizer, OPTIMIZERS } from "../../optim/optimizers.js";
import { Random } from "../../tensor/random.js";
import {
  activationsOf,
  type Callback,
  checkTrainable,
  ENGINES,
  earlyStopping,
  evaluate,
  type FitOptions,
  fit,
  predict,
  scheduleFromSpec,
} from "../../train/index.js";
import { assertWritableFile } from "../../util/atomic-write.js";
import { parseChoice, parseInteger, parseNumber, UsageError } from "../args.js";
import { progressCallback } from "../progress.js";
import { checkpointOption, keepingLastGood, resumeFlags, saveDespiteBlowUp } from "./train-checkpoint.js";
import { trainModel } from "./train-model.js";
import { saveTrainedModel, writeTrainingPlots } from "./train-output.js";
import { trainingHeader, trainResults } from "./train-report.js";

const DTYPES = ["float32", "float64"] as const;

export interface TrainFlags {
  data: string;
  layers?: string;
  activation?: string;
  output?: string;
  loss?: string;
  optimizer: string;
  lr?: string;
  momentum?: string;
  weightDecay?: string;
  schedule?: string;
  batch: string;
  epochs: string;
  seed: string;
  init?: string;
  dtype?: string;
  initFrom?: string;
  validation?: string;
  test?: string;
  earlyStopping?: string;
  dataDir?: string;
  label?: string;
  normalize?: string;
  samples?: string;
  noise?: string;
  save?: string;
  binary?: boolean;
  plot?: string;
  engine: string;
  json?: boolean;
  quiet?: boolean;
  clipGradNorm?: string;
  checkpoint?: string;
  checkpointEvery?: string;
  resume?: string;
}

const HELP_AFTER = `
Examples:
  # the notes' 2-2-1 sigmoid network learning XOR (batch mode)
  $ retroprop train --data xor --layers 2,2,1 --activation sigmoid --output sigmoid --loss mse \\
      --optimizer sgd --lr 2 --batch full --epochs 5000 --seed 1
  # the notes' MNIST network (Nielsen's configuration), data from a data root
  $ retroprop train --data mnist --data-dir ../shared/datasets --layers 784,30,10 --activation sigmoid \\
      --output sigmoid --loss mse --optimizer sgd --lr 3 --batch 10 --epochs 30 --seed 1
  # the notes' network from the notes' weights (examples/xor), 100 batch-mode steps
  $ retroprop train --data xor --init-from examples/xor/model.json --loss mse --lr 0.5 --batch full --epochs 100
  # a CSV file with the label in column "species"
  $ retroprop train --data csv:flowers.csv --label species --layers 4,16,3 --activation relu --output softmax --loss cce

  # checkpoints every 500 updates; after a crash or a kill, the same run continues where it stopped
  $ retroprop train --data mnist --data-dir ../shared/datasets --layers 784,30,10 --checkpoint ckpt --checkpoint-every 500s
  $ retroprop train --resume ckpt

--batch 1 is online learning, --batch b mini-batch, --batch full batch mode (the notes' three modes).
--schedule: step:EPOCHS:GAMMA | exp:GAMMA | cosine[:MIN_LR].`;

export function register(program: Command): void {
  program
    .command("train")
    .description("train a network on a dataset, with a live progress bar")
    .option("--data <name>", `dataset: ${datasetNames.join(", ")}, or csv:PATH`, "xor")
    .option("--layers <sizes>", "layer sizes including input and output, e.g. 784,30,10")
    .option(
      "--activation <f>",
      `hidden activation, one for all or one per hidden layer (relu,tanh): ${TRAINABLE_ACTIVATIONS.filter((n) => n !== "softmax").join("|")} (default sigmoid)`,
    )
    .option(
      "--output <f>",
      "output activation (default: softmax for 3+ classes, sigmoid for 2, linear for regression)",
    )
    .option("--loss <name>", "mse|bce|cce (default: cce for softmax, bce for sigmoid, mse for regression)")
    .option("--optimizer <name>", `${OPTIMIZERS.join("|")}`, "sgd")
    .option("--lr <eta>", "learning rate η (fractions such as 1/35 accepted)")
    .option("--momentum <mu>", "momentum μ (sgd, momentum, nesterov)")
    .option("--weight-decay <lambda>", "L2 weight decay λ")
    .option("--schedule <spec>", "learning-rate schedule: step:10:0.5 | exp:0.95 | cosine")
    .option("--batch <size>", "examples per update: 1 (online), b (mini-batch) or full (batch)", "32")
    .option("--epochs <n>", "passes over the training set", "100")
    .option("--seed <n>", "seed for initialisation, data generation and shuffling", "1")
    .option(
      "--init <name>",
      "weight initialiser: glorot_uniform|glorot_normal|he_uniform|he_normal|normal|uniform|zeros",
    )
    .option("--dtype <type>", "float32|float64 (default float32, or the --init-from model's)")
    .option(
      "--init-from <model>",
      "start from a saved model file: its architecture and weights (not with --layers, --activation, --output, --init)",
    )
    .option("--validation <fraction>", "hold out this fraction of the training rows for validation")
    .option(
      "--test <fraction>",
      "hold out this fraction of the rows as a test set (default 0.2 for CSV data, 0 for built-ins; MNIST has its own)",
    )
    .option(
      "--early-stopping <patience>",
      "stop when val_loss (or loss) has not improved for this many epochs",
    )
    .option("--data-dir <dir>", "data root for mnist, fashion-mnist, iris, digits, breast-cancer")
    .option("--label <column>", "CSV label column (name or index; default the last)")
    .option("--normalize <how>", "feature scaling fitted on the training split: none|minmax|zscore")
    .option("--samples <n>", "rows to generate (built-ins) or to use from the training file")
    .option("--noise <level>", "noise of generated datasets")
    .option("--save <file>", "write the trained model (JSON; atomic)")
    .option("--binary", "with --save: keep the weights in a compact binary file beside the JSON")
    .option(
      "--plot <dir>",
      "write loss/accuracy curves (and the decision boundary of 2-D data) as SVG and PNG",
    )
    .option(
      "--engine <name>",
      "matrix (the explicit matrix-form fast path) | autograd (the general graph)",
      "matrix",
    )
    .option("--json", "make the last line one JSON object with history, final and test")
    .option("--quiet", "no progress output")
    .option(
      "--clip-grad-norm <c>",
      "scale the gradients when their total 2-norm exceeds c (PyTorch's clip_grad_norm_)",
    )
    .option(
      "--checkpoint <dir>",
      "write checkpoints into this folder as training goes (atomic; exact resume)",
    )
    .option(
      "--checkpoint-every <n>",
      "with --checkpoint: every n epochs, or every n updates with an s suffix (500s); default every epoch",
    )
    .option(
      "--resume <dir>",
      "continue the run whose checkpoint is in this folder, with its configuration (only --save, --binary, --plot, --json, --quiet, --data-dir, --checkpoint-every may be given)",
    )
    .addHelpText("after", `${HELP_AFTER}\n\nActivations (--activation, --output):\n${activationHelp()}`)
    .action(async (flags: TrainFlags, command: Command) => {
      const typed = (key: string) => command.getOptionValueSource(key) === "cli";
      await runTrain(flags.resume === undefined ? flags : resumeFlags(flags, typed));
    });
}

export async function runTrain(flags: TrainFlags): Promise<void> {
  const started = performance.now();
  const seed = parseInteger("--seed", flags.seed);
  const epochs = parseInteger("--epochs", flags.epochs, 0);
  const dtype = flags.dtype === undefined ? undefined : parseChoice("--dtype", flags.dtype, DTYPES);
  const engine = parseChoice("--engine", flags.engine, ENGINES);
  const validation = optionalFraction("--validation", flags.validation, false);
  const testFraction = optionalFraction("--test", flags.test, true);
  const clipGradNorm =
    flags.clipGradNorm === undefined ? undefined : parseNumber("--clip-grad-norm", flags.clipGradNorm);
  if (clipGradNorm !== undefined && !(clipGradNorm > 0)) {
    throw new UsageError(`--clip-grad-norm: must be a positive number, got ${clipGradNorm}`);
  }
  const checkpoint = checkpointOption(flags);
  const log = flags.quiet ? undefined : (m: string) => process.stderr.write(`${m}\n`);
  const splits: DatasetSplits = await loadDataset(flags.data, {
    dataDir: flags.dataDir,
    seed,
    label:
      flags.label === undefined ? undefined : /^\d+$/.test(flags.label) ? Number(flags.label) : flags.label,
    normalize: flags.normalize as NormalizeMethod | undefined,
    samples: flags.samples === undefined ? undefined : parseInteger("--samples", flags.samples, 1),
    noise: flags.noise === undefined ? undefined : parseNumber("--noise", flags.noise),
    validationFraction: validation,
    testFraction,
    log,
  });
  const train = splits.train;
  const rng = new Random(seed);
  const { model, loss } = trainModel(flags, train, dtype, rng);
  checkTrainable(loss, activationsOf(model), model.outputSize);
  if (flags.save) assertWritableFile(flags.save, "--save");
  const optimizer = makeOptimizer(flags.optimizer, {
    lr: flags.lr === undefined ? undefined : parseNumber("--lr", flags.lr, 0),
    momentum: flags.momentum === undefined ? undefined : parseNumber("--momentum", flags.momentum),
    weightDecay:
      flags.weightDecay === undefined ? undefined : parseNumber("--weight-decay", flags.weightDecay),
  });
  const batchSize = flags.batch === "full" ? "full" : parseInteger("--batch", flags.batch, 1);
  const callbacks: Callback[] = flags.quiet ? [] : [progressCallback()];
  if (flags.earlyStopping) {
    const patience = parseInteger("--early-stopping", flags.earlyStopping, 1);
    callbacks.push(earlyStopping({ patience, restoreBestWeights: true }));
  }
  log?.(trainingHeader({ model, loss, train, batchSize, optimizer, engine, initFrom: flags.initFrom }));

  const save = () => {
    saveTrainedModel(model, flags.save!, { binary: flags.binary, dataset: train, splits, loss, seed });
    return flags.save!;
  };
  const options: FitOptions = {
    loss,
    optimizer,
    epochs,
    batchSize,
    rng: rng.fork(),
    validationData: splits.validation,
    schedule: flags.schedule ? scheduleFromSpec(flags.schedule, epochs) : undefined,
    callbacks,
    engine,
    clipGradNorm,
    checkpoint,
  };
  const result = await keepingLastGood(
    () => fit(model, train.x, train.y, options),
    flags.save ? save : undefined,
  );

  const final = evaluate(model, train.x, train.y, { loss });
  const test = splits.test ? evaluate(model, splits.test.x, splits.test.y, { loss }) : undefined;
  const outputs = train.x.shape[0] <= 16 ? (predict(model, train.x).toArray() as number[][]) : undefined;
  const saved = flags.save && saveDespiteBlowUp(result.lossBlowUp, flags.save) ? save() : undefined;
  const plots = flags.plot ? await writeTrainingPlots(flags.plot, model, result.history, splits) : [];
  const seconds = (performance.now() - started) / 1000;
  const outcome = { model, loss, train, final, test, outputs, plots, saved, seconds };
  process.stdout.write(
    trainResults({ ...outcome, history: result.history, stopReason: result.stopReason }, flags),
  );
}

function optionalFraction(flag: string, text: string | undefined, zeroAllowed: boolean): number | undefined {
  if (text === undefined) return undefined;
  const f = parseNumber(flag, text);
  if (zeroAllowed ? f >= 0 && f < 1 : f > 0 && f < 1) return f;
  const range = zeroAllowed ? "in [0, 1)" : "between 0 and 1";
  throw new UsageError(`${flag}: expected a fraction ${range}, got "${text}"`);
}

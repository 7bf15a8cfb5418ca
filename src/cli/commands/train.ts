import type { Command } from "commander";
import { type DatasetSplits, datasetNames, loadDataset } from "../../data/index.js";
import { parseActivation } from "../../nn/activations.js";
import { parseInitializer } from "../../nn/init.js";
import { type LossName, parseLoss } from "../../nn/losses.js";
import { Sequential } from "../../nn/sequential.js";
import { makeOptimizer, OPTIMIZERS } from "../../optim/optimizers.js";
import { cosineDecay, exponentialDecay, type Schedule, stepDecay } from "../../optim/schedules.js";
import type { DType } from "../../tensor/dtype.js";
import { Random } from "../../tensor/random.js";
import { type Callback, earlyStopping } from "../../train/callbacks.js";
import { evaluate, fit, predict } from "../../train/fit.js";
import { assertWritableFile } from "../../util/atomic-write.js";
import { parseChoice, parseInteger, parseLayerSizes, parseNumber, UsageError } from "../args.js";
import { progressCallback } from "../progress.js";
import { saveTrainedModel, writeTrainingPlots } from "./train-output.js";

export interface TrainFlags {
  data: string;
  layers?: string;
  activation: string;
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
  dtype: string;
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
}

const HELP_AFTER = `
Examples:
  # the notes' 2-2-1 sigmoid network learning XOR (batch mode)
  $ retroprop train --data xor --layers 2,2,1 --activation sigmoid --output sigmoid --loss mse \\
      --optimizer sgd --lr 2 --batch full --epochs 5000 --seed 1
  # the notes' MNIST network (Nielsen's configuration), data from a data root
  $ retroprop train --data mnist --data-dir ../shared/datasets --layers 784,30,10 --activation sigmoid \\
      --output sigmoid --loss mse --optimizer sgd --lr 3 --batch 10 --epochs 30 --seed 1
  # a CSV file with the label in column "species"
  $ retroprop train --data csv:flowers.csv --label species --layers 4,16,3 --activation relu --output softmax --loss cce

--batch 1 is online learning, --batch b mini-batch, --batch full batch mode (the notes' three modes).
--schedule: step:EPOCHS:GAMMA | exp:GAMMA | cosine[:MIN_LR].`;

export function register(program: Command): void {
  program
    .command("train")
    .description("train a network on a dataset, with a live progress bar")
    .option("--data <name>", `dataset: ${datasetNames.join(", ")}, or csv:PATH`, "xor")
    .option("--layers <sizes>", "layer sizes including input and output, e.g. 784,30,10")
    .option("--activation <f>", "hidden activation: sigmoid|tanh|relu|leaky_relu|linear", "sigmoid")
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
    .option("--dtype <type>", "float32|float64", "float32")
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
    .addHelpText("after", HELP_AFTER)
    .action(async (flags: TrainFlags) => {
      await runTrain(flags);
    });
}

function parseSchedule(spec: string): Schedule {
  const [kind, a, b] = spec.split(":");
  if (kind === "step" && a)
    return stepDecay(parseInteger("--schedule step", a, 1), b ? parseNumber("--schedule", b) : 0.1);
  if (kind === "exp" && a) return exponentialDecay(parseNumber("--schedule exp", a));
  if (kind === "cosine") return cosineDecay(0, a ? parseNumber("--schedule cosine", a) : 0);
  throw new UsageError(`--schedule: expected step:EPOCHS:GAMMA, exp:GAMMA or cosine[:MIN_LR], got "${spec}"`);
}

export async function runTrain(flags: TrainFlags): Promise<void> {
  const started = performance.now();
  const seed = parseInteger("--seed", flags.seed);
  const epochs = parseInteger("--epochs", flags.epochs, 0);
  const dtype = parseChoice("--dtype", flags.dtype, ["float32", "float64"] as const) as DType;
  const engine = parseChoice("--engine", flags.engine, ["matrix", "autograd"] as const);
  const validation =
    flags.validation === undefined ? undefined : parseNumber("--validation", flags.validation);
  if (validation !== undefined && !(validation > 0 && validation < 1)) {
    throw new UsageError(`--validation: expected a fraction between 0 and 1, got "${flags.validation}"`);
  }
  const testFraction = flags.test === undefined ? undefined : parseNumber("--test", flags.test);
  if (testFraction !== undefined && !(testFraction >= 0 && testFraction < 1)) {
    throw new UsageError(`--test: expected a fraction in [0, 1), got "${flags.test}"`);
  }

  const splits: DatasetSplits = await loadDataset(flags.data, {
    dataDir: flags.dataDir,
    seed,
    label:
      flags.label === undefined ? undefined : /^\d+$/.test(flags.label) ? Number(flags.label) : flags.label,
    normalize: flags.normalize as "none" | "minmax" | "zscore" | undefined,
    samples: flags.samples === undefined ? undefined : parseInteger("--samples", flags.samples, 1),
    noise: flags.noise === undefined ? undefined : parseNumber("--noise", flags.noise),
    validationFraction: validation,
    testFraction,
    log: flags.quiet ? undefined : (m) => process.stderr.write(`${m}\n`),
  });
  const train = splits.train;
  const features = train.x.shape[1];
  const outputs = train.y.shape[1];
  const classification = train.task === "classification";

  const sizes = flags.layers ? parseLayerSizes("--layers", flags.layers) : [features, 16, outputs];
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new UsageError(`--layers: expected at least two positive integers, got "${flags.layers}"`);
  }
  if (sizes[0] !== features) {
    throw new UsageError(
      `--layers: the first size must be the dataset's ${features} input features, got ${sizes[0]}`,
    );
  }
  if (sizes[sizes.length - 1] !== outputs) {
    throw new UsageError(
      `--layers: the last size must be the dataset's ${outputs} output${outputs === 1 ? "" : "s"}, got ${sizes[sizes.length - 1]}`,
    );
  }
  const activation = parseActivation(flags.activation);
  const output = flags.output
    ? parseActivation(flags.output)
    : classification
      ? outputs === 1 || train.labels === null
        ? "sigmoid"
        : "softmax"
      : "linear";
  const loss: LossName = flags.loss
    ? parseLoss(flags.loss)
    : output === "softmax"
      ? "cce"
      : classification && output === "sigmoid"
        ? "bce"
        : "mse";
  if (loss === "cce" && output !== "softmax") {
    throw new UsageError(`--loss cce needs --output softmax (got ${output}); use bce or mse with ${output}`);
  }
  if (loss === "bce" && output !== "sigmoid" && output !== "softmax") {
    throw new UsageError(`--loss bce needs outputs in (0, 1): --output sigmoid (got ${output})`);
  }
  if (output === "softmax" && outputs < 2) {
    throw new UsageError(
      `--output softmax needs at least 2 output units (this data has ${outputs}); use sigmoid`,
    );
  }
  if (activation === "step" || output === "step") {
    throw new UsageError(
      `--${activation === "step" ? "activation" : "output"} step: its derivative is 0, so backpropagation cannot train it (the perceptron command trains threshold units)`,
    );
  }
  if (flags.save) assertWritableFile(flags.save, "--save");

  const rng = new Random(seed);
  const model = Sequential.fromSizes({
    sizes,
    activation,
    output,
    dtype,
    rng,
    init: flags.init ? parseInitializer(flags.init) : undefined,
  });
  const optimizer = makeOptimizer(flags.optimizer, {
    lr: flags.lr === undefined ? undefined : parseNumber("--lr", flags.lr, 0),
    momentum: flags.momentum === undefined ? undefined : parseNumber("--momentum", flags.momentum),
    weightDecay:
      flags.weightDecay === undefined ? undefined : parseNumber("--weight-decay", flags.weightDecay),
  });
  let schedule = flags.schedule ? parseSchedule(flags.schedule) : undefined;
  if (flags.schedule?.startsWith("cosine")) {
    const min = flags.schedule.split(":")[1];
    schedule = cosineDecay(epochs, min ? parseNumber("--schedule", min) : 0);
  }
  const batchSize = flags.batch === "full" ? "full" : parseInteger("--batch", flags.batch, 1);

  const callbacks: Callback[] = [progressCallback({ quiet: flags.quiet })];
  if (flags.earlyStopping) {
    callbacks.push(
      earlyStopping({
        patience: parseInteger("--early-stopping", flags.earlyStopping, 1),
        restoreBestWeights: true,
      }),
    );
  }
  if (!flags.quiet) {
    process.stderr.write(
      `training ${sizes.join("-")} (${activation} hidden, ${output} output, ${loss}) on ${train.name}: ` +
        `${train.x.shape[0]} examples, batch ${batchSize}, ${optimizer.name} η=${optimizer.learningRate}, ${engine} engine\n`,
    );
  }

  const result = await fit(model, train.x, train.y, {
    loss,
    optimizer,
    epochs,
    batchSize,
    rng: rng.fork(),
    validationData: splits.validation ? { x: splits.validation.x, y: splits.validation.y } : undefined,
    schedule,
    callbacks,
    engine,
  });

  const final = evaluate(model, train.x, train.y, { loss });
  const test = splits.test ? evaluate(model, splits.test.x, splits.test.y, { loss }) : undefined;
  const smallSet = train.x.shape[0] <= 16;
  const outputsTable = smallSet ? (predict(model, train.x).toArray() as number[][]) : undefined;

  if (flags.save) {
    saveTrainedModel(model, flags.save, { binary: flags.binary, dataset: train, splits, loss, seed });
  }
  const plots = flags.plot ? await writeTrainingPlots(flags.plot, model, result.history, splits) : [];

  const seconds = (performance.now() - started) / 1000;
  const summary = {
    model: { sizes, activation, output, loss, parameters: model.parameterCount() },
    history: result.history,
    final: { ...final, ...(outputsTable ? { outputs: outputsTable } : {}) },
    ...(test ? { test } : {}),
    ...(result.stopReason ? { stopped: result.stopReason } : {}),
    ...(flags.save ? { saved: flags.save } : {}),
    ...(plots.length ? { plots } : {}),
    seconds,
  };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const pct = (a?: number) => (a === undefined ? "" : `, accuracy ${(100 * a).toFixed(2)}%`);
  if (result.stopReason) process.stdout.write(`${result.stopReason}\n`);
  process.stdout.write(`final training loss ${final.loss.toPrecision(5)}${pct(final.accuracy)}\n`);
  if (test) process.stdout.write(`test loss ${test.loss.toPrecision(5)}${pct(test.accuracy)}\n`);
  if (outputsTable) {
    process.stdout.write("outputs:\n");
    const x = train.x.toArray() as number[][];
    const y = train.y.toArray() as number[][];
    outputsTable.forEach((row, i) => {
      process.stdout.write(
        `  x=[${x[i].map((v) => +v.toPrecision(4)).join(", ")}]  target=[${y[i].join(", ")}]  output=[${row.map((v) => v.toFixed(4)).join(", ")}]\n`,
      );
    });
  }
  for (const p of plots) process.stdout.write(`wrote ${p}\n`);
  if (flags.save) process.stdout.write(`saved model to ${flags.save}\n`);
  process.stdout.write(`done in ${seconds.toFixed(1)} s\n`);
}

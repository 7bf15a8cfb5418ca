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
import { localizedError } from "../../util/i18n.js";
import { parseChoice, parseInteger, parseNumber, UsageError } from "../args.js";
import { t } from "../lang.js";
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

export function register(program: Command): void {
  const h = t().train.help;
  program
    .command("train")
    .description(t().train.description)
    .option("--data <name>", h.data(datasetNames.join(", ")), "xor")
    .option("--layers <sizes>", h.layers)
    .option("--activation <f>", h.activation(TRAINABLE_ACTIVATIONS.filter((n) => n !== "softmax").join("|")))
    .option("--output <f>", h.output)
    .option("--loss <name>", h.loss)
    .option("--optimizer <name>", `${OPTIMIZERS.join("|")}`, "sgd")
    .option("--lr <eta>", h.lr)
    .option("--momentum <mu>", h.momentum)
    .option("--weight-decay <lambda>", h.weightDecay)
    .option("--schedule <spec>", h.schedule)
    .option("--batch <size>", h.batch, "32")
    .option("--epochs <n>", h.epochs, "100")
    .option("--seed <n>", h.seed, "1")
    .option("--init <name>", h.init)
    .option("--dtype <type>", h.dtype)
    .option("--init-from <model>", h.initFrom)
    .option("--validation <fraction>", h.validation)
    .option("--test <fraction>", h.test)
    .option("--early-stopping <patience>", h.earlyStopping)
    .option("--data-dir <dir>", h.dataDir)
    .option("--label <column>", h.label)
    .option("--normalize <how>", h.normalize)
    .option("--samples <n>", h.samples)
    .option("--noise <level>", h.noise)
    .option("--save <file>", h.save)
    .option("--binary", h.binary)
    .option("--plot <dir>", h.plot)
    .option("--engine <name>", h.engine, "matrix")
    .option("--json", h.json)
    .option("--quiet", h.quiet)
    .option("--clip-grad-norm <c>", h.clipGradNorm)
    .option("--checkpoint <dir>", h.checkpoint)
    .option("--checkpoint-every <n>", h.checkpointEvery)
    .option("--resume <dir>", h.resume)
    .addHelpText("after", `${h.after}\n\n${h.activations}\n${activationHelp(undefined, h.outputsIn)}`)
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
    throw localizedError(UsageError, "positive", "--clip-grad-norm", String(clipGradNorm));
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
    messages: t(),
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
    callbacks.push(earlyStopping({ patience, restoreBestWeights: true, messages: t() }));
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
  throw localizedError(UsageError, "fraction", flag, zeroAllowed, text);
}

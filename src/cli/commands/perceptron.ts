import type { Command } from "commander";
import { GATES } from "../../classic/gates.js";
import { GATE_NAMES, type GateName, type StepConvention } from "../../classic/index.js";
import { formatPerceptronText, perceptronJson, perceptronOnGate } from "../../classic/perceptron-report.js";
import { explainPerceptron } from "../../explain/perceptron-steps.js";
import { localizedError } from "../../util/i18n.js";
import { parseChoice, parseInteger, parseNumber, UsageError } from "../args.js";
import { cliLang, t } from "../lang.js";
import { checkExplainFlags, emit, parseFormat, renderDerivation } from "./explain-output.js";

interface PerceptronFlags {
  gate: string;
  lr: string;
  epochs: string;
  init: string;
  seed: string;
  step: string;
  trace?: boolean;
  json?: boolean;
  explain?: boolean;
  format?: string;
  out?: string;
}

export function register(program: Command): void {
  const M = t().perceptronCli;
  const h = M.help;
  program
    .command("perceptron")
    .description(M.description)
    .requiredOption("--gate <name>", h.gate(GATE_NAMES.join("|")))
    .option("--lr <eta>", h.lr, "1")
    .option("--epochs <n>", h.epochs, "100")
    .option("--init <how>", h.init, "zeros")
    .option("--seed <n>", h.seed, "1")
    .option("--step <conv>", h.step, "ge")
    .option("--trace", h.trace)
    .option("--json", h.json)
    .option("--explain", h.explain)
    .option("--format <format>", h.format)
    .option("--out <file>", h.out)
    .addHelpText("after", h.after)
    .action((flags: PerceptronFlags) => {
      runPerceptron(flags);
    });
}

function runPerceptron(flags: PerceptronFlags): void {
  const gate = parseChoice("--gate", flags.gate.toLowerCase(), GATE_NAMES) as GateName;
  const learningRate = parseNumber("--lr", flags.lr);
  if (learningRate <= 0) throw localizedError(UsageError, "positive", "--lr", flags.lr);
  const options = {
    learningRate,
    maxEpochs: parseInteger("--epochs", flags.epochs, 1),
    init: parseChoice("--init", flags.init, ["zeros", "random"] as const),
    seed: parseInteger("--seed", flags.seed),
    step: parseChoice("--step", flags.step, ["ge", "gt"] as const) as StepConvention,
  };
  checkExplainFlags(flags);
  const report = perceptronOnGate(gate, options);
  if (flags.explain) {
    const lang = cliLang();
    const { inputs, targets, name, linearlySeparable } = GATES[gate];
    const derivation = explainPerceptron(
      inputs.map((row) => [...row]),
      [...targets],
      {
        ...options,
        // The same start as the report's run (zeros, or the seeded random draw).
        initialWeights: report.result.initialWeights,
        initialBias: report.result.initialBias,
        gate: name.toUpperCase(),
        linearlySeparable,
        lang,
      },
    );
    emit(renderDerivation(derivation, parseFormat(flags.format)), flags.out, lang);
    return;
  }
  process.stdout.write(
    flags.json
      ? `${JSON.stringify(perceptronJson(report))}\n`
      : formatPerceptronText(report, flags.trace === true, t()),
  );
}

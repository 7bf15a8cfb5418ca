import type { Command } from "commander";
import { checkDeltaRuleData, formatDeltaRuleText } from "../../classic/delta-rule-report.js";
import { trainDeltaRule } from "../../classic/index.js";
import { explainDeltaRule } from "../../explain/delta-rule-steps.js";
import { localizedError } from "../../util/i18n.js";
import {
  parseChoice,
  parseInteger,
  parseNumber,
  parseNumberList,
  readMatrixFile,
  UsageError,
} from "../args.js";
import { cliLang, t } from "../lang.js";
import { checkExplainFlags, emit, parseFormat, renderDerivation } from "./explain-output.js";

interface DeltaRuleFlags {
  inputs: string;
  targets: string;
  weights?: string;
  lr: string;
  epochs: string;
  mode: string;
  json?: boolean;
  explain?: boolean;
  format?: string;
  out?: string;
}

export function register(program: Command): void {
  const M = t().deltaRuleCli;
  const h = M.help;
  program
    .command("delta-rule")
    .description(M.description)
    .requiredOption("--inputs <file>", h.inputs)
    .requiredOption("--targets <file>", h.targets)
    .option("--weights <w1,w2,...>", h.weights)
    .option("--lr <eta>", h.lr, "0.01")
    .option("--epochs <n>", h.epochs, "1")
    .option("--mode <mode>", h.mode, "online")
    .option("--json", h.json)
    .option("--explain", h.explain)
    .option("--format <format>", h.format)
    .option("--out <file>", h.out)
    .addHelpText("after", h.after)
    .action((flags: DeltaRuleFlags) => {
      runDeltaRule(flags);
    });
}

function runDeltaRule(flags: DeltaRuleFlags): void {
  const learningRate = parseNumber("--lr", flags.lr);
  if (learningRate <= 0) throw localizedError(UsageError, "positive", "--lr", flags.lr);
  const epochs = parseInteger("--epochs", flags.epochs, 1);
  const mode = parseChoice("--mode", flags.mode, ["online", "batch"] as const);
  const weights = flags.weights === undefined ? undefined : parseNumberList("--weights", flags.weights);
  checkExplainFlags(flags);
  const lang = cliLang();
  const format = parseFormat(flags.format);

  const inputs = readMatrixFile(flags.inputs, "inputs file");
  const targetRows = readMatrixFile(flags.targets, "targets file");
  const from = { inputs: flags.inputs, targets: flags.targets, weights: "--weights" };
  const targets = checkDeltaRuleData(inputs, targetRows, weights, from);
  const options = { learningRate, epochs, mode, initialWeights: weights };
  if (flags.explain) {
    emit(renderDerivation(explainDeltaRule(inputs, targets, { ...options, lang }), format), flags.out, lang);
    return;
  }
  const result = trainDeltaRule(inputs, targets, options);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ inputs: flags.inputs, targets: flags.targets, ...result })}\n`);
    return;
  }
  process.stdout.write(formatDeltaRuleText(result, flags.lr, inputs.length, inputs[0].length, t()));
}

import type { Command } from "commander";
import { checkDeltaRuleData, formatDeltaRuleText } from "../../classic/delta-rule-report.js";
import { trainDeltaRule } from "../../classic/index.js";
import { explainDeltaRule } from "../../explain/delta-rule-steps.js";
import { resolveLang } from "../../util/i18n.js";
import {
  parseChoice,
  parseInteger,
  parseNumber,
  parseNumberList,
  readMatrixFile,
  UsageError,
} from "../args.js";
import { emit, parseFormat, renderDerivation } from "./explain-output.js";

interface DeltaRuleFlags {
  inputs: string;
  targets: string;
  weights?: string;
  lr: string;
  epochs: string;
  mode: string;
  json?: boolean;
  explain?: boolean;
  lang?: string;
  format?: string;
  out?: string;
}

const HELP_AFTER = `
The linear neuron is y = w·x (no bias: add a column of ones to the inputs for one). The delta rule
(note 003): Δw_i = η·x_i·(t − y) after each example (online), or η·Σ_n x_iⁿ(tⁿ − yⁿ) once per epoch
(batch). After each update it prints the weights, the residual t − y and E = ½Σ(t − y)² over the set.

Input files: --inputs is a JSON array of rows (one row per example, one number per input),
--targets a JSON array with one number per example (or rows of one number).

Example (note 003's cafeteria: 5 coffees, 2 juices, 3 toasts cost 850 cents; estimates start at 50):
  $ retroprop delta-rule --inputs examples/cafeteria/x.json --targets examples/cafeteria/t.json \\
      --weights 50,50,50 --lr 1/35
  → Δw = [+50, +20, +30], w = [100, 70, 80], residual t − y: 350 before, -30 after
  $ retroprop delta-rule --inputs examples/cafeteria/x.json --targets examples/cafeteria/t.json \\
      --weights 50,50,50 --lr 1/35 --explain --lang es
  → the same update derived from E = ½Σ(t − y)², in Spanish`;

export function register(program: Command): void {
  program
    .command("delta-rule")
    .description("train a linear neuron with the delta rule and print every update")
    .requiredOption("--inputs <file>", "JSON array of input rows, e.g. [[5, 2, 3]]")
    .requiredOption("--targets <file>", "JSON array of targets, one per row, e.g. [850]")
    .option("--weights <w1,w2,...>", "starting weights (default zeros)")
    .option("--lr <eta>", "learning rate η (fractions such as 1/35 accepted)", "0.01")
    .option("--epochs <n>", "passes over the training set", "1")
    .option(
      "--mode <mode>",
      "online (update after each example) | batch (one summed update per epoch)",
      "online",
    )
    .option("--json", "print one JSON object instead of a table")
    .option("--explain", "derive the rule and write every update out with the numbers in (note 003)")
    .option("--lang <lang>", "with --explain: en|es (default: LC_ALL, LC_MESSAGES, LANG, else en)")
    .option("--format <format>", "with --explain: text|markdown|html|json (default text)")
    .option("--out <file>", "with --explain: write to FILE instead of printing")
    .addHelpText("after", HELP_AFTER)
    .action((flags: DeltaRuleFlags) => {
      runDeltaRule(flags);
    });
}

function runDeltaRule(flags: DeltaRuleFlags): void {
  const learningRate = parseNumber("--lr", flags.lr);
  if (learningRate <= 0) throw new UsageError(`--lr: must be positive, got "${flags.lr}"`);
  const epochs = parseInteger("--epochs", flags.epochs, 1);
  const mode = parseChoice("--mode", flags.mode, ["online", "batch"] as const);
  const weights = flags.weights === undefined ? undefined : parseNumberList("--weights", flags.weights);
  checkExplainFlags(flags);
  const lang = flags.explain ? resolveLang(flags.lang, process.env) : "en";
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
  process.stdout.write(formatDeltaRuleText(result, flags.lr, inputs.length, inputs[0].length));
}

/** --lang, --format and --out shape the derivation: refused without --explain rather than ignored. */
function checkExplainFlags(flags: DeltaRuleFlags): void {
  if (flags.explain && flags.json) throw new UsageError("--json: with --explain, use --format json");
  if (flags.explain) return;
  for (const flag of ["lang", "format", "out"] as const) {
    if (flags[flag] !== undefined) throw new UsageError(`--${flag}: only with --explain (the derivation)`);
  }
}

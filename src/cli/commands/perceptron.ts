import type { Command } from "commander";
import { GATES } from "../../classic/gates.js";
import { GATE_NAMES, type GateName, type StepConvention } from "../../classic/index.js";
import { formatPerceptronText, perceptronJson, perceptronOnGate } from "../../classic/perceptron-report.js";
import { explainPerceptron } from "../../explain/perceptron-steps.js";
import { resolveLang } from "../../util/i18n.js";
import { parseChoice, parseInteger, parseNumber, UsageError } from "../args.js";
import { emit, parseFormat, renderDerivation } from "./explain-output.js";

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
  lang?: string;
  format?: string;
  out?: string;
}

const HELP_AFTER = `
The threshold unit is ŷ = φ(w·x + b) with φ(z) = 1 if z ≥ 0 else 0 (--step gt: z > 0).
The perceptron rule (note 004): w ← w + η(t − ŷ)x, b ← b + η(t − ŷ), one example at a time.
It has converged when an epoch makes no mistake. XOR is not linearly separable: the run stops at the
epoch limit and reports converged: false (exit status 0; it is the expected result).

Examples:
  $ retroprop perceptron --gate and
  $ retroprop perceptron --gate xor --epochs 20
  $ retroprop perceptron --gate nor --init random --seed 7 --lr 0.1 --json
  $ retroprop perceptron --gate and --explain --lang es
  → every step written out: z = w₁·x₁ + w₂·x₂ + b, ŷ = φ(z), t − ŷ, w ← w + η(t − ŷ)x, b ← b + η(t − ŷ)`;

export function register(program: Command): void {
  program
    .command("perceptron")
    .description("train a threshold unit with the perceptron rule on a logic gate's truth table")
    .requiredOption("--gate <name>", `the gate: ${GATE_NAMES.join("|")}`)
    .option("--lr <eta>", "learning rate η (fractions such as 1/2 accepted)", "1")
    .option("--epochs <n>", "epoch limit", "100")
    .option("--init <how>", "starting weights and bias: zeros|random (uniform in [-0.5, 0.5))", "zeros")
    .option("--seed <n>", "seed for --init random", "1")
    .option("--step <conv>", "step convention: ge (z ≥ 0 → 1) | gt (z > 0 → 1)", "ge")
    .option("--trace", "print every update (weights before/after, z, ŷ, error)")
    .option("--json", "print one JSON object instead of tables")
    .option("--explain", "write the rule and every step out with the numbers in (note 004)")
    .option("--lang <lang>", "with --explain: en|es (default: LC_ALL, LC_MESSAGES, LANG, else en)")
    .option("--format <format>", "with --explain: text|markdown|html|json (default text)")
    .option("--out <file>", "with --explain: write to FILE instead of printing")
    .addHelpText("after", HELP_AFTER)
    .action((flags: PerceptronFlags) => {
      runPerceptron(flags);
    });
}

function runPerceptron(flags: PerceptronFlags): void {
  const gate = parseChoice("--gate", flags.gate.toLowerCase(), GATE_NAMES) as GateName;
  const learningRate = parseNumber("--lr", flags.lr);
  if (learningRate <= 0) throw new UsageError(`--lr: must be positive, got "${flags.lr}"`);
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
    const lang = resolveLang(flags.lang, process.env);
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
      : formatPerceptronText(report, flags.trace === true),
  );
}

/** --lang, --format and --out shape the derivation: refused without --explain rather than ignored. */
function checkExplainFlags(flags: PerceptronFlags): void {
  if (flags.explain && (flags.json || flags.trace)) {
    throw new UsageError(`--${flags.json ? "json" : "trace"}: with --explain, use --format json`);
  }
  if (flags.explain) return;
  for (const flag of ["lang", "format", "out"] as const) {
    if (flags[flag] !== undefined) throw new UsageError(`--${flag}: only with --explain (the derivation)`);
  }
}

import type { Command } from "commander";
import {
  GATE_NAMES,
  GATES,
  type GateName,
  type PerceptronResult,
  randomThresholdInit,
  type StepConvention,
  trainPerceptron,
  weightedSum,
  xorFromGates,
} from "../../classic/index.js";
import { Random } from "../../tensor/random.js";
import { parseChoice, parseInteger, parseNumber, UsageError } from "../args.js";

interface PerceptronFlags {
  gate: string;
  lr: string;
  epochs: string;
  init: string;
  seed: string;
  step: string;
  trace?: boolean;
  json?: boolean;
}

const HELP_AFTER = `
The threshold unit is ŷ = φ(w·x + b) with φ(z) = 1 if z ≥ 0 else 0 (--step gt: z > 0).
The perceptron rule (note 004): w ← w + η(t − ŷ)x, b ← b + η(t − ŷ), one example at a time.
It has converged when an epoch makes no mistake. XOR is not linearly separable: the run stops at the
epoch limit and reports converged: false (exit status 0; it is the expected result).

Examples:
  $ retroprop perceptron --gate and
  $ retroprop perceptron --gate xor --epochs 20
  $ retroprop perceptron --gate nor --init random --seed 7 --lr 0.1 --json`;

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
    .addHelpText("after", HELP_AFTER)
    .action((flags: PerceptronFlags) => {
      runPerceptron(flags);
    });
}

function runPerceptron(flags: PerceptronFlags): void {
  const gateName = parseChoice("--gate", flags.gate.toLowerCase(), GATE_NAMES) as GateName;
  const learningRate = parseNumber("--lr", flags.lr);
  if (learningRate <= 0) throw new UsageError(`--lr: must be positive, got "${flags.lr}"`);
  const maxEpochs = parseInteger("--epochs", flags.epochs, 1);
  const init = parseChoice("--init", flags.init, ["zeros", "random"] as const);
  const seed = parseInteger("--seed", flags.seed);
  const convention = parseChoice("--step", flags.step, ["ge", "gt"] as const) as StepConvention;

  const gate = GATES[gateName];
  const inputs = gate.inputs.map((row) => [...row]);
  const targets = [...gate.targets];
  const start =
    init === "random"
      ? randomThresholdInit(inputs[0].length, new Random(seed))
      : { weights: new Array<number>(inputs[0].length).fill(0), bias: 0 };

  const result = trainPerceptron(inputs, targets, {
    learningRate,
    maxEpochs,
    initialWeights: start.weights,
    initialBias: start.bias,
    step: convention,
  });
  const truthTable = inputs.map((x, n) => ({
    x,
    target: targets[n],
    z: weightedSum(result.weights, result.bias, x),
    output: result.outputs[n],
  }));
  const message = result.converged
    ? `converged after ${result.epochs} epoch${result.epochs === 1 ? "" : "s"} (epoch ${result.epochs} made no mistake)`
    : `did not converge after ${result.epochs} epochs: every epoch misclassified at least one case` +
      (gate.linearlySeparable
        ? " (try more --epochs)"
        : `; ${gate.name.toUpperCase()} is not linearly separable, so no single threshold unit computes it`);
  const fromGates =
    gateName === "xor" ? [0, 1].flatMap((a) => [0, 1].map((b) => xorFromGates(a, b, convention))) : undefined;

  if (flags.json) {
    const out = {
      gate: gateName,
      weights: result.weights,
      bias: result.bias,
      epochs: result.epochs,
      converged: result.converged,
      message,
      learningRate: result.learningRate,
      maxEpochs: result.maxEpochs,
      step: result.step,
      init,
      ...(init === "random" ? { seed } : {}),
      initialWeights: result.initialWeights,
      initialBias: result.initialBias,
      truthTable,
      history: result.history,
      trace: result.trace,
      ...(fromGates ? { fromGates } : {}),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  process.stdout.write(renderText(gateName, result, truthTable, message, flags.trace === true, fromGates));
}

function renderText(
  gateName: GateName,
  result: PerceptronResult,
  truthTable: { x: number[]; target: number; z: number; output: number }[],
  message: string,
  trace: boolean,
  fromGates: ReturnType<typeof xorFromGates>[] | undefined,
): string {
  const gate = GATES[gateName];
  const phi = result.step === "ge" ? "z ≥ 0" : "z > 0";
  const lines: string[] = [];
  lines.push(
    `Perceptron rule on ${gateName.toUpperCase()} (${gate.symbol}): η = ${fmt(result.learningRate)}, ` +
      `start w = ${vec(result.initialWeights)}, b = ${fmt(result.initialBias)}; ŷ = 1 if ${phi} (z = w·x + b)`,
  );
  lines.push("");
  if (trace) {
    lines.push(
      ...table(
        ["epoch", "case", "x", "t", "w before", "b before", "z", "ŷ", "t − ŷ", "w after", "b after"],
        result.trace.map((u) => [
          String(u.epoch),
          String(u.example + 1),
          vec(u.x),
          fmt(u.target),
          vec(u.weightsBefore),
          fmt(u.biasBefore),
          fmt(u.z),
          fmt(u.output),
          signed(u.error),
          vec(u.weightsAfter),
          fmt(u.biasAfter),
        ]),
      ),
    );
  } else {
    const rows = result.history.map((h) => [
      String(h.epoch),
      String(h.mistakes),
      vec(h.weights),
      fmt(h.bias),
    ]);
    const shown =
      rows.length > 16 ? [...rows.slice(0, 10), ["…", "", "", ""], ...rows.slice(rows.length - 5)] : rows;
    lines.push(...table(["epoch", "mistakes", "w (end of epoch)", "b"], shown));
  }
  lines.push("");
  lines.push(`${message.charAt(0).toUpperCase()}${message.slice(1)}.`);
  lines.push(`weights: ${vec(result.weights)}   bias: ${fmt(result.bias)}`);
  lines.push("");
  const xHeaders = truthTable[0].x.map((_, i) => `x${i + 1}`);
  lines.push(
    ...table(
      [...xHeaders, "target", "z = w·x + b", "ŷ", ""],
      truthTable.map((r) => [
        ...r.x.map(fmt),
        fmt(r.target),
        fmt(r.z),
        fmt(r.output),
        r.output === r.target ? "" : "wrong",
      ]),
    ),
  );
  if (fromGates) {
    lines.push("");
    lines.push("XOR built by hand from fixed threshold units: (x1 ∨ x2) ∧ ¬(x1 ∧ x2)");
    lines.push(
      ...table(
        ["x1", "x2", "x1 ∨ x2", "x1 ∧ x2", "¬(x1 ∧ x2)", "output"],
        fromGates.map((g) => [fmt(g.x[0]), fmt(g.x[1]), fmt(g.or), fmt(g.and), fmt(g.notAnd), fmt(g.output)]),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A number as people write it: integers plain, others to 10 significant digits. */
function fmt(v: number): string {
  if (Object.is(v, -0)) return "0";
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
}

function signed(v: number): string {
  return v > 0 ? `+${fmt(v)}` : fmt(v);
}

function vec(v: readonly number[]): string {
  return `[${v.map(fmt).join(", ")}]`;
}

function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, j) => c.padEnd(widths[j]))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

/**
 * The perceptron rule run on a logic gate's truth table, as `retroprop perceptron` reports it: the result, the
 * final truth table with z = w·x + b, whether it converged and why not (XOR is not linearly separable), and for
 * XOR the hand-wired network of fixed threshold units that does compute it.
 */

import { Random } from "../tensor/random.js";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { GATES, type Gate, type GateName } from "./gates.js";
import {
  type PerceptronResult,
  randomThresholdInit,
  type StepConvention,
  trainPerceptron,
  weightedSum,
} from "./perceptron.js";
import { fmt, signed, table, vec } from "./report-format.js";
import { type XorGateValues, xorFromGates } from "./xor-gates.js";

export interface GatePerceptronOptions {
  learningRate: number;
  maxEpochs: number;
  /** Starting weights and bias: zeros, or uniform in [-0.5, 0.5) drawn with `seed`. */
  init: "zeros" | "random";
  seed: number;
  step: StepConvention;
}

export interface TruthTableRow {
  x: number[];
  target: number;
  z: number;
  output: number;
}

export interface GatePerceptronReport {
  gate: GateName;
  options: GatePerceptronOptions;
  result: PerceptronResult;
  truthTable: TruthTableRow[];
  /** "converged after 3 epochs (…)" or why it did not */
  message: string;
  /** XOR only: the four cases through (x1 ∨ x2) ∧ ¬(x1 ∧ x2) */
  fromGates?: XorGateValues[];
}

/** Trains a threshold unit on the gate's truth table and describes the outcome. */
export function perceptronOnGate(gateName: GateName, options: GatePerceptronOptions): GatePerceptronReport {
  const gate = GATES[gateName];
  const inputs = gate.inputs.map((row) => [...row]);
  const targets = [...gate.targets];
  const start =
    options.init === "random"
      ? randomThresholdInit(inputs[0].length, new Random(options.seed))
      : { weights: new Array<number>(inputs[0].length).fill(0), bias: 0 };
  const result = trainPerceptron(inputs, targets, {
    learningRate: options.learningRate,
    maxEpochs: options.maxEpochs,
    initialWeights: start.weights,
    initialBias: start.bias,
    step: options.step,
  });
  const truthTable = inputs.map((x, n) => ({
    x,
    target: targets[n],
    z: weightedSum(result.weights, result.bias, x),
    output: result.outputs[n],
  }));
  const message = outcome(en, result, gate);
  const fromGates =
    gateName === "xor"
      ? [0, 1].flatMap((a) => [0, 1].map((b) => xorFromGates(a, b, options.step)))
      : undefined;
  return { gate: gateName, options, result, truthTable, message, ...(fromGates ? { fromGates } : {}) };
}

/** The report as one JSON-ready object (what `perceptron --json` prints). */
export function perceptronJson(report: GatePerceptronReport): object {
  const { result, options } = report;
  return {
    gate: report.gate,
    weights: result.weights,
    bias: result.bias,
    epochs: result.epochs,
    converged: result.converged,
    message: report.message,
    learningRate: result.learningRate,
    maxEpochs: result.maxEpochs,
    step: result.step,
    init: options.init,
    ...(options.init === "random" ? { seed: options.seed } : {}),
    initialWeights: result.initialWeights,
    initialBias: result.initialBias,
    truthTable: report.truthTable,
    history: result.history,
    trace: result.trace,
    ...(report.fromGates ? { fromGates: report.fromGates } : {}),
  };
}

/** "converged after 3 epochs (…)" or why it did not, in the catalogue's language. */
function outcome(M: Messages, result: PerceptronResult, gate: Gate): string {
  return M.perceptronReport.outcome(
    result.converged,
    result.epochs,
    gate.linearlySeparable,
    gate.name.toUpperCase(),
  );
}

/** The report as text: the epochs (or with `trace` every update), the outcome, the truth table. */
export function formatPerceptronText(report: GatePerceptronReport, trace: boolean, M: Messages = en): string {
  const { result, truthTable, fromGates } = report;
  const gate = GATES[report.gate];
  const phi = result.step === "ge" ? "z ≥ 0" : "z > 0";
  const words = M.perceptronReport;
  const lines: string[] = [];
  lines.push(
    words.title(
      report.gate.toUpperCase(),
      gate.symbol,
      fmt(result.learningRate),
      vec(result.initialWeights),
      fmt(result.initialBias),
      phi,
    ),
  );
  lines.push("");
  if (trace) {
    lines.push(
      ...table(
        words.traceHeaders,
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
    lines.push(...table(words.epochHeaders, shown));
  }
  lines.push("");
  const message = outcome(M, result, gate);
  lines.push(`${message.charAt(0).toUpperCase()}${message.slice(1)}.`);
  lines.push(words.result(vec(result.weights), fmt(result.bias)));
  lines.push("");
  const xHeaders = truthTable[0].x.map((_, i) => `x${i + 1}`);
  lines.push(
    ...table(
      [...xHeaders, words.target, "z = w·x + b", "ŷ", ""],
      truthTable.map((r) => [
        ...r.x.map(fmt),
        fmt(r.target),
        fmt(r.z),
        fmt(r.output),
        r.output === r.target ? "" : words.wrong,
      ]),
    ),
  );
  if (fromGates) {
    lines.push("");
    lines.push(words.xorTitle);
    lines.push(
      ...table(
        ["x1", "x2", "x1 ∨ x2", "x1 ∧ x2", "¬(x1 ∧ x2)", words.output],
        fromGates.map((g) => [fmt(g.x[0]), fmt(g.x[1]), fmt(g.or), fmt(g.and), fmt(g.notAnd), fmt(g.output)]),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

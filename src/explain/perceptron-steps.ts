/**
 * The perceptron rule of note 004 applied with the numbers in: ŷ = φ(w·x + b), then w ← w + η(t − ŷ)x and
 * b ← b + η(t − ŷ), one example at a time, each step written out (z with its products, ŷ, t − ŷ, every new
 * weight and the bias), a line per epoch with its mistakes, and the outcome: convergence, or for a gate that
 * is not linearly separable (XOR) why it never comes. The numbers are trainPerceptron's.
 */
import {
  type PerceptronOptions,
  type PerceptronResult,
  type PerceptronUpdate,
  trainPerceptron,
} from "../classic/perceptron.js";
import { type Lang, messages } from "../util/i18n.js";
import { type Derivation, equation, type Section, type Step } from "./derivation.js";
import { formatNumber } from "./format.js";
import { cat, factor, join, LEFTARROW, MINUS, mt, num, PLUS, paren, sym, TIMES } from "./math-text.js";

export interface PerceptronDerivationOptions extends PerceptronOptions {
  lang?: Lang;
  /** The gate's name for the summary ("AND"); "the training set" when not given. */
  gate?: string;
  /** Whether the inputs can be split by a line at all (false for XOR): says why the rule cannot converge. */
  linearlySeparable?: boolean;
  /** Steps (presentations of one example) written out (default 24); the rest are counted in `omitted`. */
  maxSteps?: number;
}

export interface PerceptronDerivation extends Derivation {
  kind: "explain";
  quantities: PerceptronResult;
}

const HAT_Y = mt("ŷ", "\\hat{y}");
const ETA = mt("η", "\\eta");
const ERROR = paren(cat(mt("t"), MINUS, HAT_Y));

/** Runs the perceptron rule and writes the rule, every step (up to maxSteps) and the outcome with the numbers in. */
export function explainPerceptron(
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
  options: PerceptronDerivationOptions,
): PerceptronDerivation {
  const lang = options.lang ?? "en";
  const t = messages(lang).perceptronRule;
  const result = trainPerceptron(inputs, targets, options);
  const eta = result.learningRate;
  const stepText = result.step === "ge" ? "z ≥ 0" : "z > 0";
  const w = (j: number | string) => sym("w", `${j}`);
  const x = (j: number | string) => sym("x", `${j}`);

  const sections: Section[] = [
    {
      id: "rule",
      title: t.ruleTitle,
      steps: [
        equation(
          "rule.y",
          HAT_Y,
          [cat(mt("φ"), paren(cat(mt("w·x", "\\mathbf{w}\\cdot\\mathbf{x}"), PLUS, mt("b"))))],
          {
            label: t.unit,
          },
        ),
        equation("rule.step", mt("φ(z)", "\\varphi(z)"), [mt(`1(${stepText})`)], {
          label: t.stepFunction(stepText),
        }),
        equation("rule.w", cat(w("j"), LEFTARROW, w("j"), PLUS, ETA, TIMES, ERROR, TIMES, x("j")), [], {
          label: t.weightUpdate,
        }),
        equation("rule.b", cat(mt("b"), LEFTARROW, mt("b"), PLUS, ETA, TIMES, ERROR), [], {
          label: t.biasUpdate,
        }),
        { kind: "note", id: "rule.why", text: t.why },
        {
          kind: "note",
          id: "rule.start",
          text: `${t.start}: w = (${result.initialWeights.map((v) => formatNumber(v)).join(", ")}), b = ${formatNumber(result.initialBias)}`,
        },
      ],
    },
  ];

  const limit = options.maxSteps ?? 24;
  result.trace.slice(0, limit).forEach((u, k) => {
    sections.push({
      id: `step.${k + 1}`,
      title: t.stepTitle(k + 1, u.epoch, `(${u.x.map((v) => formatNumber(v)).join(", ")})`),
      steps: stepLines(u, k + 1, eta, t.noChange, w, x),
    });
    const epochEnds = k + 1 === result.trace.length || result.trace[k + 1].epoch !== u.epoch;
    if (epochEnds) {
      const e = result.history[u.epoch - 1];
      sections.push({
        id: `epoch.${u.epoch}`,
        title: t.epochTitle(u.epoch),
        steps: [
          {
            kind: "note",
            id: `epoch.${u.epoch}.mistakes`,
            text: `${t.mistakes(e.mistakes)}: w = (${e.weights.map((v) => formatNumber(v)).join(", ")}), b = ${formatNumber(e.bias)}`,
          },
        ],
      });
    }
  });

  const outcome: Step[] = [
    {
      kind: "note",
      id: "result.outcome",
      text: result.converged ? t.converged(result.epochs) : t.notConverged(result.epochs),
    },
  ];
  if (!result.converged && options.linearlySeparable === false) {
    outcome.push({ kind: "note", id: "result.separable", text: t.notSeparable(options.gate ?? "XOR") });
  }
  sections.push({ id: "result", title: t.resultTitle, steps: outcome });

  const start = result.initialWeights.every((v) => v === 0) && result.initialBias === 0 ? t.zeros : t.random;
  return {
    kind: "explain",
    lang,
    title: t.title,
    summary: [t.summary(options.gate ?? "?", formatNumber(eta), start, stepText)],
    sections,
    omitted: result.trace.length > limit ? [t.omittedSteps(limit, result.trace.length)] : [],
    quantities: result,
  };
}

/** One presentation: z = Σ wⱼxⱼ + b with its numbers, ŷ = φ(z), t − ŷ, then the new weights and bias. */
function stepLines(
  u: PerceptronUpdate,
  k: number,
  eta: number,
  noChange: string,
  w: (j: number) => ReturnType<typeof sym>,
  x: (j: number) => ReturnType<typeof sym>,
): Step[] {
  const id = `step.${k}`;
  const products = u.weightsBefore.map((wj, j) => cat(factor(wj), TIMES, factor(u.x[j])));
  const steps: Step[] = [
    equation(`${id}.z`, mt("z"), [join([...products, factor(u.biasBefore)], PLUS)], { value: u.z }),
    equation(`${id}.y`, HAT_Y, [cat(mt("φ"), paren(num(u.z)))], { value: u.output }),
    equation(`${id}.error`, cat(mt("t"), MINUS, HAT_Y), [cat(num(u.target), MINUS, num(u.output))], {
      value: u.error,
    }),
  ];
  if (u.error === 0) {
    steps.push({ kind: "note", id: `${id}.same`, text: noChange });
    return steps;
  }
  u.weightsBefore.forEach((wj, j) => {
    steps.push(
      equation(
        `${id}.w.${j + 1}`,
        cat(w(j + 1), LEFTARROW, w(j + 1), PLUS, ETA, TIMES, ERROR, TIMES, x(j + 1)),
        [cat(num(wj), PLUS, factor(eta), TIMES, factor(u.error), TIMES, factor(u.x[j]))],
        { value: u.weightsAfter[j] },
      ),
    );
  });
  steps.push(
    equation(
      `${id}.b`,
      cat(mt("b"), LEFTARROW, mt("b"), PLUS, ETA, TIMES, ERROR),
      [cat(num(u.biasBefore), PLUS, factor(eta), TIMES, factor(u.error))],
      {
        value: u.biasAfter,
      },
    ),
  );
  return steps;
}

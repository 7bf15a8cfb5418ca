/**
 * The delta rule of note 003, derived and then applied with the numbers in: E = ½Σ(t − y)² gives
 * ∂E/∂wᵢ = −Σ xᵢ(t − y) and Δwᵢ = η·Σ xᵢ(t − y); each update writes y = w·x, t − y, every Δwᵢ and
 * wᵢ ← wᵢ + Δwᵢ (the cafeteria example: Δw = (+50, +20, +30)). The numbers are trainDeltaRule's.
 */
import { type DeltaRuleOptions, type DeltaRuleResult, trainDeltaRule } from "../classic/delta-rule.js";
import { type Lang, messages } from "../util/i18n.js";
import { type Derivation, equation, type Section, type Step } from "./derivation.js";
import { formatNumber } from "./format.js";
import {
  cat,
  factor,
  join,
  type MathText,
  MINUS,
  mt,
  num,
  PLUS,
  paren,
  supText,
  sym,
  TIMES,
} from "./math-text.js";

export interface DeltaRuleDerivationOptions extends DeltaRuleOptions {
  lang?: Lang;
  /** Updates written out (default 10); the rest are counted in `omitted`. */
  maxUpdates?: number;
}

export interface DeltaRuleDerivation extends Derivation {
  kind: "explain";
  quantities: DeltaRuleResult;
}

/** Runs the delta rule and writes its derivation and every update (up to maxUpdates) with the numbers in. */
export function explainDeltaRule(
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
  options: DeltaRuleDerivationOptions,
): DeltaRuleDerivation {
  const lang = options.lang ?? "en";
  const t = messages(lang).deltaRule;
  const result = trainDeltaRule(inputs, targets, options);
  const eta = mt("η", "\\eta");
  const sumN = mt("Σₙ ", "\\sum_{n} ");
  const xi = mt("xᵢⁿ", "x_i^{n}");
  const resid = paren(cat(mt("tⁿ", "t^{n}"), MINUS, mt("yⁿ", "y^{n}")));
  const dE = (of: MathText) => cat(mt("∂E/∂", "\\partial E/\\partial "), of);
  const eq = (id: string, label: string | undefined, lhs: MathText, forms: MathText[], value?: number) =>
    equation(id, lhs, forms, { label, value });

  const sections: Section[] = [
    {
      id: "rule",
      title: t.ruleTitle,
      steps: [
        eq("rule.y", t.neuron, mt("y"), [mt("Σᵢ wᵢxᵢ", "\\sum_i w_i x_i")]),
        eq("rule.E", t.error, mt("E"), [cat(mt("½", "\\tfrac{1}{2}"), sumN, resid, mt("²", "^2"))]),
        eq("rule.gradient", t.gradient, dE(sym("w", "i")), [
          cat(
            sumN,
            mt("∂E/∂yⁿ", "\\frac{\\partial E}{\\partial y^{n}}"),
            TIMES,
            mt("∂yⁿ/∂wᵢ", "\\frac{\\partial y^{n}}{\\partial w_i}"),
          ),
          cat(mt("−", "-"), sumN, xi, resid),
        ]),
        eq("rule.delta", t.update, cat(mt("Δ", "\\Delta "), sym("w", "i")), [
          cat(mt("−", "-"), eta, TIMES, dE(sym("w", "i"))),
          cat(eta, TIMES, sumN, xi, resid),
        ]),
        { kind: "note", id: "rule.mode", text: result.mode === "online" ? t.online : t.batch },
        eq("rule.start", t.start, mt("E"), [], result.initialError),
      ],
    },
  ];

  const limit = options.maxUpdates ?? 10;
  for (const u of result.updates.slice(0, limit)) {
    const steps: Step[] = [];
    const w = u.weightsBefore;
    u.examples.forEach((n, k) => {
      const x = inputs[n];
      const ex = u.examples.length > 1 ? `${n + 1}` : "";
      const ySym = ex ? mt(`y${sup(ex)}`, `y^{${ex}}`) : mt("y");
      steps.push(
        eq(
          `update.${u.update}.y.${n + 1}`,
          undefined,
          ySym,
          [
            join(
              w.map((wi, i) => cat(factor(wi), TIMES, factor(x[i]))),
              PLUS,
            ),
          ],
          u.predictions[k],
        ),
      );
      const tSym = ex ? mt(`t${sup(ex)}`, `t^{${ex}}`) : mt("t");
      steps.push(
        eq(
          `update.${u.update}.residual.${n + 1}`,
          undefined,
          cat(tSym, MINUS, ySym),
          [cat(num(targets[n]), MINUS, factor(u.predictions[k]))],
          u.residuals[k],
        ),
      );
    });
    const etaValue = options.learningRate;
    w.forEach((wi, i) => {
      const terms = u.examples.map((n, k) => cat(factor(inputs[n][i]), TIMES, factor(u.residuals[k])));
      const body = terms.length > 1 ? paren(join(terms, PLUS)) : terms[0];
      steps.push(
        eq(
          `update.${u.update}.delta.${i + 1}`,
          undefined,
          cat(mt("Δ", "\\Delta "), sym("w", `${i + 1}`)),
          [cat(num(etaValue), TIMES, body)],
          u.delta[i],
        ),
      );
      steps.push(
        eq(
          `update.${u.update}.w.${i + 1}`,
          undefined,
          cat(
            sym("w", `${i + 1}`),
            mt(" ← ", " \\leftarrow "),
            sym("w", `${i + 1}`),
            PLUS,
            mt("Δ", "\\Delta "),
            sym("w", `${i + 1}`),
          ),
          [cat(num(wi), PLUS, factor(u.delta[i]))],
          u.weightsAfter[i],
        ),
      );
    });
    steps.push(eq(`update.${u.update}.E`, t.errorAfter, mt("E"), [], u.errorAfter));
    sections.push({
      id: `update.${u.update}`,
      title: t.updateTitle(u.update, u.epoch, u.examples.map((n) => n + 1).join(", ")),
      steps,
    });
  }
  const omitted = result.updates.length > limit ? [t.omittedUpdates(limit, result.updates.length)] : [];
  return {
    kind: "explain",
    lang,
    title: t.title,
    summary: [
      t.summary(result.mode === "online", formatNumber(options.learningRate), result.epochs, inputs.length),
    ],
    sections,
    omitted,
    quantities: result,
  };
}

const sup = supText;

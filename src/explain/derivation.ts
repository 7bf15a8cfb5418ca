/**
 * A derivation as data: sections of steps, each with its symbol, its formula, the formula with the numbers
 * substituted and its value. `explain` (one training step of a network) and `derive` (the chain rule) build
 * one; the text, Markdown, HTML and JSON renderers only lay it out. Plain objects: JSON-safe and browser-safe.
 */
import type { Lang } from "../util/i18n.js";
import type { MathText } from "./math-text.js";

/** lhs = forms[0] = forms[1] = … = value, with an optional note (the reduction, a rule's name). */
export interface EquationStep {
  kind: "equation";
  /** A stable key for programs (the playground, the tests): "forward.z.1.1.1" is z of layer 1, row 1, unit 1. */
  id: string;
  label?: string;
  lhs: MathText;
  forms: MathText[];
  value?: number;
  note?: string;
}

/** lhs = forms… (shape), then the matrix; `value` holds the rows and columns shown, `shape` the whole. */
export interface MatrixStep {
  kind: "matrix";
  id: string;
  label?: string;
  lhs: MathText;
  forms: MathText[];
  shape: [number, number];
  value: number[][];
  note?: string;
}

/** A sentence (why a form was used, what was left out). */
export interface NoteStep {
  kind: "note";
  id: string;
  text: string;
}

export type Step = EquationStep | MatrixStep | NoteStep;

export interface Section {
  id: string;
  title: string;
  steps: Step[];
}

export interface Derivation {
  kind: "explain" | "derive";
  lang: Lang;
  title: string;
  /** Lines under the title: the setting (network, loss, reduction, N, η). */
  summary: string[];
  sections: Section[];
  /** What the derivation left out to stay readable, one sentence each. */
  omitted: string[];
}

/** An equation step; label, value and note only where given. */
export function equation(
  id: string,
  lhs: MathText,
  forms: MathText[],
  extra: { label?: string; value?: number; note?: string } = {},
): EquationStep {
  return { kind: "equation", id, label: extra.label, lhs, forms, value: extra.value, note: extra.note };
}

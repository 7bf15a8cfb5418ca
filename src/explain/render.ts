/**
 * A derivation laid out as terminal text (Unicode, aligned), Markdown with LaTeX maths (GitHub and KaTeX
 * render it) and JSON. The HTML page is render-html.ts. None of them computes anything: they only lay out
 * the steps that explain and derive built.
 */
import { messages } from "../util/i18n.js";
import type { Derivation, EquationStep, MatrixStep, Step } from "./derivation.js";
import { formatNumber } from "./format.js";
import { type MathText, texMatrix, texNumber } from "./math-text.js";

export const FORMATS = ["text", "markdown", "html", "json"] as const;
export type Format = (typeof FORMATS)[number];

/** lhs = form = form = value, in one notation. */
export function equationLine(step: EquationStep | MatrixStep, which: keyof MathText): string {
  const parts = [step.lhs[which], ...step.forms.map((f) => f[which])];
  if (step.kind === "equation" && step.value !== undefined) {
    const value = formatNumber(step.value);
    parts.push(which === "tex" ? texNumber(value) : value);
  }
  return parts.join(" = ");
}

/** The note of a matrix: its shape, and how much of it is shown. */
function matrixNote(step: MatrixStep, lang: Derivation["lang"]): string {
  const r = messages(lang).render;
  const [rows, cols] = step.shape;
  const parts = [`${rows} × ${cols}`];
  if (step.value.length < rows) parts.push(r.rowsShown(step.value.length, rows));
  if ((step.value[0]?.length ?? 0) < cols) parts.push(r.colsShown(step.value[0]?.length ?? 0, cols));
  if (step.note) parts.push(step.note);
  return parts.join("; ");
}

// ---------------------------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------------------------

const width = (s: string): number => [...s].length;

function textMatrix(value: number[][], indent: string): string[] {
  const cells = value.map((row) => row.map((v) => formatNumber(v)));
  const w = Math.max(1, ...cells.flat().map(width));
  return cells.map((row) => indent + row.map((c) => " ".repeat(w - width(c)) + c).join("  "));
}

export function renderText(d: Derivation): string {
  const out: string[] = [d.title, "=".repeat(width(d.title)), ...d.summary, ""];
  for (const section of d.sections) {
    out.push(section.title, "-".repeat(Math.min(width(section.title), 100)));
    // The equations' left-hand sides are padded to one column so that the = signs line up.
    const lhsWidth = Math.max(
      0,
      ...section.steps.filter((s) => s.kind === "equation").map((s) => width((s as EquationStep).lhs.text)),
    );
    for (const step of section.steps) out.push(...textStep(step, lhsWidth, d.lang));
    out.push("");
  }
  if (d.omitted.length > 0)
    out.push(`${messages(d.lang).render.leftOut}:`, ...d.omitted.map((o) => `  - ${o}`), "");
  return `${out.join("\n")}`;
}

function textStep(step: Step, lhsWidth: number, lang: Derivation["lang"]): string[] {
  if (step.kind === "note") return [`  ‣ ${step.text}`];
  const label = step.label ? [`  ${step.label}:`] : [];
  const indent = step.label ? "    " : "  ";
  if (step.kind === "equation") {
    const pad = lhsWidth <= 40 ? " ".repeat(Math.max(0, lhsWidth - width(step.lhs.text))) : "";
    const line = `${indent}${step.lhs.text}${pad}${equationLine({ ...step, lhs: { text: "", tex: "" } }, "text")}`;
    return [...label, step.note ? `${line}   (${step.note})` : line];
  }
  return [
    ...label,
    `${indent}${equationLine(step, "text")}   (${matrixNote(step, lang)})`,
    ...textMatrix(step.value, `${indent}    `),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown (LaTeX between $…$ and $$…$$)
// ---------------------------------------------------------------------------------------------------------------

/** The TeX of a step: the equation, or the matrix written out after its formula. */
export function stepTex(step: EquationStep | MatrixStep): string {
  if (step.kind === "equation") return equationLine(step, "tex");
  const [rows, cols] = step.shape;
  const matrix = texMatrix(step.value, {
    rows: step.value.length < rows,
    cols: (step.value[0]?.length ?? 0) < cols,
  });
  return `${equationLine(step, "tex")} = ${matrix}`;
}

export function renderMarkdown(d: Derivation): string {
  const out: string[] = [`# ${d.title}`, "", ...d.summary.map((s) => `- ${s}`), ""];
  for (const section of d.sections) {
    out.push(`## ${section.title}`, "");
    for (const step of section.steps) {
      if (step.kind === "note") {
        out.push(`> ${step.text}`, "");
        continue;
      }
      const label = step.label ? `*${step.label}:* ` : "";
      if (step.kind === "equation") {
        out.push(`- ${label}$${stepTex(step)}$${step.note ? ` (${step.note})` : ""}`);
      } else {
        out.push("", `${label}(${matrixNote(step, d.lang)})`, "", "$$", stepTex(step), "$$", "");
      }
    }
    out.push("");
  }
  if (d.omitted.length > 0)
    out.push(`## ${messages(d.lang).render.leftOut}`, "", ...d.omitted.map((o) => `- ${o}`), "");
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n")}`;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------------------------

/** The derivation as JSON: every step (text and TeX forms, values) and the `quantities` in full precision. */
export function renderJson(d: Derivation): string {
  return `${JSON.stringify(d, null, 1)}\n`;
}

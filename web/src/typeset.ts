/**
 * A derivation's steps on the page: each formula typeset by KaTeX (bundled by Vite with its fonts, no CDN) from
 * the TeX form that `retroprop explain --format markdown/html` writes, so the page shows the command's lines.
 * Every element keeps the step's id and its plain-text line (`retroprop explain`'s text form) in data
 * attributes, for tests and for copying.
 */
import "katex/dist/katex.min.css";
import katex from "katex";
import type { EquationStep, MatrixStep, Step } from "retroprop";
import { equationLine, stepTex } from "retroprop/internals";

/**
 * TeX to HTML. A formula KaTeX cannot typeset (a bug of ours: explain's TeX is tested to typeset) is shown as its
 * text form, marked with the class tex-failed, which the browser test looks for, instead of a red error box.
 */
function typeset(step: EquationStep | MatrixStep, displayMode: boolean): string {
  try {
    return katex.renderToString(stepTex(step), {
      displayMode,
      throwOnError: true,
      output: "html",
      strict: "ignore",
    });
  } catch {
    return "";
  }
}

/** One step as an element: an equation on a line, a matrix with its shape, a note as a sentence. */
export function stepElement(step: Step): HTMLElement {
  const el = document.createElement(step.kind === "note" ? "p" : "div");
  el.dataset.stepId = step.id;
  if (step.kind === "note") {
    el.className = "step-note";
    el.textContent = step.text;
    return el;
  }
  el.className = step.kind === "matrix" ? "step matrix" : "step";
  el.dataset.text = equationLine(step, "text");
  const html = typeset(step, step.kind === "matrix");
  if (html) el.innerHTML = html;
  else {
    el.textContent = el.dataset.text;
    el.classList.add("tex-failed");
  }
  if (step.kind === "matrix" || step.note) {
    const note = document.createElement("span");
    note.className = "step-shape";
    const shape = step.kind === "matrix" ? `${step.shape[0]} × ${step.shape[1]}` : "";
    note.textContent = `(${[shape, step.note].filter(Boolean).join("; ")})`;
    if (step.kind === "matrix") el.prepend(note);
    else el.append(note);
  }
  return el;
}

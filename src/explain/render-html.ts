/**
 * A derivation as one self-contained HTML page: every formula typeset by KaTeX (from npm) into HTML at build
 * time, so the page runs no script. The caller passes KaTeX's stylesheet (katex-css.ts reads it in Node with
 * its fonts inlined), so this module stays browser-safe.
 */
import katex from "katex";
import { messages } from "../util/i18n.js";
import type { Derivation, Step } from "./derivation.js";
import { stepTex } from "./render.js";

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** TeX to HTML; a formula KaTeX cannot typeset is an internal error (throwOnError), never a silent red box. */
const typeset = (tex: string, displayMode: boolean): string =>
  katex.renderToString(tex, { displayMode, throwOnError: true, output: "html", strict: "ignore" });

const PAGE_CSS = `
body { font-family: "DejaVu Sans", system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; line-height: 1.5; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #444; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #bbb; }
.summary li { margin: .1rem 0; }
.step { margin: .4rem 0 .4rem 1rem; overflow-x: auto; overflow-y: hidden; padding: .15rem 0; }
.label { color: #555; font-style: italic; margin-right: .5rem; }
.note { color: #7a4a00; margin-left: .75rem; font-size: .9rem; }
.remark { margin: .6rem 0 .6rem 1rem; padding: .3rem .6rem; border-left: 3px solid #7a4a00; background: #fbf6ee; }
.matrix .katex-display { margin: .3rem 0; text-align: left; }
.matrix .katex-display > .katex { text-align: left; }
footer { margin-top: 3rem; color: #888; font-size: .8rem; }
`;

function htmlStep(step: Step): string {
  if (step.kind === "note") return `<p class="remark">${escapeHtml(step.text)}</p>`;
  const label = step.label ? `<span class="label">${escapeHtml(step.label)}:</span>` : "";
  const note = step.note ? `<span class="note">(${escapeHtml(step.note)})</span>` : "";
  if (step.kind === "equation")
    return `<div class="step">${label}${typeset(stepTex(step), false)}${note}</div>`;
  const shape = `<span class="note">(${step.shape[0]} × ${step.shape[1]}${step.note ? `; ${escapeHtml(step.note)}` : ""})</span>`;
  return `<div class="step matrix">${label}${shape}${typeset(stepTex(step), true)}</div>`;
}

/** The page; `katexCss` is KaTeX's stylesheet with its fonts (see katexStylesheet in katex-css.ts). */
export function renderHtml(d: Derivation, katexCss: string): string {
  const r = messages(d.lang).render;
  const body = [
    `<h1>${escapeHtml(d.title)}</h1>`,
    `<ul class="summary">${d.summary.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>`,
    ...d.sections.map(
      (section) =>
        `<section id="${escapeHtml(section.id)}"><h2>${escapeHtml(section.title)}</h2>\n${section.steps.map(htmlStep).join("\n")}</section>`,
    ),
    d.omitted.length > 0
      ? `<section id="omitted"><h2>${escapeHtml(r.leftOut)}</h2><ul>${d.omitted.map((o) => `<li>${escapeHtml(o)}</li>`).join("")}</ul></section>`
      : "",
    `<footer>${escapeHtml(r.generated)}</footer>`,
  ].join("\n");
  return `<!DOCTYPE html>
<html lang="${d.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(d.title)}</title>
<style>${katexCss}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * The glass box: one neuron opened up. For the selected example (or every example of the step's batch) its
 * z, a and δ, its ∂E/∂b and each incoming ∂E/∂w as numbers, then the lines `retroprop explain --unit l,j`
 * writes for it (same text, same numbers, same language), typeset.
 */
import type { ExplainDerivation } from "retroprop";
import { formatNumber } from "retroprop/internals";
import type { Messages } from "./messages.js";
import { stepElement } from "./typeset.js";

/** Rows of the value table shown before it says how many more there are. */
const TABLE_ROWS = 8;

export const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));

function cell(tag: "td" | "th", text: string): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

function row(tag: "td" | "th", texts: string[]): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.append(...texts.map((s) => cell(tag, s)));
  return tr;
}

/**
 * The panel of unit j (1-based) of layer l (1..L), from a derivation taken with `unit: {layer: l, unit: j}`.
 * `inputNames` names the layer's inputs (x₁, x₂… for layer 1, a₁⁽ˡ⁻¹⁾… above).
 */
export function glassBox(
  d: ExplainDerivation,
  l: number,
  j: number,
  inputNames: string[],
  t: Messages,
): HTMLElement {
  const q = d.quantities;
  const layer = q.layers[l - 1];
  const panel = document.createElement("div");
  panel.className = "glass-box";
  panel.id = "glass-box";
  const title = document.createElement("h3");
  title.textContent = fill(t.glassNeuron, { j, l });
  panel.append(title);

  // z, a, δ per example of the step (rows of Z, A, Δ), then the gradients, which sum over those examples.
  const values = document.createElement("table");
  values.className = "glass-values";
  values.append(row("th", [t.glassExample, "z", "a", "δ"]));
  q.examples.slice(0, TABLE_ROWS).forEach((n, r) => {
    values.append(
      row("td", [
        String(n),
        formatNumber(layer.Z[r][j - 1]),
        formatNumber(layer.A[r][j - 1]),
        formatNumber(layer.delta[r][j - 1]),
      ]),
    );
  });
  if (q.examples.length > TABLE_ROWS)
    values.append(row("td", [fill(t.glassMoreRows, { n: q.examples.length - TABLE_ROWS }), "", "", ""]));
  const grads = document.createElement("table");
  grads.className = "glass-values";
  grads.append(row("th", ["", "∂E/∂·", "η·∂E/∂·"]));
  const eta = q.lr ?? 0;
  const sub = (n: number) => String(n).replace(/\d/g, (c) => "₀₁₂₃₄₅₆₇₈₉"[Number(c)]);
  grads.append(
    row("td", [`b${sub(j)}`, formatNumber(layer.gradB[j - 1]), formatNumber(eta * layer.gradB[j - 1])]),
  );
  layer.gradW[j - 1].forEach((g, i) => {
    grads.append(
      row("td", [`w${sub(j)}${sub(i + 1)} (${inputNames[i]})`, formatNumber(g), formatNumber(eta * g)]),
    );
  });
  const tables = document.createElement("div");
  tables.className = "glass-tables";
  tables.append(values, grads);
  panel.append(tables);

  // The derivation's lines for this unit: its equations and the notes on why, not the layer's matrices
  // (those are the matrix view's).
  const lines = document.createElement("div");
  lines.className = "derivation";
  for (const section of d.sections) {
    const steps = section.steps.filter((s) => s.kind !== "matrix");
    if (steps.length === 0) continue;
    const h = document.createElement("h4");
    h.textContent = section.title;
    lines.append(h, ...steps.map(stepElement));
  }
  panel.append(lines);
  return panel;
}

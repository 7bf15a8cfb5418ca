/**
 * The matrix view: the step's batch as the notes write it, rows = examples. For each layer Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾·W⁽ˡ⁾ᵀ + b⁽ˡ⁾,
 * A⁽ˡ⁾ = f(Z⁽ˡ⁾), Δ⁽ˡ⁾ and ∇W⁽ˡ⁾ = Δ⁽ˡ⁾ᵀ·A⁽ˡ⁻¹⁾, ∇b⁽ˡ⁾ = Σ rows of Δ⁽ˡ⁾, with their shapes: the matrix steps of
 * `retroprop explain`'s derivation (which shows at most 8 rows and columns of each, and says so).
 */
import type { ExplainDerivation, MatrixStep } from "retroprop";
import { fill } from "./glass-box.js";
import type { Messages } from "./messages.js";
import { stepElement } from "./typeset.js";

/** The derivation's ids of a layer's matrices, in the order the view shows them. */
const MATRICES = ["forward.Z", "forward.A", "backward.Delta", "backward.gradW", "backward.gradB"];

export function matrixView(d: ExplainDerivation, t: Messages): HTMLElement {
  const view = document.createElement("div");
  view.className = "matrix-view";
  view.id = "matrix-view";
  const byId = new Map<string, MatrixStep>();
  for (const section of d.sections)
    for (const step of section.steps) if (step.kind === "matrix") byId.set(step.id, step);
  d.quantities.layers.forEach((_, l) => {
    const block = document.createElement("section");
    block.className = "matrix-layer";
    const h = document.createElement("h4");
    h.textContent = fill(t.matrixLayer, { l: l + 1 });
    block.append(h);
    for (const id of MATRICES) {
      const step = byId.get(`${id}.${l + 1}`);
      if (step) block.append(stepElement(step));
    }
    view.append(block);
  });
  return view;
}

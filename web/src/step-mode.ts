/**
 * The step mode: one training step split into the stages the notes teach — forward layer by layer, the loss,
 * backward layer by layer, the update — one press per stage. A stage is a section of the derivation
 * `retroprop explain` builds (the same lines, typeset), and on the network drawing it lights up the neurons
 * and links whose values it computes, with those values written beside them: z and a forward, E at the
 * output, δ and ∂E/∂w backward, the new w and b at the update.
 */
import type { ExplainDerivation, Section } from "retroprop";
import { fill } from "./glass-box.js";
import type { Messages } from "./messages.js";
import { stepElement } from "./typeset.js";

const short = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : "–");

/** The stage's lines: its title, where it is among the stages, and the derivation's steps for it. */
export function stageView(d: ExplainDerivation, k: number, t: Messages): HTMLElement {
  const view = document.createElement("div");
  view.className = "stage";
  view.id = "stage";
  if (k < 0) {
    // Before the first stage: how to go on, and what the derivation leaves out (a layer of more than four
    // units is shown by its matrices only, as `retroprop explain` does).
    const start = document.createElement("p");
    start.textContent = t.stepStart;
    view.append(start);
    for (const sentence of d.omitted) {
      const note = document.createElement("p");
      note.className = "step-note";
      note.textContent = sentence;
      view.append(note);
    }
    return view;
  }
  const section = d.sections[k];
  view.dataset.stage = section.id;
  const h = document.createElement("h3");
  h.textContent = `${fill(t.stepStage, { k: k + 1, n: d.sections.length })}: ${section.title}`;
  view.append(h, ...section.steps.map(stepElement));
  if (section.id === "update") {
    const note = document.createElement("p");
    note.className = "step-note";
    note.textContent = t.stepUpdateNote;
    view.append(note);
  }
  return view;
}

/** A neuron's values ("layer:unit"), or a link ("l:j:i", l the weight's layer − 1) and what it is drawn by. */
type Mark = { neuron: string; label: string } | { link: string; label: string; drawnBy?: number };

/** What a stage computes, placed on the drawing: neurons "layer:unit", links "l:j:i" (l the weight's layer − 1). */
function marks(d: ExplainDerivation, section: Section): Mark[] {
  const q = d.quantities;
  const L = q.layers.length;
  const [kind, which] = section.id.split(".");
  const out: Mark[] = [];
  const links = (l: number, label: (j: number, i: number) => string, drawnBy?: number[][]) => {
    q.layers[l - 1].W.forEach((row, j) =>
      row.forEach((_, i) =>
        out.push({ link: `${l - 1}:${j}:${i}`, label: label(j, i), drawnBy: drawnBy?.[j][i] }),
      ),
    );
  };
  if (kind === "forward") {
    const l = Number(which);
    const layer = q.layers[l - 1];
    layer.Z[0].forEach((z, j) =>
      out.push({ neuron: `${l}:${j}`, label: `z ${short(z)}\na ${short(layer.A[0][j])}` }),
    );
    links(l, (j, i) => `w = ${layer.W[j][i]}`);
  } else if (kind === "loss") {
    q.Yhat[0].forEach((yh, k) =>
      out.push({
        neuron: `${L}:${k}`,
        label: `ŷ ${short(yh)} y ${short(q.Y[0][k])}${k === 0 ? `\nE ${short(q.E)}` : ""}`,
      }),
    );
  } else if (kind === "backward") {
    const l = Number(which);
    const layer = q.layers[l - 1];
    layer.delta[0].forEach((delta, j) =>
      out.push({ neuron: `${l}:${j}`, label: `δ ${short(delta)}\n∂E/∂b ${short(layer.gradB[j])}` }),
    );
    links(l, (j, i) => `∂E/∂w = ${layer.gradW[j][i]}`, layer.gradW);
  } else if (kind === "update") {
    q.layers.forEach((layer, l) => {
      layer.newB?.forEach((b, j) => out.push({ neuron: `${l + 1}:${j}`, label: `b ← ${short(b)}` }));
      links(l + 1, (j, i) => `w ← ${layer.newW?.[j][i]}`, layer.newW ?? undefined);
    });
  }
  return out;
}

/** What a link looked like before a stage restyled it, kept on the element to be put back. */
const LINK_LOOK = ["stroke", "stroke-width", "aria-label"] as const;

/** Clears the drawing's stage marks. */
export function clearStage(): void {
  for (const el of document.querySelectorAll<HTMLElement | SVGElement>(".stage-on")) {
    el.classList.remove("stage-on");
    if (el.dataset.look === undefined) continue;
    const look = JSON.parse(el.dataset.look) as string[];
    LINK_LOOK.forEach((name, k) => el.setAttribute(name, look[k]));
    const title = el.querySelector("title");
    if (title) title.textContent = look[2];
    delete el.dataset.look;
  }
  document.querySelector(".stage-labels")?.remove();
}

/**
 * Lights the stage's neurons and links and writes their values beside them (for the first example of the
 * step: the selected one, or example 1 of the batch; ∂E/∂w sums over the batch). Called again after every
 * redraw of the links, which replaces them.
 */
export function markStage(d: ExplainDerivation, k: number): void {
  clearStage();
  if (k < 0 || k >= d.sections.length) return;
  const svg = document.querySelector<SVGSVGElement>("svg.links");
  const wrapper = svg?.parentElement;
  if (!svg || !wrapper) return;
  const box = wrapper.getBoundingClientRect();
  const labels = document.createElement("div");
  labels.className = "stage-labels";
  labels.setAttribute("aria-hidden", "true");
  const place = (text: string, x: number, y: number, cls: string) => {
    const el = document.createElement("span");
    el.className = cls;
    el.textContent = text;
    el.style.left = `${x}px`;
    el.style.top = `${y}px`;
    labels.append(el);
  };
  const all = marks(d, d.sections[k]);
  // Links drawn by a quantity (∂E/∂w backward, the new w at the update): as wide as it is large against the
  // largest of the stage, blue positive, orange negative, as the weights are drawn.
  const top = Math.max(1e-300, ...all.map((m) => ("drawnBy" in m ? Math.abs(m.drawnBy ?? 0) : 0)));
  for (const m of all) {
    if ("neuron" in m) {
      const el = document.querySelector(`[data-neuron="${m.neuron}"]`);
      if (!el) continue;
      el.classList.add("stage-on");
      const r = el.getBoundingClientRect();
      place(m.label, r.left + r.width / 2 - box.left, r.bottom - box.top, "stage-label");
      continue;
    }
    const path = svg.querySelector<SVGPathElement>(`[data-link="${m.link}"]`);
    if (!path) continue;
    path.classList.add("stage-on");
    path.dataset.look = JSON.stringify(LINK_LOOK.map((name) => path.getAttribute(name) ?? ""));
    // The value on the link itself, for hover and screen readers.
    const label = `${path.getAttribute("aria-label")} · ${m.label}`;
    path.setAttribute("aria-label", label);
    const title = path.querySelector("title");
    if (title) title.textContent = label;
    if (m.drawnBy !== undefined) {
      path.setAttribute("stroke", m.drawnBy >= 0 ? "#0877bd" : "#f59322");
      path.setAttribute("stroke-width", String(1 + (7 * Math.abs(m.drawnBy)) / top));
    }
  }
  wrapper.append(labels);
}

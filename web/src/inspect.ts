/**
 * The section under the network that looks inside one training step: the example selector (one example of the
 * step's batch, or the whole batch), the glass box (a neuron opened up), the step mode and the matrix view. It
 * asks the worker for derivations (explain's, from the current weights) and redraws when they come back;
 * main.ts only mounts it and passes it the worker's messages.
 */
import type { ExplainDerivation } from "retroprop";
import { FEATURE_LABELS } from "./features.js";
import { fill, glassBox } from "./glass-box.js";
import type { GlassSelection } from "./glass-data.js";
import { matrixView } from "./matrix-view.js";
import type { Messages } from "./messages.js";
import type { FromWorker, Snapshot, ToWorker } from "./protocol.js";
import type { PlaygroundState } from "./state.js";
import { clearStage, markStage, stageView } from "./step-mode.js";

export interface InspectContext {
  send(m: ToWorker): void;
  state(): Readonly<PlaygroundState>;
  messages(): Messages;
}

/** While the network plays, the open views follow it at most this often. */
const PLAYING_REFRESH_MS = 1000;

let ctx: InspectContext | undefined;
let example: number | null = null;
let batch = 0;
let glassOn = false;
let stepOn = false;
let matrixOn = false;
let neuron: { layer: number; unit: number } | null = null;
/** The step's derivation (every unit) and the open neuron's (its unit only). */
let full: ExplainDerivation | undefined;
let unit: ExplainDerivation | undefined;
/** -1 before the first stage; else an index into full.sections. */
let stage = -1;
let nextId = 1;
const pending = { full: 0, unit: 0 };
let resetOnArrival = false;
let weightsSeen = "";
let lastRequest = 0;

const root = document.createElement("section");
root.className = "inspect";
root.id = "inspect";

const selection = (forUnit: boolean): GlassSelection => ({
  example,
  unit: forUnit ? neuron : null,
  lang: ctx?.state().lang ?? "en",
});

/** Asks for the derivations the open views need; `reset`: the weights or the examples changed. */
function request(reset: boolean): void {
  if (!ctx) return;
  lastRequest = performance.now();
  if (reset) resetOnArrival = true;
  pending.full = nextId++;
  ctx.send({ type: "explain", id: pending.full, selection: selection(false) });
  if (neuron) {
    pending.unit = nextId++;
    ctx.send({ type: "explain", id: pending.unit, selection: selection(true) });
  }
}

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

function toggle(id: string, label: string, on: boolean, set: (v: boolean) => void): HTMLLabelElement {
  const box = h("input", { id, type: "checkbox" });
  box.checked = on;
  box.addEventListener("change", () => {
    set(box.checked);
    draw();
  });
  return h("label", { for: id, class: "toggle" }, box, label);
}

const sub = (n: number) => String(n).replace(/\d/g, (c) => "₀₁₂₃₄₅₆₇₈₉"[Number(c)]);
const sup = (n: number) => String(n).replace(/\d/g, (c) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(c)]);

/** The names of layer l's inputs: the features for layer 1, a₁⁽ˡ⁻¹⁾… above. */
function inputNames(l: number): string[] {
  const s = ctx?.state();
  if (!s) return [];
  if (l === 1) return s.features.map((f) => FEATURE_LABELS[f]);
  return Array.from({ length: s.hidden[l - 2] }, (_, i) => `a${sub(i + 1)}${`⁽${sup(l - 1)}⁾`}`);
}

/** Rebuilds the section's contents from what is known now. */
function draw(): void {
  if (!ctx) return;
  const t = ctx.messages();
  const pick = h("select", { id: "glass-example" });
  pick.append(h("option", { value: "" }, fill(t.glassWholeBatch, { n: batch })));
  for (let n = 1; n <= batch; n++)
    pick.append(h("option", { value: String(n) }, fill(t.glassExampleN, { n })));
  pick.value = example === null ? "" : String(example);
  pick.addEventListener("change", () => {
    example = pick.value === "" ? null : Number(pick.value);
    request(true);
  });
  const slots: HTMLElement[] = [];
  if (glassOn) {
    if (neuron && unit) {
      const close = h("button", { type: "button", id: "glass-close" }, t.glassClose);
      close.addEventListener("click", () => {
        neuron = null;
        unit = undefined;
        draw();
      });
      const box = glassBox(unit, neuron.layer, neuron.unit, inputNames(neuron.layer), t);
      box.querySelector("h3")?.append(" ", close);
      slots.push(box);
    } else slots.push(h("p", { class: "note", id: "glass-hint" }, t.glassHint));
  }
  if (stepOn && full) {
    const last = stage === full.sections.length - 1;
    const next = h("button", { type: "button", id: "stage-next" }, last ? t.stepApply : t.stepNext);
    next.addEventListener("click", advance);
    slots.push(h("div", { class: "step-mode", id: "step-mode" }, next, stageView(full, stage, t)));
  }
  if (matrixOn && full) slots.push(h("p", { class: "note" }, t.matrixHint), matrixView(full, t));
  root.replaceChildren(
    h("h2", {}, t.inspectTitle),
    h(
      "div",
      { class: "inspect-bar" },
      h("label", { for: "glass-example" }, t.glassExamples, pick),
      toggle("glass-toggle", t.glassToggle, glassOn, (v) => void (glassOn = v)),
      toggle("step-toggle", t.stepToggle, stepOn, (v) => {
        stepOn = v;
        stage = -1;
      }),
      toggle("matrix-toggle", t.matrixToggle, matrixOn, (v) => void (matrixOn = v)),
    ),
    h("p", { class: "note" }, fill(t.glassBatchNote, { n: batch })),
    ...slots,
  );
  markDrawing();
}

/** The network drawing's marks: the glass box's neuron, and the stage's neurons, links and values. */
function markDrawing(): void {
  for (const el of document.querySelectorAll(".glass-open")) el.classList.remove("glass-open");
  if (glassOn && neuron)
    document.querySelector(`[data-neuron="${neuron.layer}:${neuron.unit - 1}"]`)?.classList.add("glass-open");
  if (stepOn && full) markStage(full, stage);
  else clearStage();
}

/** One press of the step mode: the next stage, or after the update's stage, the update carried out. */
function advance(): void {
  if (!full || !ctx) return;
  if (stage === full.sections.length - 1) {
    ctx.send({ type: "descend", selection: selection(false) });
    return;
  }
  stage++;
  draw();
  document.getElementById("stage-next")?.focus();
}

/** Opens neuron `key` ("layer:unit", 0-based unit) in the glass box. */
function open(key: string): void {
  const [layer, j] = key.split(":").map(Number);
  neuron = { layer, unit: j + 1 };
  unit = undefined;
  request(false);
}

// With the glass box on, a click on a hidden or output neuron (or Enter on it) opens it instead of its bias
// editor: caught on the way down, before the neuron's own handler.
document.addEventListener(
  "click",
  (e) => {
    if (!glassOn) return;
    const el = (e.target as Element | null)?.closest<HTMLElement>("[data-neuron]");
    const key = el?.dataset.neuron;
    if (!key || !/^[1-9]\d*:\d+$/.test(key)) return;
    e.stopPropagation();
    open(key);
  },
  true,
);

/** The section, mounted again by every render of the page (the language may have changed). */
export function inspectSection(context: InspectContext): HTMLElement {
  const languageChanged = ctx !== undefined && full !== undefined && full.lang !== context.state().lang;
  ctx = context;
  draw();
  if (languageChanged) request(false);
  // The page is being rebuilt: its new network is drawn once this section is in place.
  queueMicrotask(markDrawing);
  return root;
}

/** A new run: nothing of the old network's derivations or selection applies. */
export function inspectReset(): void {
  full = undefined;
  unit = undefined;
  neuron = null;
  example = null;
  stage = -1;
  weightsSeen = "";
}

/** Every snapshot: new weights mean new derivations (at most once a second while playing). */
export function inspectSnapshot(s: Snapshot): void {
  const weights = [...s.weights, ...s.biases].map((w) => w.join(",")).join(";");
  const changed = weights !== weightsSeen;
  weightsSeen = weights;
  if (changed && (!s.playing || performance.now() - lastRequest > PLAYING_REFRESH_MS)) request(true);
  else if (!changed && full === undefined) request(true);
  // The links were redrawn: the stage's marks go on again.
  markDrawing();
}

export function inspectMessage(m: Extract<FromWorker, { type: "explained" }>): void {
  batch = m.batch;
  if (example !== null && example > batch) example = null;
  if (m.id === pending.full) {
    pending.full = 0;
    full = m.derivation;
    if (resetOnArrival) stage = -1;
    resetOnArrival = false;
  } else if (m.id === pending.unit) {
    pending.unit = 0;
    unit = m.derivation;
  } else return;
  draw();
}

/** Read-only view for the tests: the step's derivation, the open neuron's, and the stage. */
Object.defineProperty(window, "__glass", {
  value: Object.freeze({
    derivation: () => (full ? JSON.parse(JSON.stringify(full)) : undefined),
    unit: () => (unit ? JSON.parse(JSON.stringify(unit)) : undefined),
    stage: () => (full && stage >= 0 ? full.sections[stage].id : null),
    /** No derivation asked for is still on its way. */
    settled: () => pending.full === 0 && pending.unit === 0,
  }),
});

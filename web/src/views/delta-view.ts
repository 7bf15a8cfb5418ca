/**
 * The delta rule on note 003's cafeteria: a linear neuron y = w·x prices a week's coffees, juices and toasts
 * from the bill t; each update moves the estimates by Δwᵢ = η·xᵢ·(t − y) (online) or η·Σₙ xᵢⁿ(tⁿ − yⁿ) (batch).
 * The data are the repository's examples/cafeteria files, the numbers the library's explainDeltaRule (the
 * same derivation `retroprop delta-rule --explain` prints, in the page's language), and every update is a row.
 */
import { type DeltaRuleMode, explainDeltaRule, renderText } from "retroprop";
import { formatNumber } from "retroprop/internals";
import weekTargets from "../../../examples/cafeteria/t.json";
import weeksTargets from "../../../examples/cafeteria/weeks-t.json";
import weeksInputs from "../../../examples/cafeteria/weeks-x.json";
import weekInputs from "../../../examples/cafeteria/x.json";
import { h } from "../dom.js";
import type { Messages } from "../messages.js";
import type { Language } from "../state.js";
import { setViewParams, viewParams } from "./router.js";

/** Note 003's start: every price guessed at 50 cents, η = 1/35 (the first update is then Δw = (50, 20, 30)). */
const DEFAULTS = {
  weeks: "1",
  deltaMode: "online",
  deltaLr: "1/35",
  deltaEpochs: "1",
  deltaW: "50,50,50",
} as const;
const MAX_EPOCHS = 200;

const n = (v: number) => formatNumber(v, 6);
const vec = (v: readonly number[]) => `(${v.map(n).join(", ")})`;

/** A positive number or a fraction a/b, as `retroprop delta-rule --lr` takes it; undefined when it is neither. */
function rate(text: string): number | undefined {
  const m = /^\s*([0-9.eE+-]+)\s*(?:\/\s*([0-9.eE+-]+)\s*)?$/.exec(text);
  const v = m ? Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2])) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

export function mount(t: Messages, lang: Language): HTMLElement {
  const p = viewParams();
  const get = (k: keyof typeof DEFAULTS) => p.get(k) ?? DEFAULTS[k];
  const root = h("div", { class: "delta-view" });
  const field = (key: keyof typeof DEFAULTS, label: string, hint = "") => {
    const input = h("input", {
      id: `delta-${key}`,
      type: "text",
      value: get(key),
      size: 10,
      spellcheck: false,
    });
    input.addEventListener("change", () => {
      setViewParams({ [key]: input.value.trim() });
      root.replaceWith(mount(t, lang));
      document.getElementById(`delta-${key}`)?.focus();
    });
    return h("label", { for: `delta-${key}`, title: hint }, label, input);
  };
  const choice = (key: "weeks" | "deltaMode", label: string, options: [string, string][]) => {
    const sel = h("select", { id: `delta-${key}` });
    for (const [value, text] of options) {
      const o = h("option", { value }, text);
      if (value === get(key)) o.selected = true;
      sel.append(o);
    }
    sel.addEventListener("change", () => {
      setViewParams({ [key]: options[sel.selectedIndex][0] });
      root.replaceWith(mount(t, lang));
      document.getElementById(`delta-${key}`)?.focus();
    });
    return h("label", { for: `delta-${key}` }, label, sel);
  };
  root.append(
    h("h2", {}, t.viewDelta),
    h("p", { class: "note" }, t.deltaHint),
    h(
      "div",
      { class: "view-controls" },
      choice("weeks", t.deltaData, [
        ["1", t.deltaOneWeek],
        ["4", t.deltaFourWeeks],
      ]),
      choice("deltaMode", t.batchMode, [
        ["online", t.online],
        ["batch", t.batch],
      ]),
      field("deltaLr", t.learningRate),
      field("deltaEpochs", t.deltaEpochs),
      field("deltaW", t.deltaStart),
    ),
  );
  const status = h("p", { id: "delta-status", class: "note", role: "status" });
  root.append(status);
  try {
    const inputs = get("weeks") === "4" ? weeksInputs : weekInputs;
    const targets = get("weeks") === "4" ? weeksTargets : weekTargets;
    const eta = rate(get("deltaLr"));
    if (eta === undefined) throw new Error(`${t.learningRate}: "${get("deltaLr")}" ${t.deltaNotPositive}`);
    const epochs = Number(get("deltaEpochs"));
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_EPOCHS)
      throw new Error(`${t.deltaEpochs}: "${get("deltaEpochs")}" ${t.deltaNotEpochs} ${MAX_EPOCHS}`);
    const start = get("deltaW")
      .split(",")
      .map((v) => (v.trim() === "" ? Number.NaN : Number(v)));
    if (start.length !== inputs[0].length || !start.every(Number.isFinite))
      throw new Error(`${t.deltaStart}: "${get("deltaW")}" ${t.deltaNotWeights} ${inputs[0].length}`);
    const derivation = explainDeltaRule(inputs, targets, {
      learningRate: eta,
      epochs,
      mode: get("deltaMode") === "batch" ? "batch" : ("online" satisfies DeltaRuleMode),
      initialWeights: start,
      lang,
    });
    const r = derivation.quantities;
    const header = [t.deltaUpdateCol, t.epoch, t.deltaExamples, "y = w·x", "t − y", "Δw", "w", "E"];
    root.append(
      h(
        "p",
        { class: "note" },
        `x = ${inputs.map((row) => vec(row)).join(", ")}; t = ${vec(targets)}; E₀ = ${n(r.initialError)}`,
      ),
      h(
        "table",
        { class: "report delta-updates" },
        h("caption", {}, t.deltaUpdates),
        h("thead", {}, h("tr", {}, ...header.map((c) => h("th", { scope: "col" }, c)))),
        h(
          "tbody",
          {},
          ...r.updates.map((u) =>
            h(
              "tr",
              { "data-update": u.update },
              ...[
                String(u.update),
                String(u.epoch),
                u.examples.map((e) => e + 1).join(", "),
                u.predictions.map(n).join(", "),
                u.residuals.map(n).join(", "),
                vec(u.delta),
                vec(u.weightsAfter),
                n(u.errorAfter),
              ].map((c, k) =>
                h(
                  "td",
                  { "data-col": ["update", "epoch", "examples", "y", "residual", "delta", "w", "E"][k] },
                  c,
                ),
              ),
            ),
          ),
        ),
      ),
      h(
        "details",
        { open: r.updates.length <= 4 },
        h("summary", {}, t.deltaDerivation),
        h("pre", { class: "derivation" }, renderText(derivation)),
      ),
    );
  } catch (err) {
    status.textContent = err instanceof Error ? err.message : String(err);
    status.classList.add("error");
  }
  return root;
}

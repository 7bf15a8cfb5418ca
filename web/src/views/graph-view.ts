/**
 * The computational-graph view: type an expression and the variables' values, see its circuit as
 * `retroprop graph` draws it (the library's graphToSvg: Graphviz in WebAssembly, forward values in green above
 * each wire, gradients in red below), f and ∂f/∂v for every variable, and the report `graph --format json`
 * prints, node by node (and wire by wire where the report lists its edges).
 */
import { graphToSvg, RetropropError } from "retroprop";
import { errorText, formatNumber, messages } from "retroprop/internals";
// Node-free once node:module is mapped to ./mathjs-require.ts (vite.config.mjs); not in the browser entry,
// which keeps mathjs out of every bundle that does not ask for expressions.
import { evaluateExpression, parseExpression } from "../../../dist/src/explain/expression.js";
import { graphReport, graphTitle } from "../../../dist/src/explain/graph-report.js";
import { h } from "../dom.js";
import type { Messages } from "../messages.js";
import type { Language } from "../state.js";
import { setViewParams, viewParams } from "./router.js";

/** Note 001's first circuit, at the note's values. */
const DEFAULT_EXPRESSION = "(x + y) * z";
const DEFAULT_VALUES: Readonly<Record<string, number>> = { x: -2, y: 5, z: -4 };

/** A value of the report for a table cell: numbers as `retroprop graph` prints them, the rest as JSON. */
function cell(v: unknown): string {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") return v;
  return v === null || v === undefined ? "" : JSON.stringify(v);
}

/** A table of plain objects: one column per key of the first row. */
function table(
  rows: readonly Record<string, unknown>[],
  caption: string,
  className: string,
): HTMLTableElement {
  const keys = Object.keys(rows[0] ?? {});
  return h(
    "table",
    { class: `report ${className}` },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...keys.map((k) => h("th", { scope: "col" }, k)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...keys.map((k) => h("td", {}, cell(r[k])))))),
  );
}

export function mount(t: Messages, lang: Language): HTMLElement {
  // The rules' names in the page's language, from the library's catalogue (as `retroprop graph --lang` prints them).
  const ruleName = messages(lang).graphReport.rule;
  const p = viewParams();
  const expr = h("input", {
    id: "graph-expr",
    type: "text",
    spellcheck: false,
    autocomplete: "off",
    value: p.get("expr") ?? DEFAULT_EXPRESSION,
  });
  const values = h("div", { class: "graph-values" });
  const result = h("div", { class: "graph-result", "aria-live": "polite" });
  const status = h("p", { id: "graph-status", class: "note", role: "status" });
  // The values typed so far, kept when the expression changes (a variable that comes back keeps its value).
  const known: Record<string, number> = { ...DEFAULT_VALUES };
  for (const [k, v] of p)
    if (k.startsWith("at.") && Number.isFinite(Number(v)) && v.trim() !== "") known[k.slice(3)] = Number(v);
  let run = 0;

  const compute = async (): Promise<void> => {
    const mine = ++run;
    const text = expr.value;
    status.textContent = "";
    status.classList.remove("error");
    try {
      const parsed = parseExpression(text);
      // One field per variable, in order of first appearance; rebuilt only when the variables change.
      const names = parsed.variables;
      const shown = [...values.querySelectorAll<HTMLInputElement>("input")].map((i) => i.dataset.variable);
      if (shown.join(",") !== names.join(",")) {
        values.replaceChildren(
          ...names.map((name) => {
            const input = h("input", {
              type: "number",
              step: "any",
              id: `graph-at-${name}`,
              value: known[name] ?? 1,
            });
            input.dataset.variable = name;
            input.addEventListener("input", () => void compute());
            return h("label", { for: `graph-at-${name}` }, name, input);
          }),
        );
      }
      const at: Record<string, number> = {};
      for (const input of values.querySelectorAll<HTMLInputElement>("input")) {
        const name = input.dataset.variable as string;
        if (input.value.trim() === "" || !Number.isFinite(Number(input.value)))
          throw new Error(`${t.graphBadValue} ${name}: "${input.value}"`);
        at[name] = known[name] = Number(input.value);
      }
      setViewParams({
        expr: text,
        ...Object.fromEntries(
          [...viewParams().keys()].filter((k) => k.startsWith("at.")).map((k) => [k, null]),
        ),
        ...Object.fromEntries(names.map((n) => [`at.${n}`, String(at[n])])),
      });
      const evaluated = evaluateExpression(parsed, at);
      const report = graphReport(evaluated);
      const svgText = await graphToSvg(evaluated.output, {
        title: graphTitle(text, evaluated),
        words: messages(lang).graphReport,
      });
      if (mine !== run) return; // a newer expression was typed meanwhile
      const svg = new DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", graphTitle(text, evaluated));
      const gradients = h(
        "dl",
        { class: "graph-gradients" },
        h("dt", {}, "f"),
        h("dd", { "data-value": "f" }, formatNumber(report.value)),
        ...Object.entries(report.gradients).flatMap(([name, g]) => [
          h("dt", {}, `∂f/∂${name}`),
          h("dd", { "data-gradient": name }, formatNumber(g)),
        ]),
      );
      const nodes = report.nodes.map((n) => ({
        [t.graphNode]: n.id,
        [t.graphOp]: n.op,
        [t.graphInputs]: n.inputs.join(", "),
        [t.graphValue]: n.value,
        [t.graphGradient]: n.grad,
        [t.graphExpression]: n.label ?? "",
      }));
      result.replaceChildren(
        h("div", { class: "graph-svg" }, document.importNode(svg, true)),
        gradients,
        table(nodes, t.graphNodes, "graph-nodes"),
        // The wires with their local and upstream gradients, where the library's report lists them.
        ...(Array.isArray(report.edges) && report.edges.length > 0
          ? [
              table(
                report.edges.map((e) => ({
                  [t.graphWire]: `${e.from} → ${e.to}`,
                  [t.graphRule]: ruleName(e.rule),
                  [t.graphLocal]: `${e.formula} = ${typeof e.local === "number" ? formatNumber(e.local) : JSON.stringify(e.local)}`,
                  [t.graphUpstream]: e.upstream,
                  [t.graphProduct]: e.product,
                })),
                t.graphEdges,
                "graph-edges",
              ),
            ]
          : []),
      );
    } catch (err) {
      if (mine !== run) return;
      // A bad expression in the page's language, as `retroprop graph --lang` says it.
      const M = messages(lang);
      status.textContent =
        err instanceof RetropropError ? errorText(err, M) : err instanceof Error ? err.message : String(err);
      status.classList.add("error");
    }
  };
  expr.addEventListener("input", () => void compute());
  void compute();
  return h(
    "div",
    { class: "graph-view" },
    h("h2", {}, t.viewGraph),
    h("p", { class: "note" }, t.graphHint),
    h("label", { for: "graph-expr", class: "graph-expr" }, t.graphExpressionLabel, expr),
    values,
    status,
    result,
  );
}

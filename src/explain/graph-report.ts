/**
 * An evaluated expression's graph as `retroprop graph` shows it: the text table of nodes (operation, inputs,
 * value, gradient ∂f/∂node, sub-expression) with f and ∂f/∂v for every variable, the JSON report, or the
 * circuit drawn as DOT or SVG.
 */
import type { NestedArray } from "../tensor/ndarray.js";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { graphToDot, graphToSvg } from "./dot.js";
import type { ExpressionResult } from "./expression.js";
import { formatNumber } from "./format.js";
import type { GraphNode } from "./graph.js";

/** The forms renderGraph writes (PNG is the SVG rasterised, Node only: viz/render's svgToPng). */
export type GraphRendering = "text" | "json" | "dot" | "svg";

/** What `graph --format json` prints. */
export interface GraphReport {
  value: number;
  gradients: Record<string, number>;
  nodes: GraphNode[];
}

/** The evaluated expression in one of the forms; `values` are the variables' values it was evaluated at. */
export async function renderGraph(
  expression: string,
  values: Readonly<Record<string, number>>,
  result: ExpressionResult,
  format: GraphRendering,
  M: Messages = en,
): Promise<string> {
  switch (format) {
    case "text":
      return graphText(expression, values, result, M);
    case "json":
      return `${JSON.stringify(graphReport(result))}\n`;
    case "dot":
      return graphToDot(result.output, { title: graphTitle(expression, result) });
    case "svg":
      return graphToSvg(result.output, { title: graphTitle(expression, result) });
  }
}

/** The object `graph --format json` prints. */
export function graphReport(result: ExpressionResult): GraphReport {
  return { value: result.value, gradients: result.gradients, nodes: result.nodes };
}

/** "f(x, y) = expression": the first line of the text and the pictures' title. */
export function graphTitle(expression: string, result: ExpressionResult): string {
  const vars = result.variables.length > 0 ? `(${result.variables.join(", ")})` : "";
  return `f${vars} = ${expression.trim()}`;
}

function cell(v: NestedArray | null): string {
  if (v === null) return "";
  if (typeof v === "number") return formatNumber(v);
  return JSON.stringify(v);
}

/** The text report: a table of nodes, then f and ∂f/∂v for every variable. */
export function graphText(
  expression: string,
  values: Readonly<Record<string, number>>,
  result: ExpressionResult,
  M: Messages = en,
): string {
  const out: string[] = [graphTitle(expression, result)];
  if (result.variables.length > 0) {
    out.push(M.graphReport.at(result.variables.map((v) => `${v} = ${formatNumber(values[v])}`).join(", ")));
  }
  out.push("");
  const header = [...M.graphReport.header];
  const rows = result.nodes.map((n) => [
    String(n.id),
    n.op,
    n.inputs.join(", "),
    cell(n.value),
    cell(n.grad),
    n.label ?? "",
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const right = [true, false, false, true, true, false];
  const line = (r: string[]): string =>
    r
      .map((c, j) => (j === r.length - 1 ? c : right[j] ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join("  ")
      .trimEnd();
  out.push(line(header));
  for (const r of rows) out.push(line(r));
  out.push("");
  out.push(`f = ${formatNumber(result.value)}`);
  for (const [name, g] of Object.entries(result.gradients)) out.push(`∂f/∂${name} = ${formatNumber(g)}`);
  return `${out.join("\n")}\n`;
}

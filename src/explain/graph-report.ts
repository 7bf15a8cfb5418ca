/**
 * An evaluated expression's graph as `retroprop graph` shows it: the text table of nodes (operation, inputs,
 * value, gradient ∂f/∂node, sub-expression), every wire's local gradient × gradient from above (graph-edges),
 * f and ∂f/∂v for every variable, the JSON report, or the circuit drawn as DOT or SVG.
 */
import type { NestedArray } from "../tensor/ndarray.js";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { graphToDot, graphToSvg } from "./dot.js";
import type { ExpressionResult, TensorExpressionResult, VariableValue } from "./expression.js";
import { formatNumber } from "./format.js";
import type { GraphNode } from "./graph.js";
import {
  type GraphBranch,
  type GraphEdge,
  type GraphEdges,
  graphEdges,
  jacobianShapeText,
} from "./graph-edges.js";

/** The forms renderGraph writes (PNG is the SVG rasterised, Node only: viz/render's svgToPng). */
export type GraphRendering = "text" | "json" | "dot" | "svg";

/** What `graph --format json` prints. */
export interface GraphReport {
  /** f: a number, or nested arrays when f is a vector or matrix. */
  value: NestedArray;
  /** f's shape ([] for a number). */
  shape: number[];
  /** ∂f/∂v: gradients of v's shape for a number f; Jacobians (f's shape, then v's) otherwise. */
  gradients: Record<string, NestedArray>;
  nodes: GraphNode[];
  /** Every wire: local gradient, gradient from above, their product, the rule. */
  edges: GraphEdge[];
  /** Operands used more than once, whose gradient is the sum of their wires' (branches add). */
  branches: GraphBranch[];
}

/** The evaluated expression in one of the forms; `values` are the variables' values it was evaluated at. */
export async function renderGraph(
  expression: string,
  values: Readonly<Record<string, VariableValue>>,
  result: TensorExpressionResult,
  format: GraphRendering,
  M: Messages = en,
): Promise<string> {
  switch (format) {
    case "text":
      return graphText(expression, values, result, M);
    case "json":
      return `${JSON.stringify(graphReport(result))}\n`;
    case "dot":
      return graphToDot(result.output, { title: graphTitle(expression, result), words: M.graphReport });
    case "svg":
      return graphToSvg(result.output, { title: graphTitle(expression, result), words: M.graphReport });
  }
}

/** The report of an expression of numbers: f and every gradient are numbers. */
export interface ScalarGraphReport extends GraphReport {
  value: number;
  gradients: Record<string, number>;
}

/** The object `graph --format json` prints. */
export function graphReport(result: ExpressionResult, edges?: GraphEdges): ScalarGraphReport;
export function graphReport(result: TensorExpressionResult, edges?: GraphEdges): GraphReport;
export function graphReport(result: TensorExpressionResult, edges = graphEdges(result)): GraphReport {
  return {
    value: result.value,
    shape: result.shape,
    gradients: result.gradients,
    nodes: result.nodes,
    edges: edges.edges,
    branches: edges.branches,
  };
}

/** "f(x, y) = expression": the first line of the text and the pictures' title. */
export function graphTitle(expression: string, result: TensorExpressionResult): string {
  const vars = result.variables.length > 0 ? `(${result.variables.join(", ")})` : "";
  return `f${vars} = ${expression.trim()}`;
}

function cell(v: NestedArray | null): string {
  if (v === null) return "";
  if (typeof v === "number") return formatNumber(v);
  return JSON.stringify(v);
}

/** The text report: a table of nodes, every wire's local × upstream, then f and ∂f/∂v for every variable. */
export function graphText(
  expression: string,
  values: Readonly<Record<string, VariableValue>>,
  result: TensorExpressionResult,
  M: Messages = en,
): string {
  const out: string[] = [graphTitle(expression, result)];
  if (result.variables.length > 0) {
    out.push(M.graphReport.at(result.variables.map((v) => `${v} = ${cell(values[v])}`).join(", ")));
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
  out.push("", ...edgeText(result, graphEdges(result), M), "");
  out.push(`f = ${cell(result.value)}`);
  const jacobian = result.shape.length > 0;
  for (const [name, g] of Object.entries(result.gradients)) {
    const node = result.nodes.find((n) => n.label === name && n.op === "leaf");
    const shape = jacobian && node ? M.graphReport.jacobian(jacobianShapeText(result.shape, node.shape)) : "";
    out.push(`∂f/∂${name} = ${cell(g)}${shape}`);
  }
  return `${out.join("\n")}\n`;
}

/** What a node is called in the wire listing: its variable name or sub-expression, else its id. */
const nodeName = (n: GraphNode, M: Messages): string => n.label ?? M.graphReport.nodeName(n.id);

/**
 * The backward pass wire by wire: a table when every quantity is a number, else one block per wire with
 * each Jacobian's shape; then the operands whose shares add up, and max/min ties.
 */
function edgeText(result: TensorExpressionResult, { edges, branches }: GraphEdges, M: Messages): string[] {
  const G = M.graphReport;
  if (edges.length === 0) return [G.noWire];
  const out = [G.wiresTitle];
  const name = (id: number) => nodeName(result.nodes[id], M);
  const rule = (r: string) => G.rule(r);
  const scalar = edges.every((e) => typeof e.local === "number" && typeof e.upstream === "number");
  if (scalar) {
    const header = [...G.wireHeader];
    const rows = edges.map((e) => [
      name(e.from),
      name(e.to),
      rule(e.rule),
      e.formula === cell(e.local) ? e.formula : `${G.formula(e.formula)} = ${cell(e.local)}`,
      "×",
      cell(e.upstream),
      "=",
      cell(e.product),
    ]);
    const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
    const line = (r: string[]): string =>
      r
        .map((c, j) => (j >= 3 && j !== 4 && j !== 6 ? c.padStart(widths[j]) : c.padEnd(widths[j])))
        .join("  ")
        .trimEnd();
    out.push(line(header), ...rows.map(line));
  } else {
    // A sub-expression in a ∂ goes in parentheses: ∂(W * x + b)/∂(W * x).
    const wrap = (id: number) => (name(id).includes(" ") ? `(${name(id)})` : name(id));
    for (const e of edges) {
      const [of, wrt] = [wrap(e.to), wrap(e.from)];
      const fShape = result.shape;
      const toShape = e.localShape.slice(0, e.localShape.length - (e.productShape.length - fShape.length));
      const fromShape = e.productShape.slice(fShape.length);
      out.push(
        G.wire(wrt, of, rule(e.rule), G.formula(e.formula)),
        G.localLine(of, wrt, jacobianShapeText(toShape, fromShape), cell(e.local)),
        G.aboveLine(of, jacobianShapeText(fShape, toShape), cell(e.upstream)),
        G.onWireLine(wrt, jacobianShapeText(fShape, fromShape), cell(e.product)),
      );
    }
  }
  for (const b of branches) {
    const parts = b.edges.map((i) => cell(edges[i].product));
    out.push(G.branches(name(b.node), parts.join(" + "), cell(b.sum)));
  }
  const ties = new Set(edges.flatMap((e) => (e.tie ? [e.tie] : [])));
  for (const tie of ties) out.push(G.note(tie));
  return out;
}

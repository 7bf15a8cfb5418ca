/**
 * Graphviz pictures of a computational graph in the style of the notes' circuit diagrams (cs231n): inputs
 * as names on the left, operations as round gates, and on every wire the forward value above it (green)
 * and the gradient flowing back along it below it (red). Layout is Graphviz's (WASM build via src/viz).
 */
import type { Tensor } from "../autograd/tensor.js";
import type { NDArray } from "../tensor/ndarray.js";
import { renderDot } from "../viz/dot.js";
import { formatNumber } from "./format.js";
import { graphNodes } from "./graph.js";
import { ruleOf } from "./graph-edges.js";
import { chain, jacobiansFrom, localJacobian } from "./graph-jacobian.js";

export interface DotOptions {
  /** Direction of the flow: "LR" (left to right, the default, like the notes) or "TB". */
  rankdir?: "LR" | "TB";
  /** Name written at the end of the output wire (default "f"). */
  outputName?: string;
  /** Significant digits of the numbers on the wires (default 3). */
  digits?: number;
  /**
   * Draw a scalar constant that feeds an operation inside the gate, as the notes do ("+1", "*-1", "1/x"),
   * instead of as an input of its own (default true).
   */
  foldConstants?: boolean;
  /** Show gradients (default true; there are none before backward). */
  showGradients?: boolean;
  /**
   * On every wire of numbers, under its gradient, the local gradient × the gradient from above that gave it
   * (note 001), and under each gate the rule's verb (distributes, swaps, routes). Default true.
   */
  showLocal?: boolean;
  /** A caption above the picture. */
  title?: string;
  /** The words in the picture: the gates' verbs and "sum" (default English; a catalogue's graphReport fits). */
  words?: { verb: (verb: string) => string; sum: string };
}

const WORDS = { verb: (verb: string) => verb, sum: "sum" };

export const VALUE_COLOR = "#1a8f2e";
export const GRAD_COLOR = "#d62728";
/** The colour of the local-gradient products and the rules' verbs: quieter than values and gradients. */
export const LOCAL_COLOR = "#555555";

const GATE_SYMBOLS: Record<string, string> = {
  add: "+",
  sub: "−",
  mul: "*",
  div: "/",
  pow: "^",
  neg: "*-1",
  maximum: "max",
  minimum: "min",
  sigmoid: "σ",
  matmul: "matmul",
};

function isFoldable(t: Tensor): boolean {
  return t.op === "const" && t.size === 1 && t.inputs.length === 0;
}

/** The text inside a gate, with folded constants written in: "+1", "*-1", "1/x", "^2", "max(·, 0)". */
function gateText(node: Tensor, folded: ReadonlySet<number>, digits: number): string {
  const c = (k: number): string => formatNumber(node.inputs[k].value.data[0], digits);
  const symbol = GATE_SYMBOLS[node.op] ?? node.op;
  const k = node.inputs.findIndex((_, i) => folded.has(i));
  if (k < 0) return symbol;
  switch (node.op) {
    case "add":
    case "mul":
      return `${symbol}${c(k)}`;
    case "sub":
      return k === 1 ? `−${c(1)}` : `${c(0)}−x`;
    case "div":
      return k === 1 ? `/${c(1)}` : `${c(0)}/x`;
    case "pow":
      return k === 1 ? `x^${c(1)}` : `${c(0)}^x`;
    default:
      return `${symbol}(${node.inputs.map((_, i) => (folded.has(i) ? c(i) : "·")).join(", ")})`;
  }
}

function valueText(a: NDArray, digits: number): string {
  if (a.size === 1) return formatNumber(a.data[0], digits);
  if (a.size <= 4 && a.rank === 1)
    return `[${Array.from(a.data, (v) => formatNumber(v, digits)).join(", ")}]`;
  return `${a.shape.join("×")} array`;
}

/** "[2, 2]": a shape for a Jacobian's label. */
const shapeText = (shape: readonly number[]): string => `[${shape.join(", ")}]`;

function html(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function quoted(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/**
 * The per-wire gradients: what each operation sends back to each of its inputs (an input used by several
 * operations receives the sum of these, "branches add"). Needs a graph kept by backward({ retainGraph }).
 */
function wireGradients(node: Tensor): Array<NDArray | null> {
  if (!node.grad || !node.backwardFn) return node.inputs.map(() => null);
  try {
    const grads = node.backwardFn(node.grad);
    return node.inputs.map((input, k) => (input.requiresGrad ? (grads[k] ?? null) : null));
  } catch {
    return node.inputs.map(() => null);
  }
}

/**
 * "local × above" for a wire of numbers into `node`'s input k ("−0.53 × 1"); undefined for arrays (their
 * Jacobians are `retroprop graph`'s text) and where backward has not reached the node.
 */
function localTimesAbove(node: Tensor, k: number, digits: number): string | undefined {
  if (!node.grad || node.size !== 1 || node.inputs[k].size !== 1) return undefined;
  const local = localJacobian(node, k);
  if (!local) return undefined;
  const n = (v: number) => formatNumber(v, digits);
  return `${n(local.data[0])} × ${n(node.grad.data[0])}`;
}

/** root's graph as Graphviz DOT text, drawn like the notes' circuits (see DotOptions). */
export function graphToDot(root: Tensor, options: DotOptions = {}): string {
  const digits = options.digits ?? 3;
  const fold = options.foldConstants ?? true;
  const showGrad = options.showGradients ?? true;
  const showLocal = showGrad && (options.showLocal ?? true);
  const words = options.words ?? WORDS;
  const order = graphNodes(root);
  const index = new Map<Tensor, number>(order.map((t, i) => [t, i]));

  // Which inputs of each operation are drawn inside its gate.
  const foldedInputs = new Map<Tensor, Set<number>>();
  const consumers = new Map<Tensor, number>();
  for (const node of order) {
    const folded = new Set<number>();
    if (fold && node.inputs.some((t) => !isFoldable(t))) {
      node.inputs.forEach((t, k) => {
        if (isFoldable(t)) folded.add(k);
      });
    }
    foldedInputs.set(node, folded);
    node.inputs.forEach((t, k) => {
      if (!folded.has(k)) consumers.set(t, (consumers.get(t) ?? 0) + 1);
    });
  }
  const drawn = order.filter((t) => t === root || (consumers.get(t) ?? 0) > 0);
  // What each operation sends back along each wire, and what arrives at each input, in wire order.
  const wireGrads = new Map<Tensor, Array<NDArray | null>>();
  const incoming = new Map<Tensor, Array<NDArray | null>>();
  for (const node of drawn) {
    const grads = wireGradients(node);
    wireGrads.set(node, grads);
    node.inputs.forEach((input, k) => {
      if (foldedInputs.get(node)!.has(k)) return;
      incoming.set(input, [...(incoming.get(input) ?? []), grads[k]]);
    });
  }

  const lines: string[] = [
    "digraph retroprop {",
    `  graph [rankdir=${options.rankdir ?? "LR"}, ordering=in, splines=line, nodesep=0.15, ranksep=0.12, bgcolor="white", pad=0.2${
      options.title ? `, label=${quoted(options.title)}, labelloc=t, fontsize=14` : ""
    }];`,
    '  node [fontsize=13, color="#444444", penwidth=1.2];',
    '  edge [color="#444444", penwidth=1.1, arrowsize=0.6];',
  ];
  const sources: string[] = [];
  for (const t of drawn) {
    const id = `n${index.get(t)}`;
    const tooltip = t.label ? `, tooltip=${quoted(t.label)}` : "";
    if (t.inputs.length === 0) {
      const name = t.op === "const" ? valueText(t.value, digits) : (t.label ?? `input ${index.get(t)}`);
      if ((consumers.get(t) ?? 0) > 1 && t.grad && showGrad) {
        // Used by several operations: its gradient is the sum of what comes back along its wires.
        const parts = incoming.get(t) ?? [];
        const sum =
          t.grad.size === 1 && parts.length <= 4 && parts.every((p) => p?.size === 1)
            ? `${valueText(t.grad, digits)} = ${parts.map((p) => valueText(p!, digits)).join(" + ")}`
            : `${valueText(t.grad, digits)} (${words.sum})`;
        lines.push(
          `  ${id} [shape=plaintext, label=<<table border="0" cellborder="0" cellspacing="0" cellpadding="1">` +
            `<tr><td><font point-size="15">${html(name)}</font></td></tr>` +
            `<tr><td><font point-size="11" color="${VALUE_COLOR}">${html(valueText(t.value, digits))}</font></td></tr>` +
            `<tr><td><font point-size="11" color="${GRAD_COLOR}">${html(sum.replace(/\+ -/g, "− "))}</font></td></tr>` +
            `</table>>${tooltip}];`,
        );
      } else {
        lines.push(`  ${id} [shape=plaintext, label=${quoted(name)}, fontsize=15${tooltip}];`);
      }
      sources.push(id);
    } else {
      const text = gateText(t, foldedInputs.get(t)!, digits);
      const english = showLocal ? ruleOf(t.op).verb : undefined;
      const verb = english && words.verb(english);
      const label = verb
        ? `<${html(text)}<br/><font point-size="8" color="${LOCAL_COLOR}">${verb}</font>>`
        : quoted(text);
      lines.push(
        `  ${id} [shape=circle, label=${label}, width=0.45, margin=${verb ? 0.07 : 0.03}, fillcolor="#f4f4f4", style=filled${tooltip}];`,
      );
    }
  }
  if (sources.length > 0) lines.push(`  { rank=min; ${sources.join("; ")}; }`);

  // A wire: tail → (label node with value above the line and gradient below) → head.
  let wires = 0;
  const wire = (
    tail: string,
    head: string,
    value: NDArray,
    grad: NDArray | string | null,
    local?: string,
  ): void => {
    const w = `w${wires++}`;
    const g = !showGrad || !grad ? "&nbsp;" : html(typeof grad === "string" ? grad : valueText(grad, digits));
    const product = local
      ? `<tr><td><font point-size="9" color="${LOCAL_COLOR}">${html(local)}</font></td></tr>`
      : "";
    lines.push(
      `  ${w} [shape=plaintext, margin=0, label=<<table border="0" cellborder="0" cellspacing="0" cellpadding="1">` +
        `<tr><td port="v" sides="b" border="1" color="#444444"><font color="${VALUE_COLOR}">${html(valueText(value, digits))}</font></td></tr>` +
        `<tr><td><font color="${GRAD_COLOR}">${g}</font></td></tr>${product}</table>>];`,
    );
    lines.push(`  ${tail} -> ${w}:v:sw [arrowhead=none];`);
    lines.push(`  ${w}:v:se -> ${head};`);
  };
  // An array-valued f has no gradient to draw: each wire carries its share of the Jacobian ∂f/∂(input).
  const above = showGrad && root.rank > 0 && !root.grad && root.requiresGrad ? jacobiansFrom(root) : null;
  const jacobianOnWire = (node: Tensor, k: number): string | null => {
    const J = above?.get(node);
    const local = localJacobian(node, k);
    if (!J || !local) return null;
    const P = chain(J, local);
    if (P.data.length <= 2) return `[${Array.from(P.data, (v) => formatNumber(v, digits)).join(", ")}]`;
    return `J ${shapeText(root.shape)} × ${shapeText(node.inputs[k].shape)}`;
  };
  for (const node of drawn) {
    const folded = foldedInputs.get(node)!;
    const grads = wireGrads.get(node)!;
    node.inputs.forEach((input, k) => {
      if (folded.has(k)) return;
      const single = (consumers.get(input) ?? 0) === 1;
      wire(
        `n${index.get(input)}`,
        `n${index.get(node)}`,
        input.value,
        above ? jacobianOnWire(node, k) : (grads[k] ?? (single ? input.grad : null)),
        showLocal ? localTimesAbove(node, k, digits) : undefined,
      );
    });
  }
  lines.push(`  out [shape=plaintext, label=${quoted(options.outputName ?? "f")}, fontsize=15];`);
  wire(`n${index.get(root)}`, "out", root.value, above ? `J = I ${shapeText(root.shape)}` : root.grad);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** root's graph as an SVG picture (graphToDot laid out by Graphviz). */
export function graphToSvg(root: Tensor, options: DotOptions = {}): Promise<string> {
  return renderDot(graphToDot(root, options));
}

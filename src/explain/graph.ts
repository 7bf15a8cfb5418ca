/**
 * Inspection of a computational graph: every node with its operation, inputs, forward value and gradient,
 * as plain objects or JSON. Call `backward(undefined, { retainGraph: true })` on the output first: without
 * retainGraph the graph is freed by backward (only the output is left to describe) and only leaves keep a
 * gradient.
 */
import { type Tensor, topologicalOrder } from "../autograd/tensor.js";
import type { NestedArray } from "../tensor/ndarray.js";

/** One node of a described graph. */
export interface GraphNode {
  /**
   * Position of the node in the listing: inputs come before the nodes that use them, the output is last
   * (graphNodes(root)[id] is the tensor).
   */
  id: number;
  /** "leaf" (a variable or parameter), "const" (a constant), or the operation's name ("add", "mul", ...). */
  op: string;
  /** The tensor's label (a variable's name, a sub-expression), or null. */
  label: string | null;
  /** ids of the inputs, in the order the operation received them (repeated when an input is used twice). */
  inputs: number[];
  /** [] for a scalar. */
  shape: number[];
  /** The forward value: a number for a scalar, else nested arrays. */
  value: NestedArray;
  /** ∂(output)/∂(this node), same form as value; null where backward has not reached it. */
  grad: NestedArray | null;
  /** Operation parameters (exponent, slope, axes, ...); {} when there are none. */
  attrs: Record<string, unknown>;
}

/** Every node reachable from root (constants included), inputs before the nodes that use them. */
export function graphNodes(root: Tensor): Tensor[] {
  return topologicalOrder(root, true);
}

/** Lists every node of root's graph with its operation, inputs, value and gradient. */
export function describeGraph(root: Tensor): GraphNode[] {
  const order = graphNodes(root);
  const index = new Map<Tensor, number>(order.map((t, i) => [t, i]));
  return order.map((t, i) => ({
    id: i,
    op: t.op,
    label: t.label ?? null,
    inputs: t.inputs.map((input) => index.get(input)!),
    shape: [...t.shape],
    value: t.value.toArray(),
    grad: t.grad ? t.grad.toArray() : null,
    attrs: t.attrs ? { ...t.attrs } : {},
  }));
}

/** The JSON form of a described graph: `{ "output": id, "nodes": [GraphNode, ...] }`. */
export interface GraphJSON {
  /** id of the output node (the last one). */
  output: number;
  nodes: GraphNode[];
}

/**
 * root's graph as JSON text (see GraphJSON). Numbers keep full precision; a NaN or infinite value, which
 * JSON cannot hold, is written as null.
 */
export function graphToJSON(root: Tensor, options: { indent?: number } = {}): string {
  const nodes = describeGraph(root);
  const json: GraphJSON = { output: nodes.length - 1, nodes };
  return JSON.stringify(json, null, options.indent);
}

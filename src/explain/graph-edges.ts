/**
 * Backpropagation edge by edge, as note 001 draws it: on every wire from an operand into an operation, the
 * local gradient ∂(operation)/∂(operand), the gradient arriving from above ∂f/∂(operation), and their
 * product, the operand's share of ∂f ("gradiente local × gradiente de arriba"); the rule that gives the local
 * gradient (add distributes, multiply swaps, max routes); and, for an operand used more than once, the sum
 * of its shares ("branches add"). With vectors and matrices each of these is a Jacobian, written out in full.
 */
import type { Tensor } from "../autograd/tensor.js";
import type { NestedArray } from "../tensor/ndarray.js";
import type { ExpressionOperation, TensorExpressionResult } from "./expression.js";
import { formatNumber } from "./format.js";
import { graphNodes } from "./graph.js";
import { chain, type FlatJacobian, jacobiansFrom, localJacobian, nestJacobian } from "./graph-jacobian.js";

/** One wire of the circuit, from an operand into the operation that uses it. */
export interface GraphEdge {
  /** Node id (GraphNode.id) of the operand. */
  from: number;
  /** Node id of the operation. */
  to: number;
  /** The operand's position(s) among the operation's arguments, 0-based (two for x * x only when merged). */
  args: number[];
  /** The autograd operation ("add", "mul", "matmul", "maximum", "softmax", ...). */
  op: string;
  /** The rule's name: "add distributes", "multiply swaps", "max routes", or the function's derivative. */
  rule: string;
  /** The local gradient's formula for this operand, in the operands' names ("z", "1(x ≥ y)", "diag(s) − s·sᵀ"). */
  formula: string;
  /** ∂(to)/∂(from): a number, or the Jacobian of shape `localShape` (to's shape, then from's). */
  local: NestedArray;
  localShape: number[];
  /** ∂f/∂(to), the gradient from above (shape f's, then to's). */
  upstream: NestedArray;
  upstreamShape: number[];
  /** upstream · local: ∂f/∂(from) through this wire (shape f's, then from's). */
  product: NestedArray;
  productShape: number[];
  /** Set on max/min at a tie: how the notes' rule and retroprop's differ there, in one sentence. */
  tie?: string;
}

/** An operand used by more than one operation (or twice by one): its gradient is the sum of its wires'. */
export interface GraphBranch {
  /** Node id of the operand. */
  node: number;
  /** Indices into the edges list of the wires leaving it. */
  edges: number[];
  /** ∂f/∂(node): the sum of those wires' products. */
  sum: NestedArray;
}

export interface GraphEdges {
  edges: GraphEdge[];
  branches: GraphBranch[];
}

interface Rule {
  name: string;
  /** The rule's verb for a gate in a picture ("distributes", "swaps", "routes"), where it has one. */
  verb?: string;
  /** The local gradient with respect to operand k, in the operands' names a, b (the only operand is x). */
  formula: (k: number, a: string, b: string) => string;
}

/**
 * The local rule of every operation an expression can contain. max and min follow retroprop's backward
 * (maximum/minimum in src/autograd/ops/elementwise.ts): at a tie the first operand takes the whole gradient.
 */
const RULES: Readonly<Record<string, Rule>> = {
  add: { name: "add distributes", verb: "distributes", formula: () => "1" },
  sub: {
    name: "subtract distributes (negated to the right)",
    verb: "distributes",
    formula: (k) => (k === 0 ? "1" : "−1"),
  },
  mul: { name: "multiply swaps", verb: "swaps", formula: (k, a, b) => (k === 0 ? b : a) },
  matmul: {
    name: "multiply swaps (matrix product)",
    verb: "swaps",
    // ∂(W·x)ᵢ/∂Wᵢₖ = xₖ: each row of W takes xᵀ (∇W = δ·xᵀ); ∂(W·x)/∂x = W.
    formula: (k, a, b) => (k === 0 ? `${b}ᵀ` : a),
  },
  div: { name: "divide", formula: (k, a, b) => (k === 0 ? `1/${b}` : `−${a}/${b}²`) },
  pow: { name: "power", formula: (k, a, b) => (k === 0 ? `${b}·${a}^(${b} − 1)` : `${a}^${b}·ln ${a}`) },
  neg: { name: "negate", formula: () => "−1" },
  maximum: {
    name: "max routes",
    verb: "routes",
    formula: (k, a, b) => (k === 0 ? `1(${a} ≥ ${b})` : `1(${b} > ${a})`),
  },
  minimum: {
    name: "min routes",
    verb: "routes",
    formula: (k, a, b) => (k === 0 ? `1(${a} ≤ ${b})` : `1(${b} < ${a})`),
  },
  exp: { name: "exp", formula: (_k, x) => `e^${x}` },
  log: { name: "log", formula: (_k, x) => `1/${x}` },
  sqrt: { name: "square root", formula: (_k, x) => `1/(2√${x})` },
  abs: { name: "abs", formula: (_k, x) => `sign(${x})` },
  sin: { name: "sin", formula: (_k, x) => `cos ${x}` },
  cos: { name: "cos", formula: (_k, x) => `−sin ${x}` },
  tan: { name: "tan", formula: (_k, x) => `1 + tan² ${x}` },
  sigmoid: { name: "sigmoid", formula: () => "σ(1 − σ)" },
  tanh: { name: "tanh", formula: () => "1 − tanh²" },
  relu: { name: "relu routes", verb: "routes", formula: (_k, x) => `1(${x} > 0)` },
  softmax: { name: "softmax", formula: () => "diag(s) − s·sᵀ" },
  sum: { name: "sum distributes", verb: "distributes", formula: () => "1 for every element" },
};

/** The rule of an operation (a generic one for an operation without an entry). */
export function ruleOf(op: string): Rule {
  return RULES[op] ?? { name: op, formula: () => `∂${op}` };
}

/** A local gradient of 1 (or −1) between arrays is the identity matrix (or its negative). */
const elementwise = (formula: string, operand: Tensor): string =>
  operand.rank > 0 && (formula === "1" || formula === "−1") ? formula.replace("1", "I") : formula;

/** An operand's name in a formula: a variable's name, else its sub-expression in parentheses. */
const operandName = (t: Tensor): string => {
  const label = t.label ?? "?";
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(label) || /^-?[\d.]+$/.test(label) ? label : `(${label})`;
};

/** Whether the operation's result takes its operands directly (not through reshapes). */
const isDirect = (out: Tensor, { args }: ExpressionOperation): boolean =>
  out.inputs.length === args.length && out.inputs.every((t, k) => t === args[k]);

/** ∂out/∂args[k] for each operand, stepping through the reshapes a matrix product of vectors adds. */
function operandJacobians(out: Tensor, operation: ExpressionOperation): Array<FlatJacobian | null> {
  const { args } = operation;
  if (isDirect(out, operation)) return args.map((_, k) => localJacobian(out, k));
  const J = jacobiansFrom(out, new Set(args));
  return args.map((t) => (t.requiresGrad ? (J.get(t) ?? null) : null));
}

/** The tie sentence for max/min whose operands are equal somewhere, else undefined. */
function tieNote(operation: ExpressionOperation): string | undefined {
  if (operation.op !== "maximum" && operation.op !== "minimum") return undefined;
  const [a, b] = operation.args;
  const n = Math.max(a.size, b.size);
  let tied = false;
  // Element by element, a number against every element of an array.
  for (let i = 0; i < n && !tied; i++) tied = a.value.data[i % a.size] === b.value.data[i % b.size];
  if (!tied) return undefined;
  const [na, nb] = [operandName(a), operandName(b)];
  const ge = operation.op === "maximum" ? "≥" : "≤";
  const what = operation.op === "maximum" ? "max" : "min";
  return (
    `${what} at a tie (${na} = ${nb}): the notes' rule 1(${na} ${ge} ${nb}), 1(${nb} ${ge} ${na}) gives both ` +
    `operands the whole gradient from above; retroprop gives it to the first operand only, so that the ` +
    `shares add up to the gradient above (the notes' would double it)`
  );
}

/**
 * Every wire of an evaluated expression's circuit with its local gradient, gradient from above and product,
 * in the order the operations were built (inputs first), and every operand whose wires' shares add up.
 */
export function graphEdges(result: TensorExpressionResult): GraphEdges {
  const { output, operations } = result;
  const index = new Map<Tensor, number>(graphNodes(output).map((t, i) => [t, i]));
  const fShape = [...output.shape];
  const above = output.requiresGrad ? jacobiansFrom(output) : new Map<Tensor, FlatJacobian>();
  const edges: GraphEdge[] = [];
  for (const [out, operation] of operations) {
    if (!out.requiresGrad || !index.has(out)) continue;
    const rule = ruleOf(operation.op);
    const locals = operandJacobians(out, operation);
    const [a, b] = operation.args.map(operandName);
    const tie = tieNote(operation);
    const upstream = above.get(out);
    if (!upstream) continue;
    const seen = new Map<Tensor, GraphEdge>();
    const direct = isDirect(out, operation);
    operation.args.forEach((arg, k) => {
      const local = locals[k];
      if (!local) return;
      const merged = seen.get(arg);
      if (merged && !direct) {
        // One operand twice behind reshapes (x * x of vectors): its two Jacobians came out as one sum.
        merged.args.push(k);
        merged.formula += ` + ${rule.formula(k, a, b)}`;
        return;
      }
      const product = chain(upstream, local);
      const edge: GraphEdge = {
        from: index.get(arg)!,
        to: index.get(out)!,
        args: [k],
        op: operation.op,
        rule: rule.name,
        formula: elementwise(rule.formula(k, a, b), arg),
        local: nestJacobian(local, [...out.shape, ...arg.shape]),
        localShape: [...out.shape, ...arg.shape],
        upstream: nestJacobian(upstream, [...fShape, ...out.shape]),
        upstreamShape: [...fShape, ...out.shape],
        product: nestJacobian(product, [...fShape, ...arg.shape]),
        productShape: [...fShape, ...arg.shape],
        ...(tie ? { tie } : {}),
      };
      seen.set(arg, edge);
      edges.push(edge);
    });
  }
  const leaving = new Map<number, number[]>();
  edges.forEach((e, i) => {
    leaving.set(e.from, [...(leaving.get(e.from) ?? []), i]);
  });
  const nodes = graphNodes(output);
  const branches: GraphBranch[] = [];
  for (const [node, list] of leaving) {
    if (list.length < 2) continue;
    const t = nodes[node];
    const J = above.get(t);
    if (J) branches.push({ node, edges: list, sum: nestJacobian(J, [...fShape, ...t.shape]) });
  }
  return { edges, branches };
}

/** "[2] × [2, 2]": a Jacobian's shape as the shape of what is differentiated and of what by. */
export function jacobianShapeText(ofShape: readonly number[], wrtShape: readonly number[]): string {
  const s = (shape: readonly number[]) => `[${shape.join(", ")}]`;
  return `${s(ofShape)} × ${s(wrtShape)}`;
}

/** A number for a table cell (the full float64 digits formatNumber keeps). */
export const edgeNumber = (v: NestedArray): string =>
  typeof v === "number" ? formatNumber(v) : JSON.stringify(v);

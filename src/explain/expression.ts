/**
 * Arithmetic expressions as computational graphs: mathjs parses the text, each node of its syntax tree
 * becomes one of our autograd operations (float64), each graph node is labelled with its sub-expression,
 * and the graph is run forward and backward so that every node has its value and ∂f/∂node.
 */
import { createRequire } from "node:module";
import type { ConstantNode, FunctionNode, MathNode, OperatorNode, ParenthesisNode, SymbolNode } from "mathjs";
import * as ops from "../autograd/ops.js";
import { Tensor, topologicalOrder } from "../autograd/tensor.js";
import { NDArray, type NestedArray } from "../tensor/ndarray.js";
import { formatShape, ShapeError } from "../tensor/shape.js";
import { InputError, RetropropError } from "../util/errors.js";
import { type ErrorKey, localizedError, type Messages } from "../util/i18n.js";
import { formatNumber } from "./format.js";
import { describeGraph, type GraphNode } from "./graph.js";
import { jacobiansFrom, nestJacobian } from "./graph-jacobian.js";

// mathjs is loaded on the first expression, not when retroprop is imported: it is most of the package's
// import time (≈1 s), and training code never needs it.
let mathParse: ((text: string) => MathNode) | undefined;
function parse(text: string): MathNode {
  mathParse ??= (createRequire(import.meta.url)("mathjs") as typeof import("mathjs")).parse;
  return mathParse(text);
}

/** What went wrong with an expression (the CLI adds hints by kind). */
export type ExpressionErrorKind =
  | "syntax"
  | "unknown-function"
  | "arguments"
  | "unsupported"
  | "number"
  | "missing-value"
  | "constant"
  | "domain"
  | "gradient"
  | "shape";

/** A bad expression or evaluation: one line naming the problem, with the 1-based character position where known. */
export class ExpressionError extends InputError {
  override name = "ExpressionError";
  constructor(
    message: string,
    readonly kind: ExpressionErrorKind,
    readonly position?: number,
  ) {
    super(message); // one line even when the expression has line breaks: RetropropError sees to it
  }
}

/** An ExpressionError whose text comes from the catalogues (key and parameters as localizedError takes them). */
export function expressionError<K extends ErrorKey>(
  kind: ExpressionErrorKind,
  position: number | undefined,
  key: K,
  ...params: Parameters<Messages["errors"][K]>
): ExpressionError {
  const Kind = class extends ExpressionError {
    constructor(message: string) {
      super(message, kind, position);
    }
  };
  return localizedError(Kind, key, ...params);
}

type Unary = (x: Tensor) => Tensor;
type Binary = (a: Tensor, b: Tensor) => Tensor;

/** The functions an expression may call, by name, with their number of arguments. */
export const FUNCTIONS: Readonly<Record<string, { arity: 1; op: Unary } | { arity: 2; op: Binary }>> = {
  exp: { arity: 1, op: ops.exp },
  log: { arity: 1, op: ops.log },
  ln: { arity: 1, op: ops.log },
  sqrt: { arity: 1, op: ops.sqrt },
  abs: { arity: 1, op: ops.abs },
  sin: { arity: 1, op: ops.sin },
  cos: { arity: 1, op: ops.cos },
  tan: { arity: 1, op: ops.tan },
  sigmoid: { arity: 1, op: ops.sigmoid },
  tanh: { arity: 1, op: ops.tanh },
  relu: { arity: 1, op: ops.relu },
  max: { arity: 2, op: ops.maximum },
  min: { arity: 2, op: ops.minimum },
  // For vectors (note 001's vectorised graphs): softmax along the last axis, and sum to make a scalar.
  softmax: { arity: 1, op: (x) => ops.softmax(x) },
  sum: { arity: 1, op: (x) => ops.sum(x) },
};

/** A variable's value: a number, or a vector or matrix (nested arrays) for note 001's vectorised graphs. */
export type VariableValue = number | NestedArray;

/**
 * The most elements a variable or any node of an expression may have: every edge's Jacobian is written out
 * (rows × columns of a node's size), and a 16×16 matrix already makes Jacobians of 65,536 numbers.
 */
export const MAX_ELEMENTS = 256;

/** Names that stand for numbers rather than variables. */
export const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

const BINARY: Readonly<Record<string, Binary>> = {
  add: ops.add,
  subtract: ops.sub,
  multiply: ops.mul,
  divide: ops.div,
  pow: ops.pow,
};

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** A checked expression: its syntax tree and its variables in order of first appearance. */
export interface ParsedExpression {
  text: string;
  tree: MathNode;
  variables: string[];
}

const unwrap = (node: MathNode): MathNode =>
  node.type === "ParenthesisNode" ? unwrap((node as ParenthesisNode).content) : node;

const show = (node: MathNode): string => unwrap(node).toString({ implicit: "show" });

/** 1-based position of the first match of re in text, if any. */
function positionOf(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m ? m.index + 1 : undefined;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const isNameChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/**
 * 1-based position of `name` standing alone (not inside a longer name), optionally followed by `(`. A plain
 * scan rather than a regular expression built from the name: a name of 70,000 characters is too large a pattern.
 */
function namePosition(text: string, name: string, call = false): number | undefined {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (isNameChar(text[at - 1])) continue;
    let end = at + name.length;
    if (call) {
      while (text[end] === " " || text[end] === "\t") end++;
      if (text[end] === "(") return at + 1;
    } else if (!isNameChar(text[end])) return at + 1;
  }
  return undefined;
}

const functionList = (): string => Object.keys(FUNCTIONS).join(", ");

/**
 * Parses and checks an expression: numbers, variables, + - * / ^, unary minus, parentheses and the
 * FUNCTIONS. Throws ExpressionError naming the problem (and the character position where it can).
 */
export function parseExpression(text: string, options: ParseOptions = {}): ParsedExpression {
  return withinStack(text, () => parseUnguarded(text, options.aliases ?? {}));
}

export interface ParseOptions {
  /**
   * Other names of FUNCTIONS (derive's Spanish sen → sin, tg → tan): accepted where the function is, and
   * renamed in the tree after the checks, so that every position an error names is the text's own.
   */
  aliases?: Readonly<Record<string, string>>;
}

/** The one-line refusal of an expression nested too deeply (the stack's backstop: by how much is not known). */
const tooDeep = (text: string): ExpressionError =>
  expressionError("unsupported", undefined, "exprTooDeep", text.length);

const isStackOverflow = (err: unknown): boolean =>
  err instanceof RangeError && /call stack/i.test(err.message);

/** The backstop beneath the fixed limits: a stack overflow in recursive descent, said in one line. */
function withinStack<T>(text: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isStackOverflow(err)) throw tooDeep(text);
    throw err;
  }
}

function parseUnguarded(text: string, aliases: Readonly<Record<string, string>>): ParsedExpression {
  if (text.trim() === "") throw expressionError("syntax", undefined, "exprEmpty");
  if (text.length > MAX_LENGTH) {
    throw expressionError("unsupported", undefined, "exprTooLong", text.length, MAX_LENGTH);
  }
  const nesting = parenthesisNesting(text);
  if (nesting > MAX_PARENTHESES) {
    // mathjs's parser recurses several frames per parenthesis and may run out of stack from a few hundred on.
    throw expressionError(
      "unsupported",
      undefined,
      "exprTooDeepParentheses",
      text.length,
      nesting,
      MAX_PARENTHESES,
    );
  }
  let tree: MathNode;
  try {
    tree = parse(text);
  } catch (err) {
    if (isStackOverflow(err)) throw err;
    const message = err instanceof Error ? err.message : String(err);
    const char = (err as { char?: unknown }).char;
    const position =
      typeof char === "number" ? char : Number(/\(char (\d+)\)/.exec(message)?.[1]) || undefined;
    const what = message.replace(/\s*\(char \d+\)\s*$/, "");
    throw expressionError("syntax", position, "exprSyntax", position, text, what);
  }
  const depth = treeDepth(tree);
  if (depth > MAX_DEPTH) {
    throw expressionError("unsupported", undefined, "exprTooDeepLevels", text.length, depth, MAX_DEPTH);
  }
  const variables: string[] = [];
  check(tree, text, variables, aliases);
  // The tree is this call's own: its alias names are rewritten in place.
  tree.traverse((node: MathNode) => {
    const fn = (node as FunctionNode).fn as SymbolNode | undefined;
    if (node.type === "FunctionNode" && fn?.type === "SymbolNode" && Object.hasOwn(aliases, fn.name))
      fn.name = aliases[fn.name];
  });
  return { text, tree, variables };
}

/**
 * The deepest expression the checks and the graph builder accept. They recurse once per level; a fixed limit
 * keeps the refusal the same whatever state the JIT and the stack are in (a stack overflow is only the backstop).
 */
export const MAX_DEPTH = 1000;

/** The longest expression accepted (mathjs's tokenizer and the checks stay well under a second below it). */
export const MAX_LENGTH = 10_000;

/** The most nested parentheses an expression may have (checked before mathjs parses it). */
export const MAX_PARENTHESES = 100;

function parenthesisNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const ch of text) {
    if (ch === "(") deepest = Math.max(deepest, ++depth);
    else if (ch === ")") depth--;
  }
  return deepest;
}

/** Levels of the syntax tree, counted without recursion. */
function treeDepth(root: MathNode): number {
  let deepest = 0;
  const stack: [MathNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    node.forEach((child: MathNode) => {
      stack.push([child, depth + 1]);
    });
  }
  return deepest;
}

function check(
  node: MathNode,
  text: string,
  variables: string[],
  aliases: Readonly<Record<string, string>>,
): void {
  switch (node.type) {
    case "ParenthesisNode":
      check((node as ParenthesisNode).content, text, variables, aliases);
      return;
    case "ConstantNode": {
      const value = (node as ConstantNode).value;
      if (typeof value !== "number") {
        const position = positionOf(text, new RegExp(escapeRe(String(value))));
        throw expressionError("number", position, "exprNotNumber", typeof value, JSON.stringify(value), text);
      }
      if (!Number.isFinite(value)) {
        // Whole number tokens only (the lookbehind starts each match at a token's start): a pattern free to
        // start anywhere rescans a 130,000-digit number from every digit, quadratic time.
        const literal = (text.match(/(?<![0-9.])[0-9.]+(e[+-]?[0-9]+)?/gi) ?? []).find(
          (m) => !Number.isFinite(Number(m)),
        );
        const position = literal ? text.indexOf(literal) + 1 : undefined;
        throw expressionError("number", position, "exprNumberTooLarge", literal ?? node.toString(), text);
      }
      return;
    }
    case "SymbolNode": {
      const name = (node as SymbolNode).name;
      const position = namePosition(text, name);
      if (!IDENTIFIER.test(name)) {
        throw expressionError("syntax", position, "exprUnexpectedCharacter", name, position, text);
      }
      if (name in FUNCTIONS) {
        throw expressionError("syntax", position, "exprFunctionNotCalled", name, position);
      }
      if (!(name in CONSTANTS) && !variables.includes(name)) variables.push(name);
      return;
    }
    case "OperatorNode": {
      const op = node as OperatorNode;
      const unary = op.args.length === 1 && (op.fn === "unaryMinus" || op.fn === "unaryPlus");
      if (!unary && !(op.args.length === 2 && op.fn in BINARY)) {
        const position = positionOf(text, new RegExp(escapeRe(op.op)));
        throw expressionError("unsupported", position, "exprOperator", op.op, op.fn, show(op));
      }
      for (const arg of op.args) check(arg, text, variables, aliases);
      return;
    }
    case "FunctionNode": {
      const fn = node as FunctionNode;
      const written = fn.fn.type === "SymbolNode" ? (fn.fn as SymbolNode).name : undefined;
      const position = written === undefined ? undefined : namePosition(text, written, true);
      const name = written !== undefined && Object.hasOwn(aliases, written) ? aliases[written] : written;
      if (name === undefined || !(name in FUNCTIONS)) {
        const shown = name ?? show(fn.fn);
        const args = [shown, name !== undefined, position, show(fn), functionList()] as const;
        throw expressionError("unknown-function", position, "exprUnknownFunction", ...args);
      }
      const { arity } = FUNCTIONS[name];
      if (fn.args.length !== arity) {
        const args = [name, arity, fn.args.length, position, show(fn)] as const;
        throw expressionError("arguments", position, "exprArity", ...args);
      }
      for (const arg of fn.args) check(arg, text, variables, aliases);
      return;
    }
    default:
      throw expressionError(
        "unsupported",
        undefined,
        "exprSyntaxUnsupported",
        node.type.replace(/Node$/, "").toLowerCase(),
        show(node),
      );
  }
}

/**
 * One operation of the expression as the student wrote it: `op` is the autograd operation it became
 * ("mul" for numbers, "matmul" for W * x with arrays, "maximum", ...) and `args` its operands' tensors, in
 * order (one tensor twice for x * x). A matrix product of vectors adds reshapes between the operands and
 * the labelled result; `args` skips them.
 */
export interface ExpressionOperation {
  op: string;
  args: Tensor[];
}

/** The graph of an expression with its variables' leaf tensors (in order of first appearance). */
export interface ExpressionGraph {
  output: Tensor;
  variables: Map<string, Tensor>;
  /** Every operation of the expression, keyed by its labelled result. */
  operations: Map<Tensor, ExpressionOperation>;
}

const constant = (value: number, label: string): Tensor =>
  new Tensor(NDArray.scalar(value, "float64"), { op: "const", label });

/**
 * Builds the graph of a parsed expression at the given variable values (float64): numbers, or vectors and
 * matrices as nested arrays. Every variable needs a value; a sub-expression whose value comes out NaN or
 * infinite (log of a negative number, division by zero, overflow) stops the build with an ExpressionError
 * naming it, as do shapes that do not fit. Sub-expressions without variables are computed as constants.
 */
export function buildExpression(
  expression: ParsedExpression | string,
  values: Readonly<Record<string, VariableValue>>,
): ExpressionGraph {
  return withinStack(typeof expression === "string" ? expression : expression.text, () =>
    buildUnguarded(expression, values),
  );
}

/** A variable's value as a float64 array, refused in one line when ragged, too large or not finite. */
function variableArray(name: string, value: VariableValue): NDArray {
  let array: NDArray;
  try {
    array = NDArray.from(value, "float64");
  } catch (err) {
    const why = err instanceof RetropropError ? err : err instanceof Error ? err.message : String(err);
    throw expressionError("number", undefined, "exprValueNotArray", name, why);
  }
  if (array.size === 0) throw expressionError("number", undefined, "exprValueEmpty", name);
  if (array.size > MAX_ELEMENTS) throw tooManyElements(name, array);
  const bad = array.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const element = array.rank === 0 ? undefined : bad;
    const shape = formatShape(array.shape);
    throw expressionError("number", undefined, "exprValueNotFinite", name, element, shape, array.data[bad]);
  }
  return array;
}

/** A variable or a node too large for its Jacobians to be written out. */
const tooManyElements = (name: string, x: { size: number; shape: readonly number[] }): ExpressionError =>
  expressionError(
    "unsupported",
    undefined,
    "exprTooManyElements",
    name,
    x.size,
    formatShape(x.shape),
    MAX_ELEMENTS,
  );

function buildUnguarded(
  expression: ParsedExpression | string,
  values: Readonly<Record<string, VariableValue>>,
): ExpressionGraph {
  const parsed = typeof expression === "string" ? parseExpression(expression) : expression;
  const arrays = new Map<string, NDArray>();
  for (const name of Object.keys(values)) {
    if (name in CONSTANTS) {
      throw expressionError("constant", undefined, "exprConstant", name, CONSTANTS[name]);
    }
    arrays.set(name, variableArray(name, values[name]));
  }
  const missing = parsed.variables.filter((v) => !Object.hasOwn(values, v));
  if (missing.length > 0) {
    const position = namePosition(parsed.text, missing[0]);
    throw expressionError("missing-value", position, "exprMissingValue", missing.join(", "), missing.length);
  }
  const variables = new Map<string, Tensor>();
  for (const name of parsed.variables) {
    variables.set(name, new Tensor(arrays.get(name)!, { requiresGrad: true, label: name }));
  }
  const operations = new Map<Tensor, ExpressionOperation>();
  const output = build(parsed.tree, variables, operations);
  return { output, variables, operations };
}

/** `*` between two arrays is the matrix product (W * x, as mathjs and the notes' W·x); else elementwise. */
function binaryOpName(fn: string, inputs: readonly Tensor[]): string {
  if (fn === "multiply" && inputs[0].rank > 0 && inputs[1].rank > 0) return "matmul";
  return { add: "add", subtract: "sub", multiply: "mul", divide: "div", pow: "pow" }[fn] ?? fn;
}

/** Runs an operation, its shape mismatch said as an ExpressionError naming the sub-expression. */
function shaped(node: OperatorNode | FunctionNode, run: () => Tensor): Tensor {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof ShapeError)) throw err;
    throw expressionError("shape", undefined, "exprShapes", show(node), err);
  }
}

function build(
  node: MathNode,
  variables: ReadonlyMap<string, Tensor>,
  operations: Map<Tensor, ExpressionOperation>,
): Tensor {
  switch (node.type) {
    case "ParenthesisNode":
      return build((node as ParenthesisNode).content, variables, operations);
    case "ConstantNode":
      return constant((node as ConstantNode).value as number, node.toString());
    case "SymbolNode": {
      const name = (node as SymbolNode).name;
      return name in CONSTANTS ? constant(CONSTANTS[name], name) : variables.get(name)!;
    }
    case "OperatorNode": {
      const op = node as OperatorNode;
      const [a, b] = op.args;
      if (op.fn === "unaryPlus") return build(a, variables, operations);
      if (op.fn === "unaryMinus") {
        const inner = unwrap(a);
        // A negative number is a number, not an operation on one: 2^-1 has the constant exponent -1.
        if (inner.type === "ConstantNode")
          return constant(-((inner as ConstantNode).value as number), show(op));
        const x = build(a, variables, operations);
        return finish(ops.neg(x), op, [x], "neg", operations);
      }
      const inputs = [build(a, variables, operations), build(b, variables, operations)];
      const opName = binaryOpName(op.fn, inputs);
      return finish(
        shaped(op, () => (opName === "matmul" ? ops.matmul : BINARY[op.fn])(inputs[0], inputs[1])),
        op,
        inputs,
        opName,
        operations,
      );
    }
    case "FunctionNode": {
      const fn = node as FunctionNode;
      const spec = FUNCTIONS[(fn.fn as SymbolNode).name];
      const args = fn.args.map((arg) => build(arg, variables, operations));
      const out = shaped(fn, () => (spec.arity === 1 ? spec.op(args[0]) : spec.op(args[0], args[1])));
      return finish(out, fn, args, out.op, operations);
    }
    default:
      throw new Error(`internal: unchecked ${node.type}`);
  }
}

/**
 * Labels an operation's result with its sub-expression, records it, and stops at the first value that is not
 * finite or at a result too large to write Jacobians for.
 */
function finish(
  out: Tensor,
  node: OperatorNode | FunctionNode,
  inputs: Tensor[],
  op: string,
  operations: Map<Tensor, ExpressionOperation>,
): Tensor {
  out.label = show(node);
  operations.set(out, { op, args: inputs });
  if (out.size > MAX_ELEMENTS) throw tooManyElements(out.label, out);
  const bad = out.value.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const scalar = out.size === 1 && inputs.every((t) => t.size === 1);
    const problem = scalar
      ? domainProblem(
          node,
          inputs.map((t) => t.value.data[0]),
          out.value.data[bad],
        )
      : localizedError(InputError, "exprElementNotFinite", bad, out.value.data[bad]);
    throw expressionError("domain", undefined, "exprDomain", problem, out.label);
  }
  return out;
}

/** Why an operation's result is not finite (said within exprDomain, which names the sub-expression). */
function domainProblem(node: OperatorNode | FunctionNode, inputs: number[], y: number): InputError {
  const n = (v: number): string => formatNumber(v);
  const p = (v: number): string => (v < 0 ? `(${n(v)})` : n(v));
  const fname = node.type === "FunctionNode" ? ((node as FunctionNode).fn as SymbolNode).name : "";
  const problem = <K extends ErrorKey>(key: K, ...params: Parameters<Messages["errors"][K]>) =>
    localizedError(InputError, key, ...params);
  const a = inputs[0];
  const b = inputs[1];
  switch (node.type === "FunctionNode" ? fname : (node as OperatorNode).fn) {
    case "log":
    case "ln":
      return a === 0 ? problem("exprLogZero", fname) : problem("exprLogNegative", fname, n(a));
    case "sqrt":
      return problem("exprSqrtNegative", n(a));
    case "divide":
      return a === 0 ? problem("exprZeroOverZero") : problem("exprDivisionByZero", n(a));
    case "pow":
      if (a === 0 && b < 0) return problem("exprZeroToNegative", p(b));
      if (Number.isNaN(y)) return problem("exprNegativeBase", p(a), p(b));
      return problem("exprOverflow", `${p(a)} ^ ${p(b)}`);
    case "add":
    case "subtract":
    case "multiply":
      return problem("exprOverflow", `${p(a)} ${(node as OperatorNode).op} ${p(b)}`);
    case "exp":
      return problem("exprOverflow", `exp(${n(a)})`);
    default:
      return problem("exprResultNotFinite", n(y), inputs.map(n).join(", "));
  }
}

/**
 * An evaluated expression whose variables may be vectors or matrices: f, ∂f/∂v for every variable (the
 * gradient, of v's shape, when f is a number; the Jacobian, of shape f's shape followed by v's, when f is an
 * array), every node of the graph, and the expression's operations.
 */
export interface TensorExpressionResult {
  /** f at the given values: a number or nested arrays. */
  value: NestedArray;
  /** f's shape ([] for a number). */
  shape: number[];
  /** ∂f/∂v for every variable v, in order of first appearance (shape: f's shape then v's). */
  gradients: Record<string, NestedArray>;
  /** Every node (variables, constants, operations), inputs first, the output last. */
  nodes: GraphNode[];
  /** The output tensor, its graph kept (for graphToDot / graphToSvg and graphEdges). */
  output: Tensor;
  variables: string[];
  /** The expression's operations by their labelled results (see ExpressionOperation). */
  operations: Map<Tensor, ExpressionOperation>;
}

/** The result of evaluating an expression of numbers: its value, ∂f/∂variable, and every node of the graph. */
export interface ExpressionResult extends TensorExpressionResult {
  /** f at the given values. */
  value: number;
  /** ∂f/∂v for every variable v, in order of first appearance. */
  gradients: Record<string, number>;
}

/**
 * Parses an expression, builds its graph at the given values, runs it forward and backward (keeping the
 * graph, so every node has its gradient) and returns the value, the gradients and every node. Throws
 * ExpressionError for bad expressions, missing values, values that are not finite, and gradients that are
 * not finite (a derivative that does not exist there, such as sqrt at 0).
 */
export function evaluateExpression(
  expression: ParsedExpression | string,
  values: Readonly<Record<string, number>>,
): ExpressionResult {
  // Numbers in, numbers out: every operation keeps a scalar a scalar.
  return evaluateTensorExpression(expression, values) as ExpressionResult;
}

/**
 * evaluateExpression with vectors and matrices allowed as values (`*` between two arrays is the matrix
 * product). A number-valued f is differentiated by the backward pass, as in evaluateExpression; an
 * array-valued f has no single gradient, and its Jacobians ∂f/∂v are chained from the local ones
 * (graph-jacobian.ts), the nodes' `grad` left null.
 */
export function evaluateTensorExpression(
  expression: ParsedExpression | string,
  values: Readonly<Record<string, VariableValue>>,
): TensorExpressionResult {
  const parsed = typeof expression === "string" ? parseExpression(expression) : expression;
  const { output, variables, operations } = buildExpression(parsed, values);
  const gradients: Record<string, NestedArray> = {};
  if (output.size === 1 && output.rank === 0) {
    if (output.requiresGrad) {
      output.backward(undefined, { retainGraph: true });
      checkGradients(output);
    }
    for (const [name, leaf] of variables) {
      gradients[name] = leaf.grad ? leaf.grad.toArray() : NDArray.zeros(leaf.shape, "float64").toArray();
    }
  } else {
    const J = output.requiresGrad ? jacobiansFrom(output) : new Map();
    for (const [name, leaf] of variables) {
      const shape = [...output.shape, ...leaf.shape];
      const Jv = J.get(leaf);
      if (Jv && !Jv.data.every(Number.isFinite)) {
        throw expressionError("gradient", undefined, "exprNoJacobian", name);
      }
      gradients[name] = Jv ? nestJacobian(Jv, shape) : NDArray.zeros(shape, "float64").toArray();
    }
  }
  return {
    value: output.value.toArray(),
    shape: [...output.shape],
    gradients,
    nodes: describeGraph(output),
    output,
    variables: parsed.variables,
    operations,
  };
}

/** Names the operation whose local derivative first made a gradient NaN or infinite. */
function checkGradients(output: Tensor): void {
  const order = topologicalOrder(output);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (!node.backwardFn || !node.grad?.data.every(Number.isFinite)) continue;
    const grads = node.backwardFn(node.grad);
    node.inputs.forEach((input, k) => {
      const g = grads[k];
      if (!input.requiresGrad || !g || g.data.every(Number.isFinite)) return;
      const nan = g.data.some(Number.isNaN);
      // Name the point by every non-constant input of the operation (x ^ y at x = -2, y = 2).
      const point = node.inputs
        .filter((inp) => inp.label !== undefined && inp.label !== formatNumber(inp.value.data[0]))
        .map((inp) => `${inp.label} = ${formatNumber(inp.value.data[0])}`)
        .join(", ");
      const value = formatNumber(input.value.data[0]);
      const args = [String(node.label), input.label, nan, point, value] as const;
      throw expressionError("gradient", undefined, "exprNoGradient", ...args);
    });
  }
}

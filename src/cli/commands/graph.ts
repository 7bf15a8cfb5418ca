import { extname } from "node:path";
import type { Command } from "commander";
import {
  ExpressionError,
  evaluateTensorExpression,
  parseExpression,
  type TensorExpressionResult,
  type VariableValue,
} from "../../explain/expression.js";
import { renderGraph } from "../../explain/graph-report.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { svgToPng } from "../../viz/render.js";
import { parseAt, parseChoice, UsageError } from "../args.js";

export { parseAt } from "../args.js";

export const GRAPH_FORMATS = ["text", "json", "dot", "svg", "png"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphFlags {
  at: string[];
  format?: string;
  out?: string;
}

const HELP_AFTER = `
Expressions: numbers, variables, + - * / ^, unary minus, parentheses, the constants pi and e, and
exp, log (or ln), sqrt, abs, sin, cos, tan, sigmoid, tanh, relu, max(a, b), min(a, b), softmax(v), sum(v).
Every variable needs a value from --at: a number, or a vector or matrix as a JSON array ("W=[[1,2],[3,4]]";
then * between two arrays is the matrix product). Prints every node of the graph (operation, inputs, value,
gradient ∂f/∂node, sub-expression), every wire's local gradient × gradient from above with its rule (add
distributes, multiply swaps, max routes, branches add; Jacobians with their shapes for arrays), and ∂f/∂v for
every variable v. Values are float64. --format json prints {"value", "shape", "gradients", "nodes", "edges",
"branches"} (docs/engine.md); dot and svg draw the circuit with values in green above the wires, gradients in
red below, and local × from above under them. --out writes the chosen format to a file (the format defaults to the
file's extension: .json .dot .gv .svg .png, else text). An expression that starts with "-" needs
parentheses, "(-x^2)", or to come last after "--".

Examples (the notes' circuits):
  $ retroprop graph "(x + y) * z" --at x=-2,y=5,z=-4
  $ retroprop graph "1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))" --at w0=2,x0=-1,w1=-3,x1=-2,w2=-3
  $ retroprop graph "1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))" --at "w0=2, x0=-1" --at "w1=-3, x1=-2, w2=-3" \\
      --out sigmoid.svg
  $ retroprop graph "max(x, y) + x*x" --at x=3,y=5 --format json
  $ retroprop graph "W*x + b" --at "W=[[1,2],[3,4]]" --at "x=[1,-1]" --at "b=[0,1]"
  $ retroprop graph "softmax(z)" --at "z=[1,2,3]"
  $ retroprop graph --at x=3 -- "-x^2"`;

export function register(program: Command): void {
  program
    .command("graph")
    .description(
      "the computational graph of an expression: every node's value and gradient, as text, JSON or a picture",
    )
    .argument("<expression>", 'an arithmetic expression, e.g. "(x + y) * z"')
    .option(
      "--at <name=value,...>",
      'values of the variables, e.g. x=-2,y=5,z=-4 or "W=[[1,2],[3,4]]" (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--format <format>", `${GRAPH_FORMATS.join("|")} (default: from --out's extension, else text)`)
    .option("--out <file>", "write to this file instead of standard output")
    .addHelpText("after", HELP_AFTER)
    .action(async (expression: string, flags: GraphFlags) => {
      const format = chooseFormat(flags);
      const content = await runGraph(expression, parseGraphAt(flags.at), format);
      if (flags.out) {
        writeFileAtomic(flags.out, content);
        process.stdout.write(`wrote ${flags.out}\n`);
      } else {
        if (format === "png") throw new UsageError("--format png needs --out FILE (PNG is binary)");
        process.stdout.write(content);
      }
    });
}

function chooseFormat(flags: GraphFlags): GraphFormat {
  if (flags.format !== undefined) return parseChoice("--format", flags.format, GRAPH_FORMATS);
  const ext = flags.out ? extname(flags.out).toLowerCase() : "";
  const byExtension: Record<string, GraphFormat> = {
    ".json": "json",
    ".dot": "dot",
    ".gv": "dot",
    ".svg": "svg",
    ".png": "png",
  };
  return byExtension[ext] ?? "text";
}

/** Evaluates the expression and renders the result in the given format. */
export async function runGraph(
  expression: string,
  values: Readonly<Record<string, VariableValue>>,
  format: GraphFormat,
): Promise<string | Uint8Array> {
  const result = evaluate(expression, values);
  if (format !== "png") return renderGraph(expression, values, result, format);
  return svgToPng(await renderGraph(expression, values, result, "svg"), { scale: 2 });
}

function evaluate(
  expression: string,
  values: Readonly<Record<string, VariableValue>>,
): TensorExpressionResult {
  const parsed = parseExpression(expression);
  // Missing values are the expression module's to find; only values it would ignore are refused here.
  const unused = Object.keys(values).filter((name) => !parsed.variables.includes(name));
  if (unused.length > 0) {
    throw new UsageError(
      `--at: ${unused.join(", ")} ${unused.length > 1 ? "do" : "does"} not appear in "${expression}"` +
        (parsed.variables.length > 0
          ? ` (its variables: ${parsed.variables.join(", ")})`
          : " (it has no variables)"),
    );
  }
  try {
    return evaluateTensorExpression(parsed, values);
  } catch (err) {
    if (err instanceof ExpressionError && err.kind === "missing-value") {
      throw new UsageError(`${err.message} (give values with --at NAME=VALUE)`);
    }
    throw err;
  }
}

/** Deepest nesting of brackets in an --at array (a matrix is 2; a few more are tensors, not typos). */
const MAX_BRACKETS = 4;

/**
 * parseAt, with vectors and matrices as JSON arrays: `--at "W=[[1,2],[3,4]], x=[1,-1]" --at b=0.5`. Commas
 * inside brackets belong to the array.
 */
export function parseGraphAt(specs: readonly string[]): Record<string, VariableValue> {
  const values: Record<string, VariableValue> = {};
  for (const spec of specs) {
    for (const item of splitTopLevel(spec)) {
      const eq = item.indexOf("=");
      const text = item.slice(eq + 1).trim();
      const name = item.slice(0, eq).trim();
      const parsed: Record<string, VariableValue> =
        eq > 0 && text.startsWith("[") ? { [name]: parseArray(name, text) } : parseAt([item]);
      for (const [k, v] of Object.entries(parsed)) {
        if (Object.hasOwn(values, k)) throw new UsageError(`--at: ${k} is given twice`);
        values[k] = v;
      }
    }
  }
  return values;
}

/** spec split at the commas outside brackets; an unclosed bracket is the array's parser's to report. */
function splitTopLevel(spec: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] === "[") depth++;
    else if (spec[i] === "]") depth--;
    else if (spec[i] === "," && depth <= 0) {
      items.push(spec.slice(start, i));
      start = i + 1;
    }
  }
  items.push(spec.slice(start));
  return items.filter((item) => item.trim() !== "");
}

function parseArray(name: string, text: string): VariableValue {
  let depth = 0;
  for (const ch of text) {
    if (ch === "[" && ++depth > MAX_BRACKETS) {
      throw new UsageError(`--at ${name}: arrays nested more than ${MAX_BRACKETS} deep`);
    }
    if (ch === "]") depth--;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `--at ${name}: expected a JSON array of numbers such as [[1,2],[3,4]], got "${text}" (${(err as Error).message})`,
    );
  }
  const notNumber = (v: unknown): boolean => (Array.isArray(v) ? v.some(notNumber) : typeof v !== "number");
  if (notNumber(value)) throw new UsageError(`--at ${name}: every element of "${text}" must be a number`);
  return value as VariableValue;
}

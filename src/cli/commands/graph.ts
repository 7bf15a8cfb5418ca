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
import { localizedError } from "../../util/i18n.js";
import { svgToPng } from "../../viz/render.js";
import { parseAt, parseChoice, UsageError } from "../args.js";
import { t } from "../lang.js";

export { parseAt } from "../args.js";

export const GRAPH_FORMATS = ["text", "json", "dot", "svg", "png"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphFlags {
  at: string[];
  format?: string;
  out?: string;
}

export function register(program: Command): void {
  const M = t().graph;
  program
    .command("graph")
    .description(M.description)
    .argument("<expression>", M.help.expression)
    .option(
      "--at <name=value,...>",
      M.help.at,
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--format <format>", M.help.format(GRAPH_FORMATS.join("|")))
    .option("--out <file>", M.help.out)
    .addHelpText("after", M.help.after)
    .action(async (expression: string, flags: GraphFlags) => {
      const format = chooseFormat(flags);
      const content = await runGraph(expression, parseGraphAt(flags.at), format);
      if (flags.out) {
        writeFileAtomic(flags.out, content);
        process.stdout.write(`${t().cli.wrote(flags.out)}\n`);
      } else {
        if (format === "png") throw localizedError(UsageError, "pngNeedsOut");
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
  if (format !== "png") return renderGraph(expression, values, result, format, t());
  return svgToPng(await renderGraph(expression, values, result, "svg", t()), { scale: 2 });
}

function evaluate(
  expression: string,
  values: Readonly<Record<string, VariableValue>>,
): TensorExpressionResult {
  const parsed = parseExpression(expression);
  // Missing values are the expression module's to find; only values it would ignore are refused here.
  const unused = Object.keys(values).filter((name) => !parsed.variables.includes(name));
  if (unused.length > 0) {
    const args = [unused.join(", "), unused.length, expression, parsed.variables.join(", ")] as const;
    throw localizedError(UsageError, "graphUnused", ...args);
  }
  try {
    return evaluateTensorExpression(parsed, values);
  } catch (err) {
    if (err instanceof ExpressionError && err.kind === "missing-value") {
      // Said here, in the reader's language, from the values the expression module found missing.
      const missing = parsed.variables.filter((v) => !Object.hasOwn(values, v));
      throw localizedError(UsageError, "graphMissingValues", missing.join(", "), missing.length);
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
        if (Object.hasOwn(values, k)) throw localizedError(UsageError, "atTwice", k);
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
      throw localizedError(UsageError, "atNested", name, MAX_BRACKETS);
    }
    if (ch === "]") depth--;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw localizedError(UsageError, "atNotJson", name, text, (err as Error).message);
  }
  const notNumber = (v: unknown): boolean => (Array.isArray(v) ? v.some(notNumber) : typeof v !== "number");
  if (notNumber(value)) throw localizedError(UsageError, "atNotNumbers", name, text);
  return value as VariableValue;
}

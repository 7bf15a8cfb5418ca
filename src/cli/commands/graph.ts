import { extname } from "node:path";
import type { Command } from "commander";
import {
  ExpressionError,
  type ExpressionResult,
  evaluateExpression,
  parseExpression,
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
      const content = await runGraph(expression, parseAt(flags.at), format);
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
  values: Readonly<Record<string, number>>,
  format: GraphFormat,
): Promise<string | Uint8Array> {
  const result = evaluate(expression, values);
  if (format !== "png") return renderGraph(expression, values, result, format, t());
  return svgToPng(await renderGraph(expression, values, result, "svg"), { scale: 2 });
}

function evaluate(expression: string, values: Readonly<Record<string, number>>): ExpressionResult {
  const parsed = parseExpression(expression);
  // Missing values are the expression module's to find; only values it would ignore are refused here.
  const unused = Object.keys(values).filter((name) => !parsed.variables.includes(name));
  if (unused.length > 0) {
    throw new UsageError(
      t().graph.unused(unused.join(", "), unused.length, expression, parsed.variables.join(", ")),
    );
  }
  try {
    return evaluateExpression(parsed, values);
  } catch (err) {
    if (err instanceof ExpressionError && err.kind === "missing-value") {
      // Said here, in the reader's language, from the values the expression module found missing.
      const missing = parsed.variables.filter((v) => !Object.hasOwn(values, v));
      throw new UsageError(t().graph.missingValues(missing.join(", "), missing.length));
    }
    throw err;
  }
}

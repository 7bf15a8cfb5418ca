import type { Command } from "commander";
import { deriveExpression } from "../../explain/chain-rule.js";
import { resolveLang } from "../../util/i18n.js";
import { parseAt } from "../args.js";
import { cliLang, t } from "../lang.js";
import { emit, outputOptions, parseFormat, renderDerivation } from "./explain-output.js";

export interface DeriveFlags {
  var?: string;
  at?: string;
  lang?: string;
  format?: string;
  out?: string;
}

export function register(program: Command): void {
  const M = t();
  const h = M.derive;
  const command = program
    .command("derive")
    .description(h.description)
    .argument("<expression>", h.help.expression)
    .option("--var <name>", h.help.variable)
    .option("--at <name=value,...>", h.help.at);
  outputOptions(command, M)
    .addHelpText("after", h.help.after)
    .action((expression: string, flags: DeriveFlags) => {
      const lang = cliLang();
      emit(runDerive(expression, { ...flags, lang }), flags.out, lang);
    });
}

/** Derives the expression and returns what the command prints (or writes to --out). */
export function runDerive(
  expression: string,
  flags: DeriveFlags,
  env: Readonly<Record<string, string | undefined>> = {},
): string {
  const lang = resolveLang(flags.lang, env);
  const format = parseFormat(flags.format);
  const at = flags.at === undefined ? undefined : parseAt([flags.at]);
  return renderDerivation(deriveExpression(expression, { variable: flags.var, at, lang }), format);
}

import type { Command } from "commander";
import { type ExplainOptions, explainStep } from "../../explain/training-step.js";
import { localizedError, resolveLang } from "../../util/i18n.js";
import { parseChoice, parseInteger, parseNumber, UsageError } from "../args.js";
import { cliLang, t } from "../lang.js";
import { parseLossFlag, readModelAndExamples } from "../model-inputs.js";
import { emit, outputOptions, parseFormat, renderDerivation } from "./explain-output.js";

export interface ExplainFlags {
  model: string;
  inputs: string;
  targets: string;
  loss: string;
  reduction: string;
  lr?: string;
  example?: string;
  unit?: string;
  lang?: string;
  format?: string;
  out?: string;
}

export function register(program: Command): void {
  const M = t();
  const h = M.explain;
  const command = program
    .command("explain")
    .description(h.description)
    .requiredOption("--model <file>", h.help.model)
    .requiredOption("--inputs <file>", h.help.inputs)
    .requiredOption("--targets <file>", h.help.targets)
    .requiredOption("--loss <name>", h.help.loss)
    .option("--reduction <how>", h.help.reduction, "mean")
    .option("--lr <eta>", h.help.lr)
    .option("--example <n>", h.help.example)
    .option("--unit <l,j>", h.help.unit);
  outputOptions(command, M)
    .addHelpText("after", h.help.after)
    .action((flags: ExplainFlags) => {
      const lang = cliLang();
      emit(runExplain({ ...flags, lang }), flags.out, lang);
    });
}

/** Parses the flags, reads and checks the files, and returns what the command prints (or writes to --out). */
export function runExplain(
  flags: ExplainFlags,
  env: Readonly<Record<string, string | undefined>> = {},
): string {
  const lang = resolveLang(flags.lang, env);
  const loss = parseLossFlag(flags.loss);
  const format = parseFormat(flags.format);
  const options: ExplainOptions = {
    loss,
    reduction: parseChoice("--reduction", flags.reduction, ["mean", "sum"] as const),
    lang,
  };
  if (flags.lr !== undefined) options.lr = parseNumber("--lr", flags.lr, Number.MIN_VALUE);
  if (flags.example !== undefined) options.example = parseInteger("--example", flags.example, 1);
  if (flags.unit !== undefined) {
    const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(flags.unit);
    if (!m) throw localizedError(UsageError, "explainUnitFormat", flags.unit);
    options.unit = { layer: Number(m[1]), unit: Number(m[2]) };
  }
  // float64, as `grad`: the numbers are for checking by hand.
  const { model, X, Y } = readModelAndExamples(flags, loss, "float64");
  return renderDerivation(explainStep(model, X, Y, options), format);
}

import type { Command } from "commander";
import type { Derivation } from "../../explain/derivation.js";
import { katexStylesheet } from "../../explain/katex-css.js";
import { FORMATS, type Format, renderJson, renderMarkdown, renderText } from "../../explain/render.js";
import { renderHtml } from "../../explain/render-html.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { type Lang, localizedError, type Messages, messages } from "../../util/i18n.js";
import { parseChoice, UsageError } from "../args.js";

/** --format of explain and derive (default text). */
export const parseFormat = (text: string | undefined): Format =>
  parseChoice("--format", text ?? "text", FORMATS);

/** A derivation in one of the four formats. */
export function renderDerivation(d: Derivation, format: Format): string {
  switch (format) {
    case "text":
      return renderText(d);
    case "markdown":
      return renderMarkdown(d);
    case "html":
      return renderHtml(d, katexStylesheet());
    case "json":
      return renderJson(d);
  }
}

/** Prints the rendered derivation, or writes it atomically to --out and says so. */
export function emit(content: string, out: string | undefined, lang: Lang): void {
  if (out) {
    writeFileAtomic(out, content);
    process.stdout.write(`${messages(lang).render.wrote(out)}\n`);
  } else process.stdout.write(content);
}

/** The options explain and derive share: --format, --out (--lang is the program's). */
export function outputOptions(command: Command, M: Messages): Command {
  return command
    .option("--format <format>", M.render.formatOption, "text")
    .option("--out <file>", M.render.outOption);
}

/**
 * The derivation flags of a command whose --explain is optional (perceptron, delta-rule): --format and --out
 * shape the derivation, so without --explain they are refused rather than ignored; --json (and --trace) print
 * something else, so with it they are refused too.
 */
export function checkExplainFlags(flags: {
  explain?: boolean;
  json?: boolean;
  trace?: boolean;
  format?: string;
  out?: string;
}): void {
  if (flags.explain && flags.json) throw localizedError(UsageError, "explainJson");
  if (flags.explain && flags.trace) throw localizedError(UsageError, "explainTrace");
  if (flags.explain) return;
  for (const flag of ["format", "out"] as const) {
    if (flags[flag] !== undefined) throw localizedError(UsageError, "explainOnly", `--${flag}`);
  }
}

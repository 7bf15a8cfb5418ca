import { Command, CommanderError, type Help, type Option } from "commander";
import { selectDefaultBackend } from "../backend/wasm/select.js";
import { ERROR_RECORD_ENV, ERROR_RECORD_PREFIX, errorRecord } from "../util/error-record.js";
import { RetropropError } from "../util/errors.js";
import { errorText, type Messages, resolveLang } from "../util/i18n.js";
import { VERSION } from "../util/version.js";
import { checkFlagValues } from "./args.js";
import { registerCommands } from "./commands/index.js";
import { langArgument, t, useLang } from "./lang.js";

/** Builds the `retroprop` program in the CLI's language (lang.ts). Each command lives in src/cli/commands/. */
export function buildProgram(): Command {
  const M = t();
  const program = new Command("retroprop")
    .description(M.cli.description)
    .version(VERSION, "-V, --version", M.cli.version)
    .helpOption("-h, --help", M.cli.help)
    .helpCommand("help [command]", M.cli.helpCommand)
    .option("--lang <lang>", M.cli.lang)
    .exitOverride()
    .configureHelp(helpInLanguage(M))
    .configureOutput({
      // Commander's own usage errors, as one line in the same form as every other error.
      outputError: (str, write) => write(`retroprop: ${commanderError(str, M)} ${M.cli.seeHelp}\n`),
    });
  registerCommands(program);
  // The fast WebAssembly backend when it loads (RETROPROP_BACKEND=reference|wasm forces one); chosen only when
  // a command runs, so that --help stays instant.
  program.hook("preAction", async (_program, command) => {
    checkFlagValues(command);
    await selectDefaultBackend({}, M);
  });
  return program;
}

/** Commander's help layout with its headings, usage words and "(default: …)" from the catalogue. */
function helpInLanguage(M: Messages): Partial<Help> & { showGlobalOptions: boolean } {
  const titles: Readonly<Record<string, string>> = {
    "Usage:": M.cli.usage,
    "Options:": M.cli.options,
    "Global Options:": M.cli.globalOptions,
    "Arguments:": M.cli.arguments,
    "Commands:": M.cli.commands,
  };
  const words: Readonly<Record<string, string>> = {
    "[options]": M.cli.optionsWord,
    "[command]": M.cli.commandWord,
  };
  return {
    // --lang is a program option: every command's help lists it.
    showGlobalOptions: true,
    styleTitle: (title) => titles[title] ?? title,
    styleOptionText: (text) => words[text] ?? text,
    styleSubcommandText: (text) => words[text] ?? text,
    styleArgumentText: (text) => words[text] ?? text,
    optionDescription(option: Option): string {
      const shown = option.defaultValue !== undefined && (option.required || option.optional);
      if (!shown) return option.description;
      const value = option.defaultValueDescription ?? JSON.stringify(option.defaultValue);
      return `${option.description} (${M.cli.defaultValue(value)})`;
    },
  };
}

/** Commander's error messages, said in the catalogue's words (the flag and command names stay as typed). */
function commanderError(text: string, M: Messages): string {
  const e = M.cli.errors;
  const message = text.replace(/^error: /, "").trim();
  const patterns: Array<[RegExp, (...groups: string[]) => string]> = [
    [/^unknown option '([^']*)'(?:\s*\(Did you mean ([^?]*)\?\))?/, (o, s) => e.unknownOption(o, s)],
    [/^unknown command '([^']*)'(?:\s*\(Did you mean ([^?]*)\?\))?/, (c, s) => e.unknownCommand(c, s)],
    [/^missing required argument '([^']*)'/, (a) => e.missingArgument(a)],
    [/^option '([^']*)' argument missing/, (o) => e.optionArgumentMissing(o)],
    [/^required option '([^']*)' not specified/, (o) => e.requiredOption(o)],
    [
      /^too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)/,
      (c, x, g) => e.tooManyArguments(c, Number(x), Number(g)),
    ],
    [/^option '([^']*)' argument '([^']*)' is invalid/, (o, v) => e.invalidArgument(o, v)],
  ];
  for (const [pattern, say] of patterns) {
    const m = pattern.exec(message);
    if (m) return say(...m.slice(1));
  }
  return message.replace(/\s*\n\s*/g, " ");
}

/** Runs the CLI; resolves to the exit status. User mistakes print one line, never a stack trace. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    useLang(resolveLang(langArgument(argv), process.env));
  } catch (err) {
    // A --lang that names no language: said in the locale's language.
    useLang(resolveLang(undefined, process.env));
    return reportError(err);
  }
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

export function reportError(err: unknown): number {
  const M = t();
  if (err instanceof CommanderError) {
    // Commander already printed its message (usage errors, --help, --version).
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof RetropropError) {
    // A sweep's trial hands its error to the sweep as data too, for the sweep to say in its reader's language.
    const record = process.env[ERROR_RECORD_ENV] === "1" ? errorRecord(err) : undefined;
    if (record) process.stderr.write(`${ERROR_RECORD_PREFIX}${JSON.stringify(record)}\n`);
    process.stderr.write(`retroprop: ${errorText(err, M)}\n`);
    return 1;
  }
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT" || code === "EACCES" || code === "EISDIR" || code === "ENOTDIR") {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`retroprop: ${M.errors.cannotAccess(e.path ?? "", code)}\n`);
    return 1;
  }
  if (process.env.RETROPROP_DEBUG) throw err;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`retroprop: ${M.cli.internalError(message)}\n`);
  return 70;
}

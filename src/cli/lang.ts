/**
 * The language the CLI speaks in this process. `main` decides it once, before the program is built (help
 * texts are written when commands register, before commander has parsed --lang), with `resolveLang`: the
 * --lang flag found in argv, else the locale's environment, else English.
 */
import { type Lang, type Messages, messages } from "../util/i18n.js";

let current: Lang = "en";

/** Sets the language of everything the CLI prints from now on. */
export function useLang(lang: Lang): void {
  current = lang;
}

export function cliLang(): Lang {
  return current;
}

/** The catalogue of the CLI's language. */
export function t(): Messages {
  return messages(current);
}

/**
 * The value of the global --lang flag in argv (`--lang es` or `--lang=es`), before commander parses it;
 * undefined when absent. Arguments after `--` are operands, not flags.
 */
export function langArgument(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") break;
    if (arg === "--lang") value = argv[i + 1];
    else if (arg.startsWith("--lang=")) value = arg.slice("--lang=".length);
  }
  return value;
}

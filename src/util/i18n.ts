/**
 * Typed message catalogues: every user-facing string of a command, in English and Spanish, keyed by a
 * namespace per command. `Messages` is the English catalogue's type, so a key missing from (or misspelt in)
 * the Spanish one fails the type check. Pure (no Node built-ins): the caller passes the environment.
 */
import { InputError, RetropropError } from "./errors.js";
import { en, type Messages } from "./messages/en.js";
import { es } from "./messages/es.js";

export type { Messages } from "./messages/en.js";

export const LANGS = ["en", "es"] as const;
export type Lang = (typeof LANGS)[number];

const CATALOGUES: Readonly<Record<Lang, Messages>> = { en, es };

/** The catalogue of one language. */
export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}

/** The environment variables that name the user's language, in POSIX's order of precedence. */
const LOCALE_VARIABLES = ["LC_ALL", "LC_MESSAGES", "LANG"] as const;

/**
 * The language to speak: `--lang` when given, else the first locale variable that is set (LC_ALL,
 * LC_MESSAGES, LANG; "es_MX.UTF-8" → es), else English. A locale in another language (or C/POSIX) gives
 * English, the language every string exists in first.
 */
export function resolveLang(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = {},
): Lang {
  if (flag !== undefined) {
    if ((LANGS as readonly string[]).includes(flag)) return flag as Lang;
    throw localizedError(InputError, "lang", LANGS.join(", "), flag);
  }
  for (const name of LOCALE_VARIABLES) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    const code = /^([a-z]{2,3})(?:[_.@-]|$)/i.exec(value)?.[1]?.toLowerCase();
    return code === "es" ? "es" : "en";
  }
  return "en";
}

/** The errors whose text the catalogues hold (namespace `errors`). */
export type ErrorKey = keyof Messages["errors"];

/**
 * An error (InputError, UsageError…) whose text comes from the catalogues: its message is the English text,
 * and it keeps the key and the parameters, so that the CLI says it in the user's language (`errorText`).
 * The library needs no language of its own for this.
 */
export function localizedError<E extends RetropropError, K extends ErrorKey>(
  Kind: new (message: string) => E,
  key: K,
  ...params: Parameters<Messages["errors"][K]>
): E {
  const error = new Kind(errorTemplate(en, key)(...said(params, en)));
  error.catalogue = { key, params };
  return error;
}

/**
 * What an error that wraps another (`${path}: ${inner}`) passes for the inner one: the error itself, so that
 * each language says the inner error in that language too. A template receives it as its text.
 */
export type Nested = string | RetropropError;

/** The parameters as a template receives them: every nested error replaced by its text in that language. */
function said(params: readonly unknown[], M: Messages): unknown[] {
  return params.map((p) => (p instanceof RetropropError ? errorText(p, M) : p));
}

/** An error's one line in a language: its catalogue text when it has one, else its (English) message. */
export function errorText(error: RetropropError, M: Messages): string {
  const c = error.catalogue;
  if (!c || !Object.hasOwn(M.errors, c.key)) return error.message;
  // Through the same one-line rule as RetropropError's constructor.
  return new RetropropError(errorTemplate(M, c.key as ErrorKey)(...said(c.params, M))).message;
}

function errorTemplate(M: Messages, key: ErrorKey): (...params: readonly unknown[]) => string {
  return M.errors[key] as (...params: readonly unknown[]) => string;
}

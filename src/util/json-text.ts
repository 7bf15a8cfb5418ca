/**
 * JSON text with errors a person can act on: `source:line:column: malformed JSON (problem)`.
 */
import { InputError } from "./errors.js";
import { localizedError } from "./i18n.js";
import type { JsonProblem } from "./messages/errors-data.en.js";

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** The first syntax error of a JSON text: where, what (the catalogue words it), and the character found there. */
export interface JsonSyntaxError {
  offset: number;
  problem: JsonProblem;
  /** The character found, JSON-quoted; null at the end of the input (or the escape letter, for badEscape). */
  got: string | null;
}

/**
 * The first JSON syntax error in text (null if it is valid JSON). V8's JSON.parse messages do not always
 * carry a position, so this small scanner finds it.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  class Stop {
    constructor(
      readonly offset: number,
      readonly problem: JsonProblem,
      readonly got: string | null,
    ) {}
  }
  const shown = () => (i >= text.length ? null : JSON.stringify(text[i]));
  const stop = (problem: JsonProblem, got: string | null = shown()): never => {
    throw new Stop(i, problem, got);
  };
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r"))
      i++;
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) stop("unexpected");
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) stop("unterminatedString");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) stop("controlCharacter");
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) stop("badUnicodeEscape");
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else stop("badEscape", e ?? null);
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) stop("unexpected");
    i += m![0].length;
    if (i < text.length && /[0-9.eE]/.test(text[i])) stop("malformedNumber");
  };
  const value = (depth: number): void => {
    if (depth > 5000) stop("nestedTooDeeply");
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') stop("expectedName");
        string();
        ws();
        if (text[i] !== ":") stop("expectedColon");
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        stop("expectedCommaOrBrace");
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        stop("expectedCommaOrBracket");
      }
    }
    if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) number();
    else stop("unexpected");
  };
  try {
    value(0);
    ws();
    if (i < text.length) stop("unexpectedAfterValue");
    return null;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, problem: e.problem, got: e.got };
    throw e;
  }
}

/** JSON.parse with errors as `source:line:column: malformed JSON (problem)`. */
export function parseJsonText(text: string, source: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    const found = findJsonSyntaxError(body);
    if (found) {
      const { line, column } = lineColumn(body, found.offset);
      throw localizedError(InputError, "jsonMalformedAt", source, line, column, found.problem, found.got);
    }
    // Without a position, V8's own message; it may quote the offending text, newlines included.
    const message = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, " ");
    throw localizedError(InputError, "jsonMalformed", source, message);
  }
}

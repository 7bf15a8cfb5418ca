/**
 * A catalogue error as JSON data and back: its key and parameters, nested errors as records of their own, so
 * that another process (a sweep's trial, run as `retroprop train`) can hand its error to the one that says it
 * in the reader's language. Pure (no Node built-ins).
 */
import { RetropropError } from "./errors.js";
import { type ErrorKey, localizedError } from "./i18n.js";
import { en } from "./messages/en.js";

/**
 * Set to "1" in a command's environment, the CLI writes the error record of a failing command on a line of its
 * own (ERROR_RECORD_PREFIX, then the JSON) before its usual `retroprop: message` line on stderr.
 */
export const ERROR_RECORD_ENV = "RETROPROP_ERROR_RECORD";
export const ERROR_RECORD_PREFIX = "retroprop-error-record: ";

/** A catalogue error as data: the `errors` key and its parameters (see recordParam). */
export interface ErrorRecord {
  key: string;
  params: unknown[];
}

/**
 * A parameter as JSON: a nested catalogue error as {"error": record}, one without a key as its text, a
 * number JSON cannot hold (NaN, ±Infinity) as {"number": "NaN"}, undefined as null; anything else as it is.
 */
function recordParam(p: unknown): unknown {
  if (p instanceof RetropropError) return p.catalogue ? { error: errorRecord(p) } : p.message;
  if (typeof p === "number" && !Number.isFinite(p)) return { number: String(p) };
  if (Array.isArray(p)) return p.map(recordParam);
  return p ?? null;
}

function reviveParam(p: unknown): unknown {
  if (p === null) return undefined;
  if (Array.isArray(p)) return p.map(reviveParam);
  if (typeof p === "object") {
    const o = p as { error?: unknown; number?: unknown };
    if (typeof o.number === "string") return Number(o.number);
    if (o.error !== undefined) return reviveError(o.error) ?? "";
  }
  return p;
}

/** The error's key and parameters, or undefined for an error whose text is not in the catalogues. */
export function errorRecord(error: RetropropError): ErrorRecord | undefined {
  const c = error.catalogue;
  return c ? { key: c.key, params: c.params.map(recordParam) } : undefined;
}

/** The error a record describes, or undefined when it is malformed or its key unknown to this version. */
export function reviveError(record: unknown): RetropropError | undefined {
  const r = record as Partial<ErrorRecord> | null;
  if (!r || typeof r.key !== "string" || !Array.isArray(r.params) || !Object.hasOwn(en.errors, r.key)) {
    return undefined;
  }
  // The parameters are this key's, as the other process gave them (checked by the template's use below).
  const say = localizedError as (
    Kind: typeof RetropropError,
    key: ErrorKey,
    ...p: unknown[]
  ) => RetropropError;
  try {
    return say(RetropropError, r.key as ErrorKey, ...r.params.map(reviveParam));
  } catch {
    return undefined; // parameters of the wrong kind for this version's template
  }
}

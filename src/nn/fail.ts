/**
 * Errors that say where they are, `where: problem`, with the problem a catalogue key (src/util/messages/
 * errors-model.*.ts) so that each part is said in the reader's language. The model-file readers, the
 * checkpoints and the classic learners report through these.
 */
import { InputError } from "../util/errors.js";
import { type ErrorKey, localizedError, type Messages } from "../util/i18n.js";

/** A catalogue error's parameters. */
export type ProblemParams<K extends ErrorKey> = Parameters<Messages["errors"][K]>;

/** Throws one problem (a catalogue key and its parameters) as an InputError. */
export type Fail = <K extends ErrorKey>(key: K, ...params: ProblemParams<K>) => never;

/** The problem alone, as an InputError another may wrap. */
export function problem<K extends ErrorKey>(key: K, ...params: ProblemParams<K>): InputError {
  return localizedError(InputError, key, ...params);
}

/** `where: problem` as one InputError. */
function inputErrorAt<K extends ErrorKey>(where: string, key: K, ...params: ProblemParams<K>): InputError {
  return localizedError(InputError, "modelAt", where, problem(key, ...params));
}

/** A Fail that puts `where` before each problem. */
export function failAt(where: string): Fail {
  return (key, ...params) => {
    throw inputErrorAt(where, key, ...params);
  };
}

/** Throws one problem at a place inside a file: `source: path: problem` (the file alone when path is ""). */
export type FailInside = <K extends ErrorKey>(path: string, key: K, ...params: ProblemParams<K>) => never;

/** A FailInside for the file `source` (a JSON path, a header key, as the format names its places). */
export function failInside(source: string): FailInside {
  return (path, key, ...params) => {
    throw inputErrorAt(path ? `${source}: ${path}` : source, key, ...params);
  };
}

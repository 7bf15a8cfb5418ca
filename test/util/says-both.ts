/**
 * For the tests of localised errors: the error a call throws, in English and in Spanish.
 */
import assert from "node:assert/strict";
import type { RetropropError } from "../../src/util/errors.js";
import { errorText, messages } from "../../src/util/i18n.js";

/** The error `run` throws (synchronously or as a rejection), checked for its class and both languages' lines. */
export async function saysBoth(
  run: () => unknown,
  Kind: new (...args: never[]) => RetropropError,
  english: string,
  spanish: string,
): Promise<void> {
  let caught: unknown;
  try {
    await run();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof Kind, `expected a ${Kind.name}, got ${String(caught)}`);
  assert.equal(caught.message, english);
  assert.equal(errorText(caught, messages("en")), english);
  assert.equal(errorText(caught, messages("es")), spanish);
}

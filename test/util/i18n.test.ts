import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { langArgument } from "../../src/cli/lang.js";
import { InputError } from "../../src/util/errors.js";
import { errorText, LANGS, localizedError, messages, resolveLang } from "../../src/util/i18n.js";

/** Every leaf of a catalogue as path → kind (string or function of n arguments). */
function shape(value: unknown, path = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "function") out.set(path, `function/${value.length}`);
  else if (typeof value === "string") out.set(path, "string");
  else
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      for (const [p, kind] of shape(v, `${path}.${k}`)) out.set(p, kind);
    }
  return out;
}

/**
 * Every message with its placeholders filled by markers (⟦0⟧, ⟦1⟧ … one per parameter) as path → the markers
 * that appear in its text, sorted: the same for every language, or a language drops or invents a value.
 */
function placeholders(value: unknown, path = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "function") {
    const args = Array.from({ length: value.length }, (_, i) => `⟦${i}⟧`);
    const text = JSON.stringify((value as (...a: unknown[]) => unknown)(...args));
    out.set(path, [...new Set(text.match(/⟦\d+⟧/g) ?? [])].sort().join(" "));
  } else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      for (const [p, markers] of placeholders(v, `${path}.${k}`)) out.set(p, markers);
    }
  return out;
}

describe("i18n", () => {
  test("--lang wins, else LC_ALL, LC_MESSAGES, LANG in that order, else English", () => {
    assert.equal(resolveLang("es", { LC_ALL: "en_US.UTF-8" }), "es");
    assert.equal(resolveLang(undefined, { LC_ALL: "es_MX.UTF-8", LANG: "en_US.UTF-8" }), "es");
    assert.equal(resolveLang(undefined, { LC_ALL: "", LC_MESSAGES: "en_GB", LANG: "es_ES.UTF-8" }), "en");
    assert.equal(resolveLang(undefined, { LANG: "es" }), "es");
    assert.equal(resolveLang(undefined, { LANG: "C.UTF-8" }), "en");
    assert.equal(resolveLang(undefined, { LANG: "fr_FR.UTF-8" }), "en");
    assert.equal(resolveLang(undefined, {}), "en");
  });

  test("an unknown --lang is a one-line InputError", () => {
    assert.throws(() => resolveLang("fr"), InputError);
    assert.throws(() => resolveLang("fr"), /--lang: expected one of en, es, got "fr"/);
  });

  test("every catalogue has every key of the English one, each of the same kind (strings, functions of n arguments)", () => {
    const english = shape(messages("en"));
    assert.ok(english.size > 100, `${english.size} messages`);
    for (const lang of LANGS) assert.deepEqual(shape(messages(lang)), english, lang);
  });

  test("every message says the same values in every language (same placeholders per key)", () => {
    const english = placeholders(messages("en"));
    assert.ok([...english.values()].filter((m) => m !== "").length > 100);
    for (const lang of LANGS) assert.deepEqual(placeholders(messages(lang)), english, lang);
  });

  test("the examples of the task: C and POSIX are English, es_MX.UTF-8 and es_ES@euro Spanish", () => {
    assert.equal(resolveLang(undefined, { LC_ALL: "C", LANG: "es_MX.UTF-8" }), "en");
    assert.equal(resolveLang(undefined, { LC_MESSAGES: "POSIX", LANG: "es_MX.UTF-8" }), "en");
    assert.equal(resolveLang(undefined, { LC_MESSAGES: "es_MX.UTF-8", LANG: "en_US.UTF-8" }), "es");
    assert.equal(resolveLang(undefined, { LANG: "es_ES@euro" }), "es");
  });

  test("--lang is found in the command line before commander parses it: --lang es, --lang=es, the last one", () => {
    assert.equal(langArgument(["node", "retroprop", "train", "--lang", "es"]), "es");
    assert.equal(langArgument(["node", "retroprop", "--lang=en", "train"]), "en");
    assert.equal(langArgument(["node", "retroprop", "--lang", "en", "grad", "--lang", "es"]), "es");
    assert.equal(langArgument(["node", "retroprop", "graph", "--", "--lang"]), undefined);
    assert.equal(langArgument(["node", "retroprop", "train"]), undefined);
  });

  test("a catalogue error is English as thrown, and in the reader's language through errorText", () => {
    const err = localizedError(InputError, "expectedInteger", "--epochs", "x");
    assert.ok(err instanceof InputError);
    assert.equal(err.message, '--epochs: expected an integer, got "x"');
    assert.equal(errorText(err, messages("es")), '--epochs: se esperaba un entero, se recibió "x"');
    // An error without a catalogue key keeps its message in every language.
    assert.equal(errorText(new InputError("a.csv:3:1: bad"), messages("es")), "a.csv:3:1: bad");
  });

  test("an error passed to another as a parameter (Nested) is said in the reader's language too", () => {
    const inner = localizedError(InputError, "expectedInteger", "--epochs", "x");
    // (No key takes a Nested parameter yet in util's own namespace; "lang"'s text stands in for one.)
    const outer = localizedError(InputError, "lang", "en, es", inner as unknown as string);
    assert.equal(
      outer.message,
      `--lang: expected one of en, es, got "--epochs: expected an integer, got "x""`,
    );
    assert.equal(
      errorText(outer, messages("es")),
      `--lang: se esperaba uno de en, es, se recibió "--epochs: se esperaba un entero, se recibió "x""`,
    );
  });

  test("Spanish strings differ from the English ones except names, formulas and examples", () => {
    const en = messages("en");
    const es = messages("es");
    assert.notEqual(es.explain.title, en.explain.title);
    assert.equal(es.explain.losses.mse, "error cuadrático medio E = ½Σ(ŷ − y)²");
    assert.equal(es.explain.reductionName(true, 4), "promedio sobre los N = 4 ejemplos (cada δ lleva 1/N)");
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InputError } from "../../src/util/errors.js";
import { LANGS, messages, resolveLang } from "../../src/util/i18n.js";

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

  test("Spanish strings differ from the English ones except names, formulas and examples", () => {
    const en = messages("en");
    const es = messages("es");
    assert.notEqual(es.explain.title, en.explain.title);
    assert.equal(es.explain.losses.mse, "error cuadrático medio E = ½Σ(ŷ − y)²");
    assert.equal(es.explain.reductionName(true, 4), "promedio sobre los N = 4 ejemplos (cada δ lleva 1/N)");
  });
});

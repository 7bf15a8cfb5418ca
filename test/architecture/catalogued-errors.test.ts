/**
 * Every error a user can meet says itself in every language: the library throws its RetropropErrors through
 * `localizedError` (src/util/i18n.ts), whose key and parameters the CLI turns into the reader's language. An
 * error built from inline text (`new InputError(\`…\`)`) would stay English under --lang es, so none may be left
 * in src/. Internal invariants (a bug, not a user's mistake) throw a plain Error and are not counted.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { type Lang, messages } from "../../src/util/i18n.js";
import { dataErrorsEn } from "../../src/util/messages/errors-data.en.js";
import { dataErrorsEs } from "../../src/util/messages/errors-data.es.js";
import { engineErrorsEn } from "../../src/util/messages/errors-engine.en.js";
import { engineErrorsEs } from "../../src/util/messages/errors-engine.es.js";
import { figureErrorsEn } from "../../src/util/messages/errors-figures.en.js";
import { figureErrorsEs } from "../../src/util/messages/errors-figures.es.js";
import { modelErrorsEn } from "../../src/util/messages/errors-model.en.js";
import { modelErrorsEs } from "../../src/util/messages/errors-model.es.js";

/** The areas' catalogues, spread into the `errors` namespace of each language. */
const AREAS: Record<Lang, Record<string, Record<string, unknown>>> = {
  en: { data: dataErrorsEn, engine: engineErrorsEn, model: modelErrorsEn, figures: figureErrorsEn },
  es: { data: dataErrorsEs, engine: engineErrorsEs, model: modelErrorsEs, figures: figureErrorsEs },
};

const src = fileURLToPath(new URL("../../../src/", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** RetropropError and every class that extends it, found in the sources (so a new error class is covered). */
function errorClasses(texts: readonly string[]): Set<string> {
  const classes = new Set(["RetropropError"]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const text of texts)
      for (const m of text.matchAll(/class\s+(\w+)\s+extends\s+(\w+)/g))
        if (classes.has(m[2]) && !classes.has(m[1])) {
          classes.add(m[1]);
          grew = true;
        }
  }
  return classes;
}

test("no RetropropError is built from inline text: each comes from the catalogues (localizedError)", () => {
  const files = sourceFiles(src);
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const classes = errorClasses(texts);
  assert.ok(classes.has("InputError") && classes.has("ShapeError"), [...classes].join(", "));
  const inline: string[] = [];
  files.forEach((file, i) => {
    // i18n.ts builds the catalogue's errors themselves (localizedError, errorText).
    if (relative(src, file) === join("util", "i18n.ts")) return;
    texts[i].split("\n").forEach((line, n) => {
      for (const m of line.matchAll(/\bnew\s+(\w+)\s*\(/g))
        if (classes.has(m[1])) inline.push(`${relative(src, file)}:${n + 1}: new ${m[1]}(`);
    });
  });
  assert.deepEqual(inline, [], `errors built from inline text (use localizedError):\n${inline.join("\n")}`);
});

test("the areas' error catalogues share no key with each other nor with the errors namespace (a spread would hide one)", () => {
  for (const [lang, areas] of Object.entries(AREAS)) {
    const errors = messages(lang as Lang).errors as Record<string, unknown>;
    const seen = new Map<string, string>();
    for (const [area, table] of Object.entries(areas))
      for (const [key, template] of Object.entries(table)) {
        assert.equal(seen.get(key), undefined, `${lang}: errors.${key} is in ${seen.get(key)} and ${area}`);
        seen.set(key, area);
        assert.equal(
          errors[key],
          template,
          `${lang}: errors.${key} of ${area} is replaced by another of that name`,
        );
      }
  }
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { messages } from "../../src/util/i18n.js";
import { XOR_FILES } from "../cli/notes-xor.js";
import { root } from "../cli/run-cli.js";

/**
 * Runs `retroprop …args` as run-cli.ts does, but with the locale under the test's control: LANG=C unless
 * `locale` says otherwise, so that a developer's Spanish locale cannot change the English checks.
 */
function runCli(args: readonly string[], locale: Record<string, string> = { LANG: "C" }) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...locale };
  if (process.env.RETROPROP_BACKEND) env.RETROPROP_BACKEND = process.env.RETROPROP_BACKEND;
  const r = spawnSync(process.execPath, ["bin/retroprop.js", ...args], {
    cwd: root,
    encoding: "utf8",
    env,
    timeout: 300_000,
  });
  if (r.error) throw new Error(`retroprop ${args.join(" ")}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const XOR = [...XOR_FILES, "--loss", "mse"];

/** The words (3+ letters) of every string of a catalogue, functions called with sample numbers. */
function words(value: unknown): Set<string> {
  const out = new Set<string>();
  const add = (s: string) => {
    for (const w of s.match(/\p{L}{3,}/gu) ?? []) out.add(w.toLowerCase());
  };
  const walk = (v: unknown) => {
    if (typeof v === "string") add(v);
    else if (typeof v === "function") {
      // Sample numbers for every parameter (at least four: optional ones count too).
      const args = Array.from({ length: Math.max(4, v.length) }, (_, i) => i + 1);
      add(String((v as (...a: unknown[]) => unknown)(...args)));
    } else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}

/** English words of the English catalogue that are not also Spanish (or a name) in the Spanish one. */
const englishOnly = (() => {
  const es = words(messages("es"));
  return [...words(messages("en"))].filter((w) => !es.has(w));
})();

function untranslated(output: string): string[] {
  // LaTeX commands (\left, \frac, \text) are not words of any language; what \text{…} holds is.
  const found = new Set(
    output
      .replace(/\\[a-zA-Z]+/g, " ")
      .toLowerCase()
      .match(/\p{L}{3,}/gu) ?? [],
  );
  return englishOnly.filter((w) => found.has(w));
}

const tmp = mkdtempSync(join(tmpdir(), "retroprop-explain-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("retroprop explain and derive (CLI)", () => {
  test("explain in Spanish, text and Markdown: no English word of the English catalogue", () => {
    assert.ok(englishOnly.length > 100, `${englishOnly.length} English-only words to look for`);
    // The detector finds English where there is some: the same run in English.
    const english = runCli(["explain", ...XOR, "--reduction", "sum", "--lr", "0.5", "--lang", "en"]);
    assert.ok(untranslated(english.stdout).length > 20, untranslated(english.stdout).join(" "));
    for (const format of ["text", "markdown"]) {
      const r = runCli([
        "explain",
        ...XOR,
        "--reduction",
        "sum",
        "--lr",
        "0.5",
        "--lang",
        "es",
        "--format",
        format,
      ]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(untranslated(r.stdout), [], format);
      assert.match(r.stdout, /Retropropagación, capa oculta 1/);
      assert.match(r.stdout, /0\.00947781/);
    }
    const one = runCli(["explain", ...XOR, "--example", "3", "--unit", "1,1", "--lang", "es"]);
    assert.equal(one.status, 0, one.stderr);
    assert.deepEqual(untranslated(one.stdout), []);
    assert.match(one.stdout, /modo en línea/);
  });

  test("derive in Spanish: note 000's four exercises, no English word", () => {
    for (const [expression, at] of [
      ["sen(2x^2+3)", "x=0.3"],
      ["ln(cos(x^2+1))", "x=0.3"],
      ["e^(2x^2+3x)", "x=0.3"],
      ["(1+e^(-z))^(-1)", "z=0.3"],
    ]) {
      const r = runCli(["derive", expression, "--at", at, "--lang", "es"]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(untranslated(r.stdout), [], expression);
      assert.match(r.stdout, /función interna/);
      assert.match(r.stdout, /Los tres valores coinciden/);
    }
  });

  test("the language comes from LC_ALL / LANG when --lang is absent", () => {
    const r = runCli(["derive", "sen(2x^2+3)"], { LANG: "es_MX.UTF-8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /La derivada de y = sen\(2x² \+ 3\)/);
    const en = runCli(["derive", "sen(2x^2+3)"], { LANG: "C" });
    assert.match(en.stdout, /The derivative of y = sin\(2x² \+ 3\)/);
  });

  test("JSON has every quantity; --out writes the file atomically and says so", () => {
    const r = runCli(["explain", ...XOR, "--reduction", "sum", "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout) as { kind: string; quantities: { layers: { delta: number[][] }[] } };
    assert.equal(d.kind, "explain");
    // δ₁₁⁽¹⁾ of note 000's network, by hand: σ(z) at z⁽²⁾ = 0.3σ(−0.4) − 0.2σ(0.2) + 0.1, then the chain
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const yh = s(0.3 * s(-0.4) - 0.2 * s(0.2) + 0.1);
    const d11 = yh * yh * (1 - yh) * 0.3 * s(-0.4) * (1 - s(-0.4));
    assert.ok(Math.abs(d.quantities.layers[0].delta[0][0] - d11) < 1e-15);
    const out = join(tmp, "step.md");
    const w = runCli(["explain", ...XOR, "--format", "markdown", "--out", out, "--lang", "en"]);
    assert.equal(w.status, 0, w.stderr);
    assert.equal(w.stdout, `wrote ${out}\n`);
    assert.match(readFileSync(out, "utf8"), /^# One training step, derived/);
  });

  test("HTML is one self-contained page: KaTeX markup, inline fonts, no script and no network", () => {
    const out = join(tmp, "derive.html");
    const r = runCli(["derive", "ln(cos(x^2+1))", "--at", "x=0.3", "--format", "html", "--out", out]);
    assert.equal(r.status, 0, r.stderr);
    const html = readFileSync(out, "utf8");
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /class="katex"/);
    assert.match(html, /src:url\(data:font\/woff2;base64,/);
    assert.doesNotMatch(html, /<script|https?:\/\/|url\(fonts\//);
  });

  test("bad input: one line, non-zero exit, no stack trace", () => {
    const cases: [string[], RegExp][] = [
      [["explain", ...XOR, "--example", "9"], /--example: expected an example number from 1 to 4, got 9/],
      [["explain", ...XOR, "--unit", "2"], /--unit: expected l,j/],
      [["explain", ...XOR, "--unit", "1,3"], /layer 1 has units 1 to 2, got unit 3/],
      [["explain", ...XOR, "--lang", "fr"], /--lang: expected one of en, es/],
      [["explain", ...XOR, "--format", "pdf"], /--format: expected one of text, markdown, html, json/],
      [["explain", ...XOR, "--example", "9", "--lang", "es"], /se esperaba un número de ejemplo de 1 a 4/],
      [["derive", "x*y"], /several variables/],
      [["derive", "relu(x)", "--lang", "es"], /no se puede derivar relu/],
      [["derive", "sen(x", "--at", "x=1"], /syntax error/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      assert.notEqual(r.status, 0, args.join(" "));
      assert.match(r.stderr, /^retroprop: /);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    }
  });
});

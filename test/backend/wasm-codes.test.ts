/**
 * The WebAssembly kernels' op codes agree with the activation table: assembly/elementwise.ts is read as
 * text, its `const NAME = code;` unary codes parsed, and compared with src/backend/wasm/codes.ts (whose
 * activation codes come from the table), and every code has its case in the scalar forward and derivative.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ACTIVATIONS, elementwiseInfo, isElementwiseActivation } from "../../src/backend/activations.js";
import { UNARY_BACKWARD_CODES, UNARY_CODES } from "../../src/backend/wasm/codes.js";

// dist/test/backend/ → the repository root
const source = readFileSync(new URL("../../../assembly/elementwise.ts", import.meta.url), "utf8");

/** The `const NAME = n;` lines between two comments of the assembly source. */
function constants(from: string, to: string): Map<string, number> {
  const block = source.slice(source.indexOf(from), source.indexOf(to));
  assert.ok(block.length > 0, `assembly/elementwise.ts: no block from "${from}" to "${to}"`);
  return new Map([...block.matchAll(/^const ([A-Z_]+) = (\d+);$/gm)].map((m) => [m[1], Number(m[2])]));
}

/** The body of a top-level function of the assembly source. */
function body(name: string): string {
  const start = source.indexOf(`function ${name}(`);
  assert.ok(start >= 0, `assembly/elementwise.ts: no function ${name}`);
  return source.slice(start, source.indexOf("\n}\n", start));
}

const unary = constants("// Unary op codes", "// Binary op codes");

test("every unary op code of codes.ts is the assembly's constant of the same name, and the other way round", () => {
  const fromAssembly = Object.fromEntries([...unary].map(([name, code]) => [name.toLowerCase(), code]));
  assert.deepEqual(fromAssembly, UNARY_CODES);
});

test("every activation but softmax has a wasm code, its own, equal to the table's", () => {
  const elementwise = ACTIVATIONS.filter(isElementwiseActivation);
  assert.equal(elementwise.length, ACTIVATIONS.length - 1);
  const codes = new Set<number>();
  for (const name of elementwise) {
    const code = elementwiseInfo(name)!.wasm;
    assert.equal(unary.get(name.toUpperCase()), code, `${name}: the assembly's code`);
    assert.equal(UNARY_BACKWARD_CODES[name], code, `${name}: the derivative's code`);
    assert.ok(!codes.has(code), `${name}: code ${code} taken twice`);
    codes.add(code);
  }
});

test("the scalar forward has a case for every unary code and the derivative for every backward code", () => {
  const forward = body("unaryScalar");
  const derivative = body("derivative");
  for (const name of Object.keys(UNARY_CODES))
    assert.match(forward, new RegExp(`case ${name.toUpperCase()}:`), `unaryScalar lacks ${name}`);
  for (const name of Object.keys(UNARY_BACKWARD_CODES))
    assert.match(derivative, new RegExp(`case ${name.toUpperCase()}:`), `derivative lacks ${name}`);
});

/** Expressions as untrusted input (issue 13): long names and numbers, line breaks. */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ExpressionError,
  evaluateExpression,
  MAX_LENGTH,
  parseExpression,
} from "../../src/explain/expression.js";

const oneLine = (pattern: RegExp) => (e: unknown) =>
  e instanceof ExpressionError && !/[\r\n]/.test(e.message) && pattern.test(e.message);

test("an expression longer than MAX_LENGTH is refused by its length, naming both", () => {
  const text = `${"a".repeat(70_000)}+1`;
  assert.throws(
    () => parseExpression(text),
    oneLine(new RegExp(`^expression of 70002 characters, more than the ${MAX_LENGTH} accepted`)),
  );
});

test("a long variable name without a value is named at its position (no pattern built from it)", () => {
  const name = "a".repeat(9000);
  assert.throws(
    () => evaluateExpression(`b*${name}`, { b: 1 }),
    (e: unknown) => e instanceof ExpressionError && e.position === 3,
  );
});

test("a number of thousands of digits is too large for float64, said with its length", () => {
  const digits = "1".repeat(9990);
  assert.throws(
    () => evaluateExpression(`${digits} + x`, { x: 1 }),
    oneLine(/^the number 11111111111111111111… \(9990 characters\) is too large for float64/),
  );
});

test("an expression with line breaks gives a one-line error (the break shown as ⏎)", () => {
  assert.throws(() => parseExpression("x+\ny*"), oneLine(/in "x\+⏎y\*"/));
  assert.throws(
    () => parseExpression("x +\r\nfoo(y)"),
    oneLine(/^syntax error at char 4 in "x \+⏎foo\(y\)"/),
  );
});

/**
 * Errors of expressions, derivations, figures and experiments (src/explain, src/viz, src/experiments, src/cli).
 * Spread into the `errors` namespace of en.ts; errors-figures.es.ts must have every key.
 */
import type { Nested } from "../i18n.js";

/** Long text in a message: its start and its length ("x + … (12000 characters)"). */
const clipped = (text: string, keep: number, max: number): string =>
  text.length <= max ? text : `${text.slice(0, keep)}… (${text.length} characters)`;
/** An expression in a message. */
const quoted = (text: string): string => clipped(text, 60, 80);
const at = (position: number | undefined): string => (position ? ` at char ${position}` : "");

export const figureErrorsEn = {
  // src/explain/expression.ts
  exprTooDeep: (length: number) =>
    `expression too deeply nested to evaluate (${length} characters): split it into smaller ones`,
  exprTooDeepParentheses: (length: number, nesting: number, max: number) =>
    `expression too deeply nested to evaluate (${length} characters): ${nesting} nested parentheses, more than ${max}; split it into smaller ones`,
  exprTooDeepLevels: (length: number, depth: number, max: number) =>
    `expression too deeply nested to evaluate (${length} characters): ${depth} levels of operations, more than ${max}; split it into smaller ones`,
  exprEmpty: () => "empty expression",
  exprTooLong: (length: number, max: number) =>
    `expression of ${length} characters, more than the ${max} accepted: split it into smaller ones`,
  /** `problem` is mathjs's own (English) description of the syntax error. */
  exprSyntax: (position: number | undefined, text: string, problem: string) =>
    `syntax error${at(position)} in "${quoted(text)}": ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`,
  exprNotNumber: (type: string, json: string, text: string) =>
    `${type} ${json} is not a number (in ${quoted(text)})`,
  exprNumberTooLarge: (literal: string, text: string) =>
    `the number ${clipped(literal, 20, 40)} is too large for float64 (in "${quoted(text)}")`,
  exprUnexpectedCharacter: (name: string, position: number | undefined, text: string) =>
    `unexpected character "${name}"${at(position)} in "${quoted(text)}"`,
  exprFunctionNotCalled: (name: string, position: number | undefined) =>
    `${name} is a function: write ${name}(...)${position ? ` (char ${position})` : ""}`,
  exprOperator: (op: string, fn: string, sub: string) =>
    `operator ${op} (${fn}) is not supported; use + - * / ^ (in ${sub})`,
  exprUnknownFunction: (
    name: string,
    named: boolean,
    position: number | undefined,
    sub: string,
    known: string,
  ) =>
    `unknown function ${name}${at(position)} (in ${sub}); known functions: ${known}` +
    (named ? `; to multiply, write ${name}*(...)` : ""),
  exprArity: (name: string, arity: number, got: number, position: number | undefined, sub: string) =>
    `${name} takes ${arity} argument${arity === 1 ? "" : "s"}, ${arity === 1 ? `${name}(x)` : `${name}(a, b)`}, got ${got}${at(position)} (in ${sub})`,
  exprSyntaxUnsupported: (kind: string, sub: string) =>
    `unsupported syntax (${kind}): ${sub}; expressions take numbers, variables, + - * / ^, parentheses and functions`,
  exprValueNotArray: (name: string, why: Nested) =>
    `the value of ${name} is not a number, vector or matrix: ${why}`,
  exprValueEmpty: (name: string) => `the value of ${name} is empty`,
  exprTooManyElements: (name: string, size: number, shape: string, max: number) =>
    `${name} has ${size} elements (shape ${shape}), more than the ${max} whose Jacobians can be written out`,
  exprValueNotFinite: (name: string, element: number | undefined, shape: string, got: number) =>
    `the value of ${name} must be a finite number${element === undefined ? "" : ` (element ${element} of ${shape})`}, got ${got}`,
  exprConstant: (name: string, value: number) => `${name} is a constant (${value}), not a variable`,
  exprMissingValue: (names: string, count: number) => `no value for variable${count > 1 ? "s" : ""} ${names}`,
  exprShapes: (sub: string, inner: Nested) => `shapes do not fit in ${sub}: ${inner}`,
  /** A value that is not finite (`problem`, one of the expr… keys below) at a sub-expression. */
  exprDomain: (problem: Nested, sub: string) => `${problem} (at ${sub})`,
  exprElementNotFinite: (element: number, value: number) =>
    `element ${element} of the result is ${value}, not a finite number`,
  exprLogZero: (fn: string) => `${fn} of 0 is -Infinity`,
  exprLogNegative: (fn: string, a: string) => `${fn} of ${a} is undefined (negative)`,
  exprSqrtNegative: (a: string) => `sqrt of ${a} is undefined (negative)`,
  exprZeroOverZero: () => "0 / 0 is undefined (division by zero)",
  exprDivisionByZero: (a: string) => `division by zero: ${a} / 0`,
  exprZeroToNegative: (b: string) => `0 ^ ${b} is infinite (division by zero)`,
  exprNegativeBase: (a: string, b: string) => `${a} ^ ${b} is undefined (negative base, fractional exponent)`,
  exprOverflow: (operation: string) => `${operation} overflows float64`,
  exprResultNotFinite: (y: string, inputs: string) =>
    `the result ${y} is not a finite number${inputs ? ` (inputs ${inputs})` : ""}`,
  exprNoJacobian: (name: string) =>
    `no finite Jacobian: ∂f/∂${name} has an undefined or infinite entry at these values`,
  exprNoGradient: (label: string, wrt: string | undefined, nan: boolean, point: string, value: string) =>
    `no finite gradient: the derivative of ${label} with respect to ${wrt ?? "its input"} is ${nan ? "undefined" : "infinite"} at ${point || `${wrt ?? "its input"} = ${value}`}`,
  // src/explain/training-step.ts, src/cli/commands/explain.ts
  explainExample: (n: number, N: number) => `--example: expected an example number from 1 to ${N}, got ${n}`,
  explainUnitLayer: (l: number, L: number) => `--unit: the network has layers 1 to ${L}, got layer ${l}`,
  explainUnit: (l: number, j: number, units: number) =>
    `--unit: layer ${l} has units 1 to ${units}, got unit ${j}`,
  explainUnitFormat: (text: string) => `--unit: expected l,j (layer and unit, 1-based), got "${text}"`,
  explainLr: (lr: number) => `--lr: the learning rate must be a positive number, got ${lr}`,
  // src/explain/chain-rule.ts
  deriveWhichVariable: (names: string) =>
    `the expression has several variables (${names}): choose one with --var`,
  deriveNoVariable: (expression: string) => `"${expression}" has no variable to differentiate by`,
  deriveVariableAbsent: (x: string, expression: string) => `--var: ${x} does not appear in "${expression}"`,
  deriveMissingValue: (names: string) => `--at: no value for ${names}`,
  deriveCannotDifferentiate: (fn: string) => `cannot differentiate ${fn} symbolically`,
  deriveTooLong: () => "the chain has too many links to name (more than 8)",
};

/** Los errores de errors-figures.en.ts, en español (con los términos de los apuntes). */
import type { Nested } from "../i18n.js";
import type { figureErrorsEn } from "./errors-figures.en.js";

/** Un texto largo en un mensaje: su principio y su longitud ("x + … (12000 caracteres)"). */
const clipped = (text: string, keep: number, max: number): string =>
  text.length <= max ? text : `${text.slice(0, keep)}… (${text.length} caracteres)`;
const quoted = (text: string): string => clipped(text, 60, 80);
const at = (position: number | undefined): string => (position ? ` en el carácter ${position}` : "");

/** Los errores de sintaxis de mathjs (en inglés en mathjs) que se conocen; los demás quedan como mathjs los dice. */
const MATHJS: ReadonlyArray<[RegExp, (...groups: string[]) => string]> = [
  [/^value expected$/i, () => "se esperaba un valor"],
  [/^unexpected end of expression$/i, () => "la expresión termina antes de tiempo"],
  [/^parenthesis \) expected$/i, () => "se esperaba un paréntesis )"],
  [/^parenthesis \] expected$/i, () => "se esperaba un corchete ]"],
  [/^end of matrix \] expected$/i, () => "se esperaba el final de la matriz ]"],
  [/^unexpected operator (.*)$/i, (op) => `operador inesperado ${op}`],
  [/^unexpected part "(.*)"$/i, (part) => `parte inesperada "${part}"`],
  [/^syntax error in part "(.*)"$/i, (part) => `error de sintaxis en la parte "${part}"`],
  [/^digit expected, got "(.*)"$/i, (got) => `se esperaba un dígito, se recibió "${got}"`],
  [
    /^invalid left hand side of assignment operator =$/i,
    () => "lado izquierdo no válido del operador de asignación =",
  ],
];
function mathjsProblem(problem: string): string {
  for (const [re, say] of MATHJS) {
    const m = re.exec(problem);
    if (m) return say(...m.slice(1));
  }
  return problem;
}

export const figureErrorsEs: typeof figureErrorsEn = {
  // src/explain/expression.ts
  exprTooDeep: (length: number) =>
    `expresión demasiado anidada para evaluarla (${length} caracteres): divídala en otras más pequeñas`,
  exprTooDeepParentheses: (length: number, nesting: number, max: number) =>
    `expresión demasiado anidada para evaluarla (${length} caracteres): ${nesting} paréntesis anidados, más de ${max}; divídala en otras más pequeñas`,
  exprTooDeepLevels: (length: number, depth: number, max: number) =>
    `expresión demasiado anidada para evaluarla (${length} caracteres): ${depth} niveles de operaciones, más de ${max}; divídala en otras más pequeñas`,
  exprEmpty: () => "expresión vacía",
  exprTooLong: (length: number, max: number) =>
    `expresión de ${length} caracteres, más de los ${max} que se aceptan: divídala en otras más pequeñas`,
  exprSyntax: (position: number | undefined, text: string, problem: string) =>
    `error de sintaxis${at(position)} en "${quoted(text)}": ${mathjsProblem(problem)}`,
  exprNotNumber: (type: string, json: string, text: string) =>
    `${type} ${json} no es un número (en ${quoted(text)})`,
  exprNumberTooLarge: (literal: string, text: string) =>
    `el número ${clipped(literal, 20, 40)} es demasiado grande para float64 (en "${quoted(text)}")`,
  exprUnexpectedCharacter: (name: string, position: number | undefined, text: string) =>
    `carácter inesperado "${name}"${at(position)} en "${quoted(text)}"`,
  exprFunctionNotCalled: (name: string, position: number | undefined) =>
    `${name} es una función: escriba ${name}(...)${position ? ` (carácter ${position})` : ""}`,
  exprOperator: (op: string, fn: string, sub: string) =>
    `el operador ${op} (${fn}) no se admite; use + - * / ^ (en ${sub})`,
  exprUnknownFunction: (
    name: string,
    named: boolean,
    position: number | undefined,
    sub: string,
    known: string,
  ) =>
    `función desconocida ${name}${at(position)} (en ${sub}); funciones conocidas: ${known}` +
    (named ? `; para multiplicar, escriba ${name}*(...)` : ""),
  exprArity: (name: string, arity: number, got: number, position: number | undefined, sub: string) =>
    `${name} recibe ${arity} argumento${arity === 1 ? "" : "s"}, ${arity === 1 ? `${name}(x)` : `${name}(a, b)`}, se recibieron ${got}${at(position)} (en ${sub})`,
  exprSyntaxUnsupported: (kind: string, sub: string) =>
    `sintaxis no admitida (${kind}): ${sub}; las expresiones llevan números, variables, + - * / ^, paréntesis y funciones`,
  exprValueNotArray: (name: string, why: Nested) =>
    `el valor de ${name} no es un número, un vector ni una matriz: ${why}`,
  exprValueEmpty: (name: string) => `el valor de ${name} está vacío`,
  exprTooManyElements: (name: string, size: number, shape: string, max: number) =>
    `${name} tiene ${size} elementos (forma ${shape}), más de los ${max} cuyos jacobianos se pueden escribir`,
  exprValueNotFinite: (name: string, element: number | undefined, shape: string, got: number) =>
    `el valor de ${name} debe ser un número finito${element === undefined ? "" : ` (elemento ${element} de ${shape})`}, se recibió ${got}`,
  exprConstant: (name: string, value: number) => `${name} es una constante (${value}), no una variable`,
  exprMissingValue: (names: string, count: number) =>
    `falta el valor de ${count > 1 ? "las variables" : "la variable"} ${names}`,
  exprShapes: (sub: string, inner: Nested) => `las formas no encajan en ${sub}: ${inner}`,
  exprDomain: (problem: Nested, sub: string) => `${problem} (en ${sub})`,
  exprElementNotFinite: (element: number, value: number) =>
    `el elemento ${element} del resultado es ${value}, no un número finito`,
  exprLogZero: (fn: string) => `${fn} de 0 es -Infinity`,
  exprLogNegative: (fn: string, a: string) => `${fn} de ${a} no está definido (negativo)`,
  exprSqrtNegative: (a: string) => `sqrt de ${a} no está definida (negativo)`,
  exprZeroOverZero: () => "0 / 0 no está definido (división entre cero)",
  exprDivisionByZero: (a: string) => `división entre cero: ${a} / 0`,
  exprZeroToNegative: (b: string) => `0 ^ ${b} es infinito (división entre cero)`,
  exprNegativeBase: (a: string, b: string) =>
    `${a} ^ ${b} no está definido (base negativa, exponente fraccionario)`,
  exprOverflow: (operation: string) => `${operation} se desborda en float64`,
  exprResultNotFinite: (y: string, inputs: string) =>
    `el resultado ${y} no es un número finito${inputs ? ` (entradas ${inputs})` : ""}`,
  exprNoJacobian: (name: string) =>
    `no hay jacobiano finito: ∂f/∂${name} tiene una entrada indefinida o infinita en estos valores`,
  exprNoGradient: (label: string, wrt: string | undefined, nan: boolean, point: string, value: string) =>
    `no hay gradiente finito: la derivada de ${label} respecto a ${wrt ?? "su entrada"} es ${nan ? "indefinida" : "infinita"} en ${point || `${wrt ?? "su entrada"} = ${value}`}`,
  // src/explain/training-step.ts, src/cli/commands/explain.ts
  explainExample: (n: number, N: number) =>
    `--example: se esperaba un número de ejemplo de 1 a ${N}, se obtuvo ${n}`,
  explainUnitLayer: (l: number, L: number) =>
    `--unit: la red tiene capas de 1 a ${L}, se obtuvo la capa ${l}`,
  explainUnit: (l: number, j: number, units: number) =>
    `--unit: la capa ${l} tiene neuronas de 1 a ${units}, se obtuvo la neurona ${j}`,
  explainUnitFormat: (text: string) =>
    `--unit: se esperaba l,j (capa y neurona, desde 1), se obtuvo "${text}"`,
  explainLr: (lr: number) => `--lr: la tasa de aprendizaje debe ser un número positivo, se obtuvo ${lr}`,
  // src/explain/chain-rule.ts
  deriveWhichVariable: (names: string) =>
    `la expresión tiene varias variables (${names}): elija una con --var`,
  deriveNoVariable: (expression: string) => `"${expression}" no tiene variable respecto a la cual derivar`,
  deriveVariableAbsent: (x: string, expression: string) => `--var: ${x} no aparece en "${expression}"`,
  deriveMissingValue: (names: string) => `--at: falta el valor de ${names}`,
  deriveCannotDifferentiate: (fn: string) => `no se puede derivar ${fn} simbólicamente`,
  deriveTooLong: () => "la cadena tiene demasiados eslabones para nombrarlos (más de 8)",
};

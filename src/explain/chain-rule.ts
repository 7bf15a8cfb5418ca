/**
 * The chain rule step by step (note 000, 3.3): an expression is split at its outermost operation into an
 * inner function u and an outer y = f(u), each derivative is stated, multiplied and simplified; an inner
 * function that is itself a composition (or a product, a quotient) gets a section of its own, one link at
 * a time. mathjs differentiates and simplifies each piece; the steps are ours. With a point, every value is
 * computed and the result is checked against retroprop's autodiff graph and a central difference.
 */
import { createRequire } from "node:module";
import type { FunctionNode, MathNode, OperatorNode, ParenthesisNode, SymbolNode } from "mathjs";
import { type Lang, type Messages, messages } from "../util/i18n.js";
import { type Derivation, equation, type Section, type Step } from "./derivation.js";
import { evaluateExpression, expressionError, parseExpression } from "./expression.js";
import { formatNumber } from "./format.js";
import { cat, type MathText, mt, supText, TIMES } from "./math-text.js";

type MathJs = typeof import("mathjs");
// Loaded on first use, like expression.ts's parser: mathjs is most of the package's import time.
let mathjs: MathJs | undefined;
const math = (): MathJs => {
  mathjs ??= createRequire(import.meta.url)("mathjs") as MathJs;
  return mathjs;
};

export interface DeriveOptions {
  /** The variable to differentiate by (default: the expression's only variable). */
  variable?: string;
  /** Values of the variables at which to evaluate and check (every variable needs one). */
  at?: Readonly<Record<string, number>>;
  lang?: Lang;
}

export interface DeriveQuantities {
  expression: string;
  variable: string;
  /** dy/dx, simplified, as mathjs writes it (machine-readable) */
  derivative: string;
  at: Record<string, number> | null;
  value: number | null;
  derivativeValue: number | null;
  autodiff: number | null;
  centralDifference: number | null;
  h: number;
}

export interface DeriveDerivation extends Derivation {
  kind: "derive";
  quantities: DeriveQuantities;
}

/** The step of the central difference (f(x + h) − f(x − h)) / 2h, small enough for 7 digits in float64. */
export const CENTRAL_H = 1e-5;

/** Spanish function names of the notes, accepted beside the English ones. */
const SPANISH_FUNCTIONS: Readonly<Record<string, string>> = { sen: "sin", tg: "tan" };

const unwrap = (node: MathNode): MathNode =>
  node.type === "ParenthesisNode" ? unwrap((node as ParenthesisNode).content) : node;

const dependsOn = (node: MathNode, x: string): boolean =>
  node.filter((n: MathNode) => n.type === "SymbolNode" && (n as SymbolNode).name === x).length > 0;

const isVariable = (node: MathNode, x: string): boolean => {
  const n = unwrap(node);
  return n.type === "SymbolNode" && (n as SymbolNode).name === x;
};

/** The mathjs tree of our checked expression, with ln and σ in the forms mathjs differentiates. */
function toMathjs(tree: MathNode): MathNode {
  const m = math();
  return tree.transform((node: MathNode) => {
    if (node.type !== "FunctionNode") return node;
    const fn = node as FunctionNode;
    const name = (fn.fn as SymbolNode).name;
    const args = fn.args.map(toMathjs);
    if (name === "ln") return new m.FunctionNode("log", args);
    // σ(u) as the notes write it before differentiating: (1 + e^(−u))^(−1)
    if (name === "sigmoid") return m.parse(`(1 + e^(-(${args[0].toString()})))^(-1)`);
    return node;
  });
}

/** A polynomial in x (sums, products, quotients by constants, x^n): differentiated in one line. */
function isPolynomial(node: MathNode, x: string): boolean {
  let ok = true;
  node.traverse((n: MathNode) => {
    if (n.type === "FunctionNode") ok = false;
    if (n.type === "OperatorNode") {
      const op = n as OperatorNode;
      if (op.fn === "pow" && (!isVariable(op.args[0], x) || dependsOn(op.args[1], x))) ok = false;
      if (op.fn === "divide" && dependsOn(op.args[1], x)) ok = false;
    }
  });
  return ok;
}

/** Pieces that need no section of their own: constants, x, polynomials, f(x) of a table function. */
function isSimple(node: MathNode, x: string): boolean {
  const n = unwrap(node);
  if (!dependsOn(n, x) || isPolynomial(n, x)) return true;
  if (n.type === "FunctionNode") return isVariable((n as FunctionNode).args[0], x);
  if (n.type === "OperatorNode" && (n as OperatorNode).fn === "pow") {
    const [base, exponent] = (n as OperatorNode).args;
    return !dependsOn(base, x) && isVariable(exponent, x);
  }
  return false;
}

interface Writer {
  /** A function's name as the notes write it: ln, and sen/tg in Spanish. */
  fn(name: string): string;
  text(node: MathNode): string;
  tex(node: MathNode): string;
  both(node: MathNode): MathText;
}

/** Writes mathjs trees as the notes do: 2x², sen/tg in Spanish, ln for the natural logarithm. */
function writer(lang: Lang): Writer {
  const text = (node: MathNode): string => {
    let s = node.toString({ parenthesis: "keep" });
    s = s.replace(/\blog\(/g, "ln(");
    if (lang === "es") s = s.replace(/\bsin\(/g, "sen(").replace(/\btan\(/g, "tg(");
    s = s
      .replace(/ \* /g, "·")
      .replace(/ \^ /g, "^")
      .replace(/\^(\d)(?![\d.])/g, (_, d: string) => supText(d))
      .replace(/(\d) (?=[\p{L}(])/gu, "$1")
      .replace(/(?<![\p{L}\d.])(\d+)·(?=[\p{L}])/gu, "$1");
    return s;
  };
  const tex = (node: MathNode): string => {
    let s = node.toTex({ parenthesis: "keep" });
    if (lang === "es") s = s.replace(/\\sin/g, "\\operatorname{sen}").replace(/\\tan/g, "\\operatorname{tg}");
    return s;
  };
  const fn = (name: string): string => text(math().parse(`${name}(x)`)).replace(/\(x\)$/, "");
  return { fn, text, tex, both: (node) => mt(text(node), tex(node)) };
}

/**
 * Derives an expression with the chain rule, step by step. Throws ExpressionError (an InputError) for a bad
 * expression, a missing variable value, or a function mathjs cannot differentiate.
 */
export function deriveExpression(expression: string, options: DeriveOptions = {}): DeriveDerivation {
  const lang = options.lang ?? "en";
  const M = messages(lang);
  const t = M.derive;
  const parsed = parseExpression(expression, { aliases: SPANISH_FUNCTIONS });
  const x = options.variable ?? parsed.variables[0];
  if (options.variable === undefined && parsed.variables.length > 1)
    throw expressionError("missing-value", undefined, "deriveWhichVariable", parsed.variables.join(", "));
  if (x === undefined) throw expressionError("missing-value", undefined, "deriveNoVariable", expression);
  if (!parsed.variables.includes(x))
    throw expressionError("missing-value", undefined, "deriveVariableAbsent", x, expression);
  const at = options.at;
  if (at) {
    const missing = parsed.variables.filter((v) => !Object.hasOwn(at, v));
    if (missing.length > 0)
      throw expressionError("missing-value", undefined, "deriveMissingValue", missing.join(", "));
  }

  const m = math();
  const w = writer(lang);
  const root = toMathjs(parsed.tree);
  const used = new Set(parsed.variables);
  const names = ["u", "v", "s", "p", "q", "r", "g", "h"].filter((n) => !used.has(n));
  let nextName = 0;
  const freshName = (): string => {
    const name = names[nextName++];
    if (name === undefined) throw expressionError("unsupported", undefined, "deriveTooLong");
    return name;
  };
  const differentiate = (node: MathNode, by: string): MathNode => {
    try {
      return m.simplify(m.derivative(node, by));
    } catch (err) {
      const fn = /function "([^"]+)"/.exec(err instanceof Error ? err.message : "")?.[1];
      throw expressionError(
        "unsupported",
        undefined,
        "deriveCannotDifferentiate",
        fn ?? unwrap(node).toString(),
      );
    }
  };
  const scope = (extra: Record<string, number> = {}) => ({ ...at, ...extra });
  const valueAt = (node: MathNode, extra?: Record<string, number>): number | undefined => {
    if (!at) return undefined;
    const v = node.evaluate(scope(extra));
    return typeof v === "number" ? v : Number.NaN;
  };
  const d = (of: string, by: string): MathText => mt(`d${of}/d${by}`, `\\frac{d${of}}{d${by}}`);
  const eq = (id: string, label: string, lhs: MathText, forms: MathText[], value?: number, note?: string) =>
    equation(id, lhs, forms, { label, value, note });

  const sections: Section[] = [];
  const queue: { node: MathNode; name: string }[] = [{ node: root, name: "y" }];
  while (queue.length > 0) {
    const { node: whole, name } = queue.shift()!;
    const node = unwrap(whole);
    const id = `link.${sections.length + 1}`;
    const steps: Step[] = [];
    const dxValue = (n: MathNode): number | undefined => valueAt(differentiate(n, x));
    const later = (piece: MathNode, known?: string): { note?: string; name?: string } => {
      if (isSimple(piece, x)) return {};
      const sub = known ?? freshName();
      queue.push({ node: piece, name: sub });
      return { note: t.seeLink(sub), name: sub };
    };
    const op = node.type === "OperatorNode" ? (node as OperatorNode) : undefined;
    const chainInner = chainSplit(node, x);
    if (chainInner) {
      // y = f(u), u = g(x): dy/dx = dy/du · du/dx
      const u = freshName();
      const uSym = new m.SymbolNode(u);
      const outer = node.transform((n: MathNode) =>
        n === chainInner || unwrap(n) === chainInner ? uSym : n,
      );
      const dOuter = differentiate(outer, u);
      const dInner = differentiate(chainInner, x);
      const uValue = valueAt(chainInner);
      const withU = uValue === undefined ? undefined : { [u]: uValue };
      const innerNote = later(chainInner, u);
      steps.push(eq(`${id}.inner`, t.inner, mt(u), [w.both(chainInner)], uValue));
      steps.push(eq(`${id}.outer`, t.outer, mt(name), [w.both(outer)], valueAt(outer, withU)));
      steps.push(eq(`${id}.dOuter`, t.outerDerivative, d(name, u), [w.both(dOuter)], valueAt(dOuter, withU)));
      steps.push(
        eq(`${id}.dInner`, t.innerDerivative, d(u, x), [w.both(dInner)], valueAt(dInner), innerNote.note),
      );
      // Parentheses where a factor is itself a sum, quotient or negation, so that the product reads unambiguously.
      const grouped = (n: MathNode): MathNode =>
        n.type === "OperatorNode" && (n as OperatorNode).fn !== "pow" ? new m.ParenthesisNode(n) : n;
      const product = new m.OperatorNode("*", "multiply", [grouped(dOuter), grouped(dInner)]);
      // u put back: in parentheses unless it is a function's argument, which has its own.
      const substituted = product.transform((n: MathNode, _path: string, parent: MathNode | null) =>
        n.type === "SymbolNode" && (n as SymbolNode).name === u
          ? parent?.type === "FunctionNode"
            ? chainInner
            : grouped(chainInner)
          : n,
      );
      const simplified = differentiate(node, x);
      steps.push(
        eq(
          `${id}.product`,
          t.chainRule(u),
          d(name, x),
          [cat(d(name, u), TIMES, d(u, x)), w.both(product), w.both(substituted), w.both(simplified)],
          dxValue(node),
        ),
      );
    } else if (op && (op.fn === "add" || op.fn === "subtract" || op.fn === "unaryMinus")) {
      for (const arg of op.args) {
        if (!dependsOn(arg, x)) continue;
        const sub = later(arg);
        if (sub.name) steps.push(eq(`${id}.term`, t.term, mt(sub.name), [w.both(unwrap(arg))], valueAt(arg)));
      }
      const rule = op.fn === "unaryMinus" ? t.constantMultipleRule : t.sumRule;
      steps.push(eq(`${id}.sum`, rule, d(name, x), [w.both(differentiate(node, x))], dxValue(node)));
    } else if (op && (op.fn === "multiply" || op.fn === "divide")) {
      const [f, g] = op.args;
      const constant = !dependsOn(f, x) || !dependsOn(g, x);
      if (constant) {
        for (const arg of op.args) {
          const sub = later(arg);
          if (sub.name)
            steps.push(eq(`${id}.factor`, t.factor, mt(sub.name), [w.both(unwrap(arg))], valueAt(arg)));
        }
        steps.push(
          eq(
            `${id}.constant`,
            t.constantMultipleRule,
            d(name, x),
            [w.both(differentiate(node, x))],
            dxValue(node),
          ),
        );
      } else {
        const fPrime = differentiate(f, x);
        const gPrime = differentiate(g, x);
        const fNote = later(f);
        const gNote = later(g);
        steps.push(eq(`${id}.f`, t.firstFactor, mt("f"), [w.both(unwrap(f))], valueAt(f)));
        steps.push(
          eq(
            `${id}.g`,
            op.fn === "multiply" ? t.secondFactor : t.denominator,
            mt("g"),
            [w.both(unwrap(g))],
            valueAt(g),
          ),
        );
        steps.push(
          eq(`${id}.df`, t.derivativeOf("f"), mt("f′", "f'"), [w.both(fPrime)], valueAt(fPrime), fNote.note),
        );
        steps.push(
          eq(`${id}.dg`, t.derivativeOf("g"), mt("g′", "g'"), [w.both(gPrime)], valueAt(gPrime), gNote.note),
        );
        const rule =
          op.fn === "multiply"
            ? mt("f′·g + f·g′", "f' g + f g'")
            : mt("(f′·g − f·g′)/g²", "\\frac{f' g - f g'}{g^2}");
        steps.push(
          eq(
            `${id}.rule`,
            op.fn === "multiply" ? t.productRule : t.quotientRule,
            d(name, x),
            [rule, w.both(differentiate(node, x))],
            dxValue(node),
          ),
        );
      }
    } else {
      // x, a constant, a polynomial, f(x) of a table function, a^x, or f^g with x in both
      const rule = ruleName(node, x, M, w);
      steps.push(eq(`${id}.rule`, rule, d(name, x), [w.both(differentiate(node, x))], dxValue(node)));
    }
    sections.push({ id, title: t.linkTitle(sections.length + 1, name, w.text(node)), steps });
  }

  // The result, the notes' sigmoid identity, and the checks at the point.
  const derivative = differentiate(root, x);
  const resultSteps: Step[] = [
    eq("result", t.result(x), d("y", x), [w.both(derivative)], valueAt(derivative)),
  ];
  if (sigmoidShaped(root, derivative, x, parsed.variables)) {
    resultSteps.push(
      eq(
        "result.sigmoid",
        t.sigmoidIdentity,
        d("y", x),
        [mt("y·(1 − y)", "y\\,(1 - y)")],
        valueAt(derivative),
      ),
    );
    resultSteps.push({ kind: "note", id: "result.sigmoid.why", text: t.sigmoidWhy });
  }
  sections.push({ id: "result", title: t.resultTitle, steps: resultSteps });

  let value: number | null = null;
  let derivativeValue: number | null = null;
  let autodiff: number | null = null;
  let centralDifference: number | null = null;
  if (at) {
    const point = Object.entries(at)
      .map(([k, v]) => `${k} = ${formatNumber(v)}`)
      .join(", ");
    const graph = evaluateExpression(parsed, at);
    value = graph.value;
    derivativeValue = valueAt(derivative) ?? null;
    autodiff = graph.gradients[x];
    const f = (v: number) => evaluateExpression(parsed, { ...at, [x]: v }).value;
    const xv = at[x];
    const fPlus = f(xv + CENTRAL_H);
    const fMinus = f(xv - CENTRAL_H);
    centralDifference = (fPlus - fMinus) / (2 * CENTRAL_H);
    const h = formatNumber(CENTRAL_H);
    const agreeGraph = Math.abs(autodiff - derivativeValue!) <= 1e-9 * Math.max(1, Math.abs(autodiff));
    const agreeCentral =
      Math.abs(centralDifference - derivativeValue!) <= 1e-6 * Math.max(1, Math.abs(centralDifference));
    sections.push({
      id: "check",
      title: t.checkTitle(point),
      steps: [
        eq("check.value", t.valueAt, mt("y"), [w.both(root)], value),
        eq("check.symbolic", t.symbolicAt, d("y", x), [w.both(derivative)], derivativeValue ?? undefined),
        eq("check.autodiff", t.autodiff, mt(`∂y/∂${x}`, `\\frac{\\partial y}{\\partial ${x}}`), [], autodiff),
        eq(
          "check.central",
          t.centralDifference,
          mt(`(y(${x} + h) − y(${x} − h))/2h`, `\\frac{y(${x}+h) - y(${x}-h)}{2h}`),
          [centralForm(fPlus, fMinus, h)],
          centralDifference,
          t.withH(h),
        ),
        { kind: "note", id: "check.verdict", text: agreeGraph && agreeCentral ? t.agree : t.disagree },
      ],
    });
  }

  return {
    kind: "derive",
    lang,
    title: t.title(w.text(root), x),
    summary: [t.summary(x)],
    sections,
    omitted: [],
    quantities: {
      expression,
      variable: x,
      derivative: derivative.toString(),
      at: at ? { ...at } : null,
      value,
      derivativeValue,
      autodiff,
      centralDifference,
      h: CENTRAL_H,
    },
  };
}

/** The inner function where the node is f(u) with u not just x: a function's argument, a power's base or exponent. */
function chainSplit(node: MathNode, x: string): MathNode | undefined {
  if (node.type === "FunctionNode") {
    const arg = (node as FunctionNode).args[0];
    return (node as FunctionNode).args.length === 1 && !isVariable(arg, x) && dependsOn(arg, x)
      ? unwrap(arg)
      : undefined;
  }
  if (node.type === "OperatorNode" && (node as OperatorNode).fn === "pow") {
    const [base, exponent] = (node as OperatorNode).args;
    if (dependsOn(base, x) && !dependsOn(exponent, x) && !isVariable(base, x)) return unwrap(base);
    if (!dependsOn(base, x) && dependsOn(exponent, x) && !isVariable(exponent, x)) return unwrap(exponent);
  }
  return undefined;
}

/** The name of the table rule that differentiates a piece in one line. */
function ruleName(node: MathNode, x: string, M: Messages, w: Writer): string {
  const t = M.derive;
  if (!dependsOn(node, x)) return t.constantRule;
  if (isVariable(node, x)) return t.identityRule;
  if (isPolynomial(node, x)) return t.powerSumRules;
  if (node.type === "FunctionNode") return t.tableRule(w.fn((node as FunctionNode).fn.toString()));
  const [base] = (node as OperatorNode).args;
  if (!dependsOn(base, x)) return t.exponentialRule;
  return t.generalPowerRule;
}

/** Whether dy/dx = y(1 − y) (the logistic sigmoid's identity), checked at a few points. */
function sigmoidShaped(root: MathNode, derivative: MathNode, x: string, variables: string[]): boolean {
  if (variables.length !== 1) return false;
  try {
    return [-1.7, -0.4, 0.3, 1.9].every((v) => {
      const y = root.evaluate({ [x]: v }) as number;
      const dy = derivative.evaluate({ [x]: v }) as number;
      return y > 0 && y < 1 && Math.abs(dy - y * (1 - y)) <= 1e-12;
    });
  } catch {
    return false;
  }
}

/** (y(x + h) − y(x − h))/2h with the two values in full (12 digits: their difference is what matters). */
function centralForm(fPlus: number, fMinus: number, h: string): MathText {
  const v = (n: number) => (n < 0 ? `(${formatNumber(n, 12)})` : formatNumber(n, 12));
  return mt(`(${v(fPlus)} − ${v(fMinus)})/(2·${h})`, `\\frac{${v(fPlus)} - ${v(fMinus)}}{2 \\cdot ${h}}`);
}

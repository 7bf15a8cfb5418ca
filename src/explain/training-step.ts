/**
 * One training step of a dense network, derived as the notes write it (note 000, Backpropagation I–IV):
 * forward per unit with the numbers in, the loss, the backward pass in the notes' order (∂E/∂Ŷ, the output δ,
 * das⁽ˡ⁾, Δ⁽ˡ⁺¹⁾·W⁽ˡ⁺¹⁾, the hidden δ, every ∂E/∂w as Σₙ δ·a, ∂E/∂b) and the update w ← w − η·∂E/∂w.
 * Every value comes from MatrixBackprop, the engine behind `retroprop grad` and training; this module only
 * writes the formulas beside it (and the two products the engine never materialises: ∂E/∂Ŷ and Δ·W).
 */
import type { Activation } from "../nn/activations.js";
import { activationBackwardInPlace, isFused, type LossName, type Reduction } from "../nn/losses.js";
import { backpropTrace } from "../nn/matrix-backprop.js";
import type { Sequential } from "../nn/sequential.js";
import { NDArray } from "../tensor/ndarray.js";
import { InputError } from "../util/errors.js";
import { type Lang, localizedError, type Messages, messages } from "../util/i18n.js";
import { type Derivation, equation, type MatrixStep, type Section, type Step } from "./derivation.js";
import { formatNumber } from "./format.js";
import {
  cat,
  factor,
  frac,
  HADAMARD,
  join,
  type MathText,
  MINUS,
  mt,
  num,
  PLUS,
  pair,
  paren,
  power,
  sym,
  TIMES,
  word,
} from "./math-text.js";

/** Limits that keep a big network's derivation readable; what they cut is listed in `omitted`. */
export const EXPLAIN_LIMITS = {
  /** Examples written out line by line (the rest are in the matrices). */
  rows: 4,
  /** Units per layer written out line by line, unless --unit picks one. */
  units: 4,
  /** Terms of a written-out sum. */
  terms: 8,
  /** Rows and columns of a printed matrix. */
  matrixRows: 8,
  matrixCols: 8,
} as const;

export interface ExplainOptions {
  loss: LossName;
  reduction?: Reduction;
  /** η: adds the update w ← w − η·∂E/∂w and E after the step. */
  lr?: number;
  /** Follow one example, 1-based: the step is taken on that row alone (the notes' per-neuron lines, online mode). */
  example?: number;
  /** Follow one unit, 1-based: layer l (1..L) and unit j. */
  unit?: { layer: number; unit: number };
  lang?: Lang;
}

/** Every named quantity of the step, in full (the playground and the tests read these). */
export interface ExplainQuantities {
  N: number;
  /** The rows of the data the step used, 1-based. */
  examples: number[];
  loss: LossName;
  reduction: Reduction;
  fused: boolean;
  lr: number | null;
  X: number[][];
  Y: number[][];
  E: number;
  Yhat: number[][];
  dE_dYhat: number[][];
  layers: {
    activation: Activation;
    W: number[][];
    b: number[];
    Z: number[][];
    A: number[][];
    /** f′(Z⁽ˡ⁾) element by element (null for softmax, whose derivative is a Jacobian) */
    das: number[][] | null;
    /** Δ⁽ˡ⁺¹⁾·W⁽ˡ⁺¹⁾ (null for the output layer) */
    backpropagated: number[][] | null;
    delta: number[][];
    gradW: number[][];
    gradB: number[];
    newW: number[][] | null;
    newB: number[] | null;
  }[];
  /** E after the update (null without η) */
  E_after: number | null;
}

export interface ExplainDerivation extends Derivation {
  kind: "explain";
  quantities: ExplainQuantities;
}

type Matrix = number[][];

const rowsOf = (a: NDArray): Matrix => a.toArray() as Matrix;
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** The first `limit` items and how many were left out. */
function firstOf<T>(items: readonly T[], limit: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

/**
 * Derives one training step of `model` on inputs X and targets Y (rows are examples). Throws InputError for
 * an example or unit out of range; shapes and targets are the caller's to check (as `grad` does).
 */
export function explainStep(
  model: Sequential,
  X: Matrix,
  Y: Matrix,
  options: ExplainOptions,
): ExplainDerivation {
  const lang = options.lang ?? "en";
  const M = messages(lang);
  const t = M.explain;
  const reduction = options.reduction ?? "mean";
  const L = model.layers.length;
  if (options.example !== undefined) {
    const n = options.example;
    if (!Number.isInteger(n) || n < 1 || n > X.length)
      throw localizedError(InputError, "explainExample", n, X.length);
  }
  if (options.unit !== undefined) {
    const { layer, unit } = options.unit;
    if (!Number.isInteger(layer) || layer < 1 || layer > L)
      throw localizedError(InputError, "explainUnitLayer", layer, L);
    const units = model.layers[layer - 1].units;
    if (!Number.isInteger(unit) || unit < 1 || unit > units)
      throw localizedError(InputError, "explainUnit", layer, unit, units);
  }
  if (options.lr !== undefined && !(Number.isFinite(options.lr) && options.lr > 0))
    throw localizedError(InputError, "explainLr", options.lr);

  const examples = options.example !== undefined ? [options.example] : range(X.length).map((n) => n + 1);
  const Xs = examples.map((n) => X[n - 1]);
  const Ys = examples.map((n) => Y[n - 1]);
  const N = Xs.length;
  const single = N === 1;
  const loss = options.loss;
  const outAct = model.outputActivation;
  const fused = isFused(loss, outAct);
  const trace = backpropTrace(
    model,
    NDArray.from(Xs, "float64"),
    NDArray.from(Ys, "float64"),
    loss,
    reduction,
  );
  const scale = reduction === "mean" ? 1 / N : 1;
  // One example: mean and sum agree, and the formulas are written without the 1/N.
  const shownReduction: Reduction = single ? "sum" : reduction;

  // The quantities, layer by layer (index 0 is layer 1).
  const W = model.layers.map((layer) => rowsOf(layer.weight.value.astype("float64")));
  const b = model.layers.map((layer) => Array.from(layer.bias.value.data));
  const Z = trace.layers.map((l) => rowsOf(l.Z));
  const A = trace.layers.map((l) => rowsOf(l.A));
  const D = trace.layers.map((l) => rowsOf(l.delta));
  const gW = trace.layers.map((l) => rowsOf(l.gradW));
  const gB = trace.layers.map((l) => Array.from(l.gradB.data));
  const das = model.layers.map((layer, l) =>
    derivativeOf(layer.activation, trace.layers[l].Z, trace.layers[l].A),
  );
  const below = (l: number): Matrix => (l === 0 ? Xs : A[l - 1]);
  // Δ⁽ˡ⁺¹⁾·W⁽ˡ⁺¹⁾, what the notes multiply by das⁽ˡ⁾ (index l is layer l+1's hidden layer)
  const backprop = model.layers.map((_, l) => (l === L - 1 ? null : matmul(D[l + 1], W[l + 1])));
  const Yhat = A[L - 1];
  const dE_dYhat = Yhat.map((row, n) => row.map((yh, k) => scale * lossSlope(loss, yh, Ys[n][k])));
  const lr = options.lr;
  const newW =
    lr === undefined ? null : W.map((w, l) => w.map((row, j) => row.map((v, i) => v - lr * gW[l][j][i])));
  const newB = lr === undefined ? null : b.map((bl, l) => bl.map((v, j) => v - lr * gB[l][j]));
  let E_after: number | null = null;
  if (newW && newB) {
    const next = model.clone();
    next.layers.forEach((layer, l) => {
      layer.weight.value.data.set(newW[l].flat());
      layer.bias.value.data.set(newB[l]);
    });
    E_after = backpropTrace(
      next,
      NDArray.from(Xs, "float64"),
      NDArray.from(Ys, "float64"),
      loss,
      reduction,
    ).loss;
  }

  // What is written out line by line.
  const omitted: string[] = [];
  const rowsShown = single ? [0] : N <= EXPLAIN_LIMITS.rows ? range(N) : [0];
  if (!single && N > EXPLAIN_LIMITS.rows) omitted.push(t.omittedRows(N));
  const unitsShown = (l: number): number[] => {
    const units = model.layers[l].units;
    if (options.unit) return options.unit.layer === l + 1 ? [options.unit.unit - 1] : [];
    return units <= EXPLAIN_LIMITS.units ? range(units) : [];
  };
  if (options.unit) omitted.push(t.omittedOtherUnits(options.unit.layer, options.unit.unit));
  model.layers.forEach((layer, l) => {
    if (!options.unit && layer.units > EXPLAIN_LIMITS.units) omitted.push(t.omittedUnits(l + 1, layer.units));
  });
  let sumsCut = false;
  let matricesCut = false;

  // Symbols: one example uses the notes' single index (z₁⁽¹⁾), a batch the row too (z₁₁⁽¹⁾).
  const ix = (n: number, j: number): string => (single ? `${j + 1}` : pair(n + 1, j + 1));
  const a = (l: number, n: number, i: number): MathText =>
    l === 0 ? sym("x", ix(n, i)) : l === L ? sym(mt("ŷ", "\\hat{y}"), ix(n, i)) : sym("a", ix(n, i), l);
  const z = (l: number, n: number, j: number) => sym("z", ix(n, j), l);
  const delta = (l: number, n: number, j: number) => sym(mt("δ", "\\delta"), ix(n, j), l);
  const y = (n: number, k: number) => sym("y", ix(n, k));
  const w = (l: number, j: number, i: number) => sym("w", pair(j + 1, i + 1), l);
  const bias = (l: number, j: number) => sym("b", `${j + 1}`, l);
  const Amat = (l: number): MathText => (l === 0 ? mt("X") : sym("A", undefined, l));
  const Wm = (l: number) => sym("W", undefined, l);
  const bm = (l: number) => sym("b", undefined, l);
  const Zm = (l: number) => sym("Z", undefined, l);
  const Dm = (l: number) => sym(mt("Δ", "\\Delta"), undefined, l);
  const dE = (of: MathText) => cat(mt("∂E/∂", "\\partial E/\\partial "), of);
  const eta = mt("η", "\\eta");
  const meanNote = (what: string) => (reduction === "mean" && !single ? t.meanNote(what, N) : undefined);

  /** A sum written term by term, cut after EXPLAIN_LIMITS.terms terms. */
  const sum = (terms: MathText[]): MathText => {
    const { shown, more } = firstOf(terms, EXPLAIN_LIMITS.terms);
    if (more > 0) sumsCut = true;
    return more > 0
      ? cat(join(shown, PLUS), PLUS, mt(`… (+${more})`, `\\dots (+${more})`))
      : join(shown, PLUS);
  };
  const matrix = (id: string, lhs: MathText, forms: MathText[], m: Matrix, note?: string): MatrixStep => {
    const rows = m.length;
    const cols = m[0]?.length ?? 0;
    const shown = m.slice(0, EXPLAIN_LIMITS.matrixRows).map((r) => r.slice(0, EXPLAIN_LIMITS.matrixCols));
    if (rows > EXPLAIN_LIMITS.matrixRows || cols > EXPLAIN_LIMITS.matrixCols) matricesCut = true;
    return { kind: "matrix", id, lhs, forms, shape: [rows, cols], value: shown, note };
  };
  const eq = (id: string, lhs: MathText, forms: MathText[], value: number, note?: string) =>
    equation(id, lhs, forms, { value, note });
  const prod = (...parts: MathText[]) => join(parts, TIMES);

  const sections: Section[] = [];

  // ---- Forward ----------------------------------------------------------------------------------------------
  model.layers.forEach((layer, l) => {
    const L1 = l + 1;
    const steps: Step[] = [];
    const prev = below(l);
    for (const n of rowsShown) {
      for (const j of unitsShown(l)) {
        const inputs = firstOf(range(layer.inputs), EXPLAIN_LIMITS.terms);
        const symbolic = sum([...range(layer.inputs).map((i) => cat(w(L1, j, i), a(l, n, i))), bias(L1, j)]);
        const numbers = sum([
          ...range(layer.inputs).map((i) => prod(factor(W[l][j][i]), factor(prev[n][i]))),
          factor(b[l][j]),
        ]);
        if (inputs.more > 0) sumsCut = true;
        steps.push(
          eq(`forward.z.${L1}.${examples[n]}.${j + 1}`, z(L1, n, j), [symbolic, numbers], Z[l][n][j]),
        );
        const [fSym, fNum] = activationForms(layer.activation, z(L1, n, j), Z[l][n], j, M);
        steps.push(
          eq(`forward.a.${L1}.${examples[n]}.${j + 1}`, a(L1 === L ? L : L1, n, j), [fSym, fNum], A[l][n][j]),
        );
      }
    }
    steps.push(
      matrix(
        `forward.Z.${L1}`,
        Zm(L1),
        [cat(Amat(l), TIMES, power(Wm(L1), "T"), PLUS, bm(L1))],
        Z[l],
        t.shapeProduct(`${N} × ${layer.inputs}`, `${layer.inputs} × ${layer.units}`, `${N} × ${layer.units}`),
      ),
    );
    steps.push(
      matrix(
        `forward.A.${L1}`,
        sym("A", undefined, L1),
        [cat(activationName(layer.activation, M), paren(Zm(L1)))],
        A[l],
      ),
    );
    sections.push({
      id: `forward.${L1}`,
      title: t.forwardTitle(L1, layer.inputs, layer.units, activationLabel(layer.activation, M)),
      steps,
    });
  });

  // ---- Loss -------------------------------------------------------------------------------------------------
  {
    const terms: MathText[] = [];
    Yhat.forEach((row, n) =>
      row.forEach((yh, k) => {
        const yv = Ys[n][k];
        if (loss === "mse") terms.push(cat(paren(cat(num(yh), MINUS, factor(yv))), mt("²", "^2")));
        else if (loss === "bce")
          terms.push(
            cat(
              factor(yv),
              mt("·ln ", " \\ln "),
              num(yh),
              PLUS,
              paren(cat("1", MINUS, factor(yv))),
              mt("·ln", " \\ln"),
              paren(cat("1", MINUS, num(yh))),
            ),
          );
        else if (yv !== 0) terms.push(cat(factor(yv), mt("·ln ", " \\ln "), num(yh)));
      }),
    );
    const [formula, prefix] = lossForms(loss, shownReduction, N);
    const steps: Step[] = [
      eq(
        "loss.E",
        mt("E"),
        [formula, cat(prefix, mt("[", "\\left["), sum(terms), mt("]", "\\right]"))],
        trace.loss,
      ),
    ];
    if (fused) steps.push({ kind: "note", id: "loss.fused", text: t.lossFromLogits });
    sections.push({
      id: "loss",
      title: t.lossTitle(lossLabel(loss, M), t.reductionName(reduction === "mean", N)),
      steps,
    });
  }

  // ---- Backward ---------------------------------------------------------------------------------------------
  for (let l = L - 1; l >= 0; l--) {
    const L1 = l + 1;
    const layer = model.layers[l];
    const steps: Step[] = [];
    if (l === L - 1) {
      steps.push(
        matrix(
          "backward.dE_dYhat",
          dE(mt("Ŷ", "\\hat{Y}")),
          [dLossForm(loss, shownReduction, N)],
          dE_dYhat,
          meanNote(t.dividedEach),
        ),
      );
      const form = outputDeltaForm(loss, layer.activation, fused, M);
      steps.push({ kind: "note", id: "backward.delta.rule", text: form.why });
      for (const n of rowsShown) {
        for (const k of unitsShown(l)) {
          const yh = Yhat[n][k];
          const yv = Ys[n][k];
          const d = sym(mt("δ", "\\delta"), ix(n, k), L1);
          const symbolic = form.symbolic(a(L, n, k), y(n, k), z(L1, n, k));
          let numbers = form.numbers(yh, yv, das[l]?.[n][k], Ys[n], Yhat[n]);
          if (reduction === "mean" && !single) numbers = cat(paren(numbers), mt(` / ${N}`, ` / ${N}`));
          steps.push(
            eq(
              `backward.delta.${L1}.${examples[n]}.${k + 1}`,
              d,
              [symbolic, numbers],
              D[l][n][k],
              meanNote(t.dividedDelta),
            ),
          );
        }
      }
      steps.push(matrix(`backward.Delta.${L1}`, Dm(L1), [form.matrix(L1)], D[l], meanNote(t.dividedEach)));
    } else {
      const next = model.layers[l + 1];
      const dasM = das[l];
      if (dasM)
        steps.push(
          matrix(
            `backward.das.${L1}`,
            sym("das", undefined, L1),
            [derivativeMatrixForm(layer.activation, L1)],
            dasM,
          ),
        );
      steps.push(
        matrix(
          `backward.DeltaW.${L1}`,
          cat(Dm(L1 + 1), TIMES, Wm(L1 + 1)),
          [],
          backprop[l] as Matrix,
          t.shapeProduct(`${N} × ${next.units}`, `${next.units} × ${next.inputs}`, `${N} × ${layer.units}`),
        ),
      );
      for (const n of rowsShown) {
        for (const j of unitsShown(l)) {
          const inner = range(next.units).map((k) => prod(delta(L1 + 1, n, k), w(L1 + 1, k, j)));
          const innerNum = range(next.units).map((k) => prod(factor(D[l + 1][n][k]), factor(W[l + 1][k][j])));
          const back = next.units === 1 ? inner[0] : paren(sum(inner));
          const backNum = next.units === 1 ? innerNum[0] : paren(sum(innerNum));
          const [fpSym, fpNum] = derivativeForms(
            layer.activation,
            A[l][n][j],
            dasM?.[n][j],
            a(L1, n, j),
            z(L1, n, j),
          );
          steps.push(
            eq(
              `backward.delta.${L1}.${examples[n]}.${j + 1}`,
              delta(L1, n, j),
              [prod(back, fpSym), prod(backNum, fpNum)],
              D[l][n][j],
              reduction === "mean" && !single ? t.carriesMean(N) : undefined,
            ),
          );
        }
      }
      const formula =
        layer.activation === "softmax"
          ? cat(word(M.explain.jacobianOf), paren(cat(Dm(L1 + 1), TIMES, Wm(L1 + 1))))
          : cat(paren(cat(Dm(L1 + 1), TIMES, Wm(L1 + 1))), HADAMARD, sym("das", undefined, L1));
      steps.push(matrix(`backward.Delta.${L1}`, Dm(L1), [formula], D[l]));
    }

    // ∂E/∂w and ∂E/∂b of this layer
    const prev = below(l);
    for (const j of unitsShown(l)) {
      const inputs = firstOf(range(layer.inputs), EXPLAIN_LIMITS.terms);
      if (inputs.more > 0) sumsCut = true;
      for (const i of inputs.shown) {
        const symbolic = single
          ? prod(delta(L1, 0, j), a(l, 0, i))
          : cat(
              mt("Σₙ ", "\\sum_{n} "),
              prod(
                sym(mt("δ", "\\delta"), `n${j + 1}`, L1),
                l === 0 ? sym("x", `n${i + 1}`) : sym("a", `n${i + 1}`, l),
              ),
            );
        const numbers = sum(rowsAll(N).map((n) => prod(factor(D[l][n][j]), factor(prev[n][i]))));
        steps.push(
          eq(`backward.gradW.${L1}.${j + 1}.${i + 1}`, dE(w(L1, j, i)), [symbolic, numbers], gW[l][j][i]),
        );
      }
    }
    steps.push(
      matrix(
        `backward.gradW.${L1}`,
        cat(mt("∇", "\\nabla "), Wm(L1)),
        [cat(power(paren(Dm(L1)), "T"), TIMES, Amat(l))],
        gW[l],
        t.shapeProduct(`${layer.units} × ${N}`, `${N} × ${layer.inputs}`, `${layer.units} × ${layer.inputs}`),
      ),
    );
    for (const j of unitsShown(l)) {
      const symbolic = single
        ? delta(L1, 0, j)
        : cat(mt("Σₙ ", "\\sum_{n} "), sym(mt("δ", "\\delta"), `n${j + 1}`, L1));
      const numbers = sum(rowsAll(N).map((n) => factor(D[l][n][j])));
      steps.push(
        eq(
          `backward.gradB.${L1}.${j + 1}`,
          dE(bias(L1, j)),
          single ? [symbolic] : [symbolic, numbers],
          gB[l][j],
        ),
      );
    }
    steps.push(
      matrix(
        `backward.gradB.${L1}`,
        cat(mt("∇", "\\nabla "), bm(L1)),
        [cat(word(t.sumOfRows), mt(" ", "\\ "), Dm(L1))],
        [gB[l]],
      ),
    );
    sections.push({
      id: `backward.${L1}`,
      title: l === L - 1 ? t.backwardOutputTitle(L1) : t.backwardHiddenTitle(L1),
      steps,
    });
  }

  // ---- Update -----------------------------------------------------------------------------------------------
  if (lr !== undefined && newW && newB) {
    const steps: Step[] = [];
    model.layers.forEach((layer, l) => {
      const L1 = l + 1;
      for (const j of unitsShown(l)) {
        for (const i of firstOf(range(layer.inputs), EXPLAIN_LIMITS.terms).shown) {
          const lhs = cat(
            w(L1, j, i),
            mt(" ← ", " \\leftarrow "),
            w(L1, j, i),
            MINUS,
            eta,
            TIMES,
            dE(w(L1, j, i)),
          );
          steps.push(
            eq(
              `update.W.${L1}.${j + 1}.${i + 1}`,
              lhs,
              [cat(num(W[l][j][i]), MINUS, prod(num(lr), factor(gW[l][j][i])))],
              newW[l][j][i],
            ),
          );
        }
        const lhs = cat(
          bias(L1, j),
          mt(" ← ", " \\leftarrow "),
          bias(L1, j),
          MINUS,
          eta,
          TIMES,
          dE(bias(L1, j)),
        );
        steps.push(
          eq(
            `update.b.${L1}.${j + 1}`,
            lhs,
            [cat(num(b[l][j]), MINUS, prod(num(lr), factor(gB[l][j])))],
            newB[l][j],
          ),
        );
      }
      steps.push(
        matrix(
          `update.W.${L1}`,
          Wm(L1),
          [cat(Wm(L1), MINUS, eta, TIMES, mt("∇", "\\nabla "), Wm(L1))],
          newW[l],
        ),
      );
      steps.push(
        matrix(
          `update.b.${L1}`,
          bm(L1),
          [cat(bm(L1), MINUS, eta, TIMES, mt("∇", "\\nabla "), bm(L1))],
          [newB[l]],
        ),
      );
    });
    steps.push(
      eq(
        "update.E_after",
        mt("E′", "E'"),
        [word(t.lossAfterWords)],
        E_after as number,
        t.lossBefore(formatNumber(trace.loss)),
      ),
    );
    sections.push({ id: "update", title: t.updateTitle(formatNumber(lr)), steps });
  }

  if (sumsCut) omitted.push(t.omittedTerms(EXPLAIN_LIMITS.terms));
  if (matricesCut) omitted.push(t.omittedMatrix(EXPLAIN_LIMITS.matrixRows, EXPLAIN_LIMITS.matrixCols));

  const summary = [
    t.network(
      model.sizes.join("-"),
      model.layers.map((layer) => activationLabel(layer.activation, M)).join(", "),
    ),
    t.lossLine(lossLabel(loss, M), t.reductionName(reduction === "mean", N)),
    single
      ? t.oneExample(
          examples[0],
          X.length,
          Xs[0].map((v) => formatNumber(v)).join(", "),
          Ys[0].map((v) => formatNumber(v)).join(", "),
        )
      : t.batch(N),
  ];
  if (lr !== undefined) summary.push(t.lrLine(formatNumber(lr)));
  if (fused) summary.push(t.fusedLine(lossLabel(loss, M), activationLabel(outAct, M)));

  return {
    kind: "explain",
    lang,
    title: t.title,
    summary,
    sections,
    omitted,
    quantities: {
      N,
      examples,
      loss,
      reduction,
      fused,
      lr: lr ?? null,
      X: Xs,
      Y: Ys,
      E: trace.loss,
      Yhat,
      dE_dYhat,
      layers: model.layers.map((layer, l) => ({
        activation: layer.activation,
        W: W[l],
        b: b[l],
        Z: Z[l],
        A: A[l],
        das: das[l],
        backpropagated: backprop[l],
        delta: D[l],
        gradW: gW[l],
        gradB: gB[l],
        newW: newW?.[l] ?? null,
        newB: newB?.[l] ?? null,
      })),
      E_after,
    },
  };
}

const rowsAll = (N: number): number[] => range(N);

function matmul(P: Matrix, Q: Matrix): Matrix {
  return P.map((row) => Q[0].map((_, j) => row.reduce((s, v, k) => s + v * Q[k][j], 0)));
}

/** ∂Eₙ/∂ŷ for one output (before the reduction's 1/N): the slope the output δ starts from. */
function lossSlope(loss: LossName, yh: number, y: number): number {
  if (loss === "mse") return yh - y;
  if (loss === "bce") return (yh - y) / (yh * (1 - yh));
  return y === 0 ? 0 : -y / yh;
}

/** f′(Z) element by element, from the engine's own activation backward (null for softmax: a Jacobian). */
function derivativeOf(act: Activation, Z: NDArray, A: NDArray): Matrix | null {
  if (act === "softmax") return null;
  const [rows, cols] = Z.shape;
  const ones = new Float64Array(rows * cols).fill(1);
  activationBackwardInPlace(act, Z.astype("float64").data, A.astype("float64").data, ones, rows, cols);
  return rowsOf(new NDArray(ones, [rows, cols]));
}

function activationLabel(act: Activation, M: Messages): string {
  return M.explain.activations[act] ?? act;
}

function lossLabel(loss: LossName, M: Messages): string {
  return M.explain.losses[loss];
}

/** f as a function name in a formula: σ, tanh, relu… */
function activationName(act: Activation, M: Messages): MathText {
  if (act === "sigmoid") return mt("σ", "\\sigma");
  if (act === "tanh") return mt("tanh", "\\tanh");
  if (act === "linear") return mt("id", "\\mathrm{id}");
  return mt(act === "step" ? M.explain.activations.step : act, `\\mathrm{${act.replace(/_/g, "\\_")}}`);
}

/** a = f(z) written symbolically and with the number in. */
function activationForms(
  act: Activation,
  zSym: MathText,
  zRow: number[],
  j: number,
  M: Messages,
): [MathText, MathText] {
  const zj = zRow[j];
  if (act === "softmax") {
    const e = (v: MathText) => cat(mt("e^", "e^{"), v, mt("", "}"));
    const den = join(
      zRow.map((v) => e(factor(v))),
      PLUS,
    );
    return [
      frac(cat(mt("e^", "e^{"), zSym, mt("", "}")), mt("Σₖ e^zₖ", "\\sum_k e^{z_k}")),
      frac(e(factor(zj)), paren(den)),
    ];
  }
  if (act === "linear") return [zSym, num(zj)];
  const f = activationName(act, M);
  return [cat(f, paren(zSym)), cat(f, paren(num(zj)))];
}

/** f′ of a hidden unit: symbolic and with the numbers in (das = a(1 − a) for the sigmoid, as the notes write). */
function derivativeForms(
  act: Activation,
  av: number,
  fp: number | undefined,
  aSym: MathText,
  zSym: MathText,
): [MathText, MathText] {
  switch (act) {
    case "sigmoid":
      return [cat(aSym, paren(cat("1", MINUS, aSym))), cat(num(av), TIMES, paren(cat("1", MINUS, num(av))))];
    case "tanh":
      return [paren(cat("1", MINUS, power(aSym, "2"))), paren(cat("1", MINUS, power(factor(av), "2")))];
    case "linear":
      return [mt("1"), mt("1")];
    default:
      return [cat(mt("f′", "f'"), paren(zSym)), num(fp ?? Number.NaN)];
  }
}

function derivativeMatrixForm(act: Activation, l: number): MathText {
  const Am = sym("A", undefined, l);
  if (act === "sigmoid") return cat(Am, HADAMARD, paren(cat("1", MINUS, Am)));
  if (act === "tanh") return cat("1", MINUS, Am, HADAMARD, Am);
  return cat(mt("f′", "f'"), paren(sym("Z", undefined, l)));
}

/** E's formula for this loss and reduction, and the factor in front of the substituted sum. */
function lossForms(loss: LossName, reduction: Reduction, N: number): [MathText, MathText] {
  const mean = reduction === "mean";
  const sums = mt("Σₙ Σₖ ", "\\sum_{n} \\sum_{k} ");
  const yh = mt("ŷₙₖ", "\\hat{y}_{nk}");
  const yv = mt("yₙₖ", "y_{nk}");
  if (loss === "mse") {
    const front = mean ? frac("1", "2N") : frac("1", "2");
    return [
      cat(front, TIMES, sums, paren(cat(yh, MINUS, yv)), mt("²", "^2")),
      mean ? frac("1", `2·${N}`) : frac("1", "2"),
    ];
  }
  const front = mean ? cat("−", frac("1", "N")) : mt("−");
  const frontNum = mean ? cat("−", frac("1", `${N}`)) : mt("−");
  if (loss === "bce") {
    const body = cat(
      yv,
      mt("·ln ", " \\ln "),
      yh,
      PLUS,
      paren(cat("1", MINUS, yv)),
      mt("·ln", " \\ln"),
      paren(cat("1", MINUS, yh)),
    );
    return [cat(front, TIMES, sums, mt("[", "\\left["), body, mt("]", "\\right]")), frontNum];
  }
  return [cat(front, TIMES, sums, yv, mt("·ln ", " \\ln "), yh), frontNum];
}

/** ∂E/∂Ŷ as a matrix formula. */
function dLossForm(loss: LossName, reduction: Reduction, N: number): MathText {
  const Yh = mt("Ŷ", "\\hat{Y}");
  const over = reduction === "mean" ? mt(` / ${N}`, ` / ${N}`) : mt("");
  if (loss === "mse") return cat(paren(cat(Yh, MINUS, "Y")), over);
  if (loss === "bce")
    return cat(frac(paren(cat(Yh, MINUS, "Y")), paren(cat(Yh, HADAMARD, paren(cat("1", MINUS, Yh))))), over);
  return cat(mt("−Y ⊘ ", "-Y \\oslash "), Yh, over);
}

interface OutputDeltaForm {
  why: string;
  symbolic(yh: MathText, y: MathText, z: MathText): MathText;
  numbers(yh: number, y: number, fp: number | undefined, yRow: number[], yhRow: number[]): MathText;
  matrix(l: number): MathText;
}

/** The output δ for this loss and activation: the fused ŷ − y where f′ cancels, else ∂E/∂ŷ · f′(z). */
function outputDeltaForm(loss: LossName, act: Activation, fused: boolean, M: Messages): OutputDeltaForm {
  const t = M.explain;
  const Yh = mt("Ŷ", "\\hat{Y}");
  if (fused) {
    return {
      why: loss === "bce" ? t.fusedWhyBce : t.fusedWhyCce,
      symbolic: (yh, y) => cat(yh, MINUS, y),
      numbers: (yh, y, _fp, yRow) => {
        const s = yRow.reduce((p, v) => p + v, 0);
        return s === 1 || loss === "bce"
          ? cat(num(yh), MINUS, factor(y))
          : cat(num(yh), TIMES, num(s), MINUS, factor(y));
      },
      matrix: () => cat(Yh, MINUS, "Y"),
    };
  }
  const slope = (yh: MathText, y: MathText): MathText =>
    loss === "mse"
      ? paren(cat(yh, MINUS, y))
      : loss === "bce"
        ? frac(paren(cat(yh, MINUS, y)), paren(cat(yh, paren(cat("1", MINUS, yh)))))
        : cat("−", frac(y, yh));
  const slopeNum = (yh: number, y: number): MathText => slope(num(yh), factor(y));
  if (act === "softmax") {
    return {
      why: t.softmaxJacobianWhy,
      symbolic: (yh) => cat(yh, paren(cat(mt("gₖ", "g_k"), MINUS, mt("Σᵢ gᵢŷᵢ", "\\sum_i g_i \\hat{y}_i")))),
      numbers: (yh, y, _fp, yRow, yhRow) => {
        // gₖ − Σᵢ gᵢŷᵢ with g = ∂Eₙ/∂ŷ
        const dot = yhRow.reduce((s, v, i) => s + lossSlope(loss, v, yRow[i]) * v, 0);
        return cat(num(yh), TIMES, paren(cat(factor(lossSlope(loss, yh, y)), MINUS, factor(dot))));
      },
      matrix: () =>
        cat(Yh, HADAMARD, paren(cat(mt("G", "G"), MINUS, mt("(G ⊙ Ŷ)·1", "(G \\odot \\hat{Y})\\mathbf{1}")))),
    };
  }
  return {
    why: act === "sigmoid" && loss === "mse" ? t.sigmoidMseWhy : t.chainWhy,
    symbolic: (yh, y, zS) =>
      join(
        [
          slope(yh, y),
          act === "sigmoid"
            ? cat(yh, paren(cat("1", MINUS, yh)))
            : act === "tanh"
              ? paren(cat("1", MINUS, yh, mt("²", "^2")))
              : act === "linear"
                ? mt("1")
                : cat(mt("f′", "f'"), paren(zS)),
        ],
        TIMES,
      ),
    numbers: (yh, y, fp) =>
      join(
        [
          slopeNum(yh, y),
          act === "sigmoid"
            ? cat(num(yh), TIMES, paren(cat("1", MINUS, num(yh))))
            : act === "tanh"
              ? paren(cat("1", MINUS, factor(yh), mt("²", "^2")))
              : num(fp ?? Number.NaN),
        ],
        TIMES,
      ),
    matrix: (l) => cat(dLossSymbol(), HADAMARD, cat(mt("f′", "f'"), paren(sym("Z", undefined, l)))),
  };
}

const dLossSymbol = (): MathText => mt("∂E/∂Ŷ", "\\partial E/\\partial \\hat{Y}");

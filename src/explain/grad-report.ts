/**
 * One forward and backward pass in the notes' matrix form, as plain arrays in the model's layout, and its text
 * form (what `retroprop grad` prints): E, Ŷ and for every layer Z, A, Δ, ∇W = Δᵀ·A⁽ˡ⁻¹⁾ and ∇b = Σ rows of Δ.
 */
import { isFused, type LossName, type Reduction } from "../nn/losses.js";
import { backpropTrace } from "../nn/matrix-backprop.js";
import type { Sequential } from "../nn/sequential.js";
import { NDArray } from "../tensor/ndarray.js";
import type { Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { formatNumber } from "./format.js";
import { supText } from "./math-text.js";

/** One layer of the report, in the model's own layout. */
export interface GradLayer {
  /** ∇W⁽ˡ⁾ = Δ⁽ˡ⁾ᵀ·A⁽ˡ⁻¹⁾, units × inputs (like the model file's weights) */
  weights: number[][];
  /** ∇b⁽ˡ⁾ = Σ rows of Δ⁽ˡ⁾ */
  bias: number[];
  /** Δ⁽ˡ⁾ = ∂E/∂Z⁽ˡ⁾, one row per example */
  delta: number[][];
  /** Z⁽ˡ⁾, one row per example */
  Z: number[][];
  /** A⁽ˡ⁾ = f(Z⁽ˡ⁾), one row per example */
  A: number[][];
}

export interface GradReport {
  loss: number;
  outputs: number[][];
  layers: GradLayer[];
}

/** The forward and backward pass of the notes' matrix form, as plain arrays in the model's layout. */
export function gradReport(
  model: Sequential,
  X: number[][],
  Y: number[][],
  loss: LossName,
  reduction: Reduction,
): GradReport {
  const t = backpropTrace(model, NDArray.from(X, model.dtype), NDArray.from(Y, model.dtype), loss, reduction);
  const rows = (a: NDArray) => a.toArray() as number[][];
  return {
    loss: t.loss,
    outputs: rows(t.output),
    layers: t.layers.map((l) => ({
      weights: rows(l.gradW),
      bias: Array.from(l.gradB.data),
      delta: rows(l.delta),
      Z: rows(l.Z),
      A: rows(l.A),
    })),
  };
}

const sup = (n: number) => `⁽${supText(String(n))}⁾`;

function table(title: string, m: number[][]): string {
  const cells = m.map((row) => row.map((v) => formatNumber(v)));
  const width = Math.max(...cells.flat().map((c) => c.length));
  const lines = cells.map((row) => `    ${row.map((c) => c.padStart(width)).join("  ")}`);
  return `  ${title}\n${lines.join("\n")}\n`;
}

/** The report as titled tables, each with its formula and shape (6 significant digits). */
export function formatGradText(
  report: GradReport,
  model: Sequential,
  loss: LossName,
  reduction: Reduction,
  M: Messages = en,
): string {
  const words = M.gradReport;
  const N = report.outputs.length;
  const L = model.layers.length;
  const how = words.reduction(reduction === "mean", N);
  const out: string[] = [`E = ${formatNumber(report.loss)}  (${loss}, ${how}, ${model.dtype})\n`];
  if (isFused(loss, model.outputActivation)) {
    const scale = reduction === "mean" ? "/N" : "";
    out.push(`${words.fused(model.outputActivation, loss)}: Δ${sup(L)} = (Ŷ − Y)${scale}\n`);
  }
  out.push("\n");
  out.push(table(`Ŷ = A${sup(L)}  (${N} × ${model.outputSize})`, report.outputs));
  report.layers.forEach((g, i) => {
    const l = i + 1;
    const layer = model.layers[i];
    const prev = l === 1 ? "X" : `A${sup(l - 1)}`;
    out.push(
      `\n${words.layer(l)}: ${layer.inputs} → ${layer.units}, ${layer.activation}  (JSON layers[${i}])\n` +
        table(`Z${sup(l)} = ${prev}·W${sup(l)}ᵀ + b${sup(l)}  (${N} × ${layer.units})`, g.Z) +
        table(`A${sup(l)} = ${layer.activation}(Z${sup(l)})  (${N} × ${layer.units})`, g.A) +
        table(`Δ${sup(l)} = ∂E/∂Z${sup(l)}  (${N} × ${layer.units}, ${words.rowPerExample})`, g.delta) +
        table(
          `∇W${sup(l)} = Δ${sup(l)}ᵀ·${prev}  (${layer.units} × ${layer.inputs}, ${words.like} W${sup(l)})`,
          g.weights,
        ) +
        table(`∇b${sup(l)} = ${words.sumOfRows} Δ${sup(l)}  (${layer.units})`, [g.bias]),
    );
  });
  return out.join("");
}

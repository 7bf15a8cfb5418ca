import type { Command } from "commander";
import { isFused, LOSSES, type LossName, parseLoss, type Reduction } from "../../nn/losses.js";
import { backpropTrace } from "../../nn/matrix-backprop.js";
import { loadModel } from "../../nn/model-file.js";
import type { Sequential } from "../../nn/sequential.js";
import type { DType } from "../../tensor/dtype.js";
import { NDArray } from "../../tensor/ndarray.js";
import { activationsOf, checkDifferentiable } from "../../train/index.js";
import { InputError, RetropropError } from "../../util/errors.js";
import { parseChoice, readMatrixFile, UsageError } from "../args.js";

export interface GradFlags {
  model: string;
  inputs: string;
  targets: string;
  loss: string;
  reduction: string;
  dtype: string;
  json?: boolean;
}

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

const HELP_AFTER = `
Inputs and targets are JSON arrays of rows, one row per example (a bare number is a one-value row).
Prints E, the outputs Ŷ and, for every layer l = 1..L (JSON: layers[l-1]), ∇W⁽ˡ⁾ (units × inputs, like the
model file's weights), ∇b⁽ˡ⁾ and Δ⁽ˡ⁾ = ∂E/∂Z⁽ˡ⁾ (one row per example); the text form adds Z⁽ˡ⁾ and A⁽ˡ⁾.
--reduction mean divides E and every gradient by the number of examples N; sum does not (the notes' Σ).

Example (the notes' 2-2-1 sigmoid XOR network with E = ½Σ(ŷ − y)², files in examples/xor/):
  $ retroprop grad --model examples/xor/model.json --inputs examples/xor/x.json \\
      --targets examples/xor/y.json --loss mse --reduction sum
  $ retroprop grad --model examples/xor/model.json --inputs examples/xor/x.json \\
      --targets examples/xor/y.json --loss mse --json`;

export function register(program: Command): void {
  program
    .command("grad")
    .description("one forward and backward pass: the loss, every Δ, ∇W and ∇b (check your homework)")
    .requiredOption("--model <file>", "model file (docs/model-format.md)")
    .requiredOption("--inputs <file>", "JSON array of input rows X")
    .requiredOption("--targets <file>", "JSON array of target rows Y")
    .requiredOption("--loss <name>", `${LOSSES.join("|")}`)
    .option("--reduction <how>", "mean|sum over the examples", "mean")
    .option("--dtype <type>", "float32|float64", "float64")
    .option("--json", "print one JSON object instead of tables")
    .addHelpText("after", HELP_AFTER)
    .action((flags: GradFlags) => {
      process.stdout.write(runGrad(flags));
    });
}

/** Parses the flags, reads and checks the files, and returns what the command prints. */
export function runGrad(flags: GradFlags): string {
  let loss: LossName;
  try {
    loss = parseLoss(flags.loss);
  } catch {
    throw new UsageError(`--loss: expected one of ${LOSSES.join(", ")}, got "${flags.loss}"`);
  }
  const reduction = parseChoice("--reduction", flags.reduction, ["mean", "sum"] as const);
  const dtype = parseChoice("--dtype", flags.dtype, ["float32", "float64"] as const) as DType;
  const model = loadModel(flags.model, { dtype });
  const X = readMatrixFile(flags.inputs, "inputs");
  const Y = readMatrixFile(flags.targets, "targets");
  checkGradInputs(model, flags.model, X, flags.inputs, Y, flags.targets, loss);
  const report = gradReport(model, X, Y, loss, reduction);
  if (!Number.isFinite(report.loss)) {
    throw new RetropropError(`the loss is ${report.loss} for these weights and data (${flags.model})`);
  }
  return flags.json ? `${JSON.stringify(report)}\n` : formatGradText(report, model, loss, reduction);
}

/** Shapes and target values that the model and the loss accept, each problem as a one-line InputError. */
export function checkGradInputs(
  model: Sequential,
  modelPath: string,
  X: number[][],
  xPath: string,
  Y: number[][],
  yPath: string,
  loss: LossName,
): void {
  const values = (n: number) => `${n} value${n === 1 ? "" : "s"}`;
  if (X[0].length !== model.inputSize) {
    throw new InputError(
      `${xPath}: rows have ${values(X[0].length)} but the model takes ${model.inputSize} input${model.inputSize === 1 ? "" : "s"}`,
    );
  }
  if (Y.length !== X.length) {
    throw new InputError(`${yPath}: ${Y.length} rows of targets but ${xPath} has ${X.length} rows of inputs`);
  }
  if (Y[0].length !== model.outputSize) {
    throw new InputError(
      `${yPath}: rows have ${values(Y[0].length)} but the model has ${model.outputSize} output${model.outputSize === 1 ? "" : "s"}`,
    );
  }
  try {
    checkDifferentiable(loss, activationsOf(model));
  } catch (err) {
    throw err instanceof InputError ? new InputError(`${modelPath}: ${err.message}`) : err;
  }
  Y.forEach((row, n) =>
    row.forEach((y, k) => {
      if (loss === "bce" && (y < 0 || y > 1))
        throw new InputError(`${yPath}: [${n}][${k}]: bce targets must lie in [0, 1], got ${y}`);
      if (loss === "cce" && y < 0)
        throw new InputError(`${yPath}: [${n}][${k}]: cce targets must be non-negative, got ${y}`);
    }),
  );
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

// ---------------------------------------------------------------------------------------------------------------
// Text form
// ---------------------------------------------------------------------------------------------------------------

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const sup = (n: number) => `⁽${[...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join("")}⁾`;

/** 6 significant digits, without trailing zeros. */
export function formatNumber(v: number): string {
  if (v === 0) return "0";
  return String(Number(v.toPrecision(6)));
}

function table(title: string, m: number[][]): string {
  const cells = m.map((row) => row.map(formatNumber));
  const width = Math.max(...cells.flat().map((c) => c.length));
  const lines = cells.map((row) => `    ${row.map((c) => c.padStart(width)).join("  ")}`);
  return `  ${title}\n${lines.join("\n")}\n`;
}

export function formatGradText(
  report: GradReport,
  model: Sequential,
  loss: LossName,
  reduction: Reduction,
): string {
  const N = report.outputs.length;
  const L = model.layers.length;
  const how = reduction === "mean" ? `mean over N = ${N} examples` : `sum over N = ${N} examples`;
  const out: string[] = [`E = ${formatNumber(report.loss)}  (${loss}, ${how}, ${model.dtype})\n`];
  if (isFused(loss, model.outputActivation)) {
    const scale = reduction === "mean" ? "/N" : "";
    out.push(`${model.outputActivation} + ${loss} fused: Δ${sup(L)} = (Ŷ − Y)${scale}\n`);
  }
  out.push("\n");
  out.push(table(`Ŷ = A${sup(L)}  (${N} × ${model.outputSize})`, report.outputs));
  report.layers.forEach((g, i) => {
    const l = i + 1;
    const layer = model.layers[i];
    const prev = l === 1 ? "X" : `A${sup(l - 1)}`;
    out.push(
      `\nLayer ${l}: ${layer.inputs} → ${layer.units}, ${layer.activation}  (JSON layers[${i}])\n` +
        table(`Z${sup(l)} = ${prev}·W${sup(l)}ᵀ + b${sup(l)}  (${N} × ${layer.units})`, g.Z) +
        table(`A${sup(l)} = ${layer.activation}(Z${sup(l)})  (${N} × ${layer.units})`, g.A) +
        table(`Δ${sup(l)} = ∂E/∂Z${sup(l)}  (${N} × ${layer.units}, one row per example)`, g.delta) +
        table(
          `∇W${sup(l)} = Δ${sup(l)}ᵀ·${prev}  (${layer.units} × ${layer.inputs}, like W${sup(l)})`,
          g.weights,
        ) +
        table(`∇b${sup(l)} = Σ rows of Δ${sup(l)}  (${layer.units})`, [g.bias]),
    );
  });
  return out.join("");
}

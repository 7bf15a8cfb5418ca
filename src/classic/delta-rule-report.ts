/**
 * The linear neuron's data checked before the delta rule runs, and the run as `retroprop delta-rule` prints it:
 * the start, every update (y, t − y, Δw, w after, E after) and the end.
 */
import { InputError } from "../util/errors.js";
import type { DeltaRuleResult } from "./delta-rule.js";
import { fmt, table, vec } from "./report-format.js";

/** Where the inputs, the targets and the starting weights came from, for the messages. */
export interface DeltaRuleSources {
  inputs: string;
  targets: string;
  weights: string;
}

/**
 * One target per example, as many targets as examples and as many starting weights as inputs, each problem a
 * one-line InputError naming its source; returns the targets as a flat list.
 */
export function checkDeltaRuleData(
  inputs: readonly (readonly number[])[],
  targetRows: readonly (readonly number[])[],
  weights: readonly number[] | undefined,
  from: DeltaRuleSources,
): number[] {
  const width = inputs[0].length;
  const s = (n: number) => (n === 1 ? "" : "s");
  if (targetRows[0].length !== 1) {
    throw new InputError(
      `${from.targets}: expected one target per example (one linear neuron), got rows of ${targetRows[0].length} numbers`,
    );
  }
  if (targetRows.length !== inputs.length) {
    throw new InputError(
      `${from.inputs} has ${inputs.length} example${s(inputs.length)} but ${from.targets} has ` +
        `${targetRows.length} target${s(targetRows.length)}` +
        (inputs.length > 1 && width === 1 ? " (write each example as a row, e.g. [[5, 2, 3]])" : ""),
    );
  }
  if (weights !== undefined && weights.length !== width) {
    throw new InputError(
      `${from.weights} has ${weights.length} value${s(weights.length)} but each row of ${from.inputs} ` +
        `has ${width} input${s(width)}`,
    );
  }
  return targetRows.map((r) => r[0]);
}

/** The run as text; `lrText` is η as the user wrote it (1/35 is shown as "1/35 = 0.02857142857"). */
export function formatDeltaRuleText(
  result: DeltaRuleResult,
  lrText: string,
  nExamples: number,
  width: number,
): string {
  const lines: string[] = [];
  const eta =
    lrText.trim() === fmt(result.learningRate)
      ? lrText.trim()
      : `${lrText.trim()} = ${fmt(result.learningRate)}`;
  lines.push(
    `Linear neuron y = w·x, delta rule, ${result.mode}: η = ${eta}, ${result.epochs} epoch${result.epochs === 1 ? "" : "s"}, ` +
      `${nExamples} example${nExamples === 1 ? "" : "s"} of ${width} input${width === 1 ? "" : "s"}`,
  );
  lines.push(
    `start: w = ${vec(result.initialWeights)}   residual t − y = ${vec(result.initialResiduals)}   ` +
      `E = ½Σ(t − y)² = ${fmt(result.initialError)}`,
  );
  lines.push("");
  const showAll = nExamples <= 8;
  if (result.mode === "online") {
    lines.push(
      ...table(
        ["update", "epoch", "example", "y", "t − y", "Δw", "w after", "t − y after", "E after"],
        result.updates.map((u) => {
          const n = u.examples[0];
          return [
            String(u.update),
            String(u.epoch),
            String(n + 1),
            fmt(u.predictions[0]),
            fmt(u.residuals[0]),
            vec(u.delta, true),
            vec(u.weightsAfter),
            fmt(u.residualsAfter[n]),
            fmt(u.errorAfter),
          ];
        }),
      ),
    );
  } else {
    lines.push(
      ...table(
        ["update", "epoch", "Δw = η Σ x(t − y)", "w after", ...(showAll ? ["t − y after"] : []), "E after"],
        result.updates.map((u) => [
          String(u.update),
          String(u.epoch),
          vec(u.delta, true),
          vec(u.weightsAfter),
          ...(showAll ? [vec(u.residualsAfter)] : []),
          fmt(u.errorAfter),
        ]),
      ),
    );
  }
  lines.push("");
  lines.push(
    `final: w = ${vec(result.weights)}   ` +
      (showAll ? `residual t − y = ${vec(result.residuals)}   ` : "") +
      `E = ${fmt(result.error)}`,
  );
  return `${lines.join("\n")}\n`;
}

/**
 * The linear neuron's data checked before the delta rule runs, and the run as `retroprop delta-rule` prints it:
 * the start, every update (y, t − y, Δw, w after, E after) and the end.
 */
import { InputError } from "../util/errors.js";
import { localizedError, type Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
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
  if (targetRows[0].length !== 1) {
    throw localizedError(InputError, "deltaTargetRows", from.targets, targetRows[0].length);
  }
  if (targetRows.length !== inputs.length) {
    const hint = inputs.length > 1 && width === 1;
    throw localizedError(
      InputError,
      "deltaCounts",
      from.inputs,
      inputs.length,
      from.targets,
      targetRows.length,
      hint,
    );
  }
  if (weights !== undefined && weights.length !== width) {
    throw localizedError(InputError, "deltaWeights", from.weights, weights.length, from.inputs, width);
  }
  return targetRows.map((r) => r[0]);
}

/** The run as text; `lrText` is η as the user wrote it (1/35 is shown as "1/35 = 0.02857142857"). */
export function formatDeltaRuleText(
  result: DeltaRuleResult,
  lrText: string,
  nExamples: number,
  width: number,
  M: Messages = en,
): string {
  const lines: string[] = [];
  const eta =
    lrText.trim() === fmt(result.learningRate)
      ? lrText.trim()
      : `${lrText.trim()} = ${fmt(result.learningRate)}`;
  const words = M.deltaRuleReport;
  lines.push(words.title(result.mode === "online", eta, result.epochs, nExamples, width));
  lines.push(words.start(vec(result.initialWeights), vec(result.initialResiduals), fmt(result.initialError)));
  lines.push("");
  const showAll = nExamples <= 8;
  if (result.mode === "online") {
    lines.push(
      ...table(
        words.onlineHeaders,
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
        words.batchHeaders(showAll),
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
    words.final(vec(result.weights), showAll ? vec(result.residuals) : undefined, fmt(result.error)),
  );
  return `${lines.join("\n")}\n`;
}

/**
 * What the perceptron and the delta rule both check before training: the examples (rows of finite inputs of
 * one width, one finite target per row) and η. Each error names the learner ("perceptron: …", "delta rule: …",
 * in the reader's language).
 */
import { type Fail, problem } from "../nn/fail.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";

/** A Fail whose errors begin with the learner's name. */
export function learnerFail(learner: "perceptron" | "deltaRule"): Fail {
  const at = learner === "perceptron" ? "perceptronAt" : "deltaRuleAt";
  return (key, ...params) => {
    throw localizedError(InputError, at, problem(key, ...params));
  };
}

/** The width of the input rows, once every row and target is checked. */
export function checkExamples(
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
  fail: Fail,
): number {
  if (inputs.length === 0) fail("noExamples");
  if (inputs.length !== targets.length) fail("exampleCounts", inputs.length, targets.length);
  const width = inputs[0].length;
  if (width === 0) fail("emptyRows");
  inputs.forEach((row, i) => {
    if (row.length !== width) fail("rowWidth", i, row.length, width);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) fail("inputNotFinite", i, j);
    });
  });
  targets.forEach((t, i) => {
    if (!Number.isFinite(t)) fail("targetNotFinite", i);
  });
  return width;
}

/** η must be a positive number. */
export function checkLearningRate(eta: number, fail: Fail): void {
  if (!Number.isFinite(eta) || eta <= 0) fail("learningRate", eta);
}

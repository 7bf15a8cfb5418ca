/** What `train` prints: the header before training and the results after it (text; --json is one object). */
import type { Dataset } from "../../data/index.js";
import type { LossName } from "../../nn/losses.js";
import type { Sequential } from "../../nn/sequential.js";
import type { Optimizer } from "../../optim/optimizers.js";
import { type EpochLogs, type EvaluateResult, stepsPerEpoch } from "../../train/index.js";
import { t } from "../lang.js";

export interface RunInfo {
  model: Sequential;
  loss: LossName;
  train: Dataset;
  batchSize: number | "full";
  optimizer: Optimizer;
  engine: string;
  initFrom?: string;
}

/** "hidden" names the hidden layers' activations, or says there are none (a 3-1 network is one layer). */
export function describeLayers(model: Sequential): string {
  const M = t().train;
  const hidden = [...new Set(model.layers.slice(0, -1).map((l) => l.activation))];
  const what = hidden.length === 0 ? M.noHidden : M.hidden(hidden.join(","));
  return `${what}, ${M.outputLayer(model.outputActivation)}`;
}

export function trainingHeader(r: RunInfo): string {
  const n = r.train.x.shape[0];
  const steps = stepsPerEpoch(n, r.batchSize);
  const M = t().train;
  const batch = r.batchSize === "full" ? M.fullBatch(n) : String(r.batchSize);
  return M.header(
    r.model.sizes.join("-"),
    r.initFrom,
    describeLayers(r.model),
    r.loss,
    r.train.name,
    n,
    batch,
    steps,
    r.optimizer.name,
    r.optimizer.learningRate,
    r.engine,
  );
}

const pct = (a?: number) => (a === undefined ? "" : t().train.accuracy((100 * a).toFixed(2)));

/** The results as text lines: stop reason, final and test figures, and each example's outputs on small sets. */
export function resultLines(
  train: Dataset,
  final: EvaluateResult,
  test: EvaluateResult | undefined,
  outputs: number[][] | undefined,
  stopReason: string | undefined,
): string[] {
  const M = t().train;
  const lines: string[] = [];
  if (stopReason) lines.push(stopReason);
  lines.push(M.finalLoss(final.loss.toPrecision(5), pct(final.accuracy)));
  if (test) lines.push(M.testLoss(test.loss.toPrecision(5), pct(test.accuracy)));
  if (outputs) {
    lines.push(M.outputs);
    const x = train.x.toArray() as number[][];
    const y = train.y.toArray() as number[][];
    outputs.forEach((row, i) => {
      const xs = x[i].map((v) => +v.toPrecision(4)).join(", ");
      lines.push(M.outputRow(xs, y[i].join(", "), row.map((v) => v.toFixed(4)).join(", ")));
    });
  }
  return lines;
}

/** What a finished run reports. */
export interface TrainOutcome {
  model: Sequential;
  loss: LossName;
  train: Dataset;
  history: EpochLogs[];
  final: EvaluateResult;
  test: EvaluateResult | undefined;
  /** each training example's outputs, on small sets */
  outputs: number[][] | undefined;
  stopReason: string | undefined;
  saved: string | undefined;
  plots: string[];
  seconds: number;
}

/** The results as text lines ending in the files written and the time, or (--json) as one JSON line. */
export function trainResults(r: TrainOutcome, flags: { json?: boolean }): string {
  if (flags.json) {
    const { model } = r;
    const activation = model.layers.length > 1 ? model.layers[0].activation : undefined;
    const summary = {
      model: {
        sizes: model.sizes,
        activation,
        output: model.outputActivation,
        loss: r.loss,
        parameters: model.parameterCount(),
      },
      history: r.history,
      final: { ...r.final, ...(r.outputs ? { outputs: r.outputs } : {}) },
      ...(r.test ? { test: r.test } : {}),
      ...(r.stopReason ? { stopped: r.stopReason } : {}),
      ...(r.saved ? { saved: r.saved } : {}),
      ...(r.plots.length ? { plots: r.plots } : {}),
      seconds: r.seconds,
    };
    return `${JSON.stringify(summary)}\n`;
  }
  const lines = resultLines(r.train, r.final, r.test, r.outputs, r.stopReason);
  const M = t();
  for (const p of r.plots) lines.push(M.cli.wrote(p));
  if (r.saved) lines.push(M.train.saved(r.saved));
  lines.push(M.train.done(r.seconds.toFixed(1)));
  return `${lines.join("\n")}\n`;
}

/** What `train` prints: the header before training and the results after it (text; --json is one object). */
import type { Dataset } from "../../data/index.js";
import type { LossName } from "../../nn/losses.js";
import type { Sequential } from "../../nn/sequential.js";
import type { Optimizer } from "../../optim/optimizers.js";
import { type EpochLogs, type EvaluateResult, stepsPerEpoch } from "../../train/index.js";

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
  const hidden = [...new Set(model.layers.slice(0, -1).map((l) => l.activation))];
  const what = hidden.length === 0 ? "no hidden layer" : `${hidden.join(",")} hidden`;
  return `${what}, ${model.outputActivation} output`;
}

export function trainingHeader(r: RunInfo): string {
  const n = r.train.x.shape[0];
  const steps = stepsPerEpoch(n, r.batchSize);
  const from = r.initFrom ? ` from ${r.initFrom}` : "";
  return (
    `training ${r.model.sizes.join("-")}${from} (${describeLayers(r.model)}, ${r.loss}) on ${r.train.name}: ` +
    `${n} examples, batch ${r.batchSize === "full" ? `full (${n})` : r.batchSize} → ${steps} step${steps === 1 ? "" : "s"} per epoch (⌈N / batch⌉), ` +
    `${r.optimizer.name} η=${r.optimizer.learningRate}, ${r.engine} engine`
  );
}

const pct = (a?: number) => (a === undefined ? "" : `, accuracy ${(100 * a).toFixed(2)}%`);

/** The results as text lines: stop reason, final and test figures, and each example's outputs on small sets. */
export function resultLines(
  train: Dataset,
  final: EvaluateResult,
  test: EvaluateResult | undefined,
  outputs: number[][] | undefined,
  stopReason: string | undefined,
): string[] {
  const lines: string[] = [];
  if (stopReason) lines.push(stopReason);
  lines.push(`final training loss ${final.loss.toPrecision(5)}${pct(final.accuracy)}`);
  if (test) lines.push(`test loss ${test.loss.toPrecision(5)}${pct(test.accuracy)}`);
  if (outputs) {
    lines.push("outputs:");
    const x = train.x.toArray() as number[][];
    const y = train.y.toArray() as number[][];
    outputs.forEach((row, i) => {
      const xs = x[i].map((v) => +v.toPrecision(4)).join(", ");
      lines.push(
        `  x=[${xs}]  target=[${y[i].join(", ")}]  output=[${row.map((v) => v.toFixed(4)).join(", ")}]`,
      );
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
  for (const p of r.plots) lines.push(`wrote ${p}`);
  if (r.saved) lines.push(`saved model to ${r.saved}`);
  lines.push(`done in ${r.seconds.toFixed(1)} s`);
  return `${lines.join("\n")}\n`;
}

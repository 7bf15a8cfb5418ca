/**
 * What the glass box, the step mode and the matrix view show, computed in the worker by the library's own
 * explain engine (`explainStep`, the engine behind `retroprop explain`) from the network's current weights and
 * the step's batch. The network trains in float32; the derivation is taken in float64 on an exact copy of those
 * weights and inputs, as `retroprop explain` loads a model (so the two agree to rounding, which the browser
 * test checks to 1e-9).
 */
import { Dense, type ExplainDerivation, explainStep, Sequential } from "retroprop";
import { featureMatrix } from "./features.js";
import { effectiveBatch } from "./state.js";
import type { Trainer } from "./trainer.js";

/** Which examples and which neuron a derivation follows. */
export interface GlassSelection {
  /** 1-based row of the step's batch, or null for the whole batch. */
  example: number | null;
  /** 1-based layer (1..L) and unit, or null for every unit (the step mode and the matrix view). */
  unit: { layer: number; unit: number } | null;
  lang: "en" | "es";
}

/**
 * The step's batch: the first B training examples in the data's order, B the examples per step of the chosen
 * mode (1 online, the mini-batch size, or all). Rows of X are the network's input features; Y holds the targets
 * (one-hot rows for several classes).
 */
export function stepBatch(trainer: Trainer): { X: number[][]; Y: number[][] } {
  const { state, points, outputs } = trainer;
  const train = points.train;
  const B = effectiveBatch(state, train.x1.length);
  const k = state.features.length;
  const features = featureMatrix(train.x1.subarray(0, B), train.x2.subarray(0, B), state.features);
  const X = Array.from({ length: B }, (_, n) => Array.from(features.subarray(n * k, n * k + k)));
  const Y = Array.from({ length: B }, (_, n) => {
    const target = train.target[n];
    return outputs === 1 ? [target] : Array.from({ length: outputs }, (_, c) => (c === target ? 1 : 0));
  });
  return { X, Y };
}

/** The network's weights, value for value, in a float64 model (what `retroprop explain` loads). */
function float64Copy(model: Sequential): Sequential {
  const copy = new Sequential(
    model.layers.map((l) => new Dense(l.inputs, l.units, l.activation, { dtype: "float64", init: "zeros" })),
  );
  copy.layers.forEach((layer, l) => {
    layer.weight.data.set(model.layers[l].weight.data);
    layer.bias.data.set(model.layers[l].bias.data);
  });
  return copy;
}

/** One training step on the step's batch (or one example of it), derived with η the page's learning rate. */
export function explainTrainer(trainer: Trainer, selection: GlassSelection): ExplainDerivation {
  const { X, Y } = stepBatch(trainer);
  return explainStep(float64Copy(trainer.model), X, Y, {
    loss: trainer.loss,
    lr: trainer.state.learningRate,
    example: selection.example ?? undefined,
    unit: selection.unit ?? undefined,
    lang: selection.lang,
  });
}

/**
 * The step mode's last stage carried out: every weight and bias set to the derivation's w − η·∂E/∂w (the notes'
 * gradient descent, whatever optimizer the run uses when it plays).
 */
export function descend(trainer: Trainer, selection: GlassSelection): void {
  const q = explainTrainer(trainer, { ...selection, unit: null }).quantities;
  trainer.model.layers.forEach((layer, l) => {
    const { newW, newB } = q.layers[l];
    if (!newW || !newB) return;
    layer.weight.data.set(newW.flat());
    layer.bias.data.set(newB);
  });
}

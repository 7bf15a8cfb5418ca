/**
 * Everything the layers export that runs anywhere JavaScript does, for code that needs more than the curated API
 * of portable.ts: the CLI's helpers, the playground, benchmarks, and tests. Reached as `"retroprop/internals"`
 * (internals.ts in Node, internals-browser.ts in a bundle). Names here may change between minor versions.
 */
export * from "./autograd/index.js";
export * from "./backend/index.js";
export * from "./classic/index.js";
export * from "./data/builtin.js";
export * from "./data/encode.js";
export * from "./data/normalize.js";
export * from "./data/split.js";
export * from "./data/types.js";
// the delta rule derived with its numbers (`delta-rule --explain`), for the web playground's delta-rule view
export {
  type DeltaRuleDerivation,
  type DeltaRuleDerivationOptions,
  explainDeltaRule,
} from "./explain/delta-rule-steps.js";
// explain's derivation of a training step (plain data) and its renderers, for the web playground
export type { Derivation, EquationStep, MatrixStep, NoteStep, Section, Step } from "./explain/derivation.js";
export { type DotOptions, GRAD_COLOR, graphToDot, graphToSvg, VALUE_COLOR } from "./explain/dot.js";
export { formatNumber } from "./explain/format.js";
export {
  describeGraph,
  type GraphJSON,
  type GraphNode,
  graphNodes,
  graphToJSON,
} from "./explain/graph.js";
export type { MathText } from "./explain/math-text.js";
export * from "./explain/render.js";
export { renderHtml } from "./explain/render-html.js";
export * from "./explain/training-step.js";
export * from "./nn/activations.js";
export * from "./nn/buffers.js";
export * from "./nn/dense.js";
export * from "./nn/init.js";
export * from "./nn/losses.js";
export * from "./nn/matrix-backprop.js";
export * from "./nn/safetensors.js";
export * from "./nn/sequential.js";
export * from "./nn/serialize.js";
export * from "./optim/index.js";
export * from "./tensor/index.js";
export * from "./train/index.js";
export * from "./util/errors.js";
export * from "./util/i18n.js";
export * from "./util/json-text.js";

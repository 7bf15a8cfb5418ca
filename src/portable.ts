/**
 * The curated public API that runs anywhere JavaScript does, Node or a browser: what README.md and docs/ describe,
 * and what the API reference (TypeDoc, `npm run docs:api`) documents. Everything here installs with
 * `@retroprop/core` (no figure, maths-typesetting or CLI package in its module graph); portable-full.ts adds the
 * names that need one (Graphviz pictures, KaTeX pages). core.ts / index.ts add what needs Node, core-browser.ts /
 * browser.ts the browser's WebAssembly loader. Every other name the layers export is reachable from
 * `"retroprop/internals"` (internals-portable.ts), from the subpaths `"retroprop/data"`, `"retroprop/classic"`,
 * `"retroprop/viz"`, `"retroprop/experiments"`, or not at all. Names are listed, not re-exported with `*`, so that
 * a helper added to a layer does not become public API by accident.
 */

// Autograd: graph tensors, the operations, no-grad mode and gradient checking (docs/engine.md).
export {
  abs,
  add,
  argmax,
  type BackwardFn,
  concat,
  cos,
  div,
  exp,
  full,
  type GradCheckOptions,
  type GradCheckResult,
  gatherRows,
  gradCheck,
  type InputCheck,
  isGradEnabled,
  leakyRelu,
  log,
  logSoftmax,
  logSumExp,
  matmul,
  max,
  maximum,
  mean,
  minimum,
  mul,
  neg,
  noGrad,
  ones,
  pow,
  rand,
  randn,
  relu,
  reshape,
  scalar,
  sigmoid,
  sin,
  slice,
  softmax,
  sqrt,
  square,
  sub,
  sum,
  Tensor,
  type TensorLike,
  type TensorOptions,
  tan,
  tanh,
  tensor,
  topologicalOrder,
  transpose,
  zeros,
} from "./autograd/index.js";
// Backends (docs/backends.md): which kernels compute, chosen by name.
export type { Activation, ElementwiseActivation } from "./backend/activations.js";
// The kernels' contract, for registerBackend and for reading ReferenceBackend's and WasmBackend's methods.
export type { Backend, BinaryOp, DenseActivation, DenseBelow, MathOp, UnaryOp } from "./backend/backend.js";
export { getBackend, ReferenceBackend, registerBackend, setBackend, withBackend } from "./backend/index.js";
// Classic learners: the perceptron and the delta rule on the logic gates (docs/classic.md).
export {
  type DeltaRuleMode,
  type DeltaRuleOptions,
  type DeltaRuleResult,
  type DeltaRuleUpdate,
  GATE_NAMES,
  type Gate,
  type GateName,
  gateByName,
  type PerceptronEpoch,
  type PerceptronOptions,
  type PerceptronResult,
  type PerceptronUpdate,
  type StepConvention,
  trainDeltaRule,
  trainPerceptron,
} from "./classic/index.js";
// Data: the built-in generated datasets, splitting, encoding, normalisation, batches (docs/data.md).
export {
  BUILTIN_DATASETS,
  type BuiltinOptions,
  blobs,
  builtinDataset,
  circles,
  GATE_DATASETS,
  gateDataset,
  moons,
  sine,
  spirals,
} from "./data/builtin.js";
// CSV text and IDX bytes parsed in memory (the browser's playground reads uploads and MNIST with them).
export { type CsvOptions, type CsvTable, csvToDataset, parseCsvTable } from "./data/csv.js";
export { encodeLabels } from "./data/encode.js";
export { type IdxData, type IdxPair, pairIdx, parseIdxBytes, type ReadIdxOptions } from "./data/idx-bytes.js";
export { applyNormalization, fitNormalization } from "./data/normalize.js";
export {
  type Batch,
  BatchIterator,
  type BatchOptions,
  type SplitFractions,
  splitDataset,
} from "./data/split.js";
export type { Dataset, DatasetSplits, Normalization, NormalizeMethod, Task } from "./data/types.js";
// Explain: one training step derived in the notes' symbols, its renderers, and pictures of a graph.
export {
  type DeltaRuleDerivation,
  type DeltaRuleDerivationOptions,
  explainDeltaRule,
} from "./explain/delta-rule-steps.js";
export type { Derivation, EquationStep, MatrixStep, NoteStep, Section, Step } from "./explain/derivation.js";
export { describeGraph, type GraphJSON, type GraphNode, graphNodes, graphToJSON } from "./explain/graph.js";
export type { MathText } from "./explain/math-text.js";
export { renderJson, renderMarkdown, renderText } from "./explain/render.js";
export {
  type ExplainDerivation,
  type ExplainOptions,
  type ExplainQuantities,
  explainStep,
} from "./explain/training-step.js";
// Models and layers, activations, losses, initializers.
export { ACTIVATIONS } from "./nn/activations.js";
export { Dense, type DenseOptions } from "./nn/dense.js";
export { INITIALIZERS, type Initializer } from "./nn/init.js";
export { LOSSES, type LossName, type Reduction } from "./nn/losses.js";
// The notes' matrix form of backprop (Z = A·Wᵀ + b, Δ, ∇W = Δᵀ·A), step by step.
export { type LayerTrace, MatrixBackprop, type ParamGrad } from "./nn/matrix-backprop.js";
export {
  type ImportedModel,
  modelFromSafetensors,
  modelToSafetensors,
  parseSafetensors,
  type SafetensorsExportOptions,
  type SafetensorsFile,
  type SafetensorsTensor,
  torchSequentialCode,
} from "./nn/safetensors.js";
export { Sequential, type SequentialSpec } from "./nn/sequential.js";
// Model I/O in memory: JSON, safetensors, PyTorch code (docs/interop.md).
export {
  type DenseLayerJSON,
  type ModelFromJSONOptions,
  type ModelJSON,
  type ModelToJSONOptions,
  modelFromJSON,
  modelToJSON,
} from "./nn/serialize.js";
// Optimizers and learning-rate schedules.
export {
  Adam,
  type AdamOptions,
  clipGradNorm,
  constant,
  cosineDecay,
  exponentialDecay,
  makeOptimizer,
  OPTIMIZERS,
  type Optimizer,
  type OptimizerConfig,
  type OptimizerName,
  type OptimizerState,
  type Parameter,
  RMSProp,
  type RMSPropOptions,
  type Schedule,
  SGD,
  type SGDOptions,
  stepDecay,
} from "./optim/index.js";
// Tensors: plain n-dimensional storage and a seeded generator.
export {
  type ArrayOfRank,
  type DType,
  type FloatArray,
  NDArray,
  type NestedArray,
  Random,
  type RandomState,
  type Shape,
  ShapeError,
} from "./tensor/index.js";
// Training: fit (async), evaluate and predict (sync), callbacks.
export {
  type AccuracyKind,
  type BatchLogs,
  type Callback,
  type CallbackState,
  type CheckpointEvery,
  type CheckpointManifest,
  type CheckpointOptions,
  type CheckpointStore,
  type EarlyStoppingOptions,
  type Engine,
  type EpochLogs,
  type EvaluateOptions,
  type EvaluateResult,
  earlyStopping,
  evaluate,
  type FitOptions,
  type FitResult,
  fit,
  type LossBlowUp,
  type ManifestFile,
  type Matrix,
  MemoryStore,
  type Monitor,
  type Position,
  type PredictOptions,
  predict,
  type TrainContext,
} from "./train/index.js";

// Errors: every bad input is one of these, with one line naming what and where.
export { DivergenceError, InputError, RetropropError } from "./util/errors.js";
// An error's line in the reader's language (every RetropropError carries its catalogue key).
export { errorText, type Lang, type Messages, messages, resolveLang } from "./util/i18n.js";

/**
 * retroprop: neural networks trained by backpropagation. The curated public API in Node: `@retroprop/core`'s
 * (core.ts: portable.ts plus the backend chosen where the library loads, `ready()`, datasets read from files,
 * model files on disk, ONNX, checkpoint folders), and what needs the full package's dependencies — graph
 * pictures and KaTeX pages (portable-full.ts), expressions and their derivations (mathjs). Figures and the
 * experiments, which load the Vega renderer, have their own entry points (`retroprop/viz`,
 * `retroprop/experiments`); every other name the layers export is in `retroprop/internals`.
 */

export * from "./core.js";
// Expressions as graphs and their derivations (mathjs parses them, loaded through require) — docs/engine.md,
// docs/explain.md.
export {
  buildExpression,
  type DeriveDerivation,
  type DeriveOptions,
  type DeriveQuantities,
  deriveExpression,
  ExpressionError,
  type ExpressionErrorKind,
  type ExpressionGraph,
  type ExpressionOperation,
  type ExpressionResult,
  evaluateExpression,
  evaluateTensorExpression,
  type GraphBranch,
  type GraphEdge,
  type GraphEdges,
  graphEdges,
  katexStylesheet,
  type ParsedExpression,
  type ParseOptions,
  parseExpression,
  type TensorExpressionResult,
  type VariableValue,
} from "./explain/index.js";
export * from "./portable-full.js";

/** Inspecting computational graphs: node listings, JSON, circuit pictures, and expressions as graphs. */

export {
  CENTRAL_H,
  type DeriveDerivation,
  type DeriveOptions,
  type DeriveQuantities,
  deriveExpression,
} from "./chain-rule.js";
export {
  type DeltaRuleDerivation,
  type DeltaRuleDerivationOptions,
  explainDeltaRule,
} from "./delta-rule-steps.js";
export type { Derivation, EquationStep, MatrixStep, NoteStep, Section, Step } from "./derivation.js";
export { type DotOptions, GRAD_COLOR, graphToDot, graphToSvg, VALUE_COLOR } from "./dot.js";
export {
  buildExpression,
  CONSTANTS,
  ExpressionError,
  type ExpressionErrorKind,
  type ExpressionGraph,
  type ExpressionOperation,
  type ExpressionResult,
  evaluateExpression,
  evaluateTensorExpression,
  FUNCTIONS,
  MAX_ELEMENTS,
  type ParsedExpression,
  type ParseOptions,
  parseExpression,
  type TensorExpressionResult,
  type VariableValue,
} from "./expression.js";
export { formatNumber } from "./format.js";
export { describeGraph, type GraphJSON, type GraphNode, graphNodes, graphToJSON } from "./graph.js";
export { type GraphBranch, type GraphEdge, type GraphEdges, graphEdges, ruleOf } from "./graph-edges.js";
export { katexStylesheet } from "./katex-css.js";
export type { MathText } from "./math-text.js";
export {
  explainPerceptron,
  type PerceptronDerivation,
  type PerceptronDerivationOptions,
} from "./perceptron-steps.js";
export {
  equationLine,
  FORMATS,
  type Format,
  renderJson,
  renderMarkdown,
  renderText,
  stepTex,
} from "./render.js";
export { renderHtml } from "./render-html.js";
export {
  EXPLAIN_LIMITS,
  type ExplainDerivation,
  type ExplainOptions,
  type ExplainQuantities,
  explainStep,
} from "./training-step.js";

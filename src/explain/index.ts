/** Inspecting computational graphs: node listings, JSON, circuit pictures, and expressions as graphs. */
export { type DotOptions, GRAD_COLOR, graphToDot, graphToSvg, VALUE_COLOR } from "./dot.js";
export {
  buildExpression,
  CONSTANTS,
  ExpressionError,
  type ExpressionErrorKind,
  type ExpressionGraph,
  type ExpressionResult,
  evaluateExpression,
  FUNCTIONS,
  type ParsedExpression,
  parseExpression,
} from "./expression.js";
export { formatNumber } from "./format.js";
export { describeGraph, type GraphJSON, type GraphNode, graphNodes, graphToJSON } from "./graph.js";

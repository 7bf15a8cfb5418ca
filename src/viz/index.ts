export { type Bar, type BarChartOptions, barChart } from "./charts/bar.js";
export type { ChartBase } from "./charts/common.js";
export { type ContourChartOptions, type ContourPath, contourChart } from "./charts/contour.js";
export {
  type DecisionBoundaryOptions,
  type DecisionGrid,
  decisionBoundaryChart,
  type Grid,
  type LabelledPoint,
} from "./charts/decision.js";
export { type ImageGridOptions, imageGridChart } from "./charts/image-grid.js";
export { type LineChartOptions, lineChart, type Series, scatterLineChart } from "./charts/line.js";
export { renderDot } from "./dot.js";
export { writeFigure } from "./figure.js";
export { FONT_FAMILY, FONT_STACK, fontFiles } from "./font.js";
export {
  type PngOptions,
  renderVega,
  renderVegaLite,
  type Spec,
  svgToPng,
  VEGA_CONFIG,
  VEGA_LITE_CONFIG,
} from "./render.js";

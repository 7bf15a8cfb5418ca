import { InputError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import { parseColor, type Rgb, rasterDataUri, schemeColor } from "../raster.js";
import { renderVega } from "../render.js";
import { type ChartBase, categoricalColors, checkGrid, checkSize, titleSpec } from "./common.js";

export interface Grid {
  /** Evenly spaced, increasing x coordinates of the grid columns. */
  xs: ArrayLike<number>;
  /** Evenly spaced, increasing y coordinates of the grid rows. */
  ys: ArrayLike<number>;
  /** Row-major values: values[j * xs.length + i] is the value at (xs[i], ys[j]). */
  values: ArrayLike<number>;
}

export interface DecisionGrid extends Grid {
  /** When set, values are class indices 0..classes-1; otherwise they are a network output (see valueDomain). */
  classes?: number;
}

export interface LabelledPoint {
  x: number;
  y: number;
  label: number;
}

export interface DecisionBoundaryOptions extends ChartBase {
  grid: DecisionGrid;
  points: LabelledPoint[];
  xLabel?: string;
  yLabel?: string;
  /** Range of a continuous output (default [0, 1]; use [-1, 1] for tanh). Its midpoint is the boundary. */
  valueDomain?: [number, number];
  /** Legend title of the field (default "network output", or "predicted class"). */
  fieldLabel?: string;
  /** Legend title of the points (default "class"). */
  pointLabel?: string;
  /** Names of the classes, indexed by label (default "class <label>"). */
  classNames?: string[];
}

const FIELD_OPACITY = 0.45;
const SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge", "stroke"];

/**
 * A classifier's output over the plane as a coloured field, with the training points on top (colour and
 * shape by label) and legends for both. A continuous output is drawn with a diverging scale whose white
 * middle is the decision boundary; class indices with one colour per class.
 */
export function decisionBoundaryChart(options: DecisionBoundaryOptions): Promise<string> {
  const chart = "decisionBoundaryChart";
  const { grid, points } = options;
  checkGrid(chart, grid);
  const nx = grid.xs.length;
  const ny = grid.ys.length;
  const width = checkSize(chart, "width", options.width, 420);
  const height = checkSize(chart, "height", options.height, 420);

  const labels = [...new Set(points.map((p) => p.label))].sort((a, b) => a - b);
  points.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || !Number.isFinite(p.label)) {
      throw localizedError(InputError, "chartPoint", chart, i);
    }
  });
  const className = (label: number) => options.classNames?.[label] ?? `class ${label}`;

  const categorical = grid.classes !== undefined;
  let classColors: string[];
  let fieldScale: Record<string, unknown>;
  let colorOf: (v: number) => Rgb;
  let fieldLegend: Record<string, unknown>;
  if (categorical) {
    const k = grid.classes!;
    if (!Number.isInteger(k) || k < 2) throw localizedError(InputError, "chartClasses", chart, k);
    classColors = categoricalColors(k);
    const rgb = classColors.map(parseColor);
    // Field colours are the class colours faded towards white (the same blend the legend shows).
    const faded = rgb.map((c) => c.map((v) => Math.round(255 - FIELD_OPACITY * (255 - v))) as Rgb);
    for (let i = 0; i < grid.values.length; i++) {
      const v = grid.values[i]!;
      if (!Number.isInteger(v) || v < 0 || v >= k) {
        throw localizedError(InputError, "chartClassValue", chart, i, v, k);
      }
    }
    colorOf = (v) => faded[v]!;
    for (const l of labels) {
      if (!Number.isInteger(l) || l < 0 || l >= k) {
        throw localizedError(InputError, "chartClassLabel", chart, l, k);
      }
    }
    fieldScale = {
      name: "field",
      type: "ordinal",
      domain: classColors.map((_, c) => className(c)),
      range: classColors,
    };
    fieldLegend = {
      fill: "field",
      title: options.fieldLabel ?? "predicted region",
      symbolType: "square",
      symbolSize: 200,
      symbolStrokeWidth: 0,
      encode: { symbols: { update: { opacity: { value: FIELD_OPACITY } } } },
    };
  } else {
    const [lo, hi] = options.valueDomain ?? [0, 1];
    if (!(hi > lo)) throw localizedError(InputError, "chartDomain", chart, lo, hi);
    const scheme = schemeColor("blueorange");
    const fadedScheme = (t: number): Rgb =>
      scheme(t).map((v) => Math.round(255 - FIELD_OPACITY * (255 - v))) as Rgb;
    colorOf = (v) => fadedScheme((v - lo) / (hi - lo));
    // Points take the field's colour for their label's value (kept off the pale middle); with more than
    // two labels, categorical colours.
    const pointT = (l: number) => Math.min(0.97, Math.max(0.03, (l - lo) / (hi - lo)));
    classColors =
      labels.length <= 2 ? labels.map((l) => rgbCss(scheme(pointT(l)))) : categoricalColors(labels.length);
    fieldScale = {
      name: "field",
      type: "linear",
      domain: [lo, hi],
      range: { scheme: "blueorange" },
      zero: false,
    };
    fieldLegend = {
      fill: "field",
      type: "gradient",
      title: options.fieldLabel ?? "network output",
      gradientLength: Math.max(60, Math.min(height - 40, 200)),
      gradientThickness: 14,
      encode: { gradient: { update: { opacity: { value: FIELD_OPACITY } } } },
    };
  }

  // Raster rows run top to bottom, grid rows bottom to top.
  const flipped = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) flipped[(ny - 1 - j) * nx + i] = grid.values[j * nx + i]!;
  }
  const url = rasterDataUri(flipped, nx, ny, colorOf);

  // Each grid value fills a cell centred on its grid point.
  const hx = (grid.xs[1]! - grid.xs[0]!) / 2;
  const hy = (grid.ys[1]! - grid.ys[0]!) / 2;
  const x0 = grid.xs[0]! - hx;
  const x1 = grid.xs[nx - 1]! + hx;
  const y0 = grid.ys[0]! - hy;
  const y1 = grid.ys[ny - 1]! + hy;
  const xDomain = [Math.min(x0, ...points.map((p) => p.x)), Math.max(x1, ...points.map((p) => p.x))];
  const yDomain = [Math.min(y0, ...points.map((p) => p.y)), Math.max(y1, ...points.map((p) => p.y))];

  const pointNames = labels.map(className);
  const legends: Record<string, unknown>[] = [fieldLegend];
  if (points.length > 0) {
    legends.push({
      fill: "pointColor",
      shape: "pointShape",
      title: options.pointLabel ?? "training points",
      symbolStrokeColor: "#222",
      symbolStrokeWidth: 1,
      symbolSize: 90,
    });
  }
  return renderVega({
    $schema: "https://vega.github.io/schema/vega/v6.json",
    title: titleSpec(options),
    width,
    height,
    autosize: "pad",
    data: [
      { name: "raster", values: [{ url, x0, x1, y0, y1 }] },
      { name: "points", values: points.map((p) => ({ x: p.x, y: p.y, cls: className(p.label) })) },
    ],
    scales: [
      { name: "x", type: "linear", domain: xDomain, range: "width", nice: false, zero: false },
      { name: "y", type: "linear", domain: yDomain, range: "height", nice: false, zero: false },
      fieldScale,
      {
        name: "pointColor",
        type: "ordinal",
        domain: pointNames,
        range: categorical ? labels.map((l) => classColors[l]!) : classColors,
      },
      { name: "pointShape", type: "ordinal", domain: pointNames, range: SHAPES },
    ],
    axes: [
      { orient: "bottom", scale: "x", title: options.xLabel ?? "x₁", tickCount: 6 },
      { orient: "left", scale: "y", title: options.yLabel ?? "x₂", tickCount: 6 },
    ],
    legends,
    marks: [
      {
        type: "image",
        name: "field-image",
        from: { data: "raster" },
        encode: {
          enter: {
            url: { field: "url" },
            x: { scale: "x", field: "x0" },
            x2: { scale: "x", field: "x1" },
            y: { scale: "y", field: "y1" },
            y2: { scale: "y", field: "y0" },
            aspect: { value: false },
            smooth: { value: !categorical },
          },
        },
      },
      {
        type: "symbol",
        name: "training-points",
        from: { data: "points" },
        encode: {
          enter: {
            x: { scale: "x", field: "x" },
            y: { scale: "y", field: "y" },
            fill: { scale: "pointColor", field: "cls" },
            shape: { scale: "pointShape", field: "cls" },
            size: { value: points.length > 300 ? 36 : points.length > 40 ? 64 : 110 },
            stroke: { value: "#111" },
            strokeWidth: { value: points.length > 300 ? 0.6 : 1.2 },
          },
        },
      },
    ],
  });
}

function rgbCss(c: Rgb): string {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

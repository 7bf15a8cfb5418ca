import { InputError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import { renderVega } from "../render.js";
import { type ChartBase, categoricalScheme, checkGrid, checkSize, titleSpec } from "./common.js";
import type { Grid } from "./decision.js";

export interface ContourPath {
  name: string;
  /** Successive (x, y) positions, e.g. the weights after each gradient-descent step. */
  points: Array<[number, number]>;
}

export interface ContourChartOptions extends ChartBase {
  xLabel: string;
  yLabel: string;
  grid: Grid;
  paths?: ContourPath[];
  /** Legend title of the levels (default "value"), e.g. "E". */
  valueLabel?: string;
  /** Number of contour levels (default 12), spaced evenly or, with logLevels, geometrically. */
  levels?: number;
  /** Explicit contour levels (overrides levels/logLevels). */
  thresholds?: number[];
  /** Space the levels geometrically between the smallest positive and the largest value (error surfaces). */
  logLevels?: boolean;
  /** Legend title of the paths (default none). */
  pathLabel?: string;
  /** The marker legend's title and names of a path's first, middle and last positions (default English). */
  markers?: { title: string; start: string; step: string; end: string };
}

const MARKERS = { title: "marker", start: "start", step: "step", end: "end" };

/**
 * Filled contour bands and lines of a 2-D function sampled on a grid (Vega's isocontour transform), with
 * optional descent paths on top: a line per path with a small marker per step, a square at the start and
 * a diamond at the end, and a legend naming each path.
 */
export function contourChart(options: ContourChartOptions): Promise<string> {
  const chart = "contourChart";
  const { grid } = options;
  checkGrid(chart, grid);
  const nx = grid.xs.length;
  const ny = grid.ys.length;
  const values = Array.from(grid.values);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let minPositive = Number.POSITIVE_INFINITY;
  values.forEach((v, i) => {
    if (!Number.isFinite(v))
      throw localizedError(InputError, "chartNotFinite", chart, `grid.values[${i}]`, v);
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > 0 && v < minPositive) minPositive = v;
  });
  if (!(max > min)) throw localizedError(InputError, "chartFlat", chart, min);
  const levels = options.levels ?? 12;
  if (!Number.isInteger(levels) || levels < 2) throw localizedError(InputError, "chartLevels", chart);
  let thresholds: number[];
  let log = false;
  if (options.thresholds) {
    thresholds = [...options.thresholds].sort((a, b) => a - b);
    if (thresholds.length === 0 || thresholds.some((t) => !Number.isFinite(t))) {
      throw localizedError(InputError, "chartThresholds", chart);
    }
  } else if (options.logLevels) {
    if (!(minPositive < max)) throw localizedError(InputError, "chartLogLevels", chart);
    log = true;
    // Start at the 1st percentile of the positive values, not at a near-zero minimum that would spend
    // most levels on a tiny neighbourhood of the optimum.
    const positive = values.filter((v) => v > 0).sort((p, q) => p - q);
    const a = Math.log(Math.max(minPositive, positive[Math.floor(0.01 * positive.length)]!));
    const b = Math.log(max);
    // Levels strictly inside (min, max): the bands between them are what the eye reads.
    thresholds = Array.from({ length: levels }, (_, k) => Math.exp(a + ((b - a) * (k + 0.5)) / levels));
  } else {
    thresholds = Array.from({ length: levels }, (_, k) => min + ((max - min) * (k + 0.5)) / levels);
  }
  thresholds = thresholds.map((t) => Number(t.toPrecision(3)));

  const paths = options.paths ?? [];
  const markers = options.markers ?? MARKERS;
  const pathNames = new Set<string>();
  const steps: Array<{ path: string; step: number; x: number; y: number; mark: string }> = [];
  paths.forEach((p, k) => {
    if (pathNames.has(p.name))
      throw localizedError(InputError, "chartNameTwice", chart, `paths[${k}].name`, p.name);
    pathNames.add(p.name);
    p.points.forEach(([x, y], i) => {
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        throw localizedError(InputError, "chartPathPoint", chart, k, i);
      }
      const mark = i === 0 ? markers.start : i === p.points.length - 1 ? markers.end : markers.step;
      steps.push({ path: p.name, step: i, x, y, mark });
    });
  });
  const order = paths.map((p) => p.name);
  const width = checkSize(chart, "width", options.width, 440);
  const height = checkSize(chart, "height", options.height, 400);
  const levelScale = log
    ? { type: "log", domain: [thresholds[0], thresholds[thresholds.length - 1]] }
    : { type: "linear", domain: [thresholds[0], thresholds[thresholds.length - 1]], zero: false };

  // About five labelled levels, evenly spread along the gradient.
  const lastLevel = thresholds.length - 1;
  const legendValues = [...new Set([0, 1, 2, 3, 4].map((i) => Math.round((i * lastLevel) / 4)))].map(
    (i) => thresholds[i],
  );
  const legends: Record<string, unknown>[] = [
    {
      fill: "level",
      type: "gradient",
      title: options.valueLabel ?? "value",
      gradientLength: Math.max(60, Math.min(height - 60, 180)),
      gradientThickness: 14,
      format: ".3~g",
      labelOverlap: "greedy",
      values: legendValues,
    },
  ];
  if (order.length > 0) {
    legends.push({
      stroke: "pathColor",
      title: options.pathLabel ?? null,
      symbolType: "stroke",
      symbolStrokeWidth: 3,
      symbolSize: 300,
    });
    legends.push({
      shape: "markShape",
      title: markers.title,
      symbolStrokeColor: "#333",
      symbolFillColor: "white",
      symbolStrokeWidth: 1.5,
      symbolSize: 80,
    });
  }

  return renderVega({
    $schema: "https://vega.github.io/schema/vega/v6.json",
    title: titleSpec(options),
    width,
    height,
    autosize: "pad",
    signals: [
      { name: "sx", update: `width / ${nx - 1}` },
      { name: "sy", update: `height / ${ny - 1}` },
    ],
    data: [
      // d3/Vega contours put grid value (i, j) at (i + 0.5, j + 0.5): shift by half a step, flip y.
      {
        name: "grid",
        values: [{ width: nx, height: ny, values }],
        transform: [
          {
            type: "isocontour",
            thresholds,
            scale: { expr: "[sx, -sy]" },
            translate: [{ signal: "-0.5 * sx" }, { signal: "height + 0.5 * sy" }],
          },
        ],
      },
      { name: "steps", values: steps },
    ],
    scales: [
      {
        name: "x",
        type: "linear",
        domain: [grid.xs[0], grid.xs[nx - 1]],
        range: "width",
        nice: false,
        zero: false,
      },
      {
        name: "y",
        type: "linear",
        domain: [grid.ys[0], grid.ys[ny - 1]],
        range: "height",
        nice: false,
        zero: false,
      },
      { name: "level", ...levelScale, range: { scheme: "greys", extent: [0.02, 0.5] } },
      {
        name: "pathColor",
        type: "ordinal",
        domain: order,
        range: { scheme: categoricalScheme(order.length) },
      },
      {
        name: "markShape",
        type: "ordinal",
        domain: [markers.start, markers.step, markers.end],
        range: ["square", "circle", "diamond"],
      },
      {
        name: "markSize",
        type: "ordinal",
        domain: [markers.start, markers.step, markers.end],
        range: [110, 14, 140],
      },
    ],
    axes: [
      { orient: "bottom", scale: "x", title: options.xLabel, tickCount: 6, grid: false },
      { orient: "left", scale: "y", title: options.yLabel, tickCount: 6, grid: false },
    ],
    legends,
    marks: [
      {
        type: "path",
        name: "contour-bands",
        from: { data: "grid" },
        clip: true,
        encode: {
          enter: {
            fill: { scale: "level", field: "contour.value" },
            stroke: { value: "#3b3b3b" },
            strokeOpacity: { value: 0.45 },
            strokeWidth: { value: 0.8 },
          },
        },
        transform: [{ type: "geopath", field: "datum.contour" }],
      },
      {
        type: "group",
        name: "descent-paths",
        from: { facet: { name: "path", data: "steps", groupby: "path" } },
        clip: true,
        encode: { enter: { width: { signal: "width" }, height: { signal: "height" } } },
        marks: [
          {
            type: "line",
            name: "descent-path",
            from: { data: "path" },
            sort: { field: "datum.step" },
            encode: {
              enter: {
                x: { scale: "x", field: "x" },
                y: { scale: "y", field: "y" },
                stroke: { scale: "pathColor", field: "path" },
                strokeWidth: { value: 2.2 },
              },
            },
          },
        ],
      },
      {
        type: "symbol",
        name: "path-markers",
        from: { data: "steps" },
        clip: true,
        encode: {
          enter: {
            x: { scale: "x", field: "x" },
            y: { scale: "y", field: "y" },
            shape: { scale: "markShape", field: "mark" },
            size: { scale: "markSize", field: "mark" },
            fill: { scale: "pathColor", field: "path" },
            stroke: { value: "white" },
            strokeWidth: { value: 1 },
            zindex: { signal: `datum.mark === ${JSON.stringify(markers.step)} ? 0 : 1` },
          },
        },
      },
    ],
  });
}

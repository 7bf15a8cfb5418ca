import { InputError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import { renderVegaLite } from "../render.js";
import { type ChartBase, categoricalScheme, checkSize, finiteOrNull, titleSpec } from "./common.js";

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface LineChartOptions extends ChartBase {
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** Logarithmic y axis (values ≤ 0 are left out). */
  logY?: boolean;
  /** Logarithmic x axis (values ≤ 0 are left out). */
  logX?: boolean;
  /** Draw a marker at every data point (default false for lineChart, true for scatterLineChart). */
  points?: boolean;
  /** Title above the legend (default: none). The legend is shown when there are 2 or more series. */
  legendTitle?: string;
  /** Fixed axis ranges instead of fitting the data. */
  xDomain?: [number, number];
  yDomain?: [number, number];
}

/**
 * Lines of y against x, one per series, with a legend naming them: loss/accuracy per epoch, learning-rate
 * sweeps, per-layer gradient norms (logY). Non-finite values (a diverged run) break the line.
 */
export function lineChart(options: LineChartOptions): Promise<string> {
  const chart = "lineChart";
  const { series } = options;
  if (series.length === 0) throw localizedError(InputError, "chartEmpty", chart, "series");
  const names = new Set<string>();
  const rows: Array<{ series: string; x: number | null; y: number | null }> = [];
  series.forEach((s, k) => {
    if (names.has(s.name))
      throw localizedError(InputError, "chartNameTwice", chart, `series[${k}].name`, s.name);
    names.add(s.name);
    if (s.x.length !== s.y.length) {
      throw localizedError(InputError, "chartSeriesLengths", chart, k, s.name, s.x.length, s.y.length);
    }
    for (let i = 0; i < s.x.length; i++) {
      let x = finiteOrNull(s.x[i]!);
      let y = finiteOrNull(s.y[i]!);
      if (options.logX && x !== null && x <= 0) x = null;
      if (options.logY && y !== null && y <= 0) y = null;
      rows.push({ series: s.name, x, y });
    }
  });
  const width = checkSize(chart, "width", options.width, 480);
  const height = checkSize(chart, "height", options.height, 300);
  const order = series.map((s) => s.name);
  const points = options.points ?? false;
  // Log axes and axes with markers fit the data (plus a few pixels so markers are not cut in half)
  // instead of rounding out to "nice" values, which on a log axis can add a whole empty decade.
  const axisScale = (log: boolean | undefined, domain: [number, number] | undefined) => {
    const fitted = log || points;
    return {
      ...(log ? { type: "log" } : { type: "linear", zero: false }),
      ...(domain
        ? { domain, nice: false }
        : fitted
          ? { nice: false, padding: points ? 12 : 4 }
          : { nice: true }),
    };
  };
  // On a log x axis with few distinct x values (sizes 1, 2, 4, ...), tick exactly those values.
  const distinctX = [...new Set(rows.map((r) => r.x).filter((x): x is number => x !== null))].sort(
    (a, b) => a - b,
  );
  const xTicks =
    options.logX && distinctX.length <= 12 ? { values: distinctX, tickCount: distinctX.length } : {};
  return renderVegaLite({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: titleSpec(options),
    width,
    height,
    data: { values: rows },
    mark: {
      type: "line",
      strokeWidth: 2,
      clip: true,
      point: points ? { filled: true, size: 45 } : false,
    },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        title: options.xLabel,
        scale: axisScale(options.logX, options.xDomain),
        // labelSeparation: labels closer than 8 px count as overlapping, so every other one is dropped
        // ("900 1,000" once ran together with the last label flushed inside the plot).
        axis: {
          tickCount: 8,
          labelFlush: true,
          labelSeparation: 8,
          ...(options.logX ? { format: "~g", ...xTicks } : {}),
        },
      },
      y: {
        field: "y",
        type: "quantitative",
        title: options.yLabel,
        scale: axisScale(options.logY, options.yDomain),
        axis: options.logY ? { format: "~g" } : {},
      },
      color: {
        field: "series",
        type: "nominal",
        sort: order,
        scale: { scheme: categoricalScheme(order.length) },
        legend: order.length < 2 ? null : { title: options.legendTitle ?? null, orient: "right" },
      },
    },
  });
}

/** lineChart with a marker on every point: few, meaningful x values (accuracy against hidden units). */
export function scatterLineChart(options: LineChartOptions): Promise<string> {
  return lineChart({ ...options, points: options.points ?? true });
}

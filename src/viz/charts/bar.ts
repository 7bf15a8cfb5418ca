import { InputError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import { renderVegaLite } from "../render.js";
import { type ChartBase, categoricalScheme, checkSize, titleSpec } from "./common.js";

export interface Bar {
  /** Position along the x axis (kept in the order first seen), e.g. "layer 1". */
  category: string;
  value: number;
  /** Bars with the same category and different groups stand side by side, coloured by group. */
  group?: string;
}

export interface BarChartOptions extends ChartBase {
  xLabel: string;
  yLabel: string;
  bars: Bar[];
  /** Logarithmic value axis (values ≤ 0 are left out). */
  logY?: boolean;
  legendTitle?: string;
}

/** Bars per category, optionally grouped side by side (e.g. gradient norm per layer, per activation). */
export function barChart(options: BarChartOptions): Promise<string> {
  const chart = "barChart";
  if (options.bars.length === 0) throw localizedError(InputError, "chartEmpty", chart, "bars");
  const categories: string[] = [];
  const groups: string[] = [];
  const rows = options.bars.map((b, i) => {
    if (!Number.isFinite(b.value))
      throw localizedError(InputError, "chartNotFinite", chart, `bars[${i}].value`, b.value);
    if (!categories.includes(b.category)) categories.push(b.category);
    const group = b.group ?? "";
    if (b.group !== undefined && !groups.includes(group)) groups.push(group);
    return { category: b.category, group, value: options.logY && b.value <= 0 ? null : b.value };
  });
  const grouped = groups.length > 0;
  const width = checkSize(
    chart,
    "width",
    options.width,
    Math.max(240, Math.min(720, categories.length * 70)),
  );
  const height = checkSize(chart, "height", options.height, 300);
  return renderVegaLite({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: titleSpec(options),
    width,
    height,
    data: { values: rows },
    mark: { type: "bar" },
    encoding: {
      x: {
        field: "category",
        type: "nominal",
        sort: categories,
        title: options.xLabel,
        axis: { labelAngle: 0 },
        scale: { paddingInner: 0.2 },
      },
      y: {
        field: "value",
        type: "quantitative",
        title: options.yLabel,
        // Stacking would start log bars at 0; unstacked, Vega-Lite starts them at the axis bottom.
        ...(options.logY ? { stack: null, scale: { type: "log" } } : { scale: { zero: true } }),
        axis: options.logY ? { format: "~g" } : {},
      },
      ...(grouped
        ? {
            xOffset: { field: "group", type: "nominal", sort: groups },
            color: {
              field: "group",
              type: "nominal",
              sort: groups,
              scale: { scheme: categoricalScheme(groups.length) },
              legend: { title: options.legendTitle ?? null },
            },
          }
        : { color: { value: "#4c78a8" } }),
    },
  });
}

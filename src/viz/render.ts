import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import { RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { FONT_FAMILY, FONT_STACK, fontFiles, fontMetrics } from "./font.js";

/** Type of a Vega or Vega-Lite specification: plain JSON, checked by the libraries themselves. */
export type Spec = Record<string, unknown>;

/** Shared look of every figure: the shipped font, readable sizes, white background. */
const TITLE_SIZE = 16;
const LABEL_SIZE = 12;
const AXIS_TITLE_SIZE = 13;

/** Vega-Lite config applied to every Vega-Lite chart (the caller's spec.config overrides it). */
export const VEGA_LITE_CONFIG: Spec = {
  font: FONT_STACK,
  background: "white",
  padding: 12,
  title: { fontSize: TITLE_SIZE, fontWeight: "bold", anchor: "start", offset: 12, subtitleFontSize: 12 },
  axis: {
    labelFontSize: LABEL_SIZE,
    titleFontSize: AXIS_TITLE_SIZE,
    titleFontWeight: "normal",
    titlePadding: 8,
    gridColor: "#e6e6e6",
    domainColor: "#888",
    tickColor: "#888",
    labelColor: "#333",
    titleColor: "#111",
  },
  legend: {
    labelFontSize: LABEL_SIZE,
    titleFontSize: AXIS_TITLE_SIZE,
    titleFontWeight: "normal",
    labelLimit: 260,
    symbolSize: 120,
    symbolStrokeWidth: 2.5,
  },
  view: { stroke: "#bbb" },
};

/** The same look as a Vega config, for charts written directly in Vega. */
export const VEGA_CONFIG: Spec = {
  background: "white",
  padding: 12,
  title: { font: FONT_STACK, fontSize: TITLE_SIZE, fontWeight: "bold", anchor: "start", offset: 12 },
  axis: {
    labelFont: FONT_STACK,
    titleFont: FONT_STACK,
    labelFontSize: LABEL_SIZE,
    titleFontSize: AXIS_TITLE_SIZE,
    titleFontWeight: "normal",
    titlePadding: 8,
    gridColor: "#e6e6e6",
    domainColor: "#888",
    tickColor: "#888",
    labelColor: "#333",
    titleColor: "#111",
  },
  legend: {
    labelFont: FONT_STACK,
    titleFont: FONT_STACK,
    labelFontSize: LABEL_SIZE,
    titleFontSize: AXIS_TITLE_SIZE,
    titleFontWeight: "normal",
    labelLimit: 260,
    titlePadding: 6,
  },
  text: { font: FONT_STACK, fontSize: LABEL_SIZE },
  style: { "group-title": { font: FONT_STACK, fontSize: LABEL_SIZE } },
};

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
  ellipsis?: string;
}

function isBold(weight: string | number | undefined): boolean {
  if (weight === undefined) return false;
  if (typeof weight === "number") return weight >= 600;
  return weight === "bold" || weight === "bolder" || Number(weight) >= 600;
}

/** Text width from the shipped font's own advance widths, so Vega lays out for the glyphs resvg draws. */
function measureText(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? +item.fontSize || 0 : 11;
  let s = text == null ? "" : String(text).trim();
  if (size <= 0 || s.length === 0) return 0;
  const metrics = fontMetrics(isBold(item.fontWeight));
  const limit = item.limit ?? 0;
  if (limit > 0 && metrics.width(s, size) > limit) {
    const ellipsis = item.ellipsis ?? "\u2026";
    const room = limit - metrics.width(ellipsis, size);
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = 1 + ((lo + hi) >>> 1);
      if (metrics.width(s.slice(0, mid), size) < room) lo = mid;
      else hi = mid - 1;
    }
    s = s.slice(0, lo) + ellipsis;
  }
  return metrics.width(s, size);
}

let metricsInstalled = false;
function installTextMetrics(): void {
  if (metricsInstalled) return;
  // Vega's documented hook for headless text measurement (as vl-convert does): without it Vega guesses
  // 0.8 em per character, which crowds legends and truncates labels.
  const tm = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } })
    .textMetrics;
  tm.width = measureText;
  metricsInstalled = true;
}

/** Renders a Vega specification to an SVG string (text kept as text). Uses VEGA_CONFIG under spec.config. */
export async function renderVega(spec: Spec): Promise<string> {
  installTextMetrics();
  let view: vega.View | undefined;
  try {
    const runtime = vega.parse(spec as vega.Spec, VEGA_CONFIG as vega.Config);
    // Vega logs a failing dataflow operator to the console and carries on rendering; collect what it reports
    // instead, so a broken chart is one error raised here and nothing is printed behind the caller's back.
    const errors: unknown[] = [];
    const logger = vega.logger(vega.Error, undefined, (_method, _level, args) => errors.push(args[0]));
    view = new vega.View(runtime, { renderer: "none", logger });
    // Vega marks unsmoothed images "image-rendering: optimizeSpeed; image-rendering: pixelated;". resvg does not
    // know "pixelated" yet takes the last declaration, and smooths weight tiles into blurred, 4× larger PNGs;
    // keeping only optimizeSpeed draws each pixel as a sharp block in every SVG renderer.
    const svg = await view.toSVG().catch((err: unknown) => {
      throw errors[0] ?? err;
    });
    if (errors.length > 0) throw errors[0];
    return svg.replaceAll(
      "image-rendering: optimizeSpeed; image-rendering: pixelated;",
      "image-rendering: optimizeSpeed;",
    );
  } catch (err) {
    throw localizedError(RetropropError, "vegaRender", (err as Error).message);
  } finally {
    view?.finalize();
  }
}

/** Compiles a Vega-Lite specification (with VEGA_LITE_CONFIG under spec.config) and renders it to SVG. */
export async function renderVegaLite(spec: Spec): Promise<string> {
  let compiled: Spec;
  try {
    const config = { ...VEGA_LITE_CONFIG, ...((spec.config as Spec | undefined) ?? {}) };
    compiled = vegaLite.compile({ ...spec, config } as unknown as vegaLite.TopLevelSpec, {
      logger: vega.logger(vega.Error),
    }).spec as unknown as Spec;
  } catch (err) {
    throw localizedError(RetropropError, "vegaLiteCompile", (err as Error).message);
  }
  return renderVega(compiled);
}

export interface PngOptions {
  /** Pixels per SVG unit (default 1; figures on disk use 2 for sharp text). */
  scale?: number;
  /** CSS colour painted under the picture (default white; "transparent" keeps the alpha). */
  background?: string;
}

/**
 * Rasterises an SVG with resvg, using only the shipped DejaVu fonts (no system fonts), so a given
 * SVG gives the same PNG bytes on every machine.
 */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw localizedError(RetropropError, "pngScale", scale);
  const background = options.background ?? "white";
  const family = FONT_FAMILY;
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: background === "transparent" ? undefined : background,
    font: {
      fontFiles: fontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: family,
      sansSerifFamily: family,
      serifFamily: family,
      monospaceFamily: family,
      cursiveFamily: family,
      fantasyFamily: family,
    },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

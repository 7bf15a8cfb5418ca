import { InputError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import { rasterDataUri, schemeColor } from "../raster.js";
import { renderVega } from "../render.js";
import { type ChartBase, titleSpec } from "./common.js";

export interface ImageGridOptions extends Omit<ChartBase, "width" | "height"> {
  /** One row-major image (row 0 at the top) per tile, e.g. a hidden unit's 784 input weights. */
  images: ArrayLike<number>[];
  /** Pixel size of every image (28 × 28 for MNIST). */
  width: number;
  height: number;
  /** Tiles per row (default: about √n, at most 12). */
  columns?: number;
  /**
   * Diverging colours centred on 0 with a domain symmetric about 0 (default true: blue negative, white 0,
   * red positive). false: the domain is [min, max] (still centred on 0 when it straddles 0; greys when
   * all values are ≥ 0, for plain images).
   */
  symmetric?: boolean;
  /** "shared" (default): one colour scale for all tiles; "tile": each tile scaled to its own max |value|. */
  normalize?: "shared" | "tile";
  /** A caption above each tile, e.g. "unit 3". */
  labels?: string[];
  /** Side of a tile in SVG pixels (default 2 per image pixel, at least 40). */
  tileSize?: number;
  /** Legend title (default "weight"). */
  valueLabel?: string;
  /** Legend title when each tile has its own scale (default: valueLabel + " / max |·| per tile"). */
  perTileLabel?: string;
}

/**
 * Images as a grid of tiles (e.g. hidden-unit input weights of an MNIST model), with one colour legend.
 * Each tile is a PNG raster placed by Vega band scales, so 100 tiles stay small and fast.
 */
export function imageGridChart(options: ImageGridOptions): Promise<string> {
  const chart = "imageGridChart";
  const { images, width: w, height: h } = options;
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1) {
    throw localizedError(InputError, "chartImageSize", chart, w, h);
  }
  if (images.length === 0) throw localizedError(InputError, "chartEmpty", chart, "images");
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  images.forEach((img, k) => {
    if (img.length !== w * h) {
      throw localizedError(InputError, "chartImageLength", chart, k, img.length, w, h);
    }
    for (let i = 0; i < img.length; i++) {
      const v = img[i]!;
      if (!Number.isFinite(v))
        throw localizedError(InputError, "chartNotFinite", chart, `images[${k}][${i}]`, v);
      if (v < min) min = v;
      if (v > max) max = v;
    }
  });
  if (options.labels && options.labels.length !== images.length) {
    throw localizedError(InputError, "chartLabels", chart, options.labels.length, images.length);
  }
  const n = images.length;
  const columns = options.columns ?? Math.min(12, Math.ceil(Math.sqrt(n)));
  if (!Number.isInteger(columns) || columns < 1) throw localizedError(InputError, "chartColumns", chart);
  const rows = Math.ceil(n / columns);
  const tile = options.tileSize ?? Math.max(40, 2 * Math.max(w, h));

  const perTile = options.normalize === "tile";
  const symmetric = options.symmetric ?? true;
  let domain: number[];
  let scheme: string;
  let reverse = false;
  if (perTile) {
    domain = [-1, 0, 1];
    scheme = "redblue";
    reverse = true;
  } else if (symmetric) {
    const m = Math.max(Math.abs(min), Math.abs(max)) || 1;
    domain = [-m, 0, m];
    scheme = "redblue";
    reverse = true;
  } else if (min < 0 && max > 0) {
    domain = [min, 0, max];
    scheme = "redblue";
    reverse = true;
  } else {
    domain = max > min ? [min, max] : [min - 1, min + 1];
    scheme = "greys";
  }
  const color = schemeColor(scheme, reverse);
  // Piecewise-linear map of the domain onto [0, 1], as Vega's linear scale with that domain does.
  const toUnit = (v: number): number => {
    if (domain.length === 2) return (v - domain[0]!) / (domain[1]! - domain[0]!);
    const [a, mid, b] = domain as [number, number, number];
    return v < mid ? (0.5 * (v - a)) / (mid - a) : 0.5 + (0.5 * (v - mid)) / (b - mid);
  };
  const tiles = images.map((img, k) => {
    let scale = 1;
    if (perTile) {
      let m = 0;
      for (let i = 0; i < img.length; i++) m = Math.max(m, Math.abs(img[i]!));
      scale = m > 0 ? 1 / m : 1;
    }
    return {
      k,
      row: Math.floor(k / columns),
      col: k % columns,
      label: options.labels?.[k] ?? "",
      url: rasterDataUri(img, w, h, (v) => color(toUnit(v * scale))),
    };
  });

  const hasLabels = options.labels !== undefined;
  const gap = hasLabels ? 22 : Math.max(4, Math.round(tile * 0.08));
  const plotWidth = columns * tile + (columns - 1) * gap;
  const plotHeight = rows * tile + (rows - 1) * gap + (hasLabels ? gap : 0);
  return renderVega({
    $schema: "https://vega.github.io/schema/vega/v6.json",
    title: titleSpec(options),
    width: plotWidth,
    height: plotHeight,
    autosize: "pad",
    data: [{ name: "tiles", values: tiles }],
    scales: [
      {
        name: "col",
        type: "band",
        domain: Array.from({ length: columns }, (_, i) => i),
        range: "width",
        paddingInner: gap / (tile + gap),
      },
      {
        name: "row",
        type: "band",
        domain: Array.from({ length: rows }, (_, i) => i),
        range: hasLabels ? [gap, plotHeight] : "height",
        paddingInner: gap / (tile + gap),
      },
      {
        name: "color",
        type: "linear",
        domain,
        range: { scheme },
        reverse,
        zero: false,
        nice: false,
      },
    ],
    legends: [
      {
        fill: "color",
        type: "gradient",
        title: perTile
          ? (options.perTileLabel ?? `${options.valueLabel ?? "weight"} / max |·| per tile`)
          : (options.valueLabel ?? "weight"),
        gradientLength: Math.max(60, Math.min(plotHeight - 24, 220)),
        gradientThickness: 14,
        format: ".3~g",
        labelOverlap: "greedy",
        values: domain,
      },
    ],
    marks: [
      {
        type: "image",
        name: "tile-images",
        from: { data: "tiles" },
        encode: {
          enter: {
            url: { field: "url" },
            x: { scale: "col", field: "col" },
            width: { scale: "col", band: 1 },
            y: { scale: "row", field: "row" },
            height: { scale: "row", band: 1 },
            aspect: { value: false },
            smooth: { value: false },
          },
        },
      },
      {
        type: "rect",
        name: "tile-frames",
        from: { data: "tiles" },
        encode: {
          enter: {
            x: { scale: "col", field: "col" },
            width: { scale: "col", band: 1 },
            y: { scale: "row", field: "row" },
            height: { scale: "row", band: 1 },
            fill: { value: null },
            stroke: { value: "#999" },
            strokeWidth: { value: 0.5 },
          },
        },
      },
      ...(hasLabels
        ? [
            {
              type: "text",
              name: "tile-labels",
              from: { data: "tiles" },
              encode: {
                enter: {
                  text: { field: "label" },
                  x: { scale: "col", field: "col", band: 0.5 },
                  y: { scale: "row", field: "row", offset: -4 },
                  align: { value: "center" },
                  baseline: { value: "bottom" },
                  fontSize: { value: 11 },
                  fill: { value: "#333" },
                  limit: { value: tile + gap - 2 },
                },
              },
            },
          ]
        : []),
    ],
  });
}

import assert from "node:assert/strict";
import { test } from "node:test";
import { PNG } from "pngjs";
import { InputError, RetropropError } from "../../src/util/errors.js";
import { fontMetrics } from "../../src/viz/font.js";
import {
  barChart,
  contourChart,
  decisionBoundaryChart,
  imageGridChart,
  lineChart,
  renderDot,
  scatterLineChart,
  svgToPng,
} from "../../src/viz/index.js";
import {
  assertWellFormedSvg,
  decodePng,
  markGroups,
  markItems,
  PNG_SIGNATURE,
  svgSize,
} from "./svg-check.js";

const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

/** The chart becomes a PNG of the size its SVG declares. */
function assertPng(svg: string): void {
  const png = svgToPng(svg);
  assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
  const img = decodePng(png);
  const { width, height } = svgSize(svg);
  assert.equal(img.width, Math.round(width));
  assert.equal(img.height, Math.round(height));
}

/** Decodes the PNG of a data-URI <image> in the SVG (the k-th one). */
function embeddedImage(svg: string, k = 0): PNG {
  const uris = [...svg.matchAll(/href="data:image\/png;base64,([^"]+)"/g)];
  return PNG.sync.read(Buffer.from(uris[k]![1]!, "base64"));
}
const rgbAt = (img: PNG, x: number, y: number) => [
  ...img.data.subarray(4 * (y * img.width + x), 4 * (y * img.width + x) + 3),
];

test("lineChart: title, axis titles, one line and one legend entry per series", async () => {
  const x = [1, 2, 3, 4];
  const svg = await lineChart({
    title: "Loss per epoch",
    xLabel: "epoch",
    yLabel: "loss",
    series: [
      { name: "training", x, y: [1, 0.5, 0.3, 0.2] },
      { name: "validation", x, y: [1.1, 0.7, 0.5, 0.45] },
      { name: "a rather long series name, not cut", x, y: [2, 1, Number.NaN, 0.5] },
    ],
  });
  assertWellFormedSvg(svg);
  const t = texts(svg);
  for (const s of [
    "Loss per epoch",
    "epoch",
    "loss",
    "training",
    "validation",
    "a rather long series name, not cut",
  ]) {
    assert.ok(t.includes(s), `missing text ${s}`);
  }
  assert.equal(svg.split('class="mark-line role-mark').length - 1, 3, "three line marks");
  assertPng(svg);
});

test("lineChart: one series has no legend; logY ticks are plain numbers", async () => {
  const svg = await lineChart({
    title: "Gradient norm",
    xLabel: "epoch",
    yLabel: "norm",
    logY: true,
    series: [{ name: "only", x: [1, 2, 3], y: [1e-3, 1e-2, 1e-1] }],
  });
  assert.ok(!texts(svg).includes("only"));
  assert.ok(texts(svg).includes("0.01"));
});

test("lineChart: visible x-axis labels keep at least 8 px between them, last label included", async () => {
  // Measured with the shipped font's own advance widths (the widths Vega lays out with).
  const metrics = fontMetrics(false);
  for (const epochs of [30, 200, 1000, 5000, 30000]) {
    const x = Array.from({ length: epochs + 1 }, (_, i) => i);
    const svg = await lineChart({
      title: "Loss per epoch",
      xLabel: "epoch",
      yLabel: "loss",
      logY: true,
      series: [{ name: "training loss", x, y: x.map((i) => 1 / (i + 1)) }],
    });
    const xAxis = /<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/.exec(svg)![1]!;
    const spans = [
      ...xAxis.matchAll(
        /<text text-anchor="(\w+)" transform="translate\(([-\d.]+),[^)]*\)"[^>]*opacity="1">([^<]+)<\/text>/g,
      ),
    ]
      .map(([, anchor, at, text]) => {
        const w = metrics.width(text!, 12);
        const left = Number(at) - (anchor === "middle" ? w / 2 : anchor === "end" ? w : 0);
        return { text: text!, left, right: left + w };
      })
      .sort((a, b) => a.left - b.left);
    assert.ok(spans.length >= 3, `${epochs} epochs: only ${spans.length} visible labels`);
    for (let i = 1; i < spans.length; i++) {
      const gap = spans[i]!.left - spans[i - 1]!.right;
      assert.ok(
        gap >= 8,
        `${epochs} epochs: "${spans[i - 1]!.text}" and "${spans[i]!.text}" are ${gap.toFixed(1)} px apart`,
      );
    }
  }
});

test("lineChart rejects mismatched or duplicated series with InputError naming them", async () => {
  assert.throws(
    () => lineChart({ title: "t", xLabel: "x", yLabel: "y", series: [{ name: "s", x: [1, 2], y: [1] }] }),
    (e: Error) =>
      e instanceof InputError && /series\[0\] \("s"\) has 2 x values but 1 y values/.test(e.message),
  );
  assert.throws(
    () =>
      lineChart({
        title: "t",
        xLabel: "x",
        yLabel: "y",
        series: [
          { name: "s", x: [1], y: [1] },
          { name: "s", x: [1], y: [1] },
        ],
      }),
    /used twice/,
  );
});

test("scatterLineChart: a marker per point, log x ticks at the data", async () => {
  const units = [1, 2, 4, 8, 16, 32];
  const svg = await scatterLineChart({
    title: "Accuracy against hidden units",
    xLabel: "hidden units",
    yLabel: "accuracy",
    logX: true,
    series: [{ name: "test", x: units, y: [0.3, 0.5, 0.7, 0.85, 0.9, 0.91] }],
  });
  assertWellFormedSvg(svg);
  assert.equal(svg.split('class="mark-symbol role-mark').length - 1, 1);
  const symbols = svg.slice(svg.indexOf('class="mark-symbol role-mark'));
  assert.equal(symbols.slice(0, symbols.indexOf("</g>")).split("<path").length - 1, units.length);
  for (const u of units) assert.ok(texts(svg).includes(String(u)), `tick ${u}`);
});

test("barChart: one bar per (category, group), legend for groups", async () => {
  const svg = await barChart({
    title: "Gradient norm per layer",
    xLabel: "layer",
    yLabel: "norm",
    legendTitle: "activation",
    bars: [
      { category: "layer 1", group: "sigmoid", value: 0.01 },
      { category: "layer 1", group: "ReLU", value: 0.2 },
      { category: "layer 2", group: "sigmoid", value: 0.1 },
      { category: "layer 2", group: "ReLU", value: 0.3 },
    ],
    logY: true,
  });
  assertWellFormedSvg(svg);
  const bars = svg.slice(svg.indexOf('class="mark-rect role-mark'));
  assert.equal(bars.slice(0, bars.indexOf("</g>")).split("<path").length - 1, 4);
  for (const s of ["layer 1", "layer 2", "sigmoid", "ReLU", "activation", "norm"])
    assert.ok(texts(svg).includes(s), s);
});

test("decisionBoundaryChart (continuous): one symbol per point, legends, field raster oriented with y up", async () => {
  const xs = [-1, -0.5, 0, 0.5, 1];
  const ys = [-1, -0.5, 0, 0.5, 1, 1.5];
  // Output 1 above y = 0.25, 0 below: the top raster row must be "class 1" (orange), the bottom blue.
  const values = ys.flatMap((y) => xs.map(() => (y > 0.25 ? 1 : 0)));
  const points = [
    { x: -0.8, y: 1.2, label: 1 },
    { x: 0.3, y: 0.9, label: 1 },
    { x: 0.1, y: -0.7, label: 0 },
  ];
  const svg = await decisionBoundaryChart({
    title: "Boundary",
    xLabel: "u",
    yLabel: "v",
    grid: { xs, ys, values },
    points,
  });
  assertWellFormedSvg(svg);
  assert.equal(markItems(svg, "symbol", "training-points"), points.length);
  for (const s of ["Boundary", "u", "v", "network output", "class 0", "class 1"])
    assert.ok(texts(svg).includes(s), s);
  const raster = embeddedImage(svg);
  assert.equal(raster.width, xs.length);
  assert.equal(raster.height, ys.length);
  const [rTop, , bTop] = rgbAt(raster, 0, 0);
  const [rBottom, , bBottom] = rgbAt(raster, 0, ys.length - 1);
  assert.ok(rTop! > bTop!, "top row orange-ish");
  assert.ok(bBottom! > rBottom!, "bottom row blue-ish");
  assertPng(svg);
});

test("decisionBoundaryChart (classes): class names in the legends, values checked", async () => {
  const xs = [0, 1, 2];
  const ys = [0, 1];
  const svg = await decisionBoundaryChart({
    title: "Regions",
    grid: { xs, ys, values: [0, 1, 2, 0, 1, 2], classes: 3 },
    points: [
      { x: 0, y: 0, label: 0 },
      { x: 2, y: 1, label: 2 },
    ],
    classNames: ["cat", "dog", "emu"],
  });
  assert.equal(markItems(svg, "symbol", "training-points"), 2);
  for (const s of ["cat", "dog", "emu", "predicted region"]) assert.ok(texts(svg).includes(s), s);
  assert.throws(
    () =>
      decisionBoundaryChart({
        title: "t",
        grid: { xs, ys, values: [0, 1, 5, 0, 1, 2], classes: 3 },
        points: [],
      }),
    /grid.values\[2\] = 5 is not a class index/,
  );
  assert.throws(
    () => decisionBoundaryChart({ title: "t", grid: { xs, ys, values: [0, 1] }, points: [] }),
    (e: Error) => e instanceof InputError && /expected ys.length × xs.length = 2×3 = 6/.test(e.message),
  );
});

/** All (x, y) pairs in a path's d attribute. */
function pathPoints(d: string): Array<[number, number]> {
  const nums = [...d.matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) => Number(m[0]));
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < nums.length; i += 2) out.push([nums[i]!, nums[i + 1]!]);
  return out;
}

test("contourChart: the level set (x-½)² + (y-½)² = 1 lands on the unit circle around (½, ½) in plot pixels", async () => {
  const n = 41;
  const xs = Array.from({ length: n }, (_, i) => -2 + (4 * i) / (n - 1));
  const ys = xs;
  // Negated so that the region "value ≥ threshold" (what a contour polygon encloses) is the disc.
  const values = ys.flatMap((y) => xs.map((x) => -((x - 0.5) ** 2 + (y - 0.5) ** 2)));
  const width = 400;
  const height = 300;
  const svg = await contourChart({
    title: "Bowl",
    xLabel: "w₁",
    yLabel: "w₂",
    grid: { xs, ys, values },
    thresholds: [-1],
    width,
    height,
  });
  assertWellFormedSvg(svg);
  assert.equal(markItems(svg, "path", "contour-bands"), 1);
  const band = svg.slice(svg.indexOf('class="mark-path role-mark contour-bands"'));
  const d = /<path[^>]*\sd="([^"]+)"/.exec(band)![1]!;
  const pts = pathPoints(d);
  // Domain [-2, 2]: x = ½ is at 5/8 of the width, y = ½ at 3/8 of the height from the top; radius 1 is
  // width/4 across and height/4 down.
  const cx = (5 / 8) * width;
  const cy = (3 / 8) * height;
  for (const [px, py] of pts) {
    const r = Math.hypot((px - cx) / (width / 4), (py - cy) / (height / 4));
    assert.ok(Math.abs(r - 1) < 0.02, `contour point (${px}, ${py}) is at normalised radius ${r}`);
  }
  assert.ok(pts.length > 20);
});

test("contourChart: one line and one marker per step for each path, legend names, level legend", async () => {
  const xs = [0, 1, 2, 3];
  const ys = [0, 1, 2];
  const values = ys.flatMap((y) => xs.map((x) => x * x + y));
  const paths = [
    {
      name: "online",
      points: [
        [3, 2],
        [2, 1.5],
        [1, 1],
        [0.2, 0.1],
      ] as Array<[number, number]>,
    },
    {
      name: "batch",
      points: [
        [3, 0],
        [1.5, 0.2],
        [0.1, 0],
      ] as Array<[number, number]>,
    },
  ];
  const svg = await contourChart({
    title: "Descent",
    xLabel: "w₁",
    yLabel: "w₂",
    valueLabel: "E",
    grid: { xs, ys, values },
    levels: 5,
    paths,
  });
  assertWellFormedSvg(svg);
  assert.equal(markGroups(svg, "line", "descent-path"), 2);
  assert.equal(markItems(svg, "symbol", "path-markers"), 7);
  assert.equal(markItems(svg, "path", "contour-bands"), 5);
  for (const s of ["Descent", "online", "batch", "E", "start", "end", "w₁", "w₂"])
    assert.ok(texts(svg).includes(s), s);
  assertPng(svg);
  assert.throws(
    () =>
      contourChart({
        title: "t",
        xLabel: "x",
        yLabel: "y",
        grid: { xs: [0, 1, 3], ys, values: new Array(9).fill(0) },
      }),
    /grid.xs must be increasing and evenly spaced/,
  );
});

test("imageGridChart: 100 MNIST-sized tiles, diverging colours centred on 0", async () => {
  const images = Array.from({ length: 100 }, (_, k) => {
    const img = new Float32Array(784);
    for (let i = 0; i < 784; i++) img[i] = (((i % 28) - 13.5) / 13.5) * (k % 2 === 0 ? 1 : 0.5);
    return img;
  });
  const svg = await imageGridChart({
    title: "Hidden-unit weights",
    images,
    width: 28,
    height: 28,
    columns: 10,
  });
  assertWellFormedSvg(svg);
  assert.equal(markItems(svg, "image", "tile-images", "image"), 100);
  assert.ok(texts(svg).includes("Hidden-unit weights") && texts(svg).includes("weight"));
  assert.ok(svg.length < 2_000_000, `SVG is ${svg.length} bytes`);
  // Tile 0: left column most negative (blue), right column most positive (red); symmetric domain.
  const tile = embeddedImage(svg, 0);
  assert.equal(tile.width, 28);
  const [rl, , bl] = rgbAt(tile, 0, 0);
  const [rr, , br] = rgbAt(tile, 27, 0);
  assert.ok(bl! > rl! && rr! > br!, `left ${rl},${bl} right ${rr},${br}`);
  // Tile 1 spans only half the range: its extremes are paler than tile 0's.
  const [r1] = rgbAt(embeddedImage(svg, 1), 27, 0);
  const [, g0] = rgbAt(tile, 27, 0);
  const [, g1] = rgbAt(embeddedImage(svg, 1), 27, 0);
  assert.ok(g1! > g0! && r1! > 0, "half-range tile is paler");
  assertPng(svg);
});

test("imageGridChart: per-tile normalisation, labels, size errors", async () => {
  const a = Array.from({ length: 4 }, (_, i) => i - 1.5);
  const b = a.map((v) => v * 100);
  const svg = await imageGridChart({
    title: "t",
    images: [a, b],
    width: 2,
    height: 2,
    normalize: "tile",
    labels: ["u0", "u1"],
  });
  assert.deepEqual(rgbAt(embeddedImage(svg, 0), 0, 0), rgbAt(embeddedImage(svg, 1), 0, 0));
  assert.ok(texts(svg).includes("u0") && texts(svg).includes("u1"));
  assert.throws(
    () => imageGridChart({ title: "t", images: [[1, 2, 3]], width: 2, height: 2 }),
    (e: Error) => e instanceof InputError && /images\[0\] has 3 values, expected 2×2 = 4/.test(e.message),
  );
});

test("renderDot: SVG with the node labels; bad DOT is a RetropropError", async () => {
  const svg = await renderDot(
    'digraph { a [label="input x₁"]; b [label="hidden h₁"]; a -> b [label="w = 0.5"]; }',
  );
  assertWellFormedSvg(svg);
  for (const s of ["input x₁", "hidden h₁", "w = 0.5"]) assert.ok(texts(svg).includes(s), s);
  assert.equal((svg.match(/class="node"/g) ?? []).length, 2);
  assertPng(svg);
  await assert.rejects(renderDot("digraph { a -> }"), RetropropError);
});

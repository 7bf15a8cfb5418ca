import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputError, RetropropError } from "../../src/util/errors.js";
import { FontMetrics, fontFiles } from "../../src/viz/font.js";
import { renderVega, renderVegaLite, svgToPng, writeFigure } from "../../src/viz/index.js";
import { assertWellFormedSvg, decodePng, PNG_SIGNATURE, svgSize } from "./svg-check.js";

const RED_LEFT = `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect x="0" y="0" width="10" height="10" fill="#ff0000"/></svg>`;

test("svgToPng: PNG signature, size scaled, white background by default, transparent on request", () => {
  const png = svgToPng(RED_LEFT, { scale: 2 });
  assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
  const img = decodePng(png);
  assert.equal(img.width, 40);
  assert.equal(img.height, 20);
  const px = (x: number, y: number) => [...img.data.subarray(4 * (y * 40 + x), 4 * (y * 40 + x) + 4)];
  assert.deepEqual(px(5, 5), [255, 0, 0, 255]);
  assert.deepEqual(px(30, 5), [255, 255, 255, 255]);
  const clear = decodePng(svgToPng(RED_LEFT, { background: "transparent" }));
  assert.equal(clear.width, 20);
  assert.equal(clear.data[4 * (5 * 20 + 15) + 3], 0, "alpha outside the rect");
});

test("svgToPng: same SVG, same bytes; rejects a bad scale", () => {
  assert.deepEqual(svgToPng(RED_LEFT), svgToPng(RED_LEFT));
  assert.throws(() => svgToPng(RED_LEFT, { scale: 0 }), RetropropError);
});

test("svgToPng draws text with the shipped font (system fonts are never loaded)", () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="5" y="30" font-family="NoSuchFont" font-size="24">Hello</text></svg>`;
  const img = decodePng(svgToPng(svg));
  let dark = 0;
  for (let i = 0; i < img.width * img.height; i++) if (img.data[4 * i]! < 128) dark++;
  assert.ok(dark > 50, `expected inked glyph pixels, got ${dark}`);
});

test("FontMetrics: advance widths agree with the ink resvg lays down for the same font", () => {
  // Independent check: render n and 2n copies of a glyph with resvg (its own shaper) at 100 px; the
  // difference of the inked extents is n advances whatever the side bearings are.
  const metrics = new FontMetrics(readFileSync(fontFiles()[0]!));
  const inkRight = (text: string): number => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="140"><text x="10" y="110" font-family="DejaVu Sans" font-size="100" font-kerning="none">${text}</text></svg>`;
    const img = decodePng(svgToPng(svg));
    let right = 0;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++)
        if (img.data[4 * (y * img.width + x)]! < 128 && x > right) right = x;
    }
    return right;
  };
  for (const ch of ["0", "M", "η"]) {
    const measured = (inkRight(ch.repeat(10)) - inkRight(ch.repeat(5))) / 5;
    const predicted = metrics.width(ch, 100);
    assert.ok(
      Math.abs(measured - predicted) < 1,
      `${ch}: resvg advance ${measured} px, metrics ${predicted} px`,
    );
  }
});

test("renderVegaLite: well-formed SVG with text as <text>, in the shipped font", async () => {
  const svg = await renderVegaLite({
    title: "A tiny chart",
    data: { values: [{ a: 1, b: 2 }] },
    mark: "point",
    encoding: {
      x: { field: "a", type: "quantitative", title: "alpha" },
      y: { field: "b", type: "quantitative" },
    },
  });
  assertWellFormedSvg(svg);
  assert.match(svg, /<text[^>]*font-family="DejaVu Sans[^"]*"[^>]*>A tiny chart<\/text>/);
  assert.match(svg, />alpha<\/text>/);
  const { width, height } = svgSize(svg);
  const img = decodePng(svgToPng(svg, { scale: 1.5 }));
  assert.equal(img.width, Math.round(width * 1.5));
  assert.equal(img.height, Math.round(height * 1.5));
});

test("renderVega / renderVegaLite: a broken spec is a one-line RetropropError, and nothing is printed", async (t) => {
  const printed: unknown[][] = [];
  for (const method of ["error", "warn", "log"] as const) {
    t.mock.method(console, method, (...args: unknown[]) => printed.push(args));
  }
  for (const broken of [
    () => renderVega({ marks: [{ type: "nosuchmark" }] }),
    () => renderVegaLite({ mark: "nosuchmark" }),
  ]) {
    await assert.rejects(broken, (err: unknown) => {
      assert.ok(err instanceof RetropropError, `expected RetropropError, got ${err}`);
      assert.doesNotMatch((err as Error).message, /\n/);
      return true;
    });
  }
  assert.deepEqual(printed, [], "Vega's errors are raised, not logged");
});

test("writeFigure writes name.svg and name.png, creating the folder; rejects names with folders", async () => {
  const dir = mkdtempSync(join(tmpdir(), "retroprop-viz-"));
  try {
    const out = writeFigure(join(dir, "a", "b"), "fig", RED_LEFT, { scale: 1 });
    assert.equal(out.svg, join(dir, "a", "b", "fig.svg"));
    assert.equal(readFileSync(out.svg, "utf8"), RED_LEFT);
    const img = decodePng(readFileSync(out.png));
    assert.equal(img.width, 20);
    const twice = writeFigure(dir, "fig2", RED_LEFT);
    assert.equal(decodePng(readFileSync(twice.png)).width, 40, "scale 2 by default");
    assert.throws(() => writeFigure(dir, "../x", RED_LEFT), InputError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { PNG } from "pngjs";
import { readDigitPng, readInputRows } from "../../src/data/input.js";
import { InputError } from "../../src/util/errors.js";
import { tempDir } from "./helpers.js";

const { dir, cleanup } = tempDir();
after(cleanup);
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** A PNG whose pixel (x, y) has RGBA colour f(x, y), written with the given PNG colour type. */
function png(
  name: string,
  w: number,
  h: number,
  f: (x: number, y: number) => number[],
  colorType = 6,
): string {
  const img = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) img.data.set(f(x, y), 4 * (y * w + x));
  }
  return file(name, PNG.sync.write(img, { colorType: colorType as 0 | 2 | 4 | 6 }));
}

// A white vertical bar (columns 12..15) on black, like an MNIST "1".
const bar = (x: number): boolean => x >= 12 && x < 16;

test("a grayscale white-on-black 28×28 PNG reads as MNIST pixels in [0, 1]", () => {
  const p = png(
    "one.png",
    28,
    28,
    (x, y) => (bar(x) ? [255, 255, 255, 255] : y === 5 && x === 0 ? [51, 51, 51, 255] : [0, 0, 0, 255]),
    0,
  );
  const v = readDigitPng(p);
  assert.equal(v.length, 784);
  assert.equal(v[3 * 28 + 13], 1);
  assert.equal(v[3 * 28 + 2], 0);
  assert.ok(Math.abs(v[5 * 28] - 0.2) < 1e-6);
});

test("black ink on white paper is inverted automatically (border test), or on request", () => {
  const p = png("paper.png", 28, 28, (x) => (bar(x) ? [0, 0, 0, 255] : [255, 255, 255, 255]), 2);
  const auto = readDigitPng(p);
  assert.equal(auto[13], 1);
  assert.equal(auto[0], 0);
  const raw = readDigitPng(p, { invert: false });
  assert.equal(raw[13], 0);
  assert.equal(raw[0], 1);
  const white = png("white-on-black.png", 28, 28, (x) => (bar(x) ? [255, 255, 255, 255] : [0, 0, 0, 255]));
  assert.equal(readDigitPng(white, { invert: true })[13], 0);
});

test("RGB colours use luminance 0.299 R + 0.587 G + 0.114 B; transparency is white paper", () => {
  const p = png("rgb.png", 28, 28, (x, y) =>
    x === 1 && y === 1 ? [255, 0, 0, 255] : x === 2 && y === 1 ? [0, 0, 0, 0] : [0, 0, 0, 255],
  );
  const v = readDigitPng(p, { invert: false });
  assert.ok(Math.abs(v[28 + 1] - 0.299) < 1e-6);
  assert.equal(v[28 + 2], 1);
  // black strokes on a transparent background become white-on-black after auto inversion
  const t = png("transparent.png", 28, 28, (x) => (bar(x) ? [0, 0, 0, 255] : [0, 0, 0, 0]));
  const tv = readDigitPng(t);
  assert.equal(tv[13], 1);
  assert.equal(tv[0], 0);
});

test("wrong sizes and non-PNG files are InputErrors naming the file and size", () => {
  const p = png("big.png", 32, 30, () => [0, 0, 0, 255]);
  assert.throws(
    () => readDigitPng(p),
    (e: unknown) =>
      e instanceof InputError && /big\.png: image is 32×30 pixels, expected 28×28/.test((e as Error).message),
  );
  assert.throws(() => readDigitPng(file("fake.png", "hello")), /fake\.png: not a valid PNG image/);
  assert.throws(() => readDigitPng(join(dir, "none.png")), /none\.png: no such file/);
});

test("readInputRows: JSON row, rows, {inputs}, CSV with or without header, gzipped CSV, PNG", () => {
  assert.deepEqual(readInputRows(file("row.json", "[1, 2.5]")), [[1, 2.5]]);
  assert.deepEqual(readInputRows(file("rows.json", "[[1, 2], [3, 4]]")), [
    [1, 2],
    [3, 4],
  ]);
  assert.deepEqual(readInputRows(file("obj.json", '{"inputs": [[0, 1]]}')), [[0, 1]]);
  assert.deepEqual(readInputRows(file("obj1.json", '{"input": [0, 1]}')), [[0, 1]]);
  assert.deepEqual(readInputRows(file("plain.csv", "1,2\n3,4\n")), [
    [1, 2],
    [3, 4],
  ]);
  assert.deepEqual(readInputRows(file("head.csv", "a,b\n1,2\n")), [[1, 2]]);
  assert.deepEqual(readInputRows(file("g.csv.gz", gzipSync("5,6\n"))), [[5, 6]]);
  const p = png("in.png", 28, 28, (x) => (bar(x) ? [255, 255, 255, 255] : [0, 0, 0, 255]));
  const r = readInputRows(p);
  assert.equal(r.length, 1);
  assert.equal(r[0].length, 784);
  assert.deepEqual(readInputRows(file("f.json", "[[1, 2]]"), { features: 2 }), [[1, 2]]);
});

test("readInputRows errors name the file and the JSON path or line:column", () => {
  const bad = (name: string, text: string, re: RegExp, features?: number): void => {
    assert.throws(
      () => readInputRows(file(name, text), { features }),
      (e: unknown) => e instanceof InputError && re.test((e as Error).message),
    );
  };
  bad("syntax.json", "[1, 2", /syntax\.json:1:6: malformed JSON \(expected "," or "]", got end of input\)/);
  bad("str.json", '[[1, "a"]]', /str\.json: \$\[0\]\[1\] must be a finite float32 number, got "a"/);
  bad("mixed.json", "[1, [2]]", /mixed\.json: \$\[0\] must be an array of numbers/);
  bad("obj.json", '{"x": 1}', /obj\.json: expected an array/);
  bad("inputs.json", '{"inputs": 3}', /inputs\.json: \$\.inputs must be an array/);
  bad("nan.csv", "1,2\n3,x\n", /nan\.csv:2:2: "x" is not a number/);
  bad("inf.csv", "5.1,3.5,1e400,0.2\n", /inf\.csv:1:3: "1e400" is too large for a float32/);
  bad("inf.json", "[[1, 1e400]]", /inf\.json: \$\[0\]\[1\] must be a finite float32 number, got Infinity/);
  bad("big.json", "[[1e39, 1]]", /big\.json: \$\[0\]\[0\] must be a finite float32 number, got 1e\+39/);
  bad("ragged.csv", "1,2\n3\n", /ragged\.csv:2: expected 2 fields, found 1/);
  bad("empty.csv", "\n", /empty\.csv: no input rows/);
  bad("width.json", "[[1, 2, 3]]", /width\.json: row 1 has 3 values, the model expects 2/, 2);
});

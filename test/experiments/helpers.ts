import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import type { ExperimentResult } from "../../src/experiments/index.js";

/** ../shared/datasets seen from the repository root (this file runs from dist/test/experiments/). */
export const datasetsDir = fileURLToPath(new URL("../../../../shared/datasets", import.meta.url));
/** All four MNIST files are there (with one missing, the experiments would try to download it). */
export const haveMnist = [
  "train-images-idx3-ubyte.gz",
  "train-labels-idx1-ubyte.gz",
  "t10k-images-idx3-ubyte.gz",
  "t10k-labels-idx1-ubyte.gz",
].every((file) => existsSync(join(datasetsDir, "mnist", file)));

const made: string[] = [];
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system temp dir, removed when the test process exits. */
export function tempOut(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `retroprop-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Every figure exists as SVG and as a PNG that decodes to a non-trivial picture; JSON and CSV exist. */
export function checkFiles<D>(
  result: ExperimentResult<D>,
  figureNames: string[],
): { json: { experiment: string; settings: Record<string, unknown>; data: D }; csv: string[][] } {
  assert.deepEqual(
    result.figures.map((f) => f.name),
    figureNames,
  );
  for (const f of result.figures) {
    assert.ok(statSync(f.svg).size > 500, `${f.svg} is too small`);
    assert.match(readFileSync(f.svg, "utf8"), /<svg/);
    const png = PNG.sync.read(readFileSync(f.png));
    assert.ok(png.width >= 300 && png.height >= 200, `${f.png}: ${png.width}×${png.height}`);
    // Not a blank picture: some pixels differ from the first one.
    let differing = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] !== png.data[0]) differing++;
    assert.ok(differing > 1000, `${f.png} looks blank`);
  }
  const json = JSON.parse(readFileSync(result.files.json, "utf8"));
  assert.equal(json.experiment, result.name);
  const csv = readFileSync(result.files.csv, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => line.split(","));
  return { json, csv };
}

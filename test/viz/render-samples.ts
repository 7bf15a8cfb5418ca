/**
 * Renders every sample chart to <dir>/<name>.svg and .png and prints the time each took:
 *   node dist/test/viz/render-samples.js <dir>
 */
import { writeFigure } from "../../src/viz/index.js";
import { SAMPLES } from "./samples.js";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node dist/test/viz/render-samples.js <output dir>");
  process.exit(2);
}
for (const [name, make] of Object.entries(SAMPLES)) {
  const t0 = performance.now();
  const svg = await make();
  const t1 = performance.now();
  const paths = writeFigure(dir, name, svg);
  const t2 = performance.now();
  console.log(
    `${name.padEnd(24)} svg ${(t1 - t0).toFixed(0).padStart(5)} ms  png ${(t2 - t1).toFixed(0).padStart(5)} ms  ` +
      `${(svg.length / 1024).toFixed(0)} KiB svg  ${paths.png}`,
  );
}

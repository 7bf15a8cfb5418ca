import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

// The folders of src/ from the bottom up (DEVELOPERS.md): each may import only from its own folder and from
// folders of a lower rank. Folders of equal rank are siblings and do not import each other, with the
// exceptions listed below.
const RANK: Record<string, number> = {
  util: 0,
  tensor: 1,
  backend: 2,
  autograd: 3,
  nn: 4,
  optim: 5,
  train: 6,
  classic: 6,
  data: 7,
  explain: 8,
  viz: 8,
  experiments: 9,
  cli: 10,
};
/** Sibling imports that are part of the design: the graph pictures use viz's Graphviz renderer. */
const ALLOWED = new Set(["explain->viz"]);

const src = fileURLToPath(new URL("../../../src/", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

test("every src/ folder imports only from itself and the layers below it", () => {
  const files = sourceFiles(src);
  assert.ok(files.length > 50, `found only ${files.length} source files under ${src}`);
  const violations: string[] = [];
  for (const file of files) {
    const rel = relative(src, file).split(/[\\/]/);
    if (rel.length === 1) continue; // src/index.ts re-exports every layer
    const from = rel[0];
    assert.ok(from in RANK, `src/${from} is not in the layer table of this test and DEVELOPERS.md`);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^\s*(?:import|export)[^"']*?from\s+["'](\.[^"']+)["']/gm)) {
      const target = relative(src, join(file, "..", m[1])).split(/[\\/]/);
      const to = target[0];
      if (to === from || target.length === 1) continue;
      const ok = RANK[to] < RANK[from] || ALLOWED.has(`${from}->${to}`);
      if (!ok) violations.push(`src/${rel.join("/")} imports ${m[1]} (${from} → ${to})`);
    }
  }
  assert.deepEqual(violations, []);
});

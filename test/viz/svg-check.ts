/** Test helpers for SVG output: a well-formedness check, mark extraction and PNG decoding. */
import assert from "node:assert/strict";
import { Resvg } from "@resvg/resvg-js";
import { PNG } from "pngjs";

/** Tags balance, attributes are quoted, and an independent XML/SVG parser (resvg's) accepts it. */
export function assertWellFormedSvg(svg: string): void {
  assert.match(
    svg,
    /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/,
  );
  const body = svg
    .replace(/<\?xml[^>]*\?>/, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!DOCTYPE[^>]*>/, "");
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<|>/g;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    if (m[2] === undefined) {
      // A bare < or > outside a well-formed tag: only > is allowed in text.
      assert.equal(m[0], ">", `stray "<" at offset ${m.index}: ${body.slice(m.index, m.index + 60)}`);
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) assert.equal(stack.pop(), name, `mismatched </${name}> at offset ${m.index}`);
    else stack.push(name!);
  }
  assert.deepEqual(stack, [], "unclosed elements");
  assert.doesNotThrow(() => new Resvg(svg, { font: { loadSystemFonts: false } }));
}

/** The items (<path>, <image>, ...) inside each top-level group of a named Vega mark. */
export function markItems(svg: string, markType: string, name: string, item = "path"): number {
  const open = `class="mark-${markType} role-mark ${name}"`;
  let count = 0;
  let from = svg.indexOf(open);
  if (from < 0) return 0;
  while (from >= 0) {
    const end = svg.indexOf("</g>", from);
    const chunk = svg.slice(from, end);
    count += chunk.split(`<${item}`).length - 1;
    from = svg.indexOf(open, end);
  }
  return count;
}

/** How many groups a named Vega mark rendered (one per facet for faceted lines). */
export function markGroups(svg: string, markType: string, name: string): number {
  return svg.split(`class="mark-${markType} role-mark ${name}"`).length - 1;
}

export function decodePng(bytes: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(bytes));
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The svg's width/height attributes in CSS pixels (Graphviz writes points: 1pt = 4/3 px). */
export function svgSize(svg: string): { width: number; height: number } {
  const head = /<svg[^>]*>/.exec(svg)![0];
  const px = (attr: string): number => {
    const m = new RegExp(`\\s${attr}="([\\d.]+)(px|pt)?"`).exec(head)!;
    return Number(m[1]) * (m[2] === "pt" ? 4 / 3 : 1);
  };
  return { width: px("width"), height: px("height") };
}

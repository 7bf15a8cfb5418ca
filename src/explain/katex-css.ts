/**
 * KaTeX's stylesheet with its fonts inlined as data: URLs (WOFF2 only, which every current browser reads), so
 * that an HTML page of a derivation needs no network and no files beside it. Node-only (reads the package).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let cached: string | undefined;

export function katexStylesheet(): string {
  if (cached !== undefined) return cached;
  const cssPath = createRequire(import.meta.url).resolve("katex/dist/katex.min.css");
  const css = readFileSync(cssPath, "utf8");
  const fonts = join(dirname(cssPath), "fonts");
  // Each @font-face lists woff2, woff and ttf; keep one source, the woff2, as data.
  cached = css.replace(/src:url\(fonts\/([\w-]+)\.woff2\)[^;}]*/g, (_, name: string) => {
    const data = readFileSync(join(fonts, `${name}.woff2`)).toString("base64");
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  return cached;
}

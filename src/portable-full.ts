/**
 * The curated names that run anywhere but need the full package's dependencies, so that `@retroprop/core` leaves
 * them out: graph pictures (Graphviz, @viz-js/viz) and derivations as HTML pages (KaTeX). index.ts and browser.ts
 * add them to core's API; portable.ts has the rest.
 */

export { type DotOptions, graphToDot, graphToSvg } from "./explain/dot.js";
export { renderHtml } from "./explain/render-html.js";

/** Packages the browser build may import: pure JavaScript or WebAssembly that runs in browsers. */
export const BROWSER_PACKAGES: readonly string[] = [
  "@noble/hashes/sha2",
  "@noble/hashes/utils",
  "@viz-js/viz",
  "katex",
];

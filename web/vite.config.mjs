// Vite builds the playground into build/web/, a static folder: `retroprop playground` serves it, and any static
// host can (docs/playground.md). The page imports the library as `retroprop`, resolved here to the package's
// browser build (dist/src/browser.js, what a bundler gets from the published package's "browser" condition).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const repo = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  // Relative asset URLs, so the folder works from any path on any host.
  base: "./",
  logLevel: "warn",
  resolve: {
    alias: {
      // What the page needs beyond the curated API (formatting helpers, the gates' table); listed before
      // "retroprop", which as a prefix would otherwise take "retroprop/internals" too.
      "retroprop/internals": `${repo}dist/src/internals-browser.js`,
      retroprop: `${repo}dist/src/browser.js`,
      // The graph view's expressions: the library loads mathjs through node:module's createRequire.
      "node:module": fileURLToPath(new URL("./src/views/mathjs-require.ts", import.meta.url)),
    },
  },
  build: {
    outDir: `${repo}build/web`,
    emptyOutDir: true,
    target: "es2022",
    // Paths stay readable in the page's error messages; the maps would ship, so none.
    sourcemap: false,
  },
  worker: { format: "es" },
});

// The threaded WebAssembly backend shares memory between the page and its GEMM workers, which browsers allow
// only on cross-origin-isolated pages: these two headers, sent by `vite` (server) and `vite preview` (preview).
// Any host serving the built folder must send them too; without them the backend runs on one thread.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  server: { headers: isolation },
  preview: { headers: isolation },
  build: {
    target: "es2022",
    // Two pages: training on the page's own thread, and training in a Web Worker.
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL("index.html", import.meta.url)),
        worker: fileURLToPath(new URL("worker.html", import.meta.url)),
      },
    },
  },
  // The backend starts its GEMM threads as module workers, and so does worker.html.
  worker: { format: "es" },
});

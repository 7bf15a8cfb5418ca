// Trains in a Web Worker: the page only starts it and shows what it sends back.
import type { XorResult } from "./xor.js";
import { show, showError } from "./xor.js";

// `new URL(…, import.meta.url)` inside `new Worker(…)`: Vite bundles the worker as its own module.
const worker = new Worker(new URL("./train.worker.ts", import.meta.url), { type: "module" });
worker.onmessage = (event: MessageEvent<{ result?: XorResult; error?: string }>) => {
  if (event.data.result) show(event.data.result, "in a Web Worker");
  else showError(event.data.error ?? "the worker sent nothing");
  worker.terminate();
};
worker.onerror = (event) => showError(event.message);

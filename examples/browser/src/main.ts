// Trains on the page's own thread: fit yields to the event loop between epochs, so the page stays responsive.
import { show, showError, trainXor } from "./xor.js";

trainXor().then(
  (result) => show(result, "in the page"),
  (err: unknown) => showError(err instanceof Error ? err.message : String(err)),
);

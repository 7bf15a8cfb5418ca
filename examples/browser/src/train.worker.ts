// The worker imports retroprop like any module and trains; it posts the plain numbers back to the page.
import { trainXor } from "./xor.js";

trainXor().then(
  (result) => postMessage({ result }),
  (err: unknown) => postMessage({ error: err instanceof Error ? err.message : String(err) }),
);

/**
 * The training worker: a module Web Worker that owns the network, so the page only draws. It loads retroprop's
 * WebAssembly backend (threaded where the page is cross-origin isolated, one thread otherwise; the reference
 * backend if WebAssembly is unavailable) and, while playing, trains in slices of a few milliseconds, posting a
 * snapshot after each slice and reading the page's messages in between.
 */
import { getBackend, initWasmBackend, setBackend } from "retroprop";
import { descend, explainTrainer, stepBatch } from "./glass-data.js";
import type { FromWorker, Snapshot, ToWorker } from "./protocol.js";
import { Trainer } from "./trainer.js";

/** How long one slice of training runs before the worker posts a snapshot and reads its messages. */
const SLICE_MS = 30;

const post = (message: FromWorker, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

let trainer: Trainer | undefined;
let playing = false;
let diverged = false;
let scheduled = false;

async function start(): Promise<void> {
  let threads = 1;
  try {
    threads = (await initWasmBackend()).threads;
    setBackend("wasm");
  } catch (e) {
    post({
      type: "error",
      message: `WebAssembly backend unavailable, using the reference backend: ${String(e)}`,
    });
  }
  post({ type: "ready", backend: getBackend().name, threads });
}

function snapshot(): void {
  if (!trainer) return;
  const metrics = trainer.metrics();
  if (!Number.isFinite(metrics.trainLoss)) {
    diverged = true;
    playing = false;
  }
  const message: Snapshot = {
    type: "snapshot",
    epoch: trainer.epoch,
    playing,
    metrics,
    weights: trainer.model.layers.map((l) => (l.weight.data as Float32Array).slice()),
    biases: trainer.model.layers.map((l) => (l.bias.data as Float32Array).slice()),
    grids: trainer.neuronGrids(),
    diverged,
  };
  post(
    message,
    message.grids.flat().map((g) => g.buffer as ArrayBuffer),
  );
}

function loop(): void {
  scheduled = false;
  if (!playing || !trainer) return;
  const until = performance.now() + SLICE_MS;
  do trainer.stepEpoch();
  while (performance.now() < until);
  snapshot();
  if (playing) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(loop, 0);
}

const ready = start();

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  await ready;
  const m = event.data;
  try {
    switch (m.type) {
      case "configure":
        trainer = new Trainer(m.state);
        diverged = false;
        post({ type: "points", train: trainer.points.train, test: trainer.points.test });
        snapshot();
        break;
      case "play":
        playing = !diverged;
        schedule();
        break;
      case "pause":
        playing = false;
        snapshot();
        break;
      case "step":
        playing = false;
        if (trainer && !diverged) trainer.stepEpoch();
        snapshot();
        break;
      case "rewind":
        trainer?.rewind();
        diverged = false;
        snapshot();
        break;
      case "set":
        trainer?.setParameter(m.layer, m.unit, m.input, m.value);
        snapshot();
        break;
      case "explain":
        if (trainer)
          post({
            type: "explained",
            id: m.id,
            derivation: explainTrainer(trainer, m.selection),
            batch: stepBatch(trainer).X.length,
          });
        break;
      case "descend":
        playing = false;
        if (trainer && !diverged) descend(trainer, m.selection);
        snapshot();
        break;
    }
  } catch (e) {
    playing = false;
    post({ type: "error", message: e instanceof Error ? e.message : String(e) });
  }
};

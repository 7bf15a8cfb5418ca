import cliProgress from "cli-progress";
import type { Callback } from "../train/callbacks.js";
import { t } from "./lang.js";

function fmt(x: number | undefined, digits = 4): string {
  return x === undefined ? "-" : x.toPrecision(digits);
}

/**
 * Training progress on stderr: a live bar (cli-progress) with examples per second, ETA, loss and accuracy when
 * stderr is a terminal; one plain line per epoch otherwise (logs, CI). Nothing when quiet.
 */
export function progressCallback(options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Callback {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return {};
  const M = t().progress;
  if (!stream.isTTY) {
    return {
      onEpochEnd(logs, ctx) {
        // About 20 lines per run, plus the first and the last epoch.
        const every = Math.max(1, Math.ceil(ctx.epochs / 20));
        if (logs.epoch !== 1 && logs.epoch !== ctx.epochs && logs.epoch % every !== 0) return;
        const parts = [
          M.epoch(logs.epoch, ctx.epochs),
          M.loss(fmt(logs.loss)),
          logs.accuracy === undefined ? "" : M.accuracy(fmt(logs.accuracy)),
          logs.val_loss === undefined ? "" : `val_loss ${fmt(logs.val_loss)}`,
          logs.val_accuracy === undefined ? "" : `val_acc ${fmt(logs.val_accuracy)}`,
          `${logs.seconds.toFixed(2)}s`,
        ];
        stream.write(`${parts.filter(Boolean).join("  ")}\n`);
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: M.bar,
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let epochStart = 0;
  return {
    onEpochBegin(epoch, ctx) {
      epochStart = performance.now();
      bar.start(ctx.examples, 0, { epoch: epoch + 1, epochs: ctx.epochs, rate: "-", loss: "-", acc: "-" });
    },
    onBatchEnd(logs) {
      const seconds = (performance.now() - epochStart) / 1000;
      bar.update(logs.examples, {
        rate: seconds > 0 ? Math.round(logs.examples / seconds).toLocaleString("en-US") : "-",
        loss: fmt(logs.loss),
        acc: fmt(logs.accuracy),
      });
    },
    onEpochEnd(logs) {
      bar.update(bar.getTotal(), { loss: fmt(logs.loss), acc: fmt(logs.accuracy) });
      bar.stop();
      if (logs.val_loss !== undefined) {
        stream.write(`  val_loss ${fmt(logs.val_loss)}  val_acc ${fmt(logs.val_accuracy)}\n`);
      }
    },
  };
}

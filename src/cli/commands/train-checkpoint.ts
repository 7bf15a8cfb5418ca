/**
 * `train`'s reliability flags: --checkpoint DIR and --checkpoint-every N | Ns (fit's checkpoint option),
 * --resume DIR (the run's flags come from the checkpoint; a flag that would change the result is refused,
 * naming it), and what a run that diverged or blew up does with --save. The work is fit's.
 */
import { existsSync } from "node:fs";
import { readCheckpointFolder } from "../../train/checkpoint-file.js";
import type { CheckpointEvery, CheckpointOptions, LossBlowUp } from "../../train/index.js";
import { lastGoodSavedTo } from "../../train/run-state.js";
import { assertWritableFolder } from "../../util/atomic-write.js";
import { DivergenceError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import { parseInteger, UsageError } from "../args.js";
import { t } from "../lang.js";
import type { TrainFlags } from "./train.js";

/**
 * Flags a resumed run may take from its command line: where results go, how it reports, how often it writes
 * checkpoints and where the data root is (the data's fingerprint is checked). Any other would change the run.
 */
const HARMLESS: ReadonlySet<keyof TrainFlags> = new Set([
  "quiet",
  "json",
  "save",
  "binary",
  "plot",
  "dataDir",
  "checkpointEvery",
  "resume",
] as const);

/** What the CLI keeps in a checkpoint's meta. */
interface TrainMeta {
  command: "train";
  flags: TrainFlags;
}

/** --checkpoint-every: N epochs, or N steps (updates) with an "s" suffix ("500s"). */
export function parseEvery(text: string | undefined): CheckpointEvery {
  if (text === undefined) return 1;
  const steps = text.endsWith("s");
  const n = parseInteger("--checkpoint-every", steps ? text.slice(0, -1) : text, 1);
  return steps ? { steps: n } : n;
}

/**
 * The flags of the run a checkpoint holds, with the harmless ones given now on top. `givenOnCommandLine`
 * tells a flag typed by the user from a default.
 */
export function resumeFlags(flags: TrainFlags, givenOnCommandLine: (key: string) => boolean): TrainFlags {
  const dir = flags.resume!;
  for (const key of Object.keys(flags) as (keyof TrainFlags)[]) {
    if (HARMLESS.has(key) || !givenOnCommandLine(key)) continue;
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw localizedError(UsageError, "resumeConflict", flag, key === "checkpoint", dir);
  }
  const found = readCheckpointFolder(dir);
  if (!found) throw localizedError(UsageError, "noCheckpoint", dir);
  const meta = found.state.meta as TrainMeta | null;
  if (meta?.command !== "train" || typeof meta.flags !== "object" || meta.flags === null) {
    throw localizedError(UsageError, "notTrainCheckpoint", dir);
  }
  const now = Object.fromEntries(
    Object.entries(flags).filter(([k]) => HARMLESS.has(k as keyof TrainFlags) && givenOnCommandLine(k)),
  );
  return { ...meta.flags, ...now, checkpoint: dir, resume: dir };
}

/** fit's checkpoint option for these flags (none without --checkpoint), checked before any work. */
export function checkpointOption(flags: TrainFlags): CheckpointOptions | undefined {
  const dir = flags.checkpoint;
  if (dir === undefined) {
    if (flags.checkpointEvery !== undefined) throw localizedError(UsageError, "everyNeedsCheckpoint");
    return undefined;
  }
  const every = parseEvery(flags.checkpointEvery);
  assertWritableFolder(dir, "--checkpoint");
  if (!flags.resume) {
    const found = readCheckpointFolder(dir);
    if (found) {
      const { finished, epoch, step } = found.position;
      throw localizedError(UsageError, "checkpointTaken", dir, finished, epoch, step);
    }
  }
  const { resume: _r, checkpoint: _c, ...kept } = flags;
  const meta: TrainMeta = { command: "train", flags: kept as TrainFlags };
  return { dir, every, resume: flags.resume !== undefined, meta };
}

/** Runs `train`; a DivergenceError also leaves the (put back) last good weights at --save's path, saying so. */
export async function keepingLastGood<T>(
  train: () => Promise<T>,
  save: (() => string) | undefined,
): Promise<T> {
  try {
    return await train();
  } catch (err) {
    if (!(err instanceof DivergenceError) || !save) throw err;
    throw lastGoodSavedTo(err, save());
  }
}

/**
 * A run whose loss blew up (> 10⁶ × its first epoch's) does not replace a model file already at --save's
 * path: that file may come from a better run. Returns whether to save, after a warning line on stderr.
 */
export function saveDespiteBlowUp(blowUp: LossBlowUp | undefined, save: string): boolean {
  if (!blowUp) return true;
  const keep = existsSync(save);
  const words = t().train;
  const loss = blowUp.loss.toPrecision(3);
  const what = words.blowUp(loss, blowUp.epoch, blowUp.firstLoss.toPrecision(3), keep ? save : undefined);
  process.stderr.write(`retroprop: ${words.warning}: ${what}\n`);
  return !keep;
}

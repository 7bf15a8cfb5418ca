/**
 * Checkpoints in a folder (Node): each file written atomically (temporary file, flush, rename), the temporary
 * files of killed writes removed when the folder is opened. Importing this module (retroprop's Node entry
 * point does) lets fit's `checkpoint: { dir }` open folders.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { makeFolders, removeDeadTemporaries, writeFileAtomic } from "../util/atomic-write.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { MAX_CHECKPOINT_FILE_BYTES } from "../util/limits.js";
import { readInputFile } from "../util/read-file.js";
import { type CheckpointState, readCheckpointState, useCheckpointFolders } from "./checkpoint.js";
import type { CheckpointStore, Position } from "./checkpoint-store.js";

/** A checkpoint folder; created on the first write. */
export class CheckpointFolder implements CheckpointStore {
  private readonly pause = testPause();

  constructor(readonly location: string) {
    const st = statOrNull(location);
    if (st && !st.isDirectory()) throw localizedError(InputError, "checkpointIsFile", location);
    if (st) removeDeadTemporaries(location);
  }

  get(name: string): Uint8Array | null {
    const path = join(this.location, name);
    if (!statOrNull(path)) return null;
    return readInputFile(path, MAX_CHECKPOINT_FILE_BYTES, "checkpoint file");
  }

  put(name: string, bytes: Uint8Array): void {
    makeFolders(this.location);
    writeFileAtomic(join(this.location, name), bytes);
    this.pause?.();
  }

  remove(name: string): void {
    rmSync(join(this.location, name), { force: true });
  }

  list(): string[] {
    try {
      return readdirSync(this.location);
    } catch {
      return [];
    }
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The checkpoint in a folder (position, configuration, meta), verified against its manifest; null when none. */
export function readCheckpointFolder(dir: string): { position: Position; state: CheckpointState } | null {
  return readCheckpointState(new CheckpointFolder(dir));
}

/**
 * Milliseconds to sleep after each file of a checkpoint when RETROPROP_TEST_SLOW_CHECKPOINT is set: the
 * kill-and-resume test widens the moments inside a write so that its SIGKILLs land there too.
 */
function testPause(): (() => void) | undefined {
  const ms = Number(process.env.RETROPROP_TEST_SLOW_CHECKPOINT);
  if (!(ms > 0)) return undefined;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return () => void Atomics.wait(cell, 0, 0, ms);
}

useCheckpointFolders((dir) => new CheckpointFolder(dir));

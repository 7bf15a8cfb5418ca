/**
 * Where checkpoints go, and the order of their writes. A store is a flat set of named files (a folder on disk
 * in Node: checkpoint-file.ts; a Map in memory; anything a browser offers). One checkpoint is two files named
 * after its sequence number, then `manifest.json`, written last, naming them with their sizes and SHA-256.
 * Each write is atomic, so a kill at any moment leaves the previous manifest and the files it names intact;
 * files no manifest names (a half-finished checkpoint's) are removed after the next manifest is in place.
 */
import { sha256Hex } from "../nn/serialize.js";
import { InputError } from "../util/errors.js";
import { localizedError, type Messages } from "../util/i18n.js";
import { en } from "../util/messages/en.js";
import { VERSION } from "../util/version.js";

export interface CheckpointStore {
  /** How messages name it: the folder's path. */
  readonly location: string;
  /** A file's bytes, or null when there is none. */
  get(name: string): Uint8Array | null;
  /** Writes a file atomically: a reader sees the old bytes or the new, never part of them. */
  put(name: string, bytes: Uint8Array): void;
  remove(name: string): void;
  list(): string[];
}

export const MANIFEST = "manifest.json";
export const CHECKPOINT_FORMAT = "retroprop.checkpoint";
export const CHECKPOINT_VERSION = 1;
const PART = /^(state|tensors)-(\d+)\.(json|bin)$/;

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface CheckpointManifest {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  /** retroprop's version and the backend that wrote it: a resume elsewhere would not be bit-identical. */
  retroprop: string;
  backend: string;
  sequence: number;
  /** Where the run stands: the next step to take (epoch and step within it, from 0) and steps taken in all. */
  epoch: number;
  step: number;
  globalStep: number;
  finished: boolean;
  written: string;
  files: ManifestFile[];
}

/** One checkpoint as read back: its manifest, its state JSON text and its arrays' bytes, all verified. */
export interface StoredCheckpoint {
  manifest: CheckpointManifest;
  state: string;
  tensors: Uint8Array;
}

export type Position = Pick<CheckpointManifest, "epoch" | "step" | "globalStep" | "finished">;

/** Where a checkpoint stands, for messages: "finished after 20 epochs", "at epoch 3, step 5". */
export function describePosition(p: Position, M: Messages = en): string {
  return M.fitReport.position(p.finished, p.epoch, p.step);
}

/** Writes a checkpoint after the one the store holds. */
export function writeCheckpoint(
  store: CheckpointStore,
  content: { state: string; tensors: Uint8Array },
  at: Position & { backend: string },
): CheckpointManifest {
  const previous = readManifest(store);
  const sequence = (previous?.sequence ?? 0) + 1;
  const parts: [string, Uint8Array][] = [
    [`state-${sequence}.json`, new TextEncoder().encode(content.state)],
    [`tensors-${sequence}.bin`, content.tensors],
  ];
  for (const [name, bytes] of parts) store.put(name, bytes);
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    retroprop: VERSION,
    backend: at.backend,
    sequence,
    epoch: at.epoch,
    step: at.step,
    globalStep: at.globalStep,
    finished: at.finished,
    written: new Date().toISOString(),
    files: parts.map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256Hex(bytes) })),
  };
  store.put(MANIFEST, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  removeUnlisted(store, manifest);
  return manifest;
}

/** Removes checkpoint parts the manifest does not name: earlier checkpoints, and a killed write's. */
export function removeUnlisted(store: CheckpointStore, manifest: CheckpointManifest | null): void {
  const keep = new Set(manifest?.files.map((f) => f.name));
  for (const name of store.list()) if (PART.test(name) && !keep.has(name)) store.remove(name);
}

/** The manifest, checked for form; null when the store holds no checkpoint. */
export function readManifest(store: CheckpointStore): CheckpointManifest | null {
  const bytes = store.get(MANIFEST);
  if (bytes === null) return null;
  const where = `${store.location}/${MANIFEST}`;
  let m: CheckpointManifest;
  try {
    m = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw localizedError(InputError, "manifestJson", where);
  }
  if (m?.format !== CHECKPOINT_FORMAT)
    throw localizedError(InputError, "manifestFormat", where, CHECKPOINT_FORMAT);
  if (m.version !== CHECKPOINT_VERSION) {
    throw localizedError(InputError, "manifestVersion", where, m.version, CHECKPOINT_VERSION);
  }
  const fileOk = (f: ManifestFile) =>
    typeof f?.name === "string" &&
    PART.test(f.name) &&
    Number.isInteger(f.bytes) &&
    typeof f.sha256 === "string";
  if (!Array.isArray(m.files) || m.files.length !== 2 || !m.files.every(fileOk)) {
    throw localizedError(InputError, "manifestFiles", where);
  }
  for (const key of ["sequence", "epoch", "step", "globalStep"] as const) {
    if (!Number.isInteger(m[key]) || m[key] < 0)
      throw localizedError(InputError, "manifestCount", where, key, m[key]);
  }
  return m;
}

/** The checkpoint the manifest names, each file checked against its size and SHA-256; null when none. */
export function readCheckpoint(store: CheckpointStore): StoredCheckpoint | null {
  const manifest = readManifest(store);
  if (!manifest) return null;
  const [state, tensors] = manifest.files.map((f) => {
    const bytes = store.get(f.name);
    const where = `${store.location}/${f.name}`;
    if (bytes === null) throw localizedError(InputError, "checkpointFileMissing", where, MANIFEST);
    if (bytes.length !== f.bytes || sha256Hex(bytes) !== f.sha256) {
      const sha = sha256Hex(bytes).slice(0, 12);
      const [want, wantSha] = [f.bytes, f.sha256.slice(0, 12)];
      throw localizedError(
        InputError,
        "checkpointFileDiffers",
        where,
        bytes.length,
        sha,
        MANIFEST,
        want,
        wantSha,
      );
    }
    return bytes;
  });
  return { manifest, state: new TextDecoder().decode(state), tensors };
}

/** A store in memory (tests; a browser page that keeps its own copy). */
export class MemoryStore implements CheckpointStore {
  readonly files = new Map<string, Uint8Array>();

  constructor(readonly location = "memory") {}

  get(name: string): Uint8Array | null {
    return this.files.get(name)?.slice() ?? null;
  }

  put(name: string, bytes: Uint8Array): void {
    this.files.set(name, bytes.slice());
  }

  remove(name: string): void {
    this.files.delete(name);
  }

  list(): string[] {
    return [...this.files.keys()];
  }
}

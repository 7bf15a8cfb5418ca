/**
 * Checkpoints of a training run, written by fit between steps, from which a resumed run ends with the same
 * weights, bit for bit, as the run left alone. A checkpoint holds everything the rest of the run depends on:
 * the parameters' bits, the optimizer's state (moments, t, η), the initial η the schedule works from, the epoch
 * and step, the shuffling generator's state and the current row order, the running sums of a partly done
 * epoch, the weights of the epoch's start (kept for a divergence), the history, the callbacks' state (early
 * stopping's best, wait and best weights), the data's fingerprint and the configuration, which a resume
 * compares with its own, naming the first difference in one line. checkpoint-store.ts orders the writes.
 */
import { getBackend } from "../backend/registry.js";
import type { LossName, Reduction } from "../nn/losses.js";
import type { Sequential } from "../nn/sequential.js";
import { formatModelJSON, modelToJSON, sha256Hex } from "../nn/serialize.js";
import type { Optimizer, OptimizerState } from "../optim/optimizers.js";
import type { Schedule } from "../optim/schedules.js";
import type { FloatArray } from "../tensor/dtype.js";
import type { NDArray } from "../tensor/ndarray.js";
import { Random, type RandomState } from "../tensor/random.js";
import { type DivergenceError, InputError, RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import type { StateWant } from "../util/messages/errors-model.en.js";
import { VERSION } from "../util/version.js";
import type { CallbackState, EpochLogs } from "./callbacks.js";
import { type ArrayEntry, ArrayPacker, ArrayUnpacker } from "./checkpoint-pack.js";
import {
  type CheckpointStore,
  type Position,
  readCheckpoint,
  removeUnlisted,
  type StoredCheckpoint,
  writeCheckpoint,
} from "./checkpoint-store.js";
import { lastGoodSavedTo, type MeterState, type RunParts } from "./run-state.js";
import type { Data } from "./setup.js";
import type { Engine } from "./stepper.js";

/** How often: every n epochs (a number, or { epochs: n }) or every n steps (updates). */
export type CheckpointEvery = number | { epochs: number } | { steps: number };

export interface CheckpointOptions {
  /** A folder for the checkpoints (Node: `import … from "retroprop"` provides folders). */
  dir?: string;
  /** Or any store of named files (checkpoint-store.ts's MemoryStore, a browser's storage). */
  store?: CheckpointStore;
  /** Default: every epoch. A finished run always writes a last checkpoint. */
  every?: CheckpointEvery;
  /**
   * Continue the run the checkpoint holds, as Keras' BackupAndRestore: call fit again with the same model
   * architecture, data and options; with no checkpoint there yet, the run starts from the beginning. Without
   * resume, a folder that already holds a checkpoint is refused rather than overwritten.
   */
  resume?: boolean;
  /** JSON the caller keeps with the run (the CLI keeps its flags there); readCheckpointState returns it. */
  meta?: unknown;
}

/** What was configured, compared key by key on resume. */
interface RunConfig {
  sizes: string;
  activations: string;
  dtype: string;
  loss: string;
  reduction: string;
  optimizer: string;
  optimizerConfig: string;
  learningRate: number;
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  engine: string;
  schedule: string;
  statefulCallbacks: number;
}

interface Fingerprint {
  shape: string;
  dtype: string;
  sha256: string;
}

/** The JSON part of a checkpoint (arrays are indices into its tensors file). */
export interface CheckpointState {
  format: "retroprop.checkpoint-state";
  config: RunConfig;
  data: Record<string, Fingerprint | null>;
  stopped: boolean;
  stopReason: string | null;
  rng: RandomState;
  optimizer: { name: string; learningRate: number; t: number; slots: Record<string, (number | null)[]> };
  params: number[];
  epochStart: number[];
  order: number;
  meter: MeterState;
  history: EpochLogs[];
  callbacks: ({ values: CallbackState["values"]; weights?: number[] } | null)[];
  meta: unknown;
  arrays: ArrayEntry[];
}

/** What fit knows of the run before its first step. */
export interface RunSetup {
  model: Sequential;
  optimizer: Optimizer;
  loss: LossName;
  reduction: Reduction;
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  engine: Engine;
  schedule?: Schedule;
  statefulCallbacks: number;
  train: Data;
  validation?: Data;
}

let openFolder: ((dir: string) => CheckpointStore) | null = null;

/** Node's entry point lends fit its folder store (checkpoint-file.ts); a browser build has none. */
export function useCheckpointFolders(open: (dir: string) => CheckpointStore): void {
  openFolder = open;
}

function storeOf(options: CheckpointOptions): CheckpointStore {
  if (options.store) return options.store;
  if (typeof options.dir !== "string" || options.dir === "") {
    throw localizedError(InputError, "checkpointNoStore");
  }
  if (!openFolder) {
    throw localizedError(InputError, "checkpointNoFolders", options.dir);
  }
  return openFolder(options.dir);
}

function normaliseEvery(every: CheckpointEvery | undefined): { epochs: number } | { steps: number } {
  const e = every ?? 1;
  const spec = typeof e === "number" ? { epochs: e } : e;
  const n = "steps" in spec ? spec.steps : spec.epochs;
  if (!Number.isInteger(n) || n < 1) {
    throw localizedError(InputError, "checkpointEvery", n);
  }
  return spec;
}

/** Writes a run's checkpoints and puts a saved one back. fit makes one when given `checkpoint`. */
export class Checkpointer {
  private readonly store: CheckpointStore;
  private readonly every: { epochs: number } | { steps: number };
  private readonly config: RunConfig;
  private readonly data: Record<string, Fingerprint | null>;
  private readonly saved: { stored: StoredCheckpoint; state: CheckpointState } | null;
  private readonly steps: number;
  private lastWritten = -1;
  private finishedWritten = false;

  constructor(
    private readonly options: CheckpointOptions,
    setup: RunSetup,
    stepsPerEpoch: number,
  ) {
    this.store = storeOf(options);
    this.every = normaliseEvery(options.every);
    this.steps = stepsPerEpoch;
    if (!setup.optimizer.state || !setup.optimizer.loadState || !setup.optimizer.config) {
      throw localizedError(InputError, "checkpointOptimizer", setup.optimizer.name);
    }
    this.config = runConfig(setup);
    this.data = {
      train: fingerprint(setup.train),
      validation: setup.validation ? fingerprint(setup.validation) : null,
    };
    const stored = readCheckpoint(this.store);
    if (stored && !options.resume) {
      const { finished, epoch, step } = stored.manifest;
      throw localizedError(InputError, "checkpointHolds", this.store.location, finished, epoch, step);
    }
    this.saved = stored && { stored, state: this.check(stored) };
    if (!stored) removeUnlisted(this.store, null);
  }

  /** The shuffling generator to continue with, when resuming. */
  savedRng(): Random | undefined {
    if (!this.saved) return undefined;
    try {
      return Random.fromState(this.saved.state.rng);
    } catch (err) {
      const problem = err instanceof RetropropError ? err : String((err as Error)?.message);
      throw localizedError(InputError, "checkpointRng", this.store.location, problem);
    }
  }

  /** Puts the saved run back into `run` (after the callbacks' onTrainBegin); null when starting afresh. */
  restore(run: RunParts): Position | null {
    if (!this.saved) return null;
    const { stored, state } = this.saved;
    const where = `${this.store.location}/${stored.manifest.files[1].name}`;
    const arrays = new ArrayUnpacker(state.arrays, stored.tensors, where);
    const params = run.model.parameters().map((p) => p.data);
    if (state.params.length !== params.length)
      throw localizedError(InputError, "checkpointParams", where, params.length);
    params.forEach((p, i) => p.set(arrays.float(state.params[i], `params[${i}]`, p)));
    const slots: OptimizerState["slots"] = {};
    for (const [slot, refs] of Object.entries(state.optimizer.slots)) {
      slots[slot] = refs.map((r, i) => (r === null ? null : arrays.float(r, `optimizer.${slot}[${i}]`)));
    }
    run.optimizer.loadState!(params, { ...state.optimizer, slots });
    run.guard.restoreRemembered(
      state.epochStart.map((r, i) => arrays.float(r, `epochStart[${i}]`, params[i])),
    );
    run.batches.restoreOrder(arrays.get(state.order, "order") as Uint32Array);
    run.meter.restore(state.meter);
    run.history.push(...state.history);
    run.ctx.stopTraining = state.stopped;
    if (state.stopReason !== null) run.ctx.stopReason = state.stopReason;
    run.callbacks.forEach((cb, i) => {
      const s = state.callbacks[i];
      if (!s || !cb.restoreState) return;
      const weights = s.weights?.map((r, k) => arrays.float(r, `callbacks[${i}].weights[${k}]`, params[k]));
      cb.restoreState(weights ? { values: s.values, weights } : { values: s.values }, run.ctx);
    });
    const m = stored.manifest;
    this.lastWritten = m.globalStep;
    this.finishedWritten = m.finished;
    return { epoch: m.epoch, step: m.step, globalStep: m.globalStep, finished: m.finished };
  }

  /** After step `step` (1-based within the epoch) of epoch `epoch` (0-based): a checkpoint when due. */
  afterStep(run: RunParts, epoch: number, step: number): void {
    const globalStep = epoch * this.steps + step;
    if ("steps" in this.every && globalStep % this.every.steps === 0) {
      run.guard.checkFinite(epoch, step, run.optimizer); // never a checkpoint of non-finite weights
      this.write(run, { epoch, step, globalStep, finished: false });
    }
  }

  /** After epoch `epoch` (0-based) and its callbacks. */
  afterEpoch(run: RunParts, epoch: number): void {
    if ("epochs" in this.every && (epoch + 1) % this.every.epochs === 0)
      this.atEpochEnd(run, epoch + 1, false);
  }

  /** The run's end: a last checkpoint, so that a resume of a finished run finishes at once. */
  finish(run: RunParts, epochsDone: number): void {
    this.atEpochEnd(run, epochsDone, true);
  }

  /** A DivergenceError whose weights (already put back to the epoch's start) are also kept in the store. */
  keepLastGood(model: Sequential, err: DivergenceError): DivergenceError {
    const json = formatModelJSON(modelToJSON(model, { description: "last good weights of a diverged run" }));
    this.store.put("last-good.json", new TextEncoder().encode(json));
    return lastGoodSavedTo(err, `${this.store.location}/last-good.json`);
  }

  private atEpochEnd(run: RunParts, epoch: number, finished: boolean): void {
    const globalStep = epoch * this.steps;
    if (globalStep === this.lastWritten && (this.finishedWritten || !finished)) return;
    this.write(run, { epoch, step: 0, globalStep, finished });
  }

  private write(run: RunParts, at: Position): void {
    const content = snapshot(run, this.config, this.data, this.options.meta);
    writeCheckpoint(this.store, content, { ...at, backend: getBackend().name });
    this.lastWritten = at.globalStep;
    this.finishedWritten = at.finished;
  }

  /** The saved run's state, refused with one line when it cannot continue this run exactly. */
  private check(stored: StoredCheckpoint): CheckpointState {
    const m = stored.manifest;
    const where = this.store.location;
    if (m.retroprop !== VERSION)
      throw localizedError(InputError, "checkpointVersion", where, m.retroprop, VERSION);
    const backend = getBackend().name;
    if (m.backend !== backend)
      throw localizedError(InputError, "checkpointBackend", where, m.backend, backend);
    const state = parseState(stored, this.store.location);
    for (const key of Object.keys(this.config) as (keyof RunConfig)[]) {
      if (state.config[key] !== this.config[key]) {
        const [saved, now] = [show(state.config[key]), show(this.config[key])];
        throw localizedError(InputError, "checkpointConfig", where, key, saved, now);
      }
    }
    for (const part of ["train", "validation"] as const)
      compareData(where, part, state.data[part] ?? null, this.data[part]);
    return state;
  }
}

/** The state file's JSON, its form checked. */
function parseState(stored: StoredCheckpoint, location: string): CheckpointState {
  const file = `${location}/${stored.manifest.files[0].name}`;
  let state: CheckpointState;
  try {
    state = JSON.parse(stored.state);
  } catch {
    throw localizedError(InputError, "checkpointStateJson", file);
  }
  checkStateForm(state, file);
  return state;
}

/**
 * The state's form, before anything reads it: a file whose SHA-256 matches its manifest was written by
 * retroprop, but a hand-edited pair must still end as one line naming the JSON path, never a TypeError.
 */
function checkStateForm(state: CheckpointState, file: string): void {
  const fail = (path: string, want: StateWant): never => {
    throw localizedError(InputError, "checkpointStateForm", file, path, want);
  };
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  const index = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  const indices = (v: unknown, path: string, nullable = false) => {
    if (!Array.isArray(v) || !v.every((r) => index(r) || (nullable && r === null))) fail(path, "indices");
  };
  const num = (v: unknown, path: string) => typeof v === "number" || fail(path, "number");
  if (!isObj(state) || state.format !== "retroprop.checkpoint-state") fail("format", "format");
  if (!isObj(state.config)) fail("config", "object");
  if (!isObj(state.data)) fail("data", "object");
  if (!isObj(state.rng)) fail("rng", "rng");
  if (typeof state.stopped !== "boolean") fail("stopped", "boolean");
  if (state.stopReason !== null && typeof state.stopReason !== "string") fail("stopReason", "stringOrNull");
  const o = state.optimizer;
  if (!isObj(o) || typeof o.name !== "string" || !Number.isInteger(o.t) || !isObj(o.slots)) {
    fail("optimizer", "optimizer");
  }
  num(o.learningRate, "optimizer.learningRate");
  for (const [slot, refs] of Object.entries(o.slots)) indices(refs, `optimizer.slots.${slot}`, true);
  indices(state.params, "params");
  indices(state.epochStart, "epochStart");
  if (!index(state.order)) fail("order", "index");
  if (!isObj(state.meter)) fail("meter", "object");
  for (const key of ["lossSum", "correct", "counted", "examples"] as const)
    num(state.meter[key], `meter.${key}`);
  if (!Array.isArray(state.history) || !state.history.every(isObj)) fail("history", "history");
  if (!Array.isArray(state.callbacks)) fail("callbacks", "list");
  state.callbacks.forEach((c, i) => {
    if (c === null) return;
    if (!isObj(c) || !isObj(c.values)) fail(`callbacks[${i}]`, "callback");
    if (c.weights !== undefined) indices(c.weights, `callbacks[${i}].weights`);
  });
  if (!Array.isArray(state.arrays) || !state.arrays.every(isObj)) fail("arrays", "arrays");
}

function show(v: unknown): string {
  return typeof v === "string" ? `"${v}"` : String(v);
}

function compareData(
  where: string,
  part: "train" | "validation",
  saved: Fingerprint | null,
  now: Fingerprint | null,
): void {
  if (saved === null && now === null) return;
  if (saved === null || now === null) {
    throw localizedError(InputError, "checkpointDataPresence", where, part, saved !== null, now !== null);
  }
  for (const key of ["shape", "dtype"] as const) {
    if (saved[key] !== now[key]) {
      throw localizedError(InputError, "checkpointDataForm", where, part, key, now[key], saved[key]);
    }
  }
  if (saved.sha256 !== now.sha256) {
    const [n, s] = [now.sha256.slice(0, 12), saved.sha256.slice(0, 12)];
    throw localizedError(InputError, "checkpointDataDiffer", where, part, now.shape, n, s);
  }
}

/** SHA-256 over x's and y's shapes, types and bytes. */
function fingerprint(d: Data): Fingerprint {
  const bytes = (a: NDArray) => new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const head = new TextEncoder().encode(
    `x ${d.x.shape.join("×")} ${d.x.dtype}; y ${d.y.shape.join("×")} ${d.y.dtype};`,
  );
  const all = new Uint8Array(head.length + d.x.data.byteLength + d.y.data.byteLength);
  all.set(head);
  all.set(bytes(d.x), head.length);
  all.set(bytes(d.y), head.length + d.x.data.byteLength);
  return {
    shape: `x ${d.x.shape.join("×")}, y ${d.y.shape.join("×")}`,
    dtype: `${d.x.dtype}/${d.y.dtype}`,
    sha256: sha256Hex(all),
  };
}

function runConfig(s: RunSetup): RunConfig {
  const etas = s.schedule
    ? Array.from({ length: Math.min(s.epochs, 10_000) }, (_, e) =>
        s.schedule!(e, s.optimizer.learningRate),
      ).join(",")
    : "";
  return {
    sizes: s.model.sizes.join(","),
    activations: s.model.layers.map((l) => l.activation).join(","),
    dtype: s.model.dtype,
    loss: s.loss,
    reduction: s.reduction,
    optimizer: s.optimizer.name,
    optimizerConfig: JSON.stringify(s.optimizer.config!()),
    learningRate: s.optimizer.learningRate,
    epochs: s.epochs,
    batchSize: s.batchSize,
    shuffle: s.shuffle,
    engine: s.engine,
    // the η of every epoch (up to 10,000), hashed: a different schedule function is a different run
    schedule: s.schedule ? `η per epoch ${sha256Hex(new TextEncoder().encode(etas)).slice(0, 16)}` : "none",
    statefulCallbacks: s.statefulCallbacks,
  };
}

function snapshot(
  run: RunParts,
  config: RunConfig,
  data: Record<string, Fingerprint | null>,
  meta: unknown,
): { state: string; tensors: Uint8Array } {
  const pack = new ArrayPacker();
  const paramData = run.model.parameters().map((p) => p.data);
  const opt = run.optimizer.state!(paramData);
  const slots: Record<string, (number | null)[]> = {};
  for (const [slot, arrays] of Object.entries(opt.slots))
    slots[slot] = arrays.map((a) => (a ? pack.add(a) : null));
  const state: Omit<CheckpointState, "arrays"> = {
    format: "retroprop.checkpoint-state",
    config,
    data,
    stopped: run.ctx.stopTraining,
    stopReason: run.ctx.stopReason ?? null,
    rng: run.batches.rngState(),
    optimizer: { name: opt.name, learningRate: opt.learningRate, t: opt.t, slots },
    params: paramData.map((p) => pack.add(p)),
    epochStart: run.guard.remembered.map((p: FloatArray) => pack.add(p)),
    order: pack.add(run.batches.currentOrder()),
    meter: run.meter.state(),
    history: run.history,
    callbacks: run.callbacks.map((cb) => {
      const s = cb.state?.();
      if (!s) return null;
      return s.weights
        ? { values: s.values, weights: s.weights.map((w) => pack.add(w)) }
        : { values: s.values };
    }),
    meta: meta ?? null,
  };
  const { entries, bytes } = pack.pack();
  return { state: JSON.stringify({ ...state, arrays: entries }), tensors: bytes };
}

/** The state of the checkpoint a store holds (its configuration, position and meta), verified; null when none. */
export function readCheckpointState(
  store: CheckpointStore,
): { position: Position; state: CheckpointState } | null {
  const stored = readCheckpoint(store);
  if (!stored) return null;
  const m = stored.manifest;
  const state = parseState(stored, store.location);
  return {
    position: { epoch: m.epoch, step: m.step, globalStep: m.globalStep, finished: m.finished },
    state,
  };
}

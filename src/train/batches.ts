import { allocateBuffer } from "../nn/buffers.js";
import type { DType, FloatArray } from "../tensor/dtype.js";
import { NDArray } from "../tensor/ndarray.js";
import type { Random, RandomState } from "../tensor/random.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";

/** One mini-batch. Its arrays are buffers reused by the iterator: read them before taking the next batch. */
export interface Batch {
  x: NDArray;
  y: NDArray;
  /** Row indices (into the dataset) of this batch, in batch order. */
  indices: Uint32Array;
  /** Rows in this batch (the last batch of an epoch may be smaller). */
  size: number;
}

export interface BatchOptions {
  /** Shuffle the rows each epoch (default true). Without it batches follow the dataset order. */
  shuffle?: boolean;
  /** Drop the last batch of an epoch when it is smaller than the batch size (default false). */
  dropLast?: boolean;
  /** Element type of the batch buffers (default float32); fit uses its model's. */
  dtype?: DType;
}

/** A batch's buffers and row range, reused from epoch to epoch (one for full batches, one for the last). */
class BatchBuffers implements Batch {
  size = 0;
  private from = 0;

  constructor(
    readonly x: NDArray,
    readonly y: NDArray,
    private readonly order: Uint32Array,
  ) {}

  /** Row indices, as a view made on demand: fit never asks, so its steps allocate nothing. */
  get indices(): Uint32Array {
    return this.order.subarray(this.from, this.from + this.size);
  }

  fill(from: number, size: number): this {
    this.from = from;
    this.size = size;
    return this;
  }
}

/**
 * Steps (updates) in one epoch of `rows` examples: ⌈N / batch⌉, or ⌊N / batch⌋ when the smaller last batch is
 * dropped; "full" is one step.
 */
export function stepsPerEpoch(rows: number, batchSize: number | "full", dropLast = false): number {
  const b = batchSize === "full" ? Math.max(rows, 1) : Math.min(batchSize, Math.max(rows, 1));
  return dropLast ? Math.floor(rows / b) : Math.ceil(rows / b);
}

/** out[k, :] = src[indices[from + k], :] for k in 0..count-1. */
function gatherRows(
  src: FloatArray,
  width: number,
  indices: Uint32Array,
  from: number,
  count: number,
  out: FloatArray,
): void {
  // A plain loop: a subarray view per row costs an allocation, which dominates on small rows (XOR's 2 inputs).
  for (let k = 0, o = 0; k < count; k++) {
    const s = indices[from + k] * width;
    for (let j = 0; j < width; j++) out[o++] = src[s + j];
  }
}

/**
 * Mini-batches without copying the dataset: each epoch permutes an index array with the `Random` passed in
 * and gathers the batch's rows into buffers allocated once where the backend computes (one pair for full
 * batches, one for the smaller last batch). Batch size 1 is online learning, `rows` (or more) is full-batch
 * learning — the notes' three modes. It lives beside `fit`, its one user in the library, and `retroprop/data`
 * re-exports it.
 *
 * The x and y arrays yielded are overwritten by the next batch: copy them (`.clone()`) to keep one.
 */
export class BatchIterator {
  readonly batchSize: number;
  readonly rows: number;
  private readonly order: Uint32Array;
  private readonly full: BatchBuffers;
  private readonly tail: BatchBuffers | null;
  private readonly xw: number;
  private readonly yw: number;

  constructor(
    private readonly data: { x: NDArray; y: NDArray },
    batchSize: number,
    private readonly rng: Random,
    private readonly options: BatchOptions = {},
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw localizedError(InputError, "batchSize", batchSize);
    }
    const n = data.x.shape[0];
    if (data.y.shape[0] !== n) {
      throw localizedError(InputError, "batchRows", n, data.y.shape[0]);
    }
    this.rows = n;
    this.batchSize = Math.min(batchSize, Math.max(n, 1));
    this.xw = data.x.shape[1];
    this.yw = data.y.shape[1];
    this.order = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.full = this.alloc(this.batchSize);
    const rest = n % this.batchSize;
    this.tail = rest > 0 ? this.alloc(rest) : null;
  }

  private alloc(b: number): BatchBuffers {
    const dtype = this.options.dtype ?? "float32";
    const x = new NDArray(allocateBuffer(dtype, b * this.xw), [b, this.xw]);
    return new BatchBuffers(x, new NDArray(allocateBuffer(dtype, b * this.yw), [b, this.yw]), this.order);
  }

  /** Batches per epoch (the steps an epoch takes: ⌈N / batch⌉, or ⌊N / batch⌋ with dropLast). */
  get batchesPerEpoch(): number {
    return stepsPerEpoch(this.rows, this.batchSize, this.options.dropLast);
  }

  /** Starts an epoch: reshuffles the rows (unless `shuffle: false`); then take batch(0 … batchesPerEpoch − 1). */
  startEpoch(): void {
    if (this.options.shuffle ?? true) this.rng.shuffle(this.order);
  }

  /**
   * The row order of the current epoch (a copy). Each epoch's shuffle permutes the previous order, so a
   * checkpoint keeps it together with the generator's state.
   */
  currentOrder(): Uint32Array {
    return this.order.slice();
  }

  /** The shuffling generator's state (it continues the next epoch's shuffle). */
  rngState(): RandomState {
    return this.rng.state();
  }

  /** Puts back an order taken by currentOrder(): a permutation of this iterator's rows. */
  restoreOrder(order: Uint32Array): void {
    const seen = new Uint8Array(this.rows);
    const ok = order.length === this.rows && order.every((i) => i < this.rows && seen[i]++ === 0);
    if (!ok) throw localizedError(InputError, "batchOrder", this.rows);
    this.order.set(order);
  }

  /** Batch k of the current epoch, its rows gathered into the reused buffers. */
  batch(k: number): Batch {
    const from = k * this.batchSize;
    const size = Math.min(this.batchSize, this.rows - from);
    const buf = size === this.batchSize ? this.full : this.tail!;
    gatherRows(this.data.x.data, this.xw, this.order, from, size, buf.x.data);
    gatherRows(this.data.y.data, this.yw, this.order, from, size, buf.y.data);
    return buf.fill(from, size);
  }

  /** The batches of one epoch (reshuffled on every call unless `shuffle: false`). */
  *epoch(): Generator<Batch, void, undefined> {
    this.startEpoch();
    const batches = this.batchesPerEpoch;
    for (let k = 0; k < batches; k++) yield this.batch(k);
  }
}

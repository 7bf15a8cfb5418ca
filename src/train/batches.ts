import { allocateBuffer } from "../nn/buffers.js";
import type { DType, FloatArray } from "../tensor/dtype.js";
import { NDArray } from "../tensor/ndarray.js";
import type { Random } from "../tensor/random.js";
import { InputError } from "../util/errors.js";

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

interface Buffers {
  x: NDArray;
  y: NDArray;
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
  for (let k = 0; k < count; k++) {
    const s = indices[from + k] * width;
    out.set(src.subarray(s, s + width), k * width);
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
  private readonly full: Buffers;
  private readonly tail: Buffers | null;
  private readonly xw: number;
  private readonly yw: number;

  constructor(
    private readonly data: { x: NDArray; y: NDArray },
    batchSize: number,
    private readonly rng: Random,
    private readonly options: BatchOptions = {},
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new InputError(`batch size must be a positive integer, got ${batchSize}`);
    }
    const n = data.x.shape[0];
    if (data.y.shape[0] !== n) {
      throw new InputError(`x has ${n} rows but y has ${data.y.shape[0]}`);
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

  private alloc(b: number): Buffers {
    const dtype = this.options.dtype ?? "float32";
    return {
      x: new NDArray(allocateBuffer(dtype, b * this.xw), [b, this.xw]),
      y: new NDArray(allocateBuffer(dtype, b * this.yw), [b, this.yw]),
    };
  }

  /** Batches per epoch (the steps an epoch takes: ⌈N / batch⌉, or ⌊N / batch⌋ with dropLast). */
  get batchesPerEpoch(): number {
    const whole = Math.floor(this.rows / this.batchSize);
    return this.tail && !this.options.dropLast ? whole + 1 : whole;
  }

  /** The batches of one epoch (reshuffled on every call unless `shuffle: false`). */
  *epoch(): Generator<Batch, void, undefined> {
    if (this.options.shuffle ?? true) this.rng.shuffle(this.order);
    const x = this.data.x.data;
    const y = this.data.y.data;
    for (let from = 0; from < this.rows; from += this.batchSize) {
      const size = Math.min(this.batchSize, this.rows - from);
      if (size < this.batchSize && this.options.dropLast) return;
      const buf = size === this.batchSize ? this.full : this.tail!;
      gatherRows(x, this.xw, this.order, from, size, buf.x.data);
      gatherRows(y, this.yw, this.order, from, size, buf.y.data);
      yield { x: buf.x, y: buf.y, indices: this.order.subarray(from, from + size), size };
    }
  }
}

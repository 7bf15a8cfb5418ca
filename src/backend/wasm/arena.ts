/**
 * A first-fit allocator over a fixed byte range of the wasm memory, with coalescing free list.
 * Blocks are 64-byte aligned (a cache line, and a multiple of the 16-byte SIMD width).
 */
export class Arena {
  static readonly ALIGN = 64;
  /** Free blocks as [start, size], sorted by start, never adjacent (adjacent blocks are merged). */
  private readonly free: Array<[number, number]>;
  private readonly used = new Map<number, number>();
  private inUse = 0;

  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    this.free = end > start ? [[start, end - start]] : [];
  }

  /** Byte offset of a new block of at least `bytes` bytes, or -1 if no free block is large enough. */
  alloc(bytes: number): number {
    const size = Math.max(Arena.ALIGN, Math.ceil(bytes / Arena.ALIGN) * Arena.ALIGN);
    for (let i = 0; i < this.free.length; i++) {
      const [start, avail] = this.free[i];
      if (avail < size) continue;
      if (avail === size) this.free.splice(i, 1);
      else this.free[i] = [start + size, avail - size];
      this.used.set(start, size);
      this.inUse += size;
      return start;
    }
    return -1;
  }

  /** Returns a block to the free list; false if `ptr` is not the start of a live block. */
  release(ptr: number): boolean {
    const size = this.used.get(ptr);
    if (size === undefined) return false;
    this.used.delete(ptr);
    this.inUse -= size;
    // Insert in order, then merge with the neighbours.
    let i = 0;
    while (i < this.free.length && this.free[i][0] < ptr) i++;
    this.free.splice(i, 0, [ptr, size]);
    if (i + 1 < this.free.length && ptr + size === this.free[i + 1][0]) {
      this.free[i][1] += this.free[i + 1][1];
      this.free.splice(i + 1, 1);
    }
    if (i > 0 && this.free[i - 1][0] + this.free[i - 1][1] === ptr) {
      this.free[i - 1][1] += this.free[i][1];
      this.free.splice(i, 1);
    }
    return true;
  }

  /** Size of the live block starting at ptr (0 if none). */
  sizeOf(ptr: number): number {
    return this.used.get(ptr) ?? 0;
  }

  get bytesInUse(): number {
    return this.inUse;
  }

  get bytesFree(): number {
    return this.end - this.start - this.inUse;
  }
}

/**
 * A checkpoint's numbers in two parts: plain JSON for scalars (JSON keeps every double's bits: JS prints the
 * shortest text that reads back to the same number) and one binary file for arrays, each stored with its own
 * element type so that float32 weights come back bit for bit. The JSON refers to an array by its index.
 */
import type { FloatArray } from "../tensor/dtype.js";
import { InputError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";

type PackedArray = Float32Array | Float64Array | Uint32Array;
const TYPES = { float32: Float32Array, float64: Float64Array, uint32: Uint32Array } as const;
type TypeName = keyof typeof TYPES;

/** Where array k lies in the binary file. */
export interface ArrayEntry {
  type: TypeName;
  offset: number;
  length: number;
}

function typeName(a: PackedArray): TypeName {
  if (a instanceof Float32Array) return "float32";
  if (a instanceof Float64Array) return "float64";
  return "uint32";
}

/** Collects arrays while a state is built; add() returns the index the JSON keeps. */
export class ArrayPacker {
  private readonly arrays: PackedArray[] = [];

  add(a: PackedArray): number {
    this.arrays.push(a);
    return this.arrays.length - 1;
  }

  /** The entries (for the JSON) and the bytes (little-endian, as typed arrays hold them on every platform Node and browsers run on); each array starts on an 8-byte boundary. */
  pack(): { entries: ArrayEntry[]; bytes: Uint8Array } {
    let size = 0;
    const entries = this.arrays.map((a) => {
      const entry = { type: typeName(a), offset: size, length: a.length };
      size += Math.ceil(a.byteLength / 8) * 8;
      return entry;
    });
    const bytes = new Uint8Array(size);
    this.arrays.forEach((a, k) => {
      bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), entries[k].offset);
    });
    return { entries, bytes };
  }
}

/** Reads arrays back by index, checking each entry against the file's length (`where` names the file). */
export class ArrayUnpacker {
  constructor(
    private readonly entries: readonly ArrayEntry[],
    private readonly bytes: Uint8Array,
    private readonly where: string,
  ) {
    if (!Array.isArray(entries)) throw localizedError(InputError, "checkpointArrays", where);
  }

  get(index: unknown, what: string): PackedArray {
    const e = Number.isInteger(index) ? this.entries[index as number] : undefined;
    if (!e) throw localizedError(InputError, "checkpointNoArray", this.where, what, String(index));
    const Type = TYPES[e.type];
    const ok =
      Type !== undefined &&
      Number.isInteger(e.offset) &&
      Number.isInteger(e.length) &&
      e.offset >= 0 &&
      e.length >= 0 &&
      e.offset % 8 === 0 &&
      e.offset + e.length * Type.BYTES_PER_ELEMENT <= this.bytes.length;
    if (!ok)
      throw localizedError(
        InputError,
        "checkpointArrayOutside",
        this.where,
        what,
        String(index),
        this.bytes.length,
      );
    const end = e.offset + e.length * Type.BYTES_PER_ELEMENT;
    // a copy into a buffer of its own: the file's bytes may lie unaligned in a larger one (Node's Buffer pool;
    // Buffer's slice is a view), and the run owns its arrays
    const own = new Uint8Array(end - e.offset);
    own.set(this.bytes.subarray(e.offset, end));
    return new Type(own.buffer);
  }

  /** A float array of the given length (and type, when the run's parameter fixes it). */
  float(index: unknown, what: string, like?: FloatArray): FloatArray {
    const a = this.get(index, what);
    if (a instanceof Uint32Array) throw localizedError(InputError, "checkpointArrayType", this.where, what);
    if (like && (a.length !== like.length || a.constructor !== like.constructor)) {
      const [length, type, runs, runType] = [a.length, typeName(a), like.length, typeName(like)];
      throw localizedError(
        InputError,
        "checkpointArrayLength",
        this.where,
        what,
        length,
        type,
        runs,
        runType,
      );
    }
    return a;
  }
}

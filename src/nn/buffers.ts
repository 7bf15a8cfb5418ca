import type { Backend } from "../backend/backend.js";
import { getBackend } from "../backend/registry.js";
import { allocate, type DType, type FloatArray } from "../tensor/dtype.js";

/**
 * A buffer the current backend can use without copying (a faster backend may place it in its own memory).
 * Parameters and the training fast path's buffers are allocated here, once.
 */
export function allocateBuffer(dtype: DType, length: number): FloatArray {
  const backend = getBackend() as Backend & { allocate?: (dtype: DType, length: number) => FloatArray };
  return backend.allocate ? backend.allocate(dtype, length) : allocate(dtype, length);
}

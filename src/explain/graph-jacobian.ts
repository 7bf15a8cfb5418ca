/**
 * Jacobians of a computational graph written out in full, for note 001's vectorised graphs: the local
 * Jacobian ∂node/∂input of one operation, and ∂target/∂node for every node a target depends on, chained
 * through the graph as matrix products with the contributions of several consumers summed ("branches add").
 *
 * The backward pass computes only vector-Jacobian products g·J; a local Jacobian is read off it row by row,
 * seeding the operation's backward with each unit vector eₙ (row n of J is eₙ·J). Sizes are the caller's
 * to bound (the expression module refuses nodes of more than MAX_ELEMENTS elements).
 */
import { type Tensor, topologicalOrder } from "../autograd/tensor.js";
import { NDArray, type NestedArray } from "../tensor/ndarray.js";

/** ∂y/∂x flattened: `rows` = y's size, `cols` = x's size, row-major (entry [n, i] is ∂yₙ/∂xᵢ). */
export interface FlatJacobian {
  rows: number;
  cols: number;
  data: Float64Array;
}

const locals = new WeakMap<Tensor, Array<FlatJacobian | null>>();

/**
 * ∂node/∂node.inputs[k] (null where that input needs no gradient). Computed for all inputs at once, with one
 * backward call per element of the node, and kept for the node's lifetime.
 */
export function localJacobian(node: Tensor, k: number): FlatJacobian | null {
  let all = locals.get(node);
  if (!all) {
    all = node.inputs.map((input) =>
      input.requiresGrad && node.backwardFn
        ? { rows: node.size, cols: input.size, data: new Float64Array(node.size * input.size) }
        : null,
    );
    if (node.backwardFn) {
      for (let n = 0; n < node.size; n++) {
        const seed = NDArray.zeros(node.shape, node.dtype);
        seed.data[n] = 1;
        const grads = node.backwardFn(seed);
        all.forEach((J, k) => {
          const g = grads[k];
          if (J && g) J.data.set(g.data, n * J.cols);
        });
      }
    }
    locals.set(node, all);
  }
  return all[k];
}

/** A·B for flattened Jacobians (the chain rule: ∂f/∂x = ∂f/∂y · ∂y/∂x). */
export function chain(A: FlatJacobian, B: FlatJacobian): FlatJacobian {
  const out = new Float64Array(A.rows * B.cols);
  for (let r = 0; r < A.rows; r++) {
    for (let m = 0; m < A.cols; m++) {
      const a = A.data[r * A.cols + m];
      if (a === 0) continue;
      for (let c = 0; c < B.cols; c++) out[r * B.cols + c] += a * B.data[m * B.cols + c];
    }
  }
  return { rows: A.rows, cols: B.cols, data: out };
}

/**
 * ∂target/∂node for target itself (the identity) and every node it depends on through operations, in
 * reverse topological order, summing over the paths through several consumers. Nodes in `stopAt` receive
 * their Jacobian but the chain does not go through them: jacobiansFrom(z, new Set([W, x])) gives ∂z/∂W and
 * ∂z/∂x with the steps between them (reshapes) multiplied in.
 */
export function jacobiansFrom(target: Tensor, stopAt?: ReadonlySet<Tensor>): Map<Tensor, FlatJacobian> {
  const identity = new Float64Array(target.size * target.size);
  for (let n = 0; n < target.size; n++) identity[n * target.size + n] = 1;
  const J = new Map<Tensor, FlatJacobian>([
    [target, { rows: target.size, cols: target.size, data: identity }],
  ]);
  const order = topologicalOrder(target);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const above = J.get(node);
    if (!above || !node.backwardFn || (node !== target && stopAt?.has(node))) continue;
    node.inputs.forEach((input, k) => {
      const local = localJacobian(node, k);
      if (!local) return;
      const part = chain(above, local);
      const previous = J.get(input);
      if (previous) for (let j = 0; j < part.data.length; j++) previous.data[j] += part.data[j];
      else J.set(input, part);
    });
  }
  return J;
}

/** A flattened Jacobian as nested arrays of shape `shape` (ofShape ++ wrtShape); a number when both are scalars. */
export function nestJacobian(J: FlatJacobian, shape: readonly number[]): NestedArray {
  return NDArray.from(J.data, "float64")
    .reshape([...shape])
    .toArray();
}

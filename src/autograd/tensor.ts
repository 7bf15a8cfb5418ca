import * as nd from "../backend/nd.js";
import type { DType, FloatArray } from "../tensor/dtype.js";
import { NDArray, type NestedArray } from "../tensor/ndarray.js";
import { formatShape, type Shape, sizeOf } from "../tensor/shape.js";
import { RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { isGradEnabled } from "./grad-mode.js";
import * as ops from "./ops.js";

/** Given the gradient of the output, returns the gradient for each input (null where none is needed). */
export type BackwardFn = (grad: NDArray) => ReadonlyArray<NDArray | null>;

export type TensorLike = Tensor | NDArray | number;

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
  label?: string;
}

let nextId = 0;

/**
 * A node of the computational graph: a value (NDArray), the operation that made it, its inputs (in the
 * order the operation received them) and, after `backward`, its gradient ∂E/∂(this).
 */
export class Tensor {
  readonly id: number = nextId++;
  value: NDArray;
  /** ∂(output)/∂(this), accumulated by backward() on leaves (and on every node with retainGraph). */
  grad: NDArray | null = null;
  requiresGrad: boolean;
  label: string | undefined;
  /** "leaf" for parameters and inputs, "const" for lifted numbers, else the operation's name. */
  readonly op: string;
  inputs: Tensor[];
  backwardFn: BackwardFn | null;
  /** Operation parameters worth showing (axis, exponent, slope, ...). */
  readonly attrs: Readonly<Record<string, unknown>> | undefined;
  private freed = false;

  constructor(
    value: NDArray,
    options: TensorOptions & {
      op?: string;
      inputs?: Tensor[];
      backwardFn?: BackwardFn | null;
      attrs?: Record<string, unknown>;
    } = {},
  ) {
    this.value = options.dtype ? value.astype(options.dtype) : value;
    this.requiresGrad = options.requiresGrad ?? false;
    this.label = options.label;
    this.op = options.op ?? "leaf";
    this.inputs = options.inputs ?? [];
    this.backwardFn = options.backwardFn ?? null;
    this.attrs = options.attrs;
  }

  get shape(): readonly number[] {
    return this.value.shape;
  }
  get dtype(): DType {
    return this.value.dtype;
  }
  get data(): FloatArray {
    return this.value.data;
  }
  get size(): number {
    return this.value.size;
  }
  get rank(): number {
    return this.value.rank;
  }
  get isLeaf(): boolean {
    return this.backwardFn === null && !this.freed;
  }

  item(): number {
    return this.value.item();
  }
  toArray(): NestedArray {
    return this.value.toArray();
  }

  /** Sets .grad back to null (PyTorch's zero_grad(set_to_none=True)). */
  zeroGrad(): void {
    this.grad = null;
  }

  /** The same value, cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.value, { label: this.label });
  }

  /**
   * Reverse-mode differentiation: propagates ∂(this)/∂(node) to every node this depends on, in reverse
   * topological order, adding up the contributions of every consumer ("branches add"). A non-scalar output
   * needs an explicit seed, the gradient of some scalar with respect to it. Leaves accumulate into .grad
   * across calls (zero them between training steps). Unless retainGraph is set, the graph is freed
   * afterwards so that intermediate values can be garbage-collected.
   */
  backward(seed?: TensorLike, options: { retainGraph?: boolean } = {}): void {
    if (!this.requiresGrad) {
      throw localizedError(RetropropError, "backwardNoGrad");
    }
    let seedArray: NDArray;
    if (seed === undefined) {
      if (this.size !== 1) {
        throw localizedError(RetropropError, "backwardSeed", formatShape(this.shape));
      }
      seedArray = NDArray.full(this.shape, 1, this.dtype);
    } else {
      seedArray = nd.broadcastTo(toNDArray(seed, this.dtype).astype(this.dtype), this.shape);
    }

    const order = topologicalOrder(this);
    const grads = new Map<Tensor, NDArray>([[this, seedArray]]);
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      const g = grads.get(node);
      if (!g) continue;
      grads.delete(node);
      if (node.freed) {
        throw localizedError(RetropropError, "backwardFreed");
      }
      if (node.backwardFn === null) {
        node.grad = node.grad ? nd.add(node.grad, g) : g.clone();
        continue;
      }
      if (options.retainGraph) node.grad = node.grad ? nd.add(node.grad, g) : g.clone();
      const inputGrads = node.backwardFn(g);
      node.inputs.forEach((input, k) => {
        const gk = inputGrads[k];
        if (!input.requiresGrad || !gk) return;
        if (!gk.shape.every((d, j) => d === input.shape[j]) || gk.rank !== input.rank) {
          throw new Error(
            `internal: ${node.op} gave a gradient of shape ${formatShape(gk.shape)} for an input of shape ${formatShape(input.shape)}`,
          );
        }
        const previous = grads.get(input);
        // Accumulate with a fresh array: a backward function may hand the same array to several inputs.
        grads.set(input, previous ? nd.add(previous, gk) : gk);
      });
      if (!options.retainGraph) {
        node.inputs = [];
        node.backwardFn = null;
        node.freed = true;
      }
    }
  }

  // Method forms of the operations, for chaining: x.mul(w).add(b).sigmoid()
  add(b: TensorLike): Tensor {
    return ops.add(this, b);
  }
  sub(b: TensorLike): Tensor {
    return ops.sub(this, b);
  }
  mul(b: TensorLike): Tensor {
    return ops.mul(this, b);
  }
  div(b: TensorLike): Tensor {
    return ops.div(this, b);
  }
  pow(b: TensorLike): Tensor {
    return ops.pow(this, b);
  }
  neg(): Tensor {
    return ops.neg(this);
  }
  exp(): Tensor {
    return ops.exp(this);
  }
  log(): Tensor {
    return ops.log(this);
  }
  sqrt(): Tensor {
    return ops.sqrt(this);
  }
  abs(): Tensor {
    return ops.abs(this);
  }
  sigmoid(): Tensor {
    return ops.sigmoid(this);
  }
  tanh(): Tensor {
    return ops.tanh(this);
  }
  relu(): Tensor {
    return ops.relu(this);
  }
  matmul(b: TensorLike): Tensor {
    return ops.matmul(this, b);
  }
  transpose(perm?: readonly number[]): Tensor {
    return ops.transpose(this, perm);
  }
  reshape(shape: Shape): Tensor {
    return ops.reshape(this, shape);
  }
  sum(axes?: number | readonly number[], keepDims = false): Tensor {
    return ops.sum(this, axes, keepDims);
  }
  mean(axes?: number | readonly number[], keepDims = false): Tensor {
    return ops.mean(this, axes, keepDims);
  }
  max(axes?: number | readonly number[], keepDims = false): Tensor {
    return ops.max(this, axes, keepDims);
  }

  toString(): string {
    const name = this.label ? ` "${this.label}"` : "";
    return `Tensor${name}(${this.op}, ${formatShape(this.shape)}, ${this.dtype})`;
  }
}

/**
 * Nodes reachable from root that take part in differentiation, inputs before their consumers.
 * Iterative depth-first post-order, so deep graphs cannot overflow the call stack; inputs are visited in
 * insertion order, so the order (and every sum of gradients) is deterministic.
 */
export function topologicalOrder(root: Tensor, includeConstants = false): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>([root]);
  const stack: Array<{ node: Tensor; next: number }> = [{ node: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.node.inputs.length) {
      const input = top.node.inputs[top.next++];
      if ((includeConstants || input.requiresGrad) && !visited.has(input)) {
        visited.add(input);
        stack.push({ node: input, next: 0 });
      }
    } else {
      stack.pop();
      order.push(top.node);
    }
  }
  return order;
}

/** Records an operation's result: a graph node if any input needs a gradient (and grad mode is on). */
export function record(
  op: string,
  inputs: Tensor[],
  value: NDArray,
  backwardFn: BackwardFn,
  attrs?: Record<string, unknown>,
): Tensor {
  const tracked = isGradEnabled() && inputs.some((t) => t.requiresGrad);
  return new Tensor(value, {
    op: tracked ? op : "const",
    inputs: tracked ? inputs : [],
    backwardFn: tracked ? backwardFn : null,
    requiresGrad: tracked,
    attrs,
  });
}

export function toNDArray(x: TensorLike, dtype: DType = "float32"): NDArray {
  if (x instanceof Tensor) return x.value;
  if (x instanceof NDArray) return x;
  return NDArray.scalar(x, dtype);
}

/** Lifts numbers and NDArrays to constant graph nodes; a number takes the dtype of the tensor beside it. */
export function lift(x: TensorLike, dtype: DType = "float64"): Tensor {
  if (x instanceof Tensor) return x;
  if (x instanceof NDArray) return new Tensor(x, { op: "const" });
  return new Tensor(NDArray.scalar(x, dtype), { op: "const", label: String(x) });
}

export function tensor(values: NestedArray | FloatArray | NDArray, options: TensorOptions = {}): Tensor {
  const dtype = options.dtype ?? (values instanceof Float64Array ? "float64" : "float32");
  const value = values instanceof NDArray ? values.astype(dtype) : NDArray.from(values, dtype);
  return new Tensor(value, { requiresGrad: options.requiresGrad, label: options.label });
}

export function scalar(value: number, options: TensorOptions = {}): Tensor {
  return new Tensor(NDArray.scalar(value, options.dtype ?? "float32"), options);
}

export function zeros(shape: Shape, options: TensorOptions = {}): Tensor {
  return new Tensor(NDArray.zeros(shape, options.dtype ?? "float32"), options);
}

export function ones(shape: Shape, options: TensorOptions = {}): Tensor {
  return new Tensor(NDArray.full(shape, 1, options.dtype ?? "float32"), options);
}

export function full(shape: Shape, value: number, options: TensorOptions = {}): Tensor {
  return new Tensor(NDArray.full(shape, value, options.dtype ?? "float32"), options);
}

/** Normal(0, 1) samples from the given generator. */
export function randn(
  shape: Shape,
  rng: { normal(mean?: number, std?: number): number },
  options: TensorOptions = {},
): Tensor {
  const a = NDArray.zeros(shape, options.dtype ?? "float32");
  for (let i = 0; i < sizeOf(shape); i++) a.data[i] = rng.normal();
  return new Tensor(a, options);
}

/** Uniform [low, high) samples from the given generator. */
export function rand(
  shape: Shape,
  rng: { uniform(low?: number, high?: number): number },
  options: TensorOptions & { low?: number; high?: number } = {},
): Tensor {
  const a = NDArray.zeros(shape, options.dtype ?? "float32");
  for (let i = 0; i < sizeOf(shape); i++) a.data[i] = rng.uniform(options.low ?? 0, options.high ?? 1);
  return new Tensor(a, options);
}

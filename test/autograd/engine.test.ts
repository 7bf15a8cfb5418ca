import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as ag from "../../src/autograd/index.js";
import { NDArray } from "../../src/tensor/ndarray.js";

const f64 = { dtype: "float64" as const, requiresGrad: true };

describe("the notes' worked examples (note 001/002)", () => {
  test("f(x,y,z) = (x+y)·z at x=-2, y=5, z=-4: q=3, f=-12, ∂f/∂x=∂f/∂y=-4, ∂f/∂z=3", () => {
    const x = ag.scalar(-2, f64);
    const y = ag.scalar(5, f64);
    const z = ag.scalar(-4, f64);
    const q = ag.add(x, y);
    const f = ag.mul(q, z);
    f.backward(undefined, { retainGraph: true });
    assert.equal(q.item(), 3);
    assert.equal(f.item(), -12);
    assert.equal(x.grad?.item(), -4);
    assert.equal(y.grad?.item(), -4);
    assert.equal(z.grad?.item(), 3);
    assert.equal(q.grad?.item(), -4, "the gradient on q (kept with retainGraph)");
  });

  test("the sigmoid neuron circuit (cs231n figure of note 002): w=[2,-3,-3], x=[-1,-2]", () => {
    // By hand: w0·x0 + w1·x1 + w2 = -2 + 6 - 3 = 1; f = σ(1) = 0.7311; σ′ = σ(1-σ) = 0.19661.
    const [w0, x0, w1, x1, w2] = [2, -1, -3, -2, -3].map((v) => ag.scalar(v, f64));
    const dot = ag.add(ag.add(ag.mul(w0, x0), ag.mul(w1, x1)), w2);
    const f = ag.div(1, ag.add(1, ag.exp(ag.neg(dot))));
    f.backward();
    const s = 1 / (1 + Math.exp(-1));
    const ds = s * (1 - s);
    assert.ok(Math.abs(f.item() - 0.7310585786) < 1e-9);
    const expected: Array<[ag.Tensor, number]> = [
      [w0, -1 * ds],
      [x0, 2 * ds],
      [w1, -2 * ds],
      [x1, -3 * ds],
      [w2, ds],
    ];
    for (const [t, g] of expected) assert.ok(Math.abs((t.grad?.item() ?? Number.NaN) - g) < 1e-12);
    assert.ok(Math.abs(w0.grad!.item() - -0.2) < 0.004 && Math.abs(x0.grad!.item() - 0.39) < 0.004);
  });

  test("max routes: the larger input takes the whole gradient", () => {
    const a = ag.scalar(4, f64);
    const b = ag.scalar(2, f64);
    const m = ag.mul(ag.maximum(a, b), 3);
    m.backward();
    assert.equal(a.grad?.item(), 3);
    assert.equal(b.grad?.item(), 0);
  });
});

describe("backward", () => {
  test("a node used twice accumulates: b = a + a; c = b + b gives ∂c/∂a = 4", () => {
    const a = ag.scalar(3, f64);
    const b = ag.add(a, a);
    const c = ag.add(b, b);
    c.backward();
    assert.equal(a.grad?.item(), 4);
  });

  test("x·x gives 2x (same input on both sides of mul)", () => {
    const x = ag.scalar(5, f64);
    ag.mul(x, x).backward();
    assert.equal(x.grad?.item(), 10);
  });

  test("a 100,000-node chain does not overflow the stack", () => {
    const x = ag.scalar(0.5, f64);
    let y: ag.Tensor = x;
    for (let i = 0; i < 100_000; i++) y = ag.add(y, 1e-6);
    y.backward();
    assert.equal(x.grad?.item(), 1);
  });

  test("leaf gradients accumulate across calls until zeroGrad", () => {
    const w = ag.tensor([1, 2], f64);
    ag.sum(ag.mul(w, 3)).backward();
    ag.sum(ag.mul(w, 3)).backward();
    assert.deepEqual(w.grad?.toArray(), [6, 6]);
    w.zeroGrad();
    assert.equal(w.grad, null);
  });

  test("a non-scalar output needs a seed, and uses it", () => {
    const x = ag.tensor([1, 2, 3], f64);
    const y = ag.mul(x, x);
    assert.throws(() => y.backward(), /seed/);
    y.backward(NDArray.from([1, 0, 2], "float64"));
    assert.deepEqual(x.grad?.toArray(), [2, 0, 12]);
  });

  test("the graph is freed after backward unless retained", () => {
    const x = ag.scalar(2, f64);
    const y = ag.mul(ag.exp(x), x);
    y.backward();
    assert.equal(y.inputs.length, 0);
    assert.throws(() => y.backward(), /freed|does not depend/);
    const z = ag.mul(ag.exp(x), x);
    z.backward(undefined, { retainGraph: true });
    z.backward(undefined, { retainGraph: true });
    assert.equal(z.inputs.length, 2);
  });

  test("noGrad records nothing", () => {
    const w = ag.tensor([1, 2], f64);
    const y = ag.noGrad(() => ag.mul(w, 2));
    assert.equal(y.requiresGrad, false);
    assert.equal(y.inputs.length, 0);
    assert.equal(ag.isGradEnabled(), true);
  });

  test("constants get no gradient and inputs stay in insertion order", () => {
    const x = ag.scalar(2, f64);
    const y = ag.sub(10, x);
    assert.equal(y.inputs[0].op, "const");
    assert.equal(y.inputs[1], x);
    y.backward();
    assert.equal(x.grad?.item(), -1);
    assert.equal(y.requiresGrad, true);
  });

  test("relu′(0) = 0 and abs′(0) = 0", () => {
    const x = ag.tensor([0, 0], f64);
    ag.sum(ag.add(ag.relu(x), ag.abs(x))).backward();
    assert.deepEqual(x.grad?.toArray(), [0, 0]);
  });
});

describe("tensors and dtypes", () => {
  test("a 0-d tensor is a scalar", () => {
    const s = ag.scalar(2.5);
    assert.deepEqual(s.shape, []);
    assert.equal(s.item(), 2.5);
  });
  test("float32 stays float32; mixing with float64 promotes", () => {
    const a = ag.tensor([1, 2], { dtype: "float32" });
    const b = ag.tensor([1, 2], { dtype: "float64" });
    assert.equal(ag.add(a, 1).dtype, "float32");
    assert.equal(ag.add(a, b).dtype, "float64");
  });
  test("gradients keep the dtype of their leaf", () => {
    const a = ag.tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const b = ag.tensor([3, 4], { dtype: "float64" });
    ag.sum(ag.mul(a, b)).backward();
    assert.equal(a.grad?.dtype, "float32");
    assert.deepEqual(a.grad?.toArray(), [3, 4]);
  });
  test("broadcasting a row vector over a batch (Z = X·Wᵀ + b)", () => {
    const X = ag.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      f64,
    );
    const W = ag.tensor([[1, -1]], f64);
    const b = ag.tensor([0.5], f64);
    const Z = ag.add(ag.matmul(X, ag.transpose(W)), b);
    assert.deepEqual(Z.toArray(), [[-0.5], [-0.5]]);
    ag.sum(Z).backward();
    assert.deepEqual(b.grad?.toArray(), [2], "∇b = Σ rows of Δ");
    assert.deepEqual(W.grad?.toArray(), [[4, 6]], "∇W = Δᵀ·X");
  });
  test("stable softmax and logsumexp with huge logits stay finite", () => {
    const z = ag.tensor([[1000, 0, -1000]], f64);
    assert.ok(ag.softmax(z).value.data.every(Number.isFinite));
    assert.equal(ag.logSumExp(z).item(), 1000);
    assert.ok(ag.logSoftmax(z).value.data.every(Number.isFinite));
  });
  test("argmax and comparisons for metrics", () => {
    const z = ag.tensor([
      [0.1, 0.7, 0.2],
      [3, 1, 2],
    ]);
    assert.deepEqual(ag.argmax(z, 1).toArray(), [1, 0]);
    assert.deepEqual(ag.greater(z, 0.5).toArray(), [
      [0, 1, 0],
      [1, 1, 1],
    ]);
  });
  test("shape errors name the shapes", () => {
    assert.throws(() => ag.add(ag.zeros([2, 3]), ag.zeros([4])), /\[2,3\] and \[4\]/);
    assert.throws(() => ag.matmul(ag.zeros([2, 3]), ag.zeros([2, 3])), /do not align/);
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import * as nd from "../../src/backend/nd.js";
import { getBackend } from "../../src/backend/registry.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { naiveGemm } from "./naive-gemm.js";

describe(`backend kernels (${getBackend().name})`, () => {
  test("gemm in every layout with α, β agrees with the triple loop", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(0, 1, 0.5),
        fc.integer(),
        (m, n, k, tA, tB, beta, seed) => {
          const rng = new Random(seed);
          const rand = (len: number) => Float64Array.from({ length: len }, () => rng.uniform(-1, 1));
          const a = rand(m * k);
          const b = rand(k * n);
          const c = rand(m * n);
          const expected = naiveGemm(tA, tB, m, n, k, 1.5, a, b, beta, c);
          const got = c.slice();
          getBackend().gemm(tA, tB, m, n, k, 1.5, a, b, beta, got);
          for (let i = 0; i < got.length; i++) assert.ok(Math.abs(got[i] - expected[i]) < 1e-12);
        },
      ),
      { numRuns: 60, seed: 1 },
    );
  });

  test("broadcast add of [2,1,3] and [4,1]", () => {
    const a = NDArray.from([[[1, 2, 3]], [[4, 5, 6]]], "float64");
    const b = NDArray.from([[10], [20], [30], [40]], "float64");
    const c = nd.add(a, b);
    assert.deepEqual(c.shape, [2, 4, 3]);
    assert.deepEqual((c.toArray() as number[][][])[1][2], [34, 35, 36]);
  });

  test("sum over axes and sumTo undo broadcasting", () => {
    const x = NDArray.from(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      "float64",
    );
    assert.deepEqual(nd.sum(x, 0).toArray(), [5, 7, 9]);
    assert.deepEqual(nd.sum(x, 1, true).toArray(), [[6], [15]]);
    assert.deepEqual(nd.sumTo(x, [1, 3]).toArray(), [[5, 7, 9]]);
    assert.deepEqual(nd.sumTo(x, [3]).toArray(), [5, 7, 9]);
    assert.equal(nd.sum(x).item(), 21);
  });

  test("max with index keeps the first maximum", () => {
    const x = NDArray.from(
      [
        [1, 5, 5],
        [7, 0, 7],
      ],
      "float64",
    );
    const { values, indices } = nd.maxWithIndex(x, 1);
    assert.deepEqual(values.toArray(), [5, 7]);
    assert.deepEqual([...indices], [1, 3]);
  });

  test("transpose and softmax rows", () => {
    const x = NDArray.from(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      "float64",
    );
    assert.deepEqual(nd.transpose(x).toArray(), [
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    const s = nd.softmax(NDArray.from([[0, Math.log(3)]], "float64"));
    assert.ok(Math.abs(s.data[0] - 0.25) < 1e-15 && Math.abs(s.data[1] - 0.75) < 1e-15);
  });

  test("sigmoid is finite at ±1000 and exact at 0", () => {
    const y = nd.unary("sigmoid", NDArray.from([-1000, 0, 1000], "float64"));
    assert.deepEqual(y.toArray(), [0, 0.5, 1]);
  });
});

/**
 * Every differentiable operation against central finite differences, in float64, on random inputs and
 * shapes drawn by fast-check (broadcasting included). The last test reports how many partial derivatives
 * were compared.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import fc from "fast-check";
import * as ag from "../../src/autograd/index.js";
import type { Tensor } from "../../src/autograd/tensor.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";

let totalChecks = 0;
const RUNS = 12;

type Domain = "any" | "positive" | "awayFromZero" | "tanSafe";

function randomArray(shape: number[], rng: Random, domain: Domain): NDArray {
  const a = NDArray.zeros(shape, "float64");
  for (let i = 0; i < a.size; i++) {
    let v = rng.uniform(-2, 2);
    if (domain === "positive") v = rng.uniform(0.2, 3);
    // Kinks (relu, abs, max) are not differentiable at 0 or at ties: keep samples away from them.
    if (domain === "awayFromZero") v = (rng.next() < 0.5 ? -1 : 1) * rng.uniform(0.1, 2);
    if (domain === "tanSafe") v = rng.uniform(-1.2, 1.2);
    a.data[i] = v;
  }
  return a;
}

function check(
  name: string,
  f: (...xs: Tensor[]) => Tensor,
  shapes: number[][],
  domains: Domain[],
  seed: number,
) {
  const rng = new Random(seed);
  const inputs = shapes.map((s, i) => randomArray(s, rng, domains[i] ?? domains[0]));
  const result = ag.gradCheck(f, inputs, { eps: 1e-6, rtol: 1e-5, atol: 1e-7 });
  totalChecks += result.checks;
  assert.ok(result.ok, `${name} ${JSON.stringify(shapes)}: ${JSON.stringify(result.inputs)}`);
}

/** Random shapes of rank 0..3 with small dimensions. */
const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 });

/** A pair of shapes that broadcast: b takes a's trailing axes, some set to 1. */
const broadcastPairArb = fc
  .tuple(shapeArb, fc.array(fc.boolean(), { maxLength: 3 }), fc.integer({ min: 0, max: 3 }), fc.boolean())
  .map(([a, ones, drop, swap]) => {
    const tail = a.slice(Math.min(drop, a.length));
    const b = tail.map((d, i) => (ones[i] ? 1 : d));
    return swap ? [b, a] : [a, b];
  });

const unary: Array<[string, (x: Tensor) => Tensor, Domain]> = [
  ["neg", ag.neg, "any"],
  ["exp", ag.exp, "any"],
  ["log", ag.log, "positive"],
  ["sqrt", ag.sqrt, "positive"],
  ["abs", ag.abs, "awayFromZero"],
  ["sin", ag.sin, "any"],
  ["cos", ag.cos, "any"],
  ["tan", ag.tan, "tanSafe"],
  ["sigmoid", ag.sigmoid, "any"],
  ["tanh", ag.tanh, "any"],
  ["relu", ag.relu, "awayFromZero"],
  ["leakyRelu", (x) => ag.leakyRelu(x, 0.1), "awayFromZero"],
  // The newer activations through the table, with default and other parameters (elu has a kink at 0 for α ≠ 1).
  ["elu", (x) => ag.activation("elu", x), "any"],
  ["elu α = 0.5", (x) => ag.activation("elu", x, 0.5), "awayFromZero"],
  ["softplus", (x) => ag.activation("softplus", x), "any"],
  ["softplus β = 3", (x) => ag.activation("softplus", x, 3), "any"],
  ["gelu", (x) => ag.activation("gelu", x), "any"],
  ["silu", (x) => ag.activation("silu", x), "any"],
];

describe("gradient check: elementwise unary ops (float64)", () => {
  for (const [name, f, domain] of unary) {
    test(name, () => {
      fc.assert(
        fc.property(shapeArb, fc.integer(), (shape, seed) => check(name, f, [shape], [domain], seed)),
        { numRuns: RUNS, seed: 42 },
      );
    });
  }
});

const binary: Array<[string, (a: Tensor, b: Tensor) => Tensor, Domain[]]> = [
  ["add", ag.add, ["any"]],
  ["sub", ag.sub, ["any"]],
  ["mul", ag.mul, ["any"]],
  ["div", ag.div, ["any", "awayFromZero"]],
  ["pow", ag.pow, ["positive", "any"]],
  ["maximum", ag.maximum, ["any"]],
  ["minimum", ag.minimum, ["any"]],
];

describe("gradient check: binary ops with broadcasting (float64)", () => {
  for (const [name, f, domains] of binary) {
    test(name, () => {
      fc.assert(
        fc.property(broadcastPairArb, fc.integer(), ([a, b], seed) => check(name, f, [a, b], domains, seed)),
        { numRuns: RUNS, seed: 7 },
      );
    });
  }
  test("pow with a constant exponent (x³, x^0.5)", () => {
    check("cube", (x) => ag.pow(x, 3), [[2, 3]], ["any"], 1);
    check("sqrt-pow", (x) => ag.pow(x, 0.5), [[4]], ["positive"], 2);
  });
});

describe("gradient check: reductions", () => {
  const axesArb = shapeArb
    .filter((s) => s.length > 0)
    .chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        fc.subarray(
          shape.map((_, i) => i),
          { minLength: 1 },
        ),
        fc.boolean(),
      ),
    );
  for (const [name, f] of [
    ["sum", ag.sum],
    ["mean", ag.mean],
    ["max", ag.max],
  ] as const) {
    test(`${name} over random axes, keepDims or not`, () => {
      fc.assert(
        fc.property(axesArb, fc.integer(), ([shape, axes, keep], seed) =>
          check(name, (x) => f(x, axes, keep), [shape], ["any"], seed),
        ),
        { numRuns: RUNS, seed: 3 },
      );
    });
  }
  test("sum and mean of everything", () => {
    check("sum-all", (x) => ag.sum(x), [[3, 4]], ["any"], 5);
    check("mean-all", (x) => ag.mean(x), [[2, 2, 3]], ["any"], 6);
  });
  test("logsumexp along each axis", () => {
    for (const axis of [0, 1, -1]) {
      for (const keep of [false, true])
        check("logsumexp", (x) => ag.logSumExp(x, axis, keep), [[3, 4]], ["any"], axis + 10);
    }
  });
});

describe("gradient check: softmax family", () => {
  for (const [name, f] of [
    ["softmax", ag.softmax],
    ["logSoftmax", ag.logSoftmax],
  ] as const) {
    test(`${name} along every axis`, () => {
      fc.assert(
        fc.property(
          shapeArb.filter((s) => s.length > 0),
          fc.integer(),
          fc.integer({ min: 0, max: 2 }),
          (shape, seed, axis) => check(name, (x) => f(x, axis % shape.length), [shape], ["any"], seed),
        ),
        { numRuns: RUNS, seed: 11 },
      );
    });
  }
});

describe("gradient check: matrix and shape ops", () => {
  test("matmul of matrices, vectors and broadcast batches", () => {
    const cases: Array<[number[], number[]]> = [
      [
        [3, 4],
        [4, 2],
      ],
      [[4], [4, 3]],
      [[2, 4], [4]],
      [[4], [4]],
      [
        [2, 3, 4],
        [4, 5],
      ],
      [
        [3, 4],
        [2, 4, 2],
      ],
      [
        [2, 1, 3, 4],
        [3, 4, 2],
      ],
    ];
    cases.forEach(([a, b], i) => {
      check("matmul", ag.matmul, [a, b], ["any"], 100 + i);
    });
  });
  test("matmul on random shapes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (m, k, n, seed) =>
          check(
            "matmul",
            ag.matmul,
            [
              [m, k],
              [k, n],
            ],
            ["any"],
            seed,
          ),
      ),
      { numRuns: RUNS, seed: 5 },
    );
  });
  test("transpose (default and permutations)", () => {
    check("transpose", (x) => ag.transpose(x), [[3, 4]], ["any"], 1);
    check("transpose-perm", (x) => ag.transpose(x, [2, 0, 1]), [[2, 3, 4]], ["any"], 2);
  });
  test("reshape", () => check("reshape", (x) => ag.mul(ag.reshape(x, [4, -1]), 2), [[2, 6]], ["any"], 3));
  test("concat along axis 0 and 1", () => {
    check(
      "concat0",
      (a, b) => ag.concat([a, b], 0),
      [
        [2, 3],
        [1, 3],
      ],
      ["any"],
      4,
    );
    check(
      "concat1",
      (a, b) => ag.concat([a, b, a], 1),
      [
        [2, 3],
        [2, 2],
      ],
      ["any"],
      5,
    );
  });
  test("slice rows and columns", () => {
    check("slice0", (x) => ag.slice(x, 1, 3), [[4, 3]], ["any"], 6);
    check("slice1", (x) => ag.slice(x, 0, 2, 1), [[2, 4]], ["any"], 7);
  });
  test("gatherRows with repeated indices", () => {
    check("gather", (x) => ag.gatherRows(x, [2, 0, 2, 1]), [[3, 2]], ["any"], 8);
  });
});

describe("gradient check: compositions", () => {
  test("a dense layer with softmax cross-entropy", () => {
    const y = NDArray.from([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    check(
      "dense-cce",
      (x, w, b) =>
        ag.neg(ag.mean(ag.sum(ag.mul(ag.logSoftmax(ag.add(ag.matmul(x, ag.transpose(w)), b)), y), 1))),
      [[2, 4], [3, 4], [3]],
      ["any"],
      9,
    );
  });
  test("a value used many times (branches add)", () => {
    check("branches", (x) => ag.mul(ag.add(ag.mul(x, x), ag.sin(x)), ag.exp(x)), [[5]], ["any"], 10);
  });
});

after(() => {
  // The suite's closing lines report how many partial derivatives were compared.
  console.log(`# gradient checks: ${totalChecks} partial derivatives compared with finite differences`);
});

test("gradient checks actually ran", () => {
  assert.ok(totalChecks > 1000, `only ${totalChecks} checks`);
});

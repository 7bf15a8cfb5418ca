import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { XOR_NETWORK, xorFromGates, xorNetworkForward } from "../../src/classic/index.js";

describe("XOR from gates: (x1 ∨ x2) ∧ ¬(x1 ∧ x2)", () => {
  // [x1, x2, x1 ∨ x2, x1 ∧ x2, ¬(x1 ∧ x2), x1 ⊕ x2], typed by hand.
  const table = [
    [0, 0, 0, 0, 1, 0],
    [0, 1, 1, 0, 1, 1],
    [1, 0, 1, 0, 1, 1],
    [1, 1, 1, 1, 0, 0],
  ];

  it("the wired OR, AND, NOT units give XOR and every intermediate value", () => {
    for (const conv of ["ge", "gt"] as const) {
      for (const [x1, x2, or, and, notAnd, xor] of table) {
        assert.deepEqual(xorFromGates(x1, x2, conv), { x: [x1, x2], or, and, notAnd, output: xor });
      }
    }
  });

  it("the 2-2-1 network: hidden units OR and NAND, output AND", () => {
    assert.deepEqual(
      XOR_NETWORK.hidden.weights.map((r) => [...r]),
      [
        [10, 10],
        [-10, -10],
      ],
    );
    assert.deepEqual([...XOR_NETWORK.hidden.bias], [-5, 15]);
    // z⁽¹⁾ = W⁽¹⁾x + b⁽¹⁾ and z⁽²⁾ by hand.
    const expected = [
      { x: [0, 0], hiddenZ: [-5, 15], hidden: [0, 1], outputZ: -5, output: 0 },
      { x: [0, 1], hiddenZ: [5, 5], hidden: [1, 1], outputZ: 5, output: 1 },
      { x: [1, 0], hiddenZ: [5, 5], hidden: [1, 1], outputZ: 5, output: 1 },
      { x: [1, 1], hiddenZ: [15, -5], hidden: [1, 0], outputZ: -5, output: 0 },
    ];
    for (const e of expected) assert.deepEqual(xorNetworkForward(e.x), e);
  });
});

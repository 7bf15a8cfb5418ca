/**
 * The notes' 2-2-1 sigmoid XOR network (note 000) with the weights examples/xor/model.json types in, and the
 * XOR table: the reference data of the tests that recompute its numbers from the formulas.
 */
export const NOTES_XOR = {
  W1: [
    [0.2, -0.3],
    [0.4, 0.1],
  ],
  b1: [-0.4, 0.2],
  W2: [0.3, -0.2],
  b2: 0.1,
  X: [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  Y: [0, 1, 1, 0],
};

/** The flags that give a command this network and the XOR table (examples/xor), from the repository root. */
export const XOR_FILES = [
  "--model",
  "examples/xor/model.json",
  "--inputs",
  "examples/xor/x.json",
  "--targets",
  "examples/xor/y.json",
];

export const sigma = (z: number) => 1 / (1 + Math.exp(-z));

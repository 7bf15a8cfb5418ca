/**
 * Truth tables of the logic gates in note 004 (AND, NOR, NOT, XOR) plus OR and NAND, and the fixed
 * threshold-unit weights that compute them.
 *
 * Inputs are listed in the notes' order: x₁x₂ = 00, 01, 10, 11 (NOT: x₁ = 0, 1).
 */

export const GATE_NAMES = ["and", "or", "nand", "nor", "not", "xor"] as const;
export type GateName = (typeof GATE_NAMES)[number];

export interface Gate {
  readonly name: GateName;
  /** How the notes write it: ∧, ∨, ↓ (NOR), ¬, ⊕; NAND as ↑. */
  readonly symbol: string;
  /** One row per case: the input bits. */
  readonly inputs: readonly (readonly number[])[];
  /** The gate's output for each row of `inputs`. */
  readonly targets: readonly number[];
  /** Whether one threshold unit can compute it (all but XOR). */
  readonly linearlySeparable: boolean;
}

const TWO_INPUTS = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
] as const;

export const GATES: Readonly<Record<GateName, Gate>> = {
  and: { name: "and", symbol: "∧", inputs: TWO_INPUTS, targets: [0, 0, 0, 1], linearlySeparable: true },
  or: { name: "or", symbol: "∨", inputs: TWO_INPUTS, targets: [0, 1, 1, 1], linearlySeparable: true },
  nand: { name: "nand", symbol: "↑", inputs: TWO_INPUTS, targets: [1, 1, 1, 0], linearlySeparable: true },
  nor: { name: "nor", symbol: "↓", inputs: TWO_INPUTS, targets: [1, 0, 0, 0], linearlySeparable: true },
  not: { name: "not", symbol: "¬", inputs: [[0], [1]], targets: [1, 0], linearlySeparable: true },
  xor: { name: "xor", symbol: "⊕", inputs: TWO_INPUTS, targets: [0, 1, 1, 0], linearlySeparable: false },
};

/** Looks a gate up by name (case-insensitive); undefined when there is no such gate. */
export function gateByName(name: string): Gate | undefined {
  const key = name.toLowerCase();
  return (GATE_NAMES as readonly string[]).includes(key) ? GATES[key as GateName] : undefined;
}

/** A threshold unit with fixed weights: y = step(w·x + b). */
export interface ThresholdUnit {
  readonly weights: readonly number[];
  readonly bias: number;
}

/**
 * Hand-set threshold units for the linearly separable gates. AND (10, 10, −15), OR (10, 10, −5) and
 * NAND (−10, −10, 15) are the values of the course's companion notebook for note 004; NOR (−10, −10, 5)
 * and NOT (−10, 5) follow the same pattern (note 004's figures with its own numbers are missing from the
 * text). Every one of them leaves a margin of 5 on each case, so they work with either step convention
 * (z ≥ 0 or z > 0).
 */
export const FIXED_GATE_UNITS: Readonly<Record<Exclude<GateName, "xor">, ThresholdUnit>> = {
  and: { weights: [10, 10], bias: -15 },
  or: { weights: [10, 10], bias: -5 },
  nand: { weights: [-10, -10], bias: 15 },
  nor: { weights: [-10, -10], bias: 5 },
  not: { weights: [-10], bias: 5 },
};

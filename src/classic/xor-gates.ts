/**
 * XOR built by hand from threshold units, as note 004 writes it:
 *
 *   x₁ ⊕ x₂ = (x₁ ∨ x₂) ∧ ¬(x₁ ∧ x₂)
 *
 * `xorFromGates` wires the fixed OR, AND and NOT units of gates.ts literally and returns every
 * intermediate value. `XOR_NETWORK` is the same function as a 2-2-1 network of threshold units (the NOT
 * folded into the AND: the second hidden unit is a NAND), with W⁽ˡ⁾ units × inputs, z = W·a + b — the
 * weights of the course's companion notebook.
 */
import { FIXED_GATE_UNITS } from "./gates.js";
import { type StepConvention, step, thresholdOutput } from "./perceptron.js";

export interface XorGateValues {
  x: [number, number];
  /** x₁ ∨ x₂ */
  or: number;
  /** x₁ ∧ x₂ */
  and: number;
  /** ¬(x₁ ∧ x₂) */
  notAnd: number;
  /** (x₁ ∨ x₂) ∧ ¬(x₁ ∧ x₂) */
  output: number;
}

/** Evaluates (x₁ ∨ x₂) ∧ ¬(x₁ ∧ x₂) with the fixed OR, AND and NOT threshold units. */
export function xorFromGates(x1: number, x2: number, convention: StepConvention = "ge"): XorGateValues {
  const units = FIXED_GATE_UNITS;
  const or = thresholdOutput(units.or, [x1, x2], convention);
  const and = thresholdOutput(units.and, [x1, x2], convention);
  const notAnd = thresholdOutput(units.not, [and], convention);
  const output = thresholdOutput(units.and, [or, notAnd], convention);
  return { x: [x1, x2], or, and, notAnd, output };
}

/** A layer of threshold units: W is units × inputs, b one per unit. */
export interface ThresholdLayer {
  readonly weights: readonly (readonly number[])[];
  readonly bias: readonly number[];
}

/** XOR as a 2-2-1 threshold network: hidden units OR and NAND, output unit AND. */
export const XOR_NETWORK: { readonly hidden: ThresholdLayer; readonly output: ThresholdLayer } = {
  hidden: {
    weights: [FIXED_GATE_UNITS.or.weights, FIXED_GATE_UNITS.nand.weights],
    bias: [FIXED_GATE_UNITS.or.bias, FIXED_GATE_UNITS.nand.bias],
  },
  output: {
    weights: [FIXED_GATE_UNITS.and.weights],
    bias: [FIXED_GATE_UNITS.and.bias],
  },
};

export interface XorNetworkValues {
  x: number[];
  /** z⁽¹⁾ = W⁽¹⁾·x + b⁽¹⁾ */
  hiddenZ: number[];
  /** a⁽¹⁾ = step(z⁽¹⁾): [x₁ ∨ x₂, ¬(x₁ ∧ x₂)] */
  hidden: number[];
  /** z⁽²⁾ = W⁽²⁾·a⁽¹⁾ + b⁽²⁾ */
  outputZ: number;
  output: number;
}

function layerForward(layer: ThresholdLayer, a: readonly number[], convention: StepConvention) {
  const z = layer.weights.map((row, j) => {
    let s = layer.bias[j];
    for (let i = 0; i < row.length; i++) s += row[i] * a[i];
    return s;
  });
  return { z, a: z.map((v) => step(v, convention)) };
}

/** Forward pass of XOR_NETWORK, with the hidden units' values. */
export function xorNetworkForward(x: readonly number[], convention: StepConvention = "ge"): XorNetworkValues {
  const h = layerForward(XOR_NETWORK.hidden, x, convention);
  const o = layerForward(XOR_NETWORK.output, h.a, convention);
  return { x: [...x], hiddenZ: h.z, hidden: h.a, outputZ: o.z[0], output: o.a[0] };
}

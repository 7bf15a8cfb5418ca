/**
 * Note 001/002's sigmoid neuron circuit (cs231n's figure, which the notes' slide points to): the expression and
 * its values, as several tests evaluate it.
 */
export const SIGMOID_NEURON = {
  expression: "1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))",
  at: { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 },
} as const;

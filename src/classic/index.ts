// The notes' classic learners: threshold units and the perceptron rule, the linear neuron and the
// delta rule, XOR wired by hand from gates. Plain number arrays, independent of the autodiff engine.
export * from "./delta-rule.js";
export * from "./delta-rule-report.js";
export * from "./gates.js";
export * from "./perceptron.js";
export * from "./perceptron-report.js";
export * from "./xor-gates.js";

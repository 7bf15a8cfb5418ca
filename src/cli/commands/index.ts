import type { Command } from "commander";
import { register as registerDeltaRule } from "./delta-rule.js";
import { register as registerDemo } from "./demo.js";
import { register as registerPerceptron } from "./perceptron.js";
import { register as registerTrain } from "./train.js";

/** Every command's register function, in the order `--help` lists them. */
const commands: Array<(program: Command) => void> = [
  registerDemo,
  registerTrain,
  registerPerceptron,
  registerDeltaRule,
];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}

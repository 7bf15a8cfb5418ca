import type { Command } from "commander";
import { register as registerDeltaRule } from "./delta-rule.js";
import { register as registerDemo } from "./demo.js";
import { register as registerDerive } from "./derive.js";
import { register as registerEvaluate } from "./evaluate.js";
import { register as registerExperiment } from "./experiment.js";
import { register as registerExplain } from "./explain.js";
import { register as registerExport } from "./export.js";
import { register as registerGrad } from "./grad.js";
import { register as registerGraph } from "./graph.js";
import { register as registerPerceptron } from "./perceptron.js";
import { register as registerPlayground } from "./playground.js";
import { register as registerPredict } from "./predict.js";
import { register as registerSweep } from "./sweep.js";
import { register as registerTrain } from "./train.js";

/** Every command's register function, in the order `--help` lists them. */
const commands: Array<(program: Command) => void> = [
  registerDemo,
  registerTrain,
  registerEvaluate,
  registerPredict,
  registerPerceptron,
  registerDeltaRule,
  registerGrad,
  registerGraph,
  registerExplain,
  registerDerive,
  registerExperiment,
  registerPlayground,
  registerExport,
  registerSweep,
];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}

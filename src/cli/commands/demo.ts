import type { Command } from "commander";
import { t } from "../lang.js";
import { runTrain } from "./train.js";

export function register(program: Command): void {
  const h = t().demo;
  program
    .command("demo")
    .description(h.description)
    .option("--out <dir>", h.help.out, "retroprop-out/demo")
    .option("--epochs <n>", h.help.epochs, "1000")
    .option("--seed <n>", h.help.seed, "1")
    .option("--json", h.help.json)
    .addHelpText("after", h.help.after)
    .action(async (flags: { out: string; epochs: string; seed: string; json?: boolean }) => {
      await runTrain({
        data: "spirals",
        layers: "2,32,32,1",
        activation: "relu",
        output: "sigmoid",
        loss: "bce",
        optimizer: "adam",
        lr: "0.01",
        batch: "16",
        epochs: flags.epochs,
        seed: flags.seed,
        dtype: "float32",
        engine: "matrix",
        plot: flags.out,
        json: flags.json,
      });
    });
}

import type { Command } from "commander";
import { runTrain } from "./train.js";

const HELP_AFTER = `
Trains a 2-32-32-1 relu network with Adam on the two-spirals dataset (generated with a seed: nothing to
download), shows the progress bar, prints the result and writes the loss curve and the decision boundary as
SVG and PNG into --out. The same as:
  $ retroprop train --data spirals --layers 2,32,32,1 --activation relu --output sigmoid --loss bce \\
      --optimizer adam --lr 0.01 --batch 16 --epochs 1000 --seed 1 --plot retroprop-out/demo`;

export function register(program: Command): void {
  program
    .command("demo")
    .description("the main job: watch backprop learn two spirals, with pictures, in seconds")
    .option("--out <dir>", "where to write the figures", "retroprop-out/demo")
    .option("--epochs <n>", "passes over the data", "1000")
    .option("--seed <n>", "seed for data, weights and shuffling", "1")
    .option("--json", "make the last line one JSON object")
    .addHelpText("after", HELP_AFTER)
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

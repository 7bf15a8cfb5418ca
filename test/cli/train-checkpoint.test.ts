import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { TrainFlags } from "../../src/cli/commands/train.js";
import {
  checkpointOption,
  parseEvery,
  resumeFlags,
  saveDespiteBlowUp,
} from "../../src/cli/commands/train-checkpoint.js";
import { DIVERGING_TRAIN, runCli } from "./run-cli.js";

const work = mkdtempSync(join(tmpdir(), "retroprop-train-ckpt-"));
after(() => rmSync(work, { recursive: true, force: true }));

const XOR = [
  "train",
  "--data",
  "xor",
  "--layers",
  "2,3,1",
  "--optimizer",
  "adam",
  "--lr",
  "0.05",
  "--batch",
  "2",
  "--epochs",
  "20",
  "--quiet",
  "--json",
];
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!);

describe("train --checkpoint and --resume", () => {
  const dir = join(work, "ckpt");
  const flags = (f: Partial<TrainFlags>) =>
    ({
      data: "xor",
      optimizer: "sgd",
      batch: "32",
      epochs: "100",
      seed: "1",
      engine: "matrix",
      ...f,
    }) as TrainFlags;

  test("a run writes its checkpoint; resuming the finished run gives the same final figures at once", () => {
    const first = runCli([...XOR, "--checkpoint", dir, "--checkpoint-every", "5s"]);
    assert.equal(first.status, 0, first.stderr);
    const again = runCli(["train", "--resume", dir, "--quiet", "--json"]);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(lastJson(again.stdout).final, lastJson(first.stdout).final);
    assert.deepEqual(
      lastJson(again.stdout).history.map((h: { loss: number }) => h.loss),
      lastJson(first.stdout).history.map((h: { loss: number }) => h.loss),
    );
  });

  test("a flag that would change the result is refused with --resume, naming it and why; harmless ones pass", () => {
    const typed = (keys: string[]) => (k: string) => keys.includes(k);
    assert.throws(
      () => resumeFlags(flags({ resume: dir, lr: "0.1" }), typed(["resume", "lr"])),
      new RegExp(
        `^UsageError: --lr cannot be used with --resume: the run's configuration comes from the checkpoint in ${dir}, and another value would change the result$`,
      ),
    );
    assert.throws(
      () => resumeFlags(flags({ resume: dir, weightDecay: "0.1" }), typed(["resume", "weightDecay"])),
      /--weight-decay cannot be used with --resume/,
    );
    assert.throws(
      () => resumeFlags(flags({ resume: dir, checkpoint: "b" }), typed(["resume", "checkpoint"])),
      /--checkpoint cannot be used with --resume: a resumed run goes on writing its checkpoints to /,
    );
    // defaults (epochs, seed …) are not the user's: the checkpoint's flags win; typed harmless ones apply
    const resumed = resumeFlags(
      flags({ resume: dir, quiet: true, save: "m.json" }),
      typed(["resume", "quiet", "save"]),
    );
    assert.equal(resumed.epochs, "20");
    assert.equal(resumed.optimizer, "adam");
    assert.equal(resumed.save, "m.json");
    assert.equal(resumed.checkpoint, dir);
    assert.throws(
      () => resumeFlags(flags({ resume: join(work, "none") }), typed(["resume"])),
      /--resume .*none: no checkpoint there \(no manifest\.json\)/,
    );
  });

  test("--checkpoint refuses a folder that holds a run; --checkpoint-every needs --checkpoint and N or Ns", () => {
    assert.throws(
      () => checkpointOption(flags({ checkpoint: dir })),
      /--checkpoint .*ckpt already holds a run's checkpoint \(finished after 20 epochs\): continue it with retroprop train --resume /,
    );
    assert.throws(
      () => checkpointOption(flags({ checkpointEvery: "2" })),
      /--checkpoint-every needs --checkpoint DIR/,
    );
    assert.deepEqual(parseEvery("500s"), { steps: 500 });
    assert.equal(parseEvery("3"), 3);
    for (const bad of ["0", "0s", "s", "1.5", "-2s"])
      assert.throws(() => parseEvery(bad), /--checkpoint-every/);
  });

  test("a diverging run stops with one line naming epoch, batch and causes, its last good weights saved", () => {
    const save = join(work, "diverged.json");
    const d2 = join(work, "ckpt-diverged");
    const r = runCli([...DIVERGING_TRAIN, "--save", save, "--checkpoint", d2, "--quiet"]);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /^retroprop: training diverged: the loss became \S+ in epoch \d+, batch \d+ \(learning rate 1000\); weights were restored to the start of that epoch — usual causes: a learning rate too large, or inputs not scaled .*; last good weights saved to .*ckpt-diverged\/last-good\.json and .*diverged\.json\n$/,
    );
    const model = JSON.parse(readFileSync(save, "utf8"));
    assert.ok(model.layers.every((l: { weights: number[][] }) => l.weights.flat().every(Number.isFinite)));
    assert.ok(existsSync(join(d2, "last-good.json")));
  });

  test("a run whose loss blew up does not overwrite a model already saved there, and says so", () => {
    const blowUp = { epoch: 4, loss: 1e29, firstLoss: 0.7 };
    const existing = join(work, "better.json");
    writeFileSync(existing, "{}");
    const write = process.stderr.write;
    let said = "";
    process.stderr.write = ((s: string) => {
      said += s;
      return true;
    }) as typeof process.stderr.write;
    try {
      assert.equal(saveDespiteBlowUp(blowUp, existing), false);
      assert.equal(saveDespiteBlowUp(blowUp, join(work, "fresh.json")), true);
      assert.equal(saveDespiteBlowUp(undefined, existing), true);
    } finally {
      process.stderr.write = write;
    }
    assert.match(
      said,
      /^retroprop: warning: the loss reached 1\.00e\+29 in epoch 4, over 10⁶ times epoch 1's 0\.700; .*better\.json was kept, not overwritten/,
    );
  });
});

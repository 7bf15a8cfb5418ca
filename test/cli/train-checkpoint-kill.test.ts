/**
 * `retroprop train --checkpoint` killed with SIGKILL again and again, at seeded moments — inside checkpoint
 * writes (RETROPROP_TEST_SLOW_CHECKPOINT widens them) and between them — and resumed each time with
 * `--resume`, ends with weights whose SHA-256 is the uninterrupted run's. Three chains of kills run side by
 * side (each process spends most of its life starting up on a loaded machine).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { Random } from "../../src/tensor/random.js";
import { cliEnvironment, root } from "./run-cli.js";

const RUN = [
  "train",
  "--data",
  "moons",
  "--samples",
  "120",
  "--layers",
  "2,6,1",
  "--activation",
  "tanh",
  "--optimizer",
  "adam",
  "--lr",
  "0.02",
  "--batch",
  "8",
  "--epochs",
  "60",
  "--validation",
  "0.2",
  "--early-stopping",
  "1000",
  "--seed",
  "3",
  "--binary",
  "--quiet",
];
const CHAINS = 3;
const KILLS_PER_CHAIN = 7;

/** SHA-256 of a saved model's binary weights file. */
function weightsHash(modelPath: string): string {
  const json = JSON.parse(readFileSync(modelPath, "utf8"));
  return createHash("sha256")
    .update(readFileSync(join(modelPath, "..", json.weightsFile)))
    .digest("hex");
}

interface Attempt {
  killed: boolean;
  status: number | null;
  stderr: string;
}

/**
 * Starts `retroprop …args`; with `killAfter`, kills it (SIGKILL) once the checkpoint folder's listing has
 * changed that many times, plus `extraMs` (polled every few milliseconds: temporary files, new parts,
 * removed ones), so that kills land at every stage of a write and in the training between writes.
 */
function attempt(
  args: string[],
  dir: string,
  killAfter?: { changes: number; extraMs: number },
): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/retroprop.js", ...args], {
      cwd: root,
      env: { ...cliEnvironment(), RETROPROP_TEST_SLOW_CHECKPOINT: "12" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    let timer: NodeJS.Timeout | undefined;
    if (killAfter) {
      let last = listing(dir);
      let changes = 0;
      timer = setInterval(() => {
        const now = listing(dir);
        if (now === last) return;
        last = now;
        if (++changes < killAfter.changes) return;
        clearInterval(timer);
        setTimeout(() => {
          killed = child.kill("SIGKILL");
        }, killAfter.extraMs);
      }, 3);
    }
    child.on("error", reject);
    child.on("exit", (status) => {
      clearInterval(timer);
      resolve({ killed: killed && status === null, status, stderr });
    });
  });
}

function listing(dir: string): string {
  try {
    return readdirSync(dir).sort().join("|");
  } catch {
    return "";
  }
}

describe("train --checkpoint killed with SIGKILL and resumed", () => {
  test(`${CHAINS * KILLS_PER_CHAIN} kills at seeded moments; every chain ends with the uninterrupted run's weights`, async (t) => {
    const work = mkdtempSync(join(tmpdir(), "retroprop-kill-"));
    try {
      const alone = join(work, "alone.json");
      const left = await attempt([...RUN, "--save", alone], work);
      assert.equal(left.status, 0, left.stderr);
      const expected = weightsHash(alone);

      const rng = new Random(2024);
      const chains = Array.from({ length: CHAINS }, async (_, c) => {
        const dir = join(work, `ckpt-${c}`);
        const model = join(work, `model-${c}.json`);
        const first = [...RUN, "--save", model, "--checkpoint", dir, "--checkpoint-every", "12s"];
        const moments = Array.from({ length: KILLS_PER_CHAIN }, () => ({
          changes: 1 + rng.int(7),
          extraMs: rng.int(3) === 0 ? rng.int(40) : 0,
        }));
        let kills = 0;
        let inWrite = 0;
        for (const moment of [...moments, undefined]) {
          const resuming = existsSync(join(dir, "manifest.json"));
          const r = await attempt(resuming ? ["train", "--resume", dir, "--quiet"] : first, dir, moment);
          if (r.killed) {
            kills++;
            // a kill inside a write leaves parts no manifest names (or a temporary file) behind
            if (
              listing(dir)
                .split("|")
                .some((n) => n.endsWith(".tmp") || !isListed(dir, n))
            )
              inWrite++;
            continue;
          }
          assert.equal(r.status, 0, `chain ${c}: ${r.stderr}`);
          assert.ok(moment === undefined || kills > 0, `chain ${c}: the run ended before its kills`);
          assert.equal(weightsHash(model), expected, `chain ${c} after ${kills} kills`);
          return { kills, inWrite };
        }
        throw new Error("unreachable");
      });
      const results = await Promise.all(chains);
      const kills = results.reduce((n, r) => n + r.kills, 0);
      const inWrite = results.reduce((n, r) => n + r.inWrite, 0);
      assert.ok(kills >= 20, `only ${kills} kills landed (the run finished first)`);
      assert.ok(inWrite >= 3, `only ${inWrite} kills landed inside a checkpoint write`);
      // no temporary file outlives the run that finished, and each folder holds one checkpoint
      for (let c = 0; c < CHAINS; c++) {
        const names = readdirSync(join(work, `ckpt-${c}`));
        assert.equal(names.filter((n) => n.endsWith(".tmp")).length, 0, names.join(", "));
        assert.equal(names.filter((n) => /^state-\d+\.json$/.test(n)).length, 1, names.join(", "));
      }
      t.diagnostic(
        `${kills} kills (${inWrite} inside a checkpoint write), ${CHAINS} chains, all bit-identical`,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

/** Whether the folder's manifest names this checkpoint part (the manifest itself counts as named). */
function isListed(dir: string, name: string): boolean {
  if (name === "manifest.json" || name === "") return true;
  try {
    const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    return m.files.some((f: { name: string }) => f.name === name);
  } catch {
    return false;
  }
}

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import {
  expandTrials,
  finishedTrials,
  mergeResults,
  parseSweepSpec,
  resolveShard,
  shardTrials,
  sweepId,
  type TrialResult,
  trialArgs,
} from "../../src/experiments/sweep.js";
import { InputError } from "../../src/util/errors.js";
import { tempOut } from "./helpers.js";

const tempDir = () => tempOut("sweep");

const grid = parseSweepSpec({
  train: { data: "xor", batch: "full", weightDecay: 0.01 },
  grid: { lr: [0.1, 1], layers: ["2,2,1", "2,4,1", "2,8,1"] },
});

describe("sweep specs and trials", () => {
  test("a grid is every combination, the last option fastest, numbered from 0", () => {
    const trials = expandTrials(grid);
    assert.deepEqual(
      trials.map((t) => [t.id, t.config.lr, t.config.layers]),
      [
        [0, 0.1, "2,2,1"],
        [1, 0.1, "2,4,1"],
        [2, 0.1, "2,8,1"],
        [3, 1, "2,2,1"],
        [4, 1, "2,4,1"],
        [5, 1, "2,8,1"],
      ],
    );
  });

  test("a trial is train's flags: fixed options, the trial's, then the sweep's own", () => {
    assert.deepEqual(trialArgs(grid, expandTrials(grid)[4], "/m/trial-4.json"), [
      "train",
      "--data",
      "xor",
      "--batch",
      "full",
      "--weight-decay",
      "0.01",
      "--lr",
      "1",
      "--layers",
      "2,4,1",
      "--json",
      "--quiet",
      "--save",
      "/m/trial-4.json",
      "--lang",
      "en",
    ]);
  });

  test("a random search is reproducible from its seed and stays inside its ranges", () => {
    const spec = parseSweepSpec({
      train: { data: "xor" },
      random: {
        trials: 50,
        seed: 3,
        space: {
          lr: { logUniform: [0.001, 1] },
          momentum: { uniform: [0.5, 0.9] },
          seed: { int: [1, 4] },
          optimizer: ["sgd", "adam"],
        },
      },
    });
    const a = expandTrials(spec);
    assert.deepEqual(a, expandTrials(spec));
    assert.equal(a.length, 50);
    for (const { config } of a) {
      assert.ok((config.lr as number) >= 0.001 && (config.lr as number) <= 1);
      assert.ok((config.momentum as number) >= 0.5 && (config.momentum as number) <= 0.9);
      assert.ok([1, 2, 3, 4].includes(config.seed as number));
      assert.ok(["sgd", "adam"].includes(config.optimizer as string));
    }
    // every value of a small integer range and of a list is drawn in 50 trials
    assert.equal(new Set(a.map((t) => t.config.seed)).size, 4);
    assert.equal(new Set(a.map((t) => t.config.optimizer)).size, 2);
    const other = parseSweepSpec({ ...spec, random: { ...spec.random!, seed: 4 } });
    assert.notDeepEqual(expandTrials(other), a);
    assert.notEqual(sweepId(other), sweepId(spec));
  });

  test("shards partition the trials", () => {
    const trials = expandTrials(grid);
    const shards = [0, 1, 2].map((index) => shardTrials(trials, { index, count: 3 }).map((t) => t.id));
    assert.deepEqual(shards, [
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
  });

  const specErrors: Array<[unknown, RegExp]> = [
    [{ grid: { lr: [1] } }, /s\.json: train: expected an object/],
    [{ train: {}, grid: { lr: [1] }, random: {} }, /exactly one of "grid" and "random"/],
    [{ train: {}, grid: { lr: [] } }, /grid\.lr: expected a non-empty array/],
    [{ train: { save: "x" }, grid: { lr: [1] } }, /train\.save: --save is set by the sweep itself/],
    [{ train: { lr: 1 }, grid: { lr: [1] } }, /grid\.lr: is also fixed in "train"/],
    [
      { train: {}, random: { trials: 2, seed: 1, space: { lr: { logUniform: [0, 1] } } } },
      /random\.space\.lr: expected/,
    ],
    [{ train: {}, grid: { lr: [1] }, trails: 3 }, /trails: unknown key/],
  ];
  for (const [spec, message] of specErrors) {
    test(`bad spec: ${message.source}`, () => {
      assert.throws(
        () => parseSweepSpec(spec, "s.json"),
        (e: Error) => e instanceof InputError && message.test(e.message),
      );
    });
  }
});

describe("shards from the job runners' environments", () => {
  test("flags win; Kubernetes' JOB_COMPLETION_INDEX takes its count from --count or the spec", () => {
    assert.deepEqual(resolveShard({ index: 1, count: 3 }, { JOB_COMPLETION_INDEX: "2" }), {
      index: 1,
      count: 3,
    });
    assert.deepEqual(resolveShard({}, { JOB_COMPLETION_INDEX: "2" }, 4), { index: 2, count: 4 });
    assert.deepEqual(resolveShard({ count: 5 }, { JOB_COMPLETION_INDEX: "2" }, 4), { index: 2, count: 5 });
    assert.throws(() => resolveShard({}, { JOB_COMPLETION_INDEX: "2" }), /pass --count/);
    assert.throws(
      () => resolveShard({}, { JOB_COMPLETION_INDEX: "4" }, 4),
      /JOB_COMPLETION_INDEX 4: expected 0 <= index < 4/,
    );
  });

  test("Slurm: the task id counted from SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP", () => {
    // sbatch --array=1-3: ids 1, 2, 3 are shards 0, 1, 2 of 3
    assert.deepEqual(
      resolveShard({}, { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "3" }),
      { index: 2, count: 3 },
    );
    // sbatch --array=10-20:5: ids 10, 15, 20
    assert.deepEqual(
      resolveShard(
        {},
        {
          SLURM_ARRAY_TASK_ID: "15",
          SLURM_ARRAY_TASK_MIN: "10",
          SLURM_ARRAY_TASK_STEP: "5",
          SLURM_ARRAY_TASK_COUNT: "3",
        },
      ),
      { index: 1, count: 3 },
    );
    assert.throws(
      () => resolveShard({}, { SLURM_ARRAY_TASK_ID: "x" }),
      /SLURM_ARRAY_TASK_ID: expected a non-negative integer/,
    );
  });

  test("no runner and no flags: the whole sweep", () => {
    assert.deepEqual(resolveShard({}, {}), { index: 0, count: 1 });
    assert.throws(() => resolveShard({ count: 3 }, {}), /--count 3 needs --index/);
  });
});

describe("results files", () => {
  const line = (trial: number, status: "ok" | "failed" = "ok"): TrialResult => ({
    sweep: "abc",
    trial,
    config: { lr: trial },
    status,
    metrics: status === "ok" ? { loss: trial / 10 } : undefined,
    seconds: 1,
  });
  const text = (...rs: TrialResult[]) => rs.map((r) => `${JSON.stringify(r)}\n`).join("");

  test("a line cut short by an interruption is dropped, and cut from the file on resume", () => {
    const dir = tempDir();
    const file = join(dir, "results.jsonl");
    writeFileSync(file, `${text(line(0), line(1, "failed"))}{"sweep":"abc","tri`);
    assert.deepEqual([...finishedTrials(dir, "abc", true)], [0]);
    assert.equal(readFileSync(file, "utf8"), text(line(0), line(1, "failed")));
  });

  test("results of another spec in the folder are refused", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "results.jsonl"), text(line(0)));
    assert.throws(
      () => finishedTrials(dir, "def"),
      /holds results of another sweep spec \(abc, this one is def\)/,
    );
  });

  test("merging shards: one result per trial in trial order, an ok one over a failed one", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "results-0-of-2.jsonl"), text(line(2), line(0)));
    writeFileSync(join(dir, "results-1-of-2.jsonl"), text(line(1, "failed"), line(3), line(1)));
    assert.deepEqual(mergeResults([dir]), [line(0), line(1), line(2), line(3)]);
  });

  test("a corrupt line in the middle names the file and line", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "results.jsonl"), `${text(line(0))}{oops}\n${text(line(1))}`);
    assert.throws(() => mergeResults([dir]), /results\.jsonl:2: not a JSON line/);
  });
});

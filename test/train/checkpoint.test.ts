import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { getBackend } from "../../src/backend/registry.js";
import { loadModel } from "../../src/nn/model-file.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Adam, makeOptimizer, RMSProp, SGD } from "../../src/optim/index.js";
import { exponentialDecay, stepDecay } from "../../src/optim/schedules.js";
import type { DType } from "../../src/tensor/dtype.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import "../../src/train/checkpoint-file.js";
import {
  type Callback,
  type CheckpointOptions,
  earlyStopping,
  type FitOptions,
  fit,
  MemoryStore,
  readCheckpoint,
} from "../../src/train/index.js";
import { DivergenceError, InputError } from "../../src/util/errors.js";

/** Two noisy blobs (2 features, one 0/1 target): enough rows for several batches per epoch. */
function blobs(n: number, dtype: DType, seed = 5): { x: NDArray; y: NDArray } {
  const rng = new Random(seed);
  const x = NDArray.zeros([n, 2], dtype);
  const y = NDArray.zeros([n, 1], dtype);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    x.data[2 * i] = rng.normal(c ? 1 : -1, 0.8);
    x.data[2 * i + 1] = rng.normal(c ? -0.5 : 0.5, 0.8);
    y.data[i] = c;
  }
  return { x, y };
}

/** The run's outcome as bytes: every parameter's bits, then the history's losses. */
function outcome(model: Sequential, history: { loss: number; val_loss?: number }[]): string {
  const h = createHash("sha256");
  for (const p of model.parameters())
    h.update(new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength));
  h.update(JSON.stringify(history.map((e) => [e.loss, e.val_loss ?? null])));
  return h.digest("hex");
}

class Interrupted extends Error {}

/** Counts the updates of a run. */
function counter(): Callback & { updates: number } {
  const c = {
    updates: 0,
    onBatchEnd() {
      c.updates++;
    },
  };
  return c;
}

/** A callback that stops the run (as a kill would) after its k-th update in all. */
function interruptAfter(k: number): Callback {
  let seen = 0;
  return {
    onBatchEnd() {
      if (++seen === k) throw new Interrupted(`stopped after update ${k}`);
    },
  };
}

interface Case {
  name: string;
  dtype: DType;
  /** The options of one run; fresh objects (optimizer, callbacks) on every call. */
  options: () => FitOptions;
  every: CheckpointOptions["every"];
  /** Updates after which the run is stopped, one after another (each resumed). */
  stops: number[];
}

const cases: Case[] = [
  {
    name: "momentum SGD, a step schedule, mini-batches of 7, a checkpoint every 3 updates",
    dtype: "float32",
    options: () => ({
      loss: "bce",
      optimizer: makeOptimizer("momentum", { lr: 0.3 }),
      epochs: 6,
      batchSize: 7,
      schedule: stepDecay(2, 0.5),
    }),
    every: { steps: 3 },
    stops: [1, 5, 11, 12, 20, 29],
  },
  {
    name: "Adam, a validation split, early stopping with best weights, float64, every epoch",
    dtype: "float64",
    options: () => ({
      loss: "bce",
      optimizer: new Adam({ lr: 0.05 }),
      epochs: 12,
      batchSize: 8,
      validationSplit: 0.25,
      callbacks: [earlyStopping({ patience: 2, monitor: "val_loss", restoreBestWeights: true })],
    }),
    every: 1,
    stops: [3, 4, 17, 25],
  },
  {
    name: "RMSProp on the autograd engine, gradient clipping, exponential decay, every 2 updates",
    dtype: "float32",
    options: () => ({
      loss: "mse",
      optimizer: new RMSProp({ lr: 0.02 }),
      epochs: 5,
      batchSize: 10,
      engine: "autograd",
      clipGradNorm: 0.5,
      schedule: exponentialDecay(0.9),
    }),
    every: { steps: 2 },
    stops: [2, 3, 9, 14],
  },
  {
    name: "Nesterov online learning (batch 1), every 5 updates",
    dtype: "float64",
    options: () => ({
      loss: "mse",
      optimizer: makeOptimizer("nesterov", { lr: 0.05 }),
      epochs: 2,
      batchSize: 1,
    }),
    every: { steps: 5 },
    stops: [7, 13, 6, 11, 3],
  },
];

function model(dtype: DType, seed: number): Sequential {
  return Sequential.fromSizes({
    sizes: [2, 4, 1],
    activation: "tanh",
    output: "sigmoid",
    dtype,
    rng: new Random(seed),
  });
}

describe("checkpoints: a run stopped and resumed ends bit-identical to the run left alone", () => {
  for (const c of cases) {
    test(c.name, async () => {
      const { x, y } = blobs(30, c.dtype);
      const alone = model(c.dtype, 1);
      const total = counter();
      const plain = c.options();
      const left = await fit(alone, x, y, {
        ...plain,
        callbacks: [...(plain.callbacks ?? []), total],
        rng: new Random(9),
      });
      const expected = outcome(alone, left.history);

      const store = new MemoryStore();
      let resumed = 0;
      for (const stop of [...c.stops, null]) {
        // Each attempt starts as a new process would, with new objects; where a checkpoint exists, with other
        // seeds too, to show that weights, optimizer and generator all come from it.
        const at = readCheckpoint(store)?.manifest.globalStep;
        const seed = at === undefined ? 0 : 100 + resumed;
        const options = c.options();
        const done = counter();
        const callbacks = [
          ...(options.callbacks ?? []),
          done,
          ...(stop === null ? [] : [interruptAfter(stop)]),
        ];
        const checkpoint = { store, every: c.every, resume: true };
        try {
          const m = model(c.dtype, 1 + seed);
          const result = await fit(m, x, y, { ...options, callbacks, rng: new Random(9 + seed), checkpoint });
          assert.equal(outcome(m, result.history), expected, `after ${resumed} interruptions`);
          assert.equal(result.stopReason, left.stopReason);
          // the last attempt took only the updates after its checkpoint's
          assert.equal(done.updates, total.updates - (at ?? 0));
          assert.ok(resumed >= 3, `only ${resumed} interruptions`);
          return;
        } catch (err) {
          if (!(err instanceof Interrupted)) throw err;
          resumed++;
        }
      }
      assert.fail("the last attempt, with no interruption, did not finish");
    });
  }

  test("a finished run's checkpoint resumes to the same weights at once", async () => {
    const { x, y } = blobs(20, "float32");
    const store = new MemoryStore();
    const options = (): FitOptions => ({
      loss: "bce",
      optimizer: new Adam({ lr: 0.05 }),
      epochs: 3,
      batchSize: 6,
    });
    const a = model("float32", 1);
    const first = await fit(a, x, y, { ...options(), checkpoint: { store } });
    const b = model("float32", 2);
    const again = await fit(b, x, y, { ...options(), checkpoint: { store, resume: true } });
    assert.equal(outcome(b, again.history), outcome(a, first.history));
  });
});

describe("checkpoint files and refusals", () => {
  const options = (lr = 0.1): FitOptions => ({
    loss: "bce",
    optimizer: new SGD({ lr }),
    epochs: 3,
    batchSize: 8,
  });

  test("a folder holds one checkpoint: its manifest names the files with their SHA-256; stale files go", async () => {
    const dir = mkdtempSync(join(tmpdir(), "retroprop-ckpt-"));
    try {
      // what a killed write of another process leaves: a temporary file and a part no manifest names
      writeFileSync(join(dir, ".state-7.json.2147483646.0badf00d.tmp"), "half");
      const { x, y } = blobs(20, "float32");
      const trained = model("float32", 1);
      const first = await fit(trained, x, y, { ...options(), checkpoint: { dir, every: 1 } });
      // read back from the files (Node's Buffers), a resume of the finished run has its weights and history
      const again = model("float32", 2);
      const resumed = await fit(again, x, y, { ...options(), checkpoint: { dir, resume: true } });
      assert.equal(outcome(again, resumed.history), outcome(trained, first.history));
      const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
      assert.equal(manifest.format, "retroprop.checkpoint");
      assert.equal(manifest.backend, getBackend().name);
      assert.equal(manifest.epoch, 3);
      assert.equal(manifest.finished, true);
      for (const f of manifest.files) {
        const bytes = readFileSync(join(dir, f.name));
        assert.equal(bytes.length, f.bytes);
        assert.equal(createHash("sha256").update(bytes).digest("hex"), f.sha256);
      }
      // three epochs wrote three checkpoints; only the last one's files remain, and no temporary file
      const { readdirSync } = await import("node:fs");
      assert.deepEqual(
        readdirSync(dir).sort(),
        ["manifest.json", ...manifest.files.map((f: { name: string }) => f.name)].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("resuming with other data, another learning rate or a damaged file is refused in one line", async () => {
    const { x, y } = blobs(20, "float32");
    const store = new MemoryStore("ckpt");
    await fit(model("float32", 1), x, y, { ...options(), callbacks: [], checkpoint: { store } });
    const resume = (o: FitOptions, xx = x) =>
      fit(model("float32", 1), xx, y, { ...o, checkpoint: { store, resume: true } });
    const changed = x.clone();
    changed.data[5] += 1e-3;
    await assert.rejects(
      resume(options(), changed),
      /checkpoint ckpt: the train data differ from the checkpoint's \(same shape x 20×2, y 20×1; SHA-256 /,
    );
    await assert.rejects(
      resume(options(0.2)),
      /checkpoint ckpt: the run was started with learningRate 0\.1, this one has 0\.2; resume with the same configuration/,
    );
    await assert.rejects(
      fit(model("float32", 1), x, y, { ...options(), checkpoint: { store } }),
      /checkpoint ckpt already holds a run \(finished after 3 epochs\); pass resume: true/,
    );
    // a hand-edited state whose manifest was edited to match: one line naming the JSON path
    const edited = new MemoryStore("ckpt");
    for (const [n, b] of store.files) edited.put(n, b);
    const stateName = [...edited.files.keys()].find((n) => n.startsWith("state-"))!;
    const text = new TextDecoder()
      .decode(edited.files.get(stateName)!)
      .replace(/"params":\[[^\]]*\]/, '"params":"all"');
    const bytes0 = new TextEncoder().encode(text);
    edited.put(stateName, bytes0);
    const manifest = JSON.parse(new TextDecoder().decode(edited.files.get("manifest.json")!));
    manifest.files[0] = {
      name: stateName,
      bytes: bytes0.length,
      sha256: createHash("sha256").update(bytes0).digest("hex"),
    };
    edited.put("manifest.json", new TextEncoder().encode(JSON.stringify(manifest)));
    await assert.rejects(
      fit(model("float32", 1), x, y, { ...options(), checkpoint: { store: edited, resume: true } }),
      /^InputError: checkpoint ckpt\/state-\d+\.json: params: expected a list of array indices$/,
    );
    const name = [...store.files.keys()].find((n) => n.startsWith("tensors-"))!;
    const bytes = store.files.get(name)!;
    bytes[3] ^= 1;
    await assert.rejects(
      resume(options()),
      (err: unknown) =>
        err instanceof InputError &&
        /ckpt\/tensors-\d+\.bin: .* the checkpoint is damaged/.test(err.message) &&
        !err.message.includes("\n"),
    );
  });

  test("a diverging run stops naming epoch, batch and causes, and leaves its last good weights in the folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "retroprop-ckpt-"));
    try {
      const { x, y } = blobs(20, "float64");
      // a linear output and an η far too large: the weights grow without bound until the loss overflows
      const m = Sequential.fromSizes({
        sizes: [2, 4, 1],
        activation: "relu",
        output: "linear",
        dtype: "float64",
        rng: new Random(1),
      });
      const opts: FitOptions = {
        loss: "mse",
        optimizer: new SGD({ lr: 1e3 }),
        epochs: 50,
        batchSize: 4,
        checkpoint: { dir },
      };
      await assert.rejects(fit(m, x, y, opts), (err: unknown) => {
        assert.ok(err instanceof DivergenceError);
        assert.match(
          err.message,
          /training diverged: the loss became .* in epoch \d+, batch \d+ \(learning rate 1000\)/,
        );
        assert.match(err.message, /learning rate too large, or inputs not scaled/);
        assert.match(err.message, /last good weights saved to .*last-good\.json$/);
        return true;
      });
      assert.ok(existsSync(join(dir, "last-good.json")));
      const good = loadModel(join(dir, "last-good.json"), { dtype: "float64" });
      // the file holds the model's weights as fit left them (put back to the start of the diverging epoch)
      good
        .parameters()
        .forEach((p, i) => assert.deepEqual(Array.from(p.data), Array.from(m.parameters()[i].data)));
      assert.ok(m.parameters().every((p) => p.data.every(Number.isFinite)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

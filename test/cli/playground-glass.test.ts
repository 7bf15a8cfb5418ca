/**
 * The playground's glass box, step mode and matrix view in headless Chromium, served by `retroprop playground`:
 * for a fixed link (seed, network, dataset), after a few epochs, the step mode's δ and ∇W are those of
 * `retroprop explain --format json` run on the page's weights and the same batch, to 1e-9 relative in float64;
 * the lines the page typesets are the command's, word for word, in English and in Spanish; ∇W = Δᵀ·A and
 * ∇b = Σ rows of Δ hold for the page's matrices as written out here; the step mode's last press sets the
 * weights to w − η·∂E/∂w. Skipped where Chromium is not installed (Debian: apt install chromium).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { type ExplainDerivation, equationLine, type Step } from "../../src/explain/index.js";
import { stateFromHash } from "../../web/src/state.js";
import { chromiumSuiteSkip, playgroundInChromium } from "./playground-cli.js";
import { runCli } from "./run-cli.js";

const LIMIT = 180_000;

/** Tanh then sigmoid hidden layers (both derivative forms), a batch of 5, η = 0.3, on the exclusive or. */
const HASH = "#dataset=xor&hidden=3,2&activations=tanh,sigmoid&batchMode=minibatch&batch=5&lr=0.3&seed=11";
const BATCH = 5;
const ETA = 0.3;

type Matrix = number[][];

const evaluate = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

/** Waits until the page's derivations are those of its current weights (none still on its way). */
const settled = (page: Page, extra = "true") =>
  page.waitForFunction(
    `window.__glass.settled() && window.__glass.derivation() !== undefined && (${extra})`,
    undefined,
    {
      timeout: LIMIT,
    },
  );

/** Every typeset line in `scope` of the page, by step id: its plain-text form. */
const pageLines = (page: Page, scope: string): Promise<Record<string, string>> =>
  evaluate(
    page,
    `Object.fromEntries([...document.querySelectorAll(${JSON.stringify(`${scope} [data-step-id]`)})].map((el) => [el.dataset.stepId, el.dataset.text ?? el.textContent]))`,
  );

/** The command's lines by step id (notes by their sentence), as explain's text renderer writes each. */
function cliLines(
  d: ExplainDerivation,
  keep: (section: string, step: Step) => boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const section of d.sections)
    for (const step of section.steps)
      if (keep(section.id, step))
        out[step.id] = step.kind === "note" ? step.text : equationLine(step, "text");
  return out;
}

/** |a − b| ≤ 1e-9·|b| entry by entry (an absolute 1e-15 where b is 0). */
function assertClose(actual: Matrix, expected: Matrix, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: rows`);
  expected.forEach((row, r) =>
    row.forEach((b, c) => {
      const a = actual[r][c];
      assert.ok(Math.abs(a - b) <= Math.max(1e-9 * Math.abs(b), 1e-15), `${what}[${r}][${c}]: ${a} vs ${b}`);
    }),
  );
}

function transposeTimes(D: Matrix, A: Matrix): Matrix {
  return D[0].map((_, j) => A[0].map((_, i) => D.reduce((s, row, n) => s + row[j] * A[n][i], 0)));
}

describe("the playground's glass box, step mode and matrix view in Chromium", {
  skip: chromiumSuiteSkip(),
  timeout: 4 * LIMIT,
}, () => {
  const session = playgroundInChromium();
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "retroprop-glass-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The page's network as a model file and its batch as input and target files, for `retroprop explain`. */
  function filesFor(weights: number[][], biases: number[][], X: Matrix, Y: Matrix): string[] {
    const state = stateFromHash(HASH);
    const sizes = [state.features.length, ...state.hidden, 1];
    const activations = [...state.activations, "sigmoid"];
    const model = {
      format: "retroprop.model",
      version: 1,
      layers: activations.map((activation, l) => ({
        type: "dense",
        inputs: sizes[l],
        units: sizes[l + 1],
        activation,
        weights: Array.from({ length: sizes[l + 1] }, (_, j) =>
          weights[l].slice(j * sizes[l], (j + 1) * sizes[l]),
        ),
        bias: biases[l],
      })),
    };
    const files = ["model.json", "inputs.json", "targets.json"].map((f) => join(dir, f));
    [model, X, Y].forEach((content, k) => writeFileSync(files[k], JSON.stringify(content)));
    return [
      "--model",
      files[0],
      "--inputs",
      files[1],
      "--targets",
      files[2],
      "--loss",
      "bce",
      "--lr",
      String(ETA),
    ];
  }

  function explain(args: string[]): ExplainDerivation {
    const r = runCli(["explain", ...args, "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as ExplainDerivation;
  }

  it("the step mode's δ and ∇W are `retroprop explain --format json`'s for the page's weights and batch", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => session.errors.push(e.message));
    await page.goto(`${session.playground.url}${HASH}`, { timeout: LIMIT });
    await page.waitForFunction("window.__playground && window.__playground.epoch() === 0", undefined, {
      timeout: LIMIT,
    });
    // Three epochs first, so that the weights are the run's and not the initial ones.
    for (let k = 1; k <= 3; k++) {
      await page.click("#step");
      await page.waitForFunction(`window.__playground.epoch() === ${k}`, undefined, { timeout: LIMIT });
    }
    await page.check("#step-toggle");
    await page.check("#matrix-toggle");
    await settled(page);

    // The stages in the notes' order, one press each; each lights the neurons of its layer.
    const stages: string[] = [];
    const shown: Record<string, string> = {};
    const units: Record<string, number> = { "1": 3, "2": 2, "3": 1 };
    for (let k = 0; k < 8; k++) {
      await page.click("#stage-next");
      const stage = await evaluate<string>(page, "window.__glass.stage()");
      stages.push(stage);
      Object.assign(shown, await pageLines(page, "#stage"));
      const lit = await evaluate<number>(page, "document.querySelectorAll('.neuron.stage-on').length");
      const layer = /^(?:forward|backward)\.(\d)$/.exec(stage)?.[1];
      if (layer) assert.equal(lit, units[layer], `${stage}: the layer's neurons are lit`);
    }
    assert.deepEqual(stages, [
      "forward.1",
      "forward.2",
      "forward.3",
      "loss",
      "backward.3",
      "backward.2",
      "backward.1",
      "update",
    ]);
    assert.equal(
      await evaluate<number>(page, "document.querySelectorAll('.tex-failed').length"),
      0,
      "all typeset",
    );

    const d = await evaluate<ExplainDerivation>(page, "window.__glass.derivation()");
    const weights = await evaluate<number[][]>(page, "window.__playground.weights()");
    const biases = await evaluate<number[][]>(page, "window.__playground.biases()");
    const q = d.quantities;

    // The step's batch: the first 5 training examples (x₁, x₂ and the class, 0 or 1, of the exclusive or).
    const { X, Y } = q;
    assert.equal(X.length, BATCH);
    assert.ok(
      X.every((row) => row.length === 2) &&
        Y.every((row) => row.length === 1 && (row[0] === 0 || row[0] === 1)),
    );
    assert.deepEqual(
      q.layers.map((l) => l.W.flat()),
      weights,
      "the step's weights are the network's",
    );

    const cli = explain(filesFor(weights, biases, X, Y));
    q.layers.forEach((layer, l) => {
      assertClose(layer.delta, cli.quantities.layers[l].delta, `Δ⁽${l + 1}⁾`);
      assertClose(layer.gradW, cli.quantities.layers[l].gradW, `∇W⁽${l + 1}⁾`);
      assertClose([layer.gradB], [cli.quantities.layers[l].gradB], `∇b⁽${l + 1}⁾`);
      // The notes' matrix form, written out here: ∇W = Δᵀ·A⁽ˡ⁻¹⁾ and ∇b = Σ rows of Δ.
      const below = l === 0 ? q.X : q.layers[l - 1].A;
      assertClose(layer.gradW, transposeTimes(layer.delta, below), `Δᵀ·A of layer ${l + 1}`);
      assertClose(
        [layer.gradB],
        [layer.delta[0].map((_, j) => layer.delta.reduce((s, row) => s + row[j], 0))],
        `Σ rows of Δ of layer ${l + 1}`,
      );
    });
    // The lines: every stage's, and the matrix view's, are the command's.
    assert.deepEqual(
      shown,
      cliLines(cli, () => true),
      "the step mode's lines are explain's",
    );
    const matrices = await pageLines(page, "#matrix-view");
    assert.equal(Object.keys(matrices).length, 3 * 5, "Z, A, Δ, ∇W, ∇b of each of the three layers");
    for (const [id, text] of Object.entries(matrices))
      assert.equal(text, cliLines(cli, (_, s) => s.id === id)[id], `matrix view ${id}`);

    // The last press carries the update out: each weight becomes w − η·∂E/∂w (stored in float32).
    await page.click("#stage-next");
    await settled(page, "window.__glass.stage() === null");
    const updated = await evaluate<number[][]>(page, "window.__playground.weights()");
    assert.deepEqual(
      updated,
      cli.quantities.layers.map((l) => (l.newW as Matrix).flat().map(Math.fround)),
    );
    await page.close();
  });

  it("the glass box: one neuron's values and lines are `explain --unit --example`'s, in Spanish", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => session.errors.push(e.message));
    await page.goto(`${session.playground.url}${HASH}&lang=es`, { timeout: LIMIT });
    await page.waitForFunction("window.__playground && window.__playground.epoch() === 0", undefined, {
      timeout: LIMIT,
    });
    await settled(page);
    const batch = (await evaluate<ExplainDerivation>(page, "window.__glass.derivation()")).quantities;
    assert.equal(batch.X.length, BATCH);
    await page.check("#glass-toggle");
    await page.selectOption("#glass-example", "3");
    // Unit 2 of layer 2, reached with Tab and opened with Enter (a click would open it too).
    await page.focus('[data-neuron="2:1"]');
    await page.keyboard.press("Enter");
    await settled(page, "window.__glass.unit() !== undefined");
    assert.equal(
      await evaluate<boolean>(page, "document.getElementById('editor').hidden"),
      true,
      "no bias editor",
    );
    const lines = await pageLines(page, "#glass-box");
    const weights = await evaluate<number[][]>(page, "window.__playground.weights()");
    const biases = await evaluate<number[][]>(page, "window.__playground.biases()");
    const d = await evaluate<ExplainDerivation>(page, "window.__glass.unit()");
    const cli = explain([
      ...filesFor(weights, biases, batch.X, batch.Y),
      ...["--unit", "2,2", "--example", "3", "--lang", "es"],
    ]);
    assert.equal(d.lang, "es");
    assert.deepEqual(d.quantities.examples, [3], "example 3 of the batch");
    assert.deepEqual(d.quantities.X, [batch.X[2]]);
    assert.deepEqual(
      lines,
      cliLines(cli, (_, s) => s.kind !== "matrix"),
    );
    assert.ok(
      Object.keys(lines).some((id) => id.startsWith("backward.gradW.2.2.")),
      "each incoming ∂E/∂w",
    );
    assert.ok(Object.keys(lines).includes("backward.gradB.2.2"), "∂E/∂b");
    await page.close();
  });
});

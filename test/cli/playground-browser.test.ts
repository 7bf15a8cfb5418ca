/**
 * The playground in headless Chromium, served by `retroprop playground` as a user starts it: XOR learned to
 * 100 % test accuracy through the page's own controls; a copied link reproducing the same weights, value for
 * value, after the same number of steps; the Spanish page free of the English catalogue's strings; the keys.
 * Skipped where Chromium is not installed (Debian: apt install chromium).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { en, es } from "../../web/src/messages.js";
import { chromiumSuiteSkip, playgroundInChromium } from "./playground-cli.js";

const LIMIT = 180_000;

interface Hook {
  epoch(): number;
  weights(): number[][];
  biases(): number[][];
  playing(): boolean;
  state(): Record<string, unknown>;
}

/** Reads the page's read-only debug hook. */
const hook = <T>(page: Page, read: (h: Hook) => T): Promise<T> =>
  page.evaluate(`(${read.toString()})(window.__playground)`) as Promise<T>;

async function open(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url, { timeout: LIMIT });
  // The first snapshot (epoch 0) has arrived: the worker loaded the backend and built the network.
  await page.waitForFunction("window.__playground && window.__playground.epoch() === 0", undefined, {
    timeout: LIMIT,
  });
  return page;
}

/** Clicks "one step" n times, each time waiting for the epoch counter to move on. */
async function steps(page: Page, n: number): Promise<void> {
  for (let k = 0; k < n; k++) {
    const before = await hook(page, (h) => h.epoch());
    await page.click("#step");
    await page.waitForFunction(`window.__playground.epoch() === ${before + 1}`, undefined, {
      timeout: LIMIT,
    });
  }
}

describe("the playground in Chromium", { skip: chromiumSuiteSkip(), timeout: 4 * LIMIT }, () => {
  const session = playgroundInChromium();
  const { errors } = session;

  it("trains in a worker on the threaded wasm backend, and learns XOR to 100 % test accuracy by clicks", async () => {
    const page = await open(session.browser, session.playground.url, errors);
    await page.waitForFunction("/wasm, 2/.test(document.getElementById('backend').textContent)", undefined, {
      timeout: LIMIT,
    });
    await page.click('[data-dataset="xor"]');
    await page.waitForFunction(
      "window.__playground.state().dataset === 'xor' && window.__playground.epoch() === 0",
    );
    await page.click("#play");
    await page.waitForFunction(
      "document.getElementById('test-accuracy').textContent === '100.0 %'",
      undefined,
      {
        timeout: LIMIT,
        polling: 200,
      },
    );
    // The page answered while training: the clicks above and this pause went through the main thread.
    await page.click("#play");
    await page.waitForFunction("!window.__playground.playing()", undefined, { timeout: LIMIT });
    assert.match(page.url(), /dataset=xor/, "the dataset is in the link");
    await page.close();
  });

  it("several classes: softmax and cross-entropy learn three Gaussian blobs; the output has a unit per class", async () => {
    const page = await open(session.browser, session.playground.url, errors);
    await page.selectOption("#problem", "multiclass");
    await page.waitForFunction(
      "window.__playground.state().problem === 'multiclass' && window.__playground.epoch() === 0",
    );
    assert.equal(await page.locator('[data-neuron^="3:"]').count(), 3, "three output units");
    await page.click("#play");
    await page.waitForFunction("window.__playground.metrics().testAccuracy >= 0.95", undefined, {
      timeout: LIMIT,
      polling: 200,
    });
    await page.click("#play");
    await page.close();
  });

  it("a copied link reproduces the same weights after the same number of steps", async () => {
    const a = await open(session.browser, session.playground.url, errors);
    // Settings changed through the controls: a third hidden layer, Adam, the spiral, x₁x₂ as an extra input.
    await a.click("#add-layer");
    await a.selectOption("#optimizer", "adam");
    await a.click('[data-dataset="spiral"]');
    await a.click('[data-feature="x1x2"]');
    await a.waitForFunction(
      "window.__playground.state().features.includes('x1x2') && window.__playground.epoch() === 0",
    );
    const initial = await hook(a, (h) => h.weights());
    await steps(a, 5);
    const link = a.url();
    const weightsA = await hook(a, (h) => ({ w: h.weights(), b: h.biases(), s: h.state() }));
    assert.notDeepEqual(weightsA.w, initial, "five epochs changed the weights");
    assert.equal(weightsA.w.length, 4, "three hidden layers and the output");

    const b = await open(session.browser, link, errors);
    assert.deepEqual(await hook(b, (h) => h.weights()), initial, "the same initial weights");
    await steps(b, 5);
    const weightsB = await hook(b, (h) => ({ w: h.weights(), b: h.biases(), s: h.state() }));
    assert.deepEqual(weightsB, weightsA);

    // "Reset to the same weights" goes back to them, and the same steps again give the same weights.
    await b.click("#rewind");
    await b.waitForFunction("window.__playground.epoch() === 0");
    assert.deepEqual(await hook(b, (h) => h.weights()), initial);
    await steps(b, 5);
    assert.deepEqual(await hook(b, (h) => h.weights()), weightsA.w);
    await a.close();
    await b.close();
  });

  it("the Spanish page shows no string of the English catalogue", async () => {
    const page = await open(session.browser, session.playground.url, errors);
    await page.selectOption("#lang", "es");
    await page.waitForFunction("document.documentElement.lang === 'es' && window.__playground.epoch() === 0");
    // A weight's editor open too, so that its strings are on the page.
    await page.click('[data-neuron="1:0"]');
    // Everything a reader or a screen reader meets: the visible text, every option, labels and tooltips.
    const text = (await page.evaluate(`(() => {
      const parts = [document.body.innerText, document.title];
      for (const el of document.querySelectorAll("*")) {
        for (const attr of ["aria-label", "title"]) if (el.getAttribute(attr)) parts.push(el.getAttribute(attr));
        if (el.tagName === "OPTION") parts.push(el.text);
      }
      return parts.join("\\n");
    })()`)) as string;
    const english = (Object.keys(en) as (keyof typeof en)[])
      .filter((k) => en[k] !== es[k]) // names that are the same in both (ReLU, Adam, L1)
      .filter((k) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(en[k])}($|[^\\p{L}])`, "u").test(text))
      .map((k) => `${k}: "${en[k]}"`);
    assert.deepEqual(english, []);
    // And the Spanish strings are there.
    for (const k of [
      "learningRate",
      "epoch",
      "batchMode",
      "regularization",
      "trainLoss",
      "testLoss",
    ] as const)
      assert.ok(text.includes(es[k]), es[k]);
    await page.close();
  });

  it("a weight and a bias edited through their editors are the values the network then holds", async () => {
    const page = await open(session.browser, `${session.playground.url}#hidden=3&seed=4`, errors);
    // w₂₁⁽¹⁾ (unit 2 of layer 1, input 1): W⁽¹⁾ is units × inputs, so index 1·2 + 0 of layer 0's weights.
    await page.focus('[data-link="0:1:0"]');
    await page.keyboard.press("Enter");
    await page.fill("#edit-value", "0.5");
    await page.keyboard.press("Enter");
    await page.waitForFunction("window.__playground.weights()[0][2] === 0.5");
    await page.click('[data-neuron="2:0"]'); // the output unit: its bias b₁⁽²⁾
    await page.fill("#edit-value", "-1.25");
    await page.click("#editor button[type=submit]");
    await page.waitForFunction("window.__playground.biases()[1][0] === -1.25");
    await page.close();
  });

  it("keys: Space plays and pauses, S steps; every control is reached with Tab", async () => {
    const page = await open(session.browser, session.playground.url, errors);
    await page.locator("body").press("s");
    await page.waitForFunction("window.__playground.epoch() === 1");
    await page.locator("body").press(" ");
    await page.waitForFunction("window.__playground.playing()");
    await page.locator("body").press(" ");
    await page.waitForFunction("!window.__playground.playing()");
    const reached = new Set<string>();
    for (let k = 0; k < 120; k++) {
      await page.keyboard.press("Tab");
      const id = (await page.evaluate(`(() => {
        const el = document.activeElement;
        return el?.id || el?.dataset?.dataset || el?.dataset?.neuron || el?.dataset?.link || el?.tagName || "";
      })()`)) as string;
      reached.add(id);
    }
    for (const id of [
      "lang",
      "play",
      "step",
      "reset",
      "rewind",
      "lr",
      "optimizer",
      "batch-mode",
      "reg",
      "problem",
      "xor",
      "noise",
      "seed",
      "add-layer",
      "act-0",
      "1:0",
      "0:0:0",
    ])
      assert.ok(reached.has(id), `Tab reaches ${id} (reached: ${[...reached].join(", ")})`);
    await page.close();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

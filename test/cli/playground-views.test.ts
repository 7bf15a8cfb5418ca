/**
 * The playground's views beside the network page, in headless Chromium, served by `retroprop playground`:
 * the computational graph of note 001's first circuit with the note's gradients, the perceptron learning AND
 * and failing on XOR, the delta rule's first update on the cafeteria against a hand computation, the Spanish
 * page's wording, and the pages at phone and laptop width. Expected values are written out here from the notes,
 * not read from retroprop. Skipped where Chromium is not installed (Debian: apt install chromium).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { chromiumSuiteSkip, playgroundInChromium } from "./playground-cli.js";

const LIMIT = 180_000;

/** Opens the page at `hash` and waits for the network's first snapshot (the page is up, its worker too). */
async function open(browser: Browser, url: string, errors: string[], width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url, { timeout: LIMIT });
  await page.waitForFunction("window.__playground && window.__playground.epoch() === 0", undefined, {
    timeout: LIMIT,
  });
  return page;
}

const text = (page: Page, selector: string): Promise<string> =>
  page.$eval(selector, (el) => (el.textContent ?? "").trim());

/** The page's numbers use "-" for minus (formatNumber); Number() reads them. */
const numberAt = async (page: Page, selector: string): Promise<number> => Number(await text(page, selector));

describe("the playground's views in Chromium", { skip: chromiumSuiteSkip(), timeout: 4 * LIMIT }, () => {
  const run = playgroundInChromium();

  it("the graph view of (x + y)·z at x = −2, y = 5, z = −4 shows note 001's value and gradients", async () => {
    const page = await open(run.browser, `${run.playground.url}#view=graph&expr=x*y`, run.errors);
    await page.waitForSelector('[data-gradient="y"]', { timeout: LIMIT });
    // Typed as a user would: the expression, then each variable's value in the fields the page makes for them.
    await page.fill("#graph-expr", "(x + y) * z");
    await page.waitForSelector("#graph-at-z");
    await page.fill("#graph-at-x", "-2");
    await page.fill("#graph-at-y", "5");
    await page.fill("#graph-at-z", "-4");
    await page.waitForFunction(
      "document.querySelector('[data-gradient=\"x\"]')?.textContent === '-4' && document.querySelector('[data-value=\"f\"]')?.textContent === '-12'",
      undefined,
      { timeout: LIMIT },
    );
    // Note 001: q = x + y = 3, f = q·z = −12; ∂f/∂z = q = 3, ∂f/∂q = z = −4, and the sum passes it on:
    // ∂f/∂x = ∂f/∂y = −4.
    const q = -2 + 5;
    assert.equal(await numberAt(page, '[data-value="f"]'), q * -4);
    assert.equal(await numberAt(page, '[data-gradient="x"]'), -4);
    assert.equal(await numberAt(page, '[data-gradient="y"]'), -4);
    assert.equal(await numberAt(page, '[data-gradient="z"]'), q);
    // The circuit is drawn, with the values and gradients on its wires.
    const svgText = await page.$eval(".graph-svg svg", (svg) => svg.textContent ?? "");
    for (const v of ["-2", "5", "-4", "3", "-12"]) assert.ok(svgText.includes(v), `${v} on the circuit`);
    // The node table has the report's five nodes: x, y, x + y, z and the product.
    assert.equal(await page.$$eval("table.graph-nodes tbody tr", (rows) => rows.length), 5);
    // The link holds the expression and the values: opened again, it shows the same.
    const link = page.url();
    const hash = new URLSearchParams(new URL(link).hash.slice(1));
    assert.equal(hash.get("expr"), "(x + y) * z");
    assert.deepEqual(
      ["at.x", "at.y", "at.z"].map((k) => hash.get(k)),
      ["-2", "5", "-4"],
    );
    const again = await open(run.browser, link, run.errors);
    await again.waitForSelector('[data-gradient="z"]', { timeout: LIMIT });
    assert.equal(await numberAt(again, '[data-gradient="z"]'), q);
    await again.close();
    // A mistake is one line, and says where.
    await page.fill("#graph-expr", "(x + ");
    await page.waitForFunction("document.getElementById('graph-status').textContent !== ''");
    const message = await text(page, "#graph-status");
    assert.match(message, /syntax error at char \d+/);
    assert.ok(!message.includes("\n"), message);
    await page.fill("#graph-expr", "log(x)");
    await page.fill("#graph-at-x", "-1");
    await page.waitForFunction("/undefined/.test(document.getElementById('graph-status').textContent)");
    await page.close();
  });

  it("the perceptron learns AND (its last weights compute the truth table) and reports XOR's failure", async () => {
    const page = await open(run.browser, `${run.playground.url}#view=perceptron`, run.errors);
    await page.click('[data-gate="and"]');
    await page.waitForSelector('#perceptron-verdict[data-converged="true"]', { timeout: LIMIT });
    // The verdict gives the final w and b; with them, φ(w·x + b) (φ = 1 when z ≥ 0) must be AND's column.
    const verdict = await text(page, "#perceptron-verdict");
    const m = /w = \((-?[\d.]+), (-?[\d.]+)\), b = (-?[\d.]+)/.exec(verdict);
    assert.ok(m, verdict);
    const [w1, w2, b] = m.slice(1).map(Number);
    const AND: [number, number, number][] = [
      [0, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
      [1, 1, 1],
    ];
    for (const [x1, x2, t] of AND) assert.equal(w1 * x1 + w2 * x2 + b >= 0 ? 1 : 0, t, `AND(${x1}, ${x2})`);
    // The first update by hand (note 004's rule from w = (0, 0), b = 0, η = 1): case (0, 0), t = 0:
    // z = 0 → ŷ = φ(0) = 1, t − ŷ = −1, w ← (0, 0) + 1·(−1)·(0, 0) = (0, 0), b ← 0 + 1·(−1) = −1.
    await page.evaluate(`(() => {
      const slider = document.getElementById("perceptron-update");
      slider.value = "1";
      slider.dispatchEvent(new Event("input"));
    })()`);
    assert.match(await text(page, "#perceptron-counter"), /^Update 1 \/ \d+$/);
    const rows = await page.$$eval(".perceptron-numbers tr", (trs) =>
      trs.map((tr) => [tr.querySelector("th")?.textContent ?? "", tr.querySelector("td")?.textContent ?? ""]),
    );
    const row = (label: string) => rows.find(([th]) => th === label)?.[1] ?? `(no row ${label})`;
    assert.match(row("z = w·x + b"), /= 0$/);
    assert.match(row("ŷ = φ(z)"), /^1 /);
    assert.equal(row("t − ŷ"), "0 − 1 = -1");
    assert.match(row("w ← w + η(t − ŷ)x"), /= \(0, 0\)$/);
    assert.match(row("b ← b + η(t − ŷ)"), /= -1$/);
    // The slider walks to the next update.
    await page.click("#perceptron-next");
    assert.match(await text(page, "#perceptron-counter"), /^Update 2 \//);
    // Play walks on by itself, the line moving with each update; a second press stops it.
    await page.click("#perceptron-play");
    await page.waitForFunction(
      "/^Update [4-9]/.test(document.getElementById('perceptron-counter').textContent)",
    );
    await page.click("#perceptron-play");
    assert.equal(await page.getAttribute("#perceptron-play", "aria-pressed"), "false");
    // XOR: every epoch up to the limit makes a mistake, and the page says why.
    await page.click('[data-gate="xor"]');
    await page.waitForSelector('#perceptron-verdict[data-converged="false"]', { timeout: LIMIT });
    assert.match(await text(page, "#perceptron-verdict"), /100 epochs.*not linearly separable/s);
    assert.match(page.url(), /gate=xor/);
    await page.close();
  });

  it("the delta rule's first update on the cafeteria equals the hand computation", async () => {
    const page = await open(run.browser, `${run.playground.url}#view=delta`, run.errors);
    await page.waitForSelector('tr[data-update="1"]', { timeout: LIMIT });
    // Note 003: 5 coffees, 2 juices, 3 toasts cost t = 850; every price starts at 50, η = 1/35.
    const x = [5, 2, 3];
    const t = 850;
    const w0 = [50, 50, 50];
    const eta = 1 / 35;
    const y = x[0] * w0[0] + x[1] * w0[1] + x[2] * w0[2]; // 500
    const r = t - y; // 350
    const dw = x.map((xi) => eta * xi * r); // (50, 20, 30)
    const w1 = w0.map((w, i) => w + dw[i]); // (100, 70, 80)
    const E1 = 0.5 * (t - (x[0] * w1[0] + x[1] * w1[1] + x[2] * w1[2])) ** 2; // ½(850 − 880)² = 450
    const cell = (col: string) => text(page, `tr[data-update="1"] td[data-col="${col}"]`);
    assert.equal(Number(await cell("y")), y);
    assert.equal(Number(await cell("residual")), r);
    const tuple = async (col: string) => (await cell(col)).replace(/[()]/g, "").split(", ").map(Number);
    const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) < 1e-4);
    assert.ok(close(await tuple("delta"), dw), `Δw ${await cell("delta")}`);
    assert.ok(close(await tuple("w"), w1), `w ${await cell("w")}`);
    assert.ok(Math.abs(Number(await cell("E")) - E1) < 1e-3, `E ${await cell("E")}`);
    // The derivation is `delta-rule --explain`'s text, with the same update written out.
    assert.match(await text(page, "pre.derivation"), /t − y\s+= 850 − 500 = 350/);
    // A bad learning rate is one line in the page, not a stack trace.
    await page.fill("#delta-deltaLr", "fast");
    await page.press("#delta-deltaLr", "Enter");
    await page.waitForFunction("document.getElementById('delta-status')?.textContent !== ''");
    const message = await text(page, "#delta-status");
    assert.match(message, /"fast" is not a positive number/);
    assert.ok(!message.includes("\n"));
    await page.close();
  });

  it("in Spanish: the tabs, 'sen x₁' as the notes write it, and the views' words", async () => {
    const page = await open(run.browser, `${run.playground.url}#lang=es`, run.errors);
    const features = await page.$$eval(".feature", (els) => els.map((el) => el.textContent?.trim()));
    assert.ok(features.includes("sen x₁") && features.includes("sen x₂"), features.join(" | "));
    assert.ok(!features.some((f) => f?.startsWith("sin ")), features.join(" | "));
    assert.deepEqual(await page.$$eval("nav.views button", (bs) => bs.map((b) => b.textContent)), [
      "Red",
      "Grafo computacional",
      "Perceptrón",
      "Regla delta",
    ]);
    await page.click("#tab-perceptron");
    await page.click('[data-gate="xor"]');
    await page.waitForSelector('#perceptron-verdict[data-converged="false"]');
    assert.match(await text(page, "#perceptron-verdict"), /no es linealmente separable/);
    await page.click("#tab-network");
    assert.doesNotMatch(page.url(), /view=/);
    assert.ok(await page.isVisible("#play"), "the network page is back");
    await page.close();
  });

  for (const width of [390, 1280]) {
    it(`at ${width} px wide: no page wider than the screen, and the activation select shows its longest option`, async () => {
      const page = await open(
        run.browser,
        `${run.playground.url}#lang=es&activations=tanh,tanh`,
        run.errors,
        width,
      );
      // A select is as wide as its longest option unless a style narrows it: compare with an unstyled copy.
      // (Beside the original, so that the same font rules apply.)
      const [shown, natural] = (await page.evaluate(`(() => {
        const select = document.getElementById("act-0");
        const copy = select.cloneNode(true);
        copy.removeAttribute("id");
        copy.style.cssText = "max-width: none; width: max-content; position: absolute; visibility: hidden";
        select.after(copy);
        const widths = [select.offsetWidth, copy.offsetWidth];
        copy.remove();
        return widths;
      })()`)) as [number, number];
      assert.ok(shown >= natural, `select ${shown} px wide, its longest option needs ${natural} px`);
      for (const view of ["network", "graph", "perceptron", "delta"]) {
        await page.click(`#tab-${view}`);
        if (view !== "network")
          await page.waitForSelector(`section.view[data-view="${view}"] h2`, { timeout: LIMIT });
        await page.waitForTimeout(200);
        const overflow = (await page.evaluate(
          "document.documentElement.scrollWidth - window.innerWidth",
        )) as number;
        assert.ok(overflow <= 0, `${view}: the page is ${overflow} px wider than the ${width} px screen`);
      }
      await page.close();
    });
  }
});

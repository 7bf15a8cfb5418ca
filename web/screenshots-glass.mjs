// Screenshots of the glass box, the step mode and the matrix view for docs/playground.md, in English and Spanish:
// `npm run build && node web/screenshots-glass.mjs [outDir]` (default docs/figures). Starts `retroprop
// playground`, drives Debian's Chromium, trains a fixed number of epochs with the S key (so the pictures are the
// same every time), opens one view and writes playground-{glass,step,matrix}-{en,es}.png.
import { resolve } from "node:path";
import { root, startScreenshots } from "./screenshot-harness.mjs";

const out = resolve(process.argv[2] ?? `${root}docs/figures`);
const HASH = "#dataset=xor&hidden=3,2&batch=4&lr=0.1&seed=5";
const { url, browser, stop } = await startScreenshots();
const settled = "window.__glass.settled() && window.__glass.derivation() !== undefined";

async function view(name, lang, act) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(`${url}${HASH}&lang=${lang}`);
  await page.waitForFunction("window.__playground && window.__playground.epoch() === 0", undefined, {
    timeout: 120_000,
  });
  for (let k = 0; k < 30; k++) {
    await page.keyboard.press("s");
    await page.waitForFunction(`window.__playground.epoch() === ${k + 1}`);
  }
  await page.waitForFunction(settled);
  await act(page);
  await page.waitForFunction(settled);
  await page.waitForTimeout(300);
  const path = `${out}/playground-${name}-${lang}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`wrote ${path}`);
  await page.close();
}

try {
  for (const lang of ["en", "es"]) {
    // The glass box on unit 1 of hidden layer 1, for example 2 of the step's batch.
    await view("glass", lang, async (page) => {
      await page.check("#glass-toggle");
      await page.selectOption("#glass-example", "2");
      await page.waitForFunction(settled);
      await page.click('[data-neuron="1:0"]');
      await page.waitForFunction("window.__glass.unit() !== undefined");
    });
    // The step mode at the backward pass of hidden layer 2 (stage 6 of 8), on the whole batch.
    await view("step", lang, async (page) => {
      await page.check("#step-toggle");
      for (let k = 0; k < 6; k++) await page.click("#stage-next");
    });
    await view("matrix", lang, async (page) => {
      await page.check("#matrix-toggle");
    });
  }
} finally {
  await stop();
}

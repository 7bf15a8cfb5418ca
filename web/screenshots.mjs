// Screenshots of the playground for docs/playground.md: `npm run build && node web/screenshots.mjs [outDir]`
// (default docs/figures). Starts `retroprop playground`, drives Debian's Chromium, trains each view a fixed
// number of epochs by clicking "one step" (so the pictures are the same every time), and writes PNGs.
import { existsSync } from "node:fs";
// RETROPROP_SHOTS=upload,mnist,… makes only those pictures.
import { resolve } from "node:path";
import { root, startScreenshots } from "./screenshot-harness.mjs";

const out = resolve(process.argv[2] ?? `${root}docs/figures`);

// The data root for the CSV and MNIST views (../shared/datasets beside the repository, as in CI).
const datasets = resolve(root, "../shared/datasets");
const dataArgs = existsSync(datasets) ? ["--data-dir", datasets] : [];
const { url, browser, stop } = await startScreenshots(dataArgs);

const only = process.env.RETROPROP_SHOTS?.split(",");

async function view(name, hash, { width = 1280, height = 860, epochs = 0, act, selector } = {}) {
  if (only && !only.includes(name)) return;
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  await page.goto(`${url}${hash}`);
  await page.waitForFunction("window.__playground && window.__playground.epoch() === 0", undefined, {
    timeout: 120_000,
  });
  for (let k = 0; k < epochs; k++) {
    await page.keyboard.press("s");
    await page.waitForFunction(`window.__playground.epoch() === ${k + 1}`);
  }
  if (act) await act(page);
  await page.waitForTimeout(300);
  const path = `${out}/playground-${name}.png`;
  if (selector) await page.locator(selector).screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
  console.log(`wrote ${out}/playground-${name}.png`);
  await page.close();
}

try {
  await view(
    "en",
    "#dataset=spiral&features=x1,x2,sinx1,sinx2&hidden=8,8,4&activations=tanh,tanh,tanh&lr=0.03&optimizer=adam&seed=3",
    { epochs: 200 },
  );
  await view("es", "#dataset=xor&hidden=4,2&lang=es&seed=1", { epochs: 150 });
  await view(
    "regression",
    "#problem=regression&dataset=multigauss&hidden=6,4&lr=0.01&optimizer=adam&seed=2",
    { epochs: 150 },
  );
  await view("multiclass", "#problem=multiclass&dataset=blobs4&hidden=4,4&seed=2", { epochs: 100 });
  await view("edit", "#dataset=circle&features=x1,x2&hidden=3&seed=1&lang=es", {
    epochs: 40,
    act: async (page) => {
      await page.focus(`[data-link="0:1:0"]`);
      await page.keyboard.press("Enter");
    },
  });
  await view(
    "spiral3",
    "#problem=multiclass&dataset=spiral3&features=x1,x2,sinx1,sinx2&hidden=8,8&optimizer=adam&seed=1",
    {
      epochs: 150,
    },
  );
  if (dataArgs.length > 0) {
    // iris, petal length and width only: three classes over the plane of two standardised features.
    await view("upload", "#hidden=4&optimizer=adam&seed=1", {
      selector: "main",
      act: async (page) => {
        await page.setInputFiles("#csv-file", `${datasets}/iris/iris.csv`);
        await page.waitForFunction("window.__playground.upload()?.features.length === 4");
        await page.uncheck("#csv-feature-0");
        await page.uncheck("#csv-feature-1");
        await page.waitForFunction("window.__playground.upload()?.features.length === 2");
        for (let k = 0; k < 100; k++) await page.keyboard.press("s");
        await page.waitForFunction("window.__playground.epoch() === 100");
      },
    });
    await view("mnist", "#lang=es&seed=1", {
      height: 900,
      act: async (page) => {
        await page.click("#mnist-train");
        await page.waitForFunction("window.__mnist.trained() !== undefined", undefined, { timeout: 300_000 });
        const pad = await page.locator("#mnist-pad").boundingBox();
        // A seven: the top bar, then the diagonal down to the left.
        const at = (x, y) => page.mouse.move(pad.x + pad.width * x, pad.y + pad.height * y, { steps: 8 });
        await at(0.25, 0.2);
        await page.mouse.down();
        await at(0.75, 0.2);
        await at(0.45, 0.85);
        await page.mouse.up();
        await page.waitForFunction("window.__mnist.outputs().length === 10");
      },
      selector: "#mnist",
    });
  }
  await view("phone", "#dataset=moons&hidden=4,4&seed=1&lang=es", { width: 390, height: 844, epochs: 60 });
  // The views beside the network page (web/src/views).
  const shown = (selector) => async (page) =>
    void (await page.waitForSelector(selector, { timeout: 120_000 }));
  await view("graph", "#view=graph&expr=(x %2B y) * z&at.x=-2&at.y=5&at.z=-4", {
    height: 700,
    act: shown('[data-gradient="z"]'),
  });
  await view(
    "graph-es",
    "#lang=es&view=graph&expr=1 / (1 %2B exp(-(w0*x0 %2B w1*x1 %2B w2)))&at.w0=2&at.x0=-1&at.w1=-3&at.x1=-2&at.w2=-3",
    {
      act: shown('[data-gradient="w0"]'),
    },
  );
  await view("perceptron", "#view=perceptron&gate=and", {
    height: 640,
    act: async (page) => {
      // Halfway through: the line moving, the update's numbers beside it.
      await page.evaluate(`(() => {
        const slider = document.getElementById("perceptron-update");
        slider.value = "9";
        slider.dispatchEvent(new Event("input"));
      })()`);
    },
  });
  await view("perceptron-xor", "#lang=es&view=perceptron&gate=xor", { height: 640 });
  await view("delta", "#view=delta&weeks=4&deltaEpochs=2&deltaLr=0.01", {
    act: shown('tr[data-update="1"]'),
  });
  await view("delta-phone", "#lang=es&view=delta", {
    width: 390,
    height: 844,
    act: shown('tr[data-update="1"]'),
  });
} finally {
  await stop();
}

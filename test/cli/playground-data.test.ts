/**
 * The playground's own data and files in headless Chromium, as a user drives it (issue 12): a CSV picked in the
 * page trains (iris, four features: at least 90 % test accuracy); a bad CSV gets the parser's line and column;
 * the exported model file (JSON, and ONNX) gives `retroprop predict --model` the page's outputs, and loads back
 * into the page, as PyTorch's ONNX does;
 * MNIST trains on a few hundred examples from the server's data root and a drawn digit shows ten outputs.
 * Skipped where Chromium or ../shared/datasets is missing.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { chromiumSuiteSkip, playgroundInChromium } from "./playground-cli.js";
import { root, runCli } from "./run-cli.js";

const datasets = join(root, "../shared/datasets");
const iris = join(datasets, "iris/iris.csv");
const LIMIT = 180_000;

/** Iris's rows as numbers: four measurements and the class (the file's own text, read here). */
const irisRows = () =>
  readFileSync(iris, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",").map(Number));

async function open(browser: Browser, url: string, errors: string[], hash = ""): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${url}${hash}`, { timeout: LIMIT });
  await page.waitForFunction("window.__playground && window.__playground.epoch() === 0", undefined, {
    timeout: LIMIT,
  });
  return page;
}

describe("the playground's own data, files and MNIST in Chromium", {
  skip: chromiumSuiteSkip() || (!existsSync(iris) && "no ../shared/datasets"),
  timeout: 7 * LIMIT,
}, () => {
  const session = playgroundInChromium(["--data-dir", datasets]);
  const { errors } = session;
  const dir = mkdtempSync(join(tmpdir(), "retroprop-pdata-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  /** A new page of the suite's playground at a link's hash. */
  const openAt = (hash = "") => open(session.browser, session.playground.url, errors, hash);

  it("iris picked as a CSV trains three classes to at least 90 % test accuracy; two features draw the plane", async () => {
    const page = await openAt("#optimizer=adam&lr=0.03&hidden=4&seed=1");
    await page.setInputFiles("#csv-file", iris);
    await page.waitForFunction(
      "window.__playground.upload()?.features.length === 4 && window.__playground.epoch() === 0",
      undefined,
      { timeout: LIMIT },
    );
    // iris's scikit-learn header names the classes; softmax has one output unit per class.
    assert.deepEqual(await page.evaluate("window.__playground.upload().classes"), [
      "setosa",
      "versicolor",
      "virginica",
    ]);
    assert.equal(await page.evaluate("window.__playground.state().problem"), "multiclass");
    assert.equal(await page.locator('[data-neuron^="2:"]').count(), 3, "three output units");
    assert.equal(await page.locator("canvas.heatmap").isVisible(), false, "no plane for four features");
    assert.doesNotMatch(page.url(), /iris/, "the file is not in the link");
    await page.click("#play");
    await page.waitForFunction("window.__playground.metrics().testAccuracy >= 0.9", undefined, {
      timeout: LIMIT,
      polling: 200,
    });
    await page.click("#play");
    // Petal length and width only (columns 3 and 4): the output is drawn over their plane.
    await page.uncheck("#csv-feature-0");
    await page.uncheck("#csv-feature-1");
    await page.waitForFunction("window.__playground.upload()?.features.length === 2", undefined, {
      timeout: LIMIT,
    });
    assert.equal(await page.locator("canvas.heatmap").isVisible(), true);
    await page.close();
  });

  it("a bad field is refused with its file, line and column, in one line", async () => {
    const page = await openAt();
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "a,b,kind\n1,2,x\n3,oops,y\n5,6,x\n");
    await page.setInputFiles("#csv-file", bad);
    const error = page.locator("#csv-error");
    await error.waitFor({ state: "visible", timeout: LIMIT });
    assert.equal(await error.textContent(), 'bad.csv:3:2: column 2 "b": "oops" is not a number');
    // Too few fields: the line, and the header it is counted against.
    writeFileSync(bad, "a,b,kind\n1,2,x\n3,y\n");
    await page.setInputFiles("#csv-file", bad);
    await page.waitForFunction(
      "/bad\\.csv:3: expected 3 fields, found 2/.test(document.getElementById('csv-error').textContent)",
    );
    await page.close();
  });

  it("a numeric label with many values trains as regression: y = (a − 2b)/4 to a test loss below 0.01", async () => {
    const page = await openAt("#optimizer=adam&lr=0.03&hidden=4&seed=1");
    const file = join(dir, "plane.csv");
    const lines = ["a,b,y"];
    for (let i = 0; i < 15; i++)
      for (let j = 0; j < 15; j++)
        lines.push(`${i / 7 - 1},${j / 7 - 1},${(i / 7 - 1 - 2 * (j / 7 - 1)) / 4}`);
    writeFileSync(file, `${lines.join("\n")}\n`);
    await page.setInputFiles("#csv-file", file);
    await page.waitForFunction("window.__playground.upload()?.features.length === 2", undefined, {
      timeout: LIMIT,
    });
    assert.equal(await page.evaluate("window.__playground.state().problem"), "regression");
    assert.equal(await page.locator("#csv-task").inputValue(), "regression");
    await page.click("#play");
    // The ½-MSE of a linear unit: below 0.01 on the 112 test rows.
    await page.waitForFunction("window.__playground.metrics().testLoss < 0.01", undefined, {
      timeout: LIMIT,
      polling: 200,
    });
    await page.click("#play");
    await page.close();
  });

  /** A page that trained on iris (four features, three classes) for 20 epochs, one key press each. */
  async function irisTrained(): Promise<Page> {
    const page = await openAt("#hidden=3&seed=2");
    await page.setInputFiles("#csv-file", iris);
    await page.waitForFunction("window.__playground.upload()?.features.length === 4", undefined, {
      timeout: LIMIT,
    });
    for (let k = 0; k < 20; k++) await page.keyboard.press("s");
    await page.waitForFunction("window.__playground.epoch() === 20", undefined, { timeout: LIMIT });
    return page;
  }

  /** The model downloaded by its button, saved as `name` in the suite's folder. */
  async function downloadModel(page: Page, format: string, name: string): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#export-${format}`)]);
    assert.equal(download.suggestedFilename(), `retroprop-model.${format}`);
    const path = join(dir, name);
    await download.saveAs(path);
    return path;
  }

  /** Rows 1, 51 and 101 of the file: one flower of each class, raw measurements (the model keeps the scaling). */
  const flowers = () => [0, 50, 100].map((i) => irisRows()[i].slice(0, 4));
  const pagePredict = async (page: Page) =>
    (await page.evaluate(`window.__playground.predict(${JSON.stringify(flowers())})`)) as number[][];

  /** `retroprop predict --model` on the flowers gives the page's outputs to 1e-5; returns the page's. */
  async function predictAgrees(page: Page, model: string): Promise<number[][]> {
    const input = join(dir, "flowers.json");
    writeFileSync(input, JSON.stringify(flowers()));
    const cli = runCli(["predict", "--model", model, "--input", input, "--json"]);
    assert.equal(cli.status, 0, cli.stderr);
    const fromCli = (JSON.parse(cli.stdout) as { predictions: { output: number[] }[] }).predictions.map(
      (p) => p.output,
    );
    const fromPage = await pagePredict(page);
    assert.equal(fromPage.length, 3);
    fromPage.forEach((row, i) => {
      assert.equal(row.length, 3);
      row.forEach((v, k) =>
        assert.ok(Math.abs(v - fromCli[i][k]) < 1e-5, `row ${i} output ${k}: ${v} vs ${fromCli[i][k]}`),
      );
    });
    return fromPage;
  }

  /** Picks a model file and waits until the page's weights are `weights`. */
  async function loadExpecting(page: Page, model: string, weights: unknown): Promise<void> {
    await page.setInputFiles("#model-file", model);
    await page.waitForFunction(
      `JSON.stringify(window.__playground.weights()) === ${JSON.stringify(JSON.stringify(weights))}`,
      undefined,
      { timeout: LIMIT },
    );
  }

  /** Picks a model file the page refuses and returns the one line it shows. */
  async function refused(page: Page, model: string, file: string): Promise<string> {
    await page.setInputFiles("#model-file", model);
    await page.waitForFunction(
      `document.getElementById('model-error').textContent.startsWith(${JSON.stringify(file)})`,
    );
    return (await page.locator("#model-error").textContent()) ?? "";
  }

  it("the exported model gives retroprop predict the page's outputs, and loads back into the page", async () => {
    const page = await irisTrained();
    const model = await downloadModel(page, "json", "iris-model.json");
    await predictAgrees(page, model);
    // Loaded back after a reset: the same weights as the file's, a run starting from them.
    const weights = await page.evaluate("window.__playground.weights()");
    await page.click("#reset");
    await page.waitForFunction("window.__playground.epoch() === 0");
    await loadExpecting(page, model, weights);
    // A model of another shape: one line naming the file.
    const other = join(dir, "other.json");
    writeFileSync(
      other,
      JSON.stringify({
        format: "retroprop.model",
        version: 1,
        layers: [{ type: "dense", inputs: 2, units: 1, activation: "sigmoid", weights: [[1, 2]], bias: [0] }],
      }),
    );
    assert.equal(
      await refused(page, other, "other.json"),
      "other.json: the model takes 2 inputs, the page's network 4 (choose the same features first)",
    );
    await page.close();
  });

  it("ONNX: the page's export gives retroprop predict the page's outputs and loads back; PyTorch's loads with its weights", async () => {
    const page = await irisTrained();
    // The codec (onnx-proto, protobufjs) is a chunk of its own, fetched when ONNX is picked, not with the page.
    const onnxChunks = `performance.getEntriesByType("resource").filter((r) => /\\/onnx-[^/]*\\.js$/.test(r.name)).length`;
    assert.equal(await page.evaluate(onnxChunks), 0);
    const model = await downloadModel(page, "onnx", "iris-model.onnx");
    assert.equal(await page.evaluate(onnxChunks), 1);
    const fromPage = await predictAgrees(page, model);
    // Loaded back after a rewind to the seed's initial weights (the same seed, so the same split and scaling):
    // the file's weights, hence the same predictions, bit for bit.
    const weights = await page.evaluate("window.__playground.weights()");
    await page.click("#rewind");
    await page.waitForFunction("window.__playground.epoch() === 0");
    assert.notDeepEqual(await page.evaluate("window.__playground.weights()"), weights);
    await loadExpecting(page, model, weights);
    assert.deepEqual(await pagePredict(page), fromPage);
    // What `retroprop export --format onnx` writes from the page's JSON download loads too: one step moves the
    // weights on, the CLI's file brings them back.
    const json = await downloadModel(page, "json", "iris-model-for-export.json");
    const fromExport = join(dir, "iris-model-cli.onnx");
    const exported = runCli(["export", "--model", json, "--format", "onnx", "--out", fromExport]);
    assert.equal(exported.status, 0, exported.stderr);
    await page.click("#step");
    await page.waitForFunction("window.__playground.epoch() === 1", undefined, { timeout: LIMIT });
    assert.notDeepEqual(await page.evaluate("window.__playground.weights()"), weights);
    await loadExpecting(page, fromExport, weights);
    // torch.onnx.export's file of a 4-6-5-3 MLP (ReLU, Tanh, Softmax: fits iris's page): its layers become the
    // page's, with PyTorch's own weights (float32 values, written out as float64 in the reference).
    const torch = join(root, "test/fixtures/torch");
    const reference = JSON.parse(readFileSync(join(torch, "mlp-gemm.reference.json"), "utf8")) as {
      layers: { weights: number[][]; bias: number[] }[];
    };
    await loadExpecting(
      page,
      join(torch, "mlp-gemm.onnx"),
      reference.layers.map((layer) => layer.weights.flat().map(Math.fround)),
    );
    assert.deepEqual(
      await page.evaluate("window.__playground.biases()"),
      reference.layers.map((layer) => layer.bias.map(Math.fround)),
    );
    const state = (await page.evaluate("window.__playground.state()")) as {
      hidden: number[];
      activations: string[];
    };
    assert.deepEqual(state.hidden, [6, 5]);
    assert.deepEqual(state.activations, ["relu", "tanh"]);
    assert.equal(await page.locator("#model-error").textContent(), "");
    // Files that do not fit or do not parse: one line naming the file.
    assert.equal(
      await refused(page, join(torch, "mlp-matmul.onnx"), "mlp-matmul.onnx"),
      "mlp-matmul.onnx: the model takes 3 inputs, the page's network 4 (choose the same features first)",
    );
    const broken = join(dir, "broken.onnx");
    writeFileSync(broken, readFileSync(model).subarray(0, 40));
    assert.match(
      await refused(page, broken, "broken.onnx"),
      /^broken\.onnx: not a readable ONNX protobuf \([^\n]+\)$/,
    );
    await page.close();
  });

  it("MNIST trains 784-30-10 on 300 examples from the data root; a drawn digit shows 10 outputs", async () => {
    const page = await openAt();
    await page.selectOption("#mnist-examples", "300");
    await page.click("#mnist-train");
    await page.waitForFunction(
      "window.__mnist.trained() !== undefined || window.__mnist.error() !== ''",
      undefined,
      {
        timeout: LIMIT,
        polling: 500,
      },
    );
    assert.equal(await page.evaluate("window.__mnist.error()"), "");
    const trained = (await page.evaluate("window.__mnist.trained()")) as {
      testAccuracy: number;
      testExamples: number;
    };
    assert.equal(trained.testExamples, 10_000);
    // Chance is 10 %; 300 examples seen once already give far more.
    assert.ok(trained.testAccuracy > 0.5, `test accuracy ${trained.testAccuracy}`);
    assert.equal(await page.evaluate("document.getElementById('mnist-progress').value"), 1);
    // A one: a vertical stroke on the pad, drawn with the mouse.
    const pad = await page.locator("#mnist-pad").boundingBox();
    assert.ok(pad);
    await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.2);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++)
      await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * (0.2 + 0.06 * k));
    await page.mouse.up();
    await page.waitForFunction("window.__mnist.outputs().length === 10", undefined, { timeout: LIMIT });
    const outputs = (await page.evaluate("window.__mnist.outputs()")) as number[];
    // Softmax: ten probabilities summing to 1.
    assert.ok(Math.abs(outputs.reduce((s, v) => s + v, 0) - 1) < 1e-4);
    assert.equal(await page.locator("#mnist-outputs .digit-output").count(), 10);
    assert.equal(await page.locator("#mnist-hidden .unit").count(), 30);
    await page.close();
  });
});

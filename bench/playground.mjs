// The playground's default network in Chromium (issue 12): 2 inputs, 4 and 2 tanh units, one sigmoid output,
// SGD η = 0.03, mini-batches of 10 (TensorFlow Playground's defaults, the page's own). retroprop: the page as
// `retroprop playground` serves it, training in its Web Worker on the threaded wasm backend after a click on
// play; training steps per second from the epoch counter (20 steps of 10 per epoch of 200 training points), and
// frames per second of the page meanwhile (requestAnimationFrame callbacks counted over the window).
// TensorFlow.js: the same network in the same Chromium, CPU and WebAssembly backends (bench/browser-tfjs-page.mjs).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Steps per epoch of the default state: 400 points, 50 % for training, batches of 10. */
const STEPS_PER_EPOCH = 200 / 10;

/** `retroprop playground` as a child process; resolves with its URL and a stop function. */
function startPlayground() {
  const child = spawn(process.execPath, ["bin/retroprop.js", "playground"], { cwd: root });
  return new Promise((done, fail) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
      const m = /http:\S+/.exec(out);
      if (m) done({ url: m[0], stop: () => child.kill("SIGINT") });
    });
    child.on("exit", (code) => fail(new Error(`retroprop playground exited with ${code}: ${out}`)));
  });
}

/** One window of `seconds` on a playing page: steps per second in the worker and the page's frames per second. */
function playgroundWindow(page, seconds) {
  return page.evaluate(async (ms) => {
    const pg = window.__playground;
    const e0 = pg.epoch();
    const t0 = performance.now();
    let frames = 0;
    await new Promise((done) => {
      const tick = (now) => {
        frames++;
        if (now - t0 < ms) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    const s = (performance.now() - t0) / 1000;
    return { epochs: pg.epoch() - e0, frames, seconds: s };
  }, seconds * 1000);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Measures both sides, `repeats` windows of `seconds` each, interleaved (retroprop, TF.js CPU, TF.js wasm) to
 * cancel the machine's drift; returns the medians and every run.
 */
export async function measurePlayground({ browser, harness, seconds = 4, repeats = 3, log = () => {} }) {
  const playground = await startPlayground();
  const tfServer = await harness.serveRepository(false);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (err) => log(`playground: ${err.message}`));
    await page.goto(playground.url);
    await page.waitForFunction("window.__playground && window.__playground.epoch() === 0", undefined, {
      timeout: 120_000,
    });
    await page.waitForFunction("/wasm/.test(document.getElementById('backend').textContent)", undefined, {
      timeout: 120_000,
    });
    const backend = await page.evaluate(() => document.getElementById("backend").textContent);
    await page.click("#play");
    await page.waitForTimeout(1000); // warm-up
    const tfPage = await (await browser.newContext()).newPage();
    tfPage.on("pageerror", (err) => log(`tfjs: ${err.message}`));
    await tfPage.goto(harness.serverUrl(tfServer));
    const tf = await tfPage.evaluate(async () => (await import("/bench/browser-tfjs-page.mjs")).setup());
    const runs = { retroprop: [], fps: [], "tfjs-cpu": [], "tfjs-wasm": [] };
    for (let r = 0; r < repeats; r++) {
      const w = await playgroundWindow(page, seconds);
      runs.retroprop.push((w.epochs * STEPS_PER_EPOCH) / w.seconds);
      runs.fps.push(w.frames / w.seconds);
      log(`run ${r + 1}/${repeats} playground: ${runs.retroprop.at(-1).toFixed(0)} steps/s, ${runs.fps.at(-1).toFixed(1)} fps`);
      // The playground pauses while TF.js runs, so that the two do not share the cores.
      await page.click("#play");
      for (const backend of ["cpu", "wasm"]) {
        const m = await tfPage.evaluate(
          async ([b, s]) => (await import("/bench/browser-tfjs-page.mjs")).measure(b, s),
          [backend, seconds],
        );
        runs[`tfjs-${backend}`].push(m.stepsPerSecond);
        log(`run ${r + 1}/${repeats} tfjs-${backend}: ${m.stepsPerSecond.toFixed(0)} steps/s`);
      }
      await page.click("#play");
      await page.waitForTimeout(500);
    }
    await page.close();
    await tfPage.close();
    const medians = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
    return { backend, tfjs: tf.version, seconds, repeats, medians, runs };
  } finally {
    playground.stop();
    tfServer.close();
  }
}

/** The Markdown table of a measurePlayground result. */
export function playgroundMarkdown(m) {
  const f = (v) => v.toFixed(0);
  const fastest = Math.max(m.medians["tfjs-cpu"], m.medians["tfjs-wasm"]);
  return [
    `Playground default network (2-4-2-1 tanh, sigmoid output, SGD η=0.03, batch 10); median of ${m.repeats} windows of ${m.seconds} s; page: ${m.backend}; TF.js ${m.tfjs}`,
    "",
    "| | training steps/s | page frames/s |",
    "| --- | ---: | ---: |",
    `| retroprop playground (Web Worker, wasm) | ${f(m.medians.retroprop)} | ${m.medians.fps.toFixed(1)} |`,
    `| TensorFlow.js ${m.tfjs}, CPU backend (main thread, no drawing) | ${f(m.medians["tfjs-cpu"])} | – |`,
    `| TensorFlow.js ${m.tfjs}, WebAssembly backend (main thread, no drawing) | ${f(m.medians["tfjs-wasm"])} | – |`,
    `| retroprop ÷ TF.js's faster backend | ${(m.medians.retroprop / fastest).toFixed(1)}× | |`,
    "",
  ].join("\n");
}

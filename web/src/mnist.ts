/**
 * The page's MNIST section: train the notes' 784-H-10 network in a worker (data from the server's data root,
 * or files the user picks) with a progress bar, then draw a digit with a mouse, a pen or a finger and see the
 * hidden units' activations a⁽¹⁾ and the ten outputs. A drawing is prepared as MNIST's digits were: the ink's
 * bounding box scaled to fit 20 × 20 (keeping its aspect ratio), then placed in 28 × 28 so that its centre of
 * mass is the image's centre.
 */
import { h } from "./dom.js";
import type { Messages } from "./messages.js";
import { centreByMass } from "./mnist-centre.js";
import type { FromMnist, MnistSettings, ToMnist } from "./mnist-protocol.js";

export const HIDDEN_CHOICES = [16, 30, 64, 100] as const;
export const EXAMPLE_CHOICES = [300, 1000, 5000, 10000, 60000] as const;
const PAD = 280;
const SIDE = 28;

/** Kept across the page's re-renders (a language change redraws the section, not the run). */
const mnist = {
  settings: { hidden: 30, examples: 5000, epochs: 1, learningRate: 0.5, seed: 1 } as MnistSettings,
  progress: undefined as Extract<FromMnist, { type: "progress" }> | undefined,
  trained: undefined as Extract<FromMnist, { type: "trained" }> | undefined,
  prediction: undefined as Extract<FromMnist, { type: "prediction" }> | undefined,
  error: "",
  busy: false,
  /** The pad's ink, kept so that a re-render shows the same drawing. */
  ink: undefined as ImageData | undefined,
};
let worker: Worker | undefined;
let t: Messages;

function send(m: ToMnist, transfer: Transferable[] = []): void {
  if (!worker) {
    worker = new Worker(new URL("./mnist-worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<FromMnist>) => receive(e.data);
  }
  worker.postMessage(m, transfer);
}

function receive(m: FromMnist): void {
  if (m.type === "progress") mnist.progress = m;
  else if (m.type === "trained") {
    mnist.trained = m;
    mnist.busy = false;
  } else if (m.type === "prediction") mnist.prediction = m;
  else {
    mnist.error = m.message;
    mnist.busy = false;
  }
  repaint();
}

function start(m: ToMnist, transfer: Transferable[] = []): void {
  mnist.busy = true;
  mnist.error = "";
  mnist.trained = undefined;
  mnist.prediction = undefined;
  send(m, transfer);
  repaint();
}

/**
 * 28 × 28 values in [0, 1] from ink on a square canvas: the bounding box scaled into 20 × 20, then shifted so
 * that the centre of mass lands on the centre (13.5, 13.5) of the 28 × 28 image. Null for a blank pad.
 */
export function mnistPixels(pad: HTMLCanvasElement): Float32Array | null {
  const ctx = pad.getContext("2d", { willReadFrequently: true });
  if (!ctx) return null;
  const { width, height } = pad;
  const data = ctx.getImageData(0, 0, width, height).data;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (data[4 * (y * width + x) + 3] > 0) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  if (x1 < 0) return null;
  const w = x1 - x0 + 1;
  const hgt = y1 - y0 + 1;
  const s = 20 / Math.max(w, hgt);
  const bw = Math.max(1, Math.round(w * s));
  const bh = Math.max(1, Math.round(hgt * s));
  const box = document.createElement("canvas");
  box.width = bw;
  box.height = bh;
  const bctx = box.getContext("2d", { willReadFrequently: true }) as CanvasRenderingContext2D;
  bctx.imageSmoothingEnabled = true;
  bctx.imageSmoothingQuality = "high";
  bctx.drawImage(pad, x0, y0, w, hgt, 0, 0, bw, bh);
  const small = bctx.getImageData(0, 0, bw, bh).data;
  const ink = Float32Array.from({ length: bw * bh }, (_, i) => small[4 * i + 3] / 255);
  return centreByMass(ink, bw, bh);
}

function predictDrawing(pad: HTMLCanvasElement): void {
  const ctx = pad.getContext("2d", { willReadFrequently: true });
  mnist.ink = ctx?.getImageData(0, 0, pad.width, pad.height);
  const pixels = mnistPixels(pad);
  drawPreview(pixels);
  if (pixels && mnist.trained) send({ type: "predict", pixels });
}

function drawPreview(pixels: Float32Array | null): void {
  const preview = document.getElementById("mnist-preview") as HTMLCanvasElement | null;
  const ctx = preview?.getContext("2d");
  if (!ctx) return;
  const image = new ImageData(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const v = 255 - Math.round((pixels?.[i] ?? 0) * 255);
    image.data.set([v, v, v, 255], 4 * i);
  }
  ctx.putImageData(image, 0, 0);
}

/** A drawing pad: pointer events cover mouse, pen and touch (touch-action: none keeps the page from scrolling). */
function drawingPad(): HTMLCanvasElement {
  const pad = h("canvas", { id: "mnist-pad", width: PAD, height: PAD, "aria-label": t.mnistDraw });
  const ctx = pad.getContext("2d", { willReadFrequently: true }) as CanvasRenderingContext2D;
  if (mnist.ink) ctx.putImageData(mnist.ink, 0, 0);
  ctx.lineWidth = 22;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.strokeStyle = "#000";
  let drawing = false;
  const at = (e: PointerEvent) => {
    const r = pad.getBoundingClientRect();
    return [((e.clientX - r.left) * PAD) / r.width, ((e.clientY - r.top) * PAD) / r.height];
  };
  pad.addEventListener("pointerdown", (e) => {
    drawing = true;
    pad.setPointerCapture(e.pointerId);
    const [x, y] = at(e);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 0.01, y);
    ctx.stroke();
  });
  pad.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    const [x, y] = at(e);
    ctx.lineTo(x, y);
    ctx.stroke();
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    predictDrawing(pad);
  };
  pad.addEventListener("pointerup", end);
  pad.addEventListener("pointercancel", end);
  return pad;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** Updates the parts that change while training and drawing, without rebuilding the section. */
function repaint(): void {
  const bar = document.getElementById("mnist-progress") as HTMLProgressElement | null;
  const status = document.getElementById("mnist-status");
  if (!bar || !status) return;
  const p = mnist.progress;
  bar.value = mnist.trained ? 1 : p ? p.done / Math.max(1, p.total) : 0;
  status.textContent = mnist.error
    ? mnist.error
    : mnist.trained
      ? t.mnistTrained
          .replace("{train}", String(mnist.trained.trainExamples))
          .replace("{test}", String(mnist.trained.testExamples))
          .replace("{accuracy}", pct(mnist.trained.testAccuracy))
      : mnist.busy && p
        ? `${t[p.phase === "loading" ? "mnistLoading" : p.phase === "training" ? "mnistTraining" : "mnistTesting"]} ${p.phase === "training" ? `${p.done} / ${p.total}` : ""}`
        : t.mnistIdle;
  status.classList.toggle("error", mnist.error !== "");
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-mnist-train]")) b.disabled = mnist.busy;
  const hidden = document.getElementById("mnist-hidden");
  const outputs = document.getElementById("mnist-outputs");
  const pr = mnist.prediction;
  if (hidden && outputs) {
    hidden.replaceChildren(
      ...Array.from(pr?.hidden ?? [], (a, j) =>
        h("span", {
          class: "unit",
          title: `a${j + 1} = ${a.toFixed(3)}`,
          style: `background: rgb(${Array(3)
            .fill(Math.round(255 * (1 - a)))
            .join(",")})`,
        }),
      ),
    );
    const best = pr ? pr.outputs.indexOf(Math.max(...pr.outputs)) : -1;
    outputs.replaceChildren(
      ...Array.from(pr?.outputs ?? [], (y, k) =>
        h(
          "div",
          { class: k === best ? "digit-output best" : "digit-output", "data-digit": k },
          h("span", {}, String(k)),
          h("span", { class: "prob", style: `width: ${(y * 100).toFixed(1)}%` }),
          h("span", {}, y.toFixed(3)),
        ),
      ),
    );
  }
}

/** The MNIST section, built with the page's language; the run itself lives on across rebuilds. */
export function mnistSection(messages: Messages): HTMLElement {
  t = messages;
  const s = mnist.settings;
  /** A select of numbers bound to one of the run's settings. */
  const choice = (id: string, label: string, values: readonly number[], key: keyof MnistSettings) => {
    const sel = h("select", { id });
    for (const v of values) {
      const o = h("option", { value: v }, String(v));
      if (v === s[key]) o.selected = true;
      sel.append(o);
    }
    sel.addEventListener("change", () => {
      s[key] = values[sel.selectedIndex];
    });
    return h("label", { for: id }, label, sel);
  };
  const server = h(
    "button",
    { type: "button", id: "mnist-train", "data-mnist-train": true },
    t.mnistFromServer,
  );
  server.addEventListener("click", () =>
    start({ type: "train-server", base: location.href, settings: { ...mnist.settings } }),
  );
  const images = h("input", { type: "file", id: "mnist-images" });
  const labels = h("input", { type: "file", id: "mnist-labels" });
  const fromFiles = h(
    "button",
    { type: "button", id: "mnist-train-files", "data-mnist-train": true },
    t.mnistFromFiles,
  );
  fromFiles.addEventListener("click", async () => {
    const [fi, fl] = [images.files?.[0], labels.files?.[0]];
    if (!fi || !fl) {
      mnist.error = t.mnistPickBoth;
      repaint();
      return;
    }
    const [bi, bl] = await Promise.all([fi.arrayBuffer(), fl.arrayBuffer()]);
    start(
      {
        type: "train-files",
        images: bi,
        labels: bl,
        names: [fi.name, fl.name],
        settings: { ...mnist.settings },
      },
      [bi, bl],
    );
  });
  const clear = h("button", { type: "button", id: "mnist-clear" }, t.mnistClear);
  const pad = drawingPad();
  clear.addEventListener("click", () => {
    pad.getContext("2d")?.clearRect(0, 0, PAD, PAD);
    mnist.ink = undefined;
    mnist.prediction = undefined;
    drawPreview(null);
    repaint();
  });
  const section = h(
    "section",
    { class: "mnist", id: "mnist", "aria-label": "MNIST" },
    h("h2", {}, t.mnistTitle),
    h("p", { class: "note" }, t.mnistIntro),
    h(
      "div",
      { class: "bar" },
      choice("mnist-hidden-units", t.mnistHidden, HIDDEN_CHOICES, "hidden"),
      choice("mnist-examples", t.mnistExamples, EXAMPLE_CHOICES, "examples"),
      choice("mnist-epochs", t.mnistEpochs, [1, 2, 3, 5, 10], "epochs"),
      choice("mnist-lr", t.learningRate, [0.1, 0.3, 0.5, 1, 3], "learningRate"),
      server,
    ),
    h(
      "div",
      { class: "bar" },
      h("label", { for: "mnist-images" }, t.mnistImages, images),
      h("label", { for: "mnist-labels" }, t.mnistLabels, labels),
      fromFiles,
    ),
    h("progress", { id: "mnist-progress", max: 1, value: 0 }),
    h("p", { id: "mnist-status", class: "note", role: "status" }),
    h(
      "div",
      { class: "mnist-views" },
      h("div", {}, pad, h("div", {}, clear)),
      h("div", {}, h("h3", {}, "28 × 28"), h("canvas", { id: "mnist-preview", width: SIDE, height: SIDE })),
      h("div", {}, h("h3", {}, t.mnistHiddenUnits), h("div", { id: "mnist-hidden", class: "units" })),
      h("div", {}, h("h3", {}, t.output), h("div", { id: "mnist-outputs" })),
    ),
  );
  queueMicrotask(() => {
    repaint();
    if (mnist.ink) drawPreview(mnistPixels(pad));
  });
  return section;
}

/** Read-only view for tests: the run's state and the last drawing's outputs. */
Object.defineProperty(window, "__mnist", {
  value: Object.freeze({
    busy: () => mnist.busy,
    trained: () => (mnist.trained ? { ...mnist.trained } : undefined),
    error: () => mnist.error,
    outputs: () => (mnist.prediction ? Array.from(mnist.prediction.outputs) : []),
    hidden: () => (mnist.prediction ? Array.from(mnist.prediction.hidden) : []),
  }),
});

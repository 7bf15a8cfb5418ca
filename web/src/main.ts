/**
 * The playground page: builds the controls from the state, sends the state to the training worker, draws the
 * worker's snapshots, and keeps the state in the URL's hash. Plain DOM: the whole page is rebuilt when the
 * network's shape or the language changes; snapshots only repaint canvases and restyle links.
 */
import { csvPanel, filesPanel } from "./data-panel.js";
import { h } from "./dom.js";
import { CLASS_COLORS, css, drawClassMap, drawHeatmap, drawLossCurves, drawPoints } from "./draw.js";
import { FEATURE_FUNCTIONS, featureLabel } from "./features.js";
import { DOMAIN, GRID } from "./geometry.js";
import { inspectMessage, inspectReset, inspectSection, inspectSnapshot } from "./inspect.js";
import { CATALOGUES, type MessageKey, type Messages } from "./messages.js";
import { mnistSection } from "./mnist.js";
import {
  download,
  downloadCanvas,
  fileBytes,
  loadModelBytes,
  type ModelFormat,
  modelFileBytes,
  workerFormat,
} from "./model-io.js";
import type { FromWorker, Snapshot, ToWorker } from "./protocol.js";
import {
  BATCH_MODES,
  cloneState,
  datasetsOf,
  FEATURES,
  type FeatureName,
  HIDDEN_ACTIVATIONS,
  LANGUAGES,
  LEARNING_RATES,
  MAX_LAYERS,
  MAX_UNITS,
  OPTIMIZER_NAMES,
  outputsOf,
  type PlaygroundState,
  PROBLEMS,
  REGULARIZATION_RATES,
  REGULARIZATIONS,
  stateFromHash,
  stateToHash,
} from "./state.js";
import {
  buildUpload,
  type CsvColumns,
  csvColumns,
  defaultChoice,
  MAX_UPLOAD_BYTES,
  type Upload,
  type UploadChoice,
} from "./upload.js";
import { routeViews, viewOf, withViewParams } from "./views/router.js";

// Drawn, not typed: symbol glyphs are missing from many fonts.
const PLAY_ICON = `<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><path d="M6 3 L17 10 L6 17 Z" fill="currentColor"/></svg>`;
const PAUSE_ICON = `<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><path d="M5 3h4v14H5zM11 3h4v14h-4z" fill="currentColor"/></svg>`;

let state: PlaygroundState = stateFromHash(location.hash);
let t: Messages = CATALOGUES[state.lang];
let last: Snapshot | undefined;
let points: Extract<FromWorker, { type: "points" }> | undefined;
let history: { train: number; test: number }[] = [];
let backendInfo: { backend: string; threads: number } | undefined;
let errorNote = "";

/** The user's CSV, while one is in use: its text and choices stay here, never in the link. */
let own: { text: string; columns: CsvColumns; choice: UploadChoice; built: Upload } | undefined;
let csvError = "";
let filesError = "";
/** Replies the worker owes (predictions, exported files), by request id. */
const pending = new Map<number, (m: FromWorker) => void>();
let nextRequest = 1;
function request(m: ToWorker & { id: number }): Promise<FromWorker> {
  return new Promise((done) => {
    pending.set(m.id, done);
    send(m);
  });
}

const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
const send = (m: ToWorker) => worker.postMessage(m);

const app = document.getElementById("app") as HTMLElement;

function select<T extends string | number>(
  label: string,
  id: string,
  choices: readonly T[],
  value: T,
  name: (c: T) => string,
  onChange: (v: T) => void,
): HTMLLabelElement {
  const s = h("select", { id });
  for (const c of choices) {
    const o = h("option", { value: String(c) }, name(c));
    if (c === value) o.selected = true;
    s.append(o);
  }
  s.addEventListener("change", () => onChange(choices[s.selectedIndex]));
  return h("label", { for: id }, label, s);
}

const msg = (k: string) => t[k as MessageKey];

/** A new run: the hash rewritten, the worker given the state, the curves cleared. */
function configure(): void {
  if (own) state.problem = own.built.problem;
  const hash = stateToHash(state);
  if (location.hash !== hash) history0(hash);
  history = [];
  last = undefined;
  inspectReset();
  if (own) {
    // The split follows the link's seed and training percentage, as for the built-in data (the problem type
    // is the upload's: two classes, several, or regression).
    own.built = buildUpload(own.text, own.columns.file, own.choice, state.trainPercent, state.seed);
    const { train, test, outputs, featureNames } = own.built;
    send({
      type: "configure",
      state: cloneState(state),
      upload: { train, test, outputs, inputs: featureNames.length },
    });
    return;
  }
  send({ type: "configure", state: cloneState(state) });
}

/** Keeps the hash in step without adding a browser history entry per click. */
function history0(hash: string): void {
  window.history.replaceState(null, "", withViewParams(hash, location.hash));
}

/**
 * Applies a change of settings: a new run at epoch 0 (as TensorFlow Playground does), the page rebuilt first
 * when the network's shape or the controls change. The snapshot of the old run is dropped before the rebuild,
 * since its weights have the old shape.
 */
function change(edit: (s: PlaygroundState) => void, rebuild = true): void {
  const next = cloneState(state);
  edit(next);
  state = next;
  t = CATALOGUES[state.lang];
  last = undefined;
  if (rebuild) render();
  configure();
}

/** The language changes the words only: the run goes on. */
function changeLanguage(lang: PlaygroundState["lang"]): void {
  state = { ...cloneState(state), lang };
  t = CATALOGUES[lang];
  history0(stateToHash(state));
  render();
}

const weightName = (l: number, j: number, i: number) => `w${sub(j + 1)}${sub(i + 1)}⁽${sup(l + 1)}⁾`;
const biasName = (l: number, j: number) => `b${sub(j + 1)}⁽${sup(l + 1)}⁾`;
const sub = (n: number) => String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)]);
const sup = (n: number) => String(n).replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]);

function controlsBar(): HTMLElement {
  const play = h("button", { id: "play", type: "button", "aria-label": t.play, title: t.play });
  play.innerHTML = PLAY_ICON;
  play.addEventListener("click", () => {
    if (last?.playing) send({ type: "pause" });
    else send({ type: "play" });
  });
  const step = h("button", { id: "step", type: "button", title: t.step }, t.step);
  step.addEventListener("click", () => send({ type: "step" }));
  const reset = h("button", { id: "reset", type: "button", title: t.reset }, t.reset);
  reset.addEventListener("click", () => change((s) => void (s.seed += 1), false));
  const rewind = h("button", { id: "rewind", type: "button", title: t.resetSame }, t.resetSame);
  rewind.addEventListener("click", () => {
    history = [];
    send({ type: "rewind" });
  });
  const epoch = h(
    "div",
    {},
    h("span", { class: "note" }, `${t.epoch} `),
    h("output", { id: "epoch", class: "epoch" }, "0"),
  );
  const batchSize = h("input", {
    id: "batch-size",
    type: "number",
    min: 1,
    max: 1000,
    value: state.batchSize,
    disabled: state.batchMode !== "minibatch",
  });
  batchSize.addEventListener("change", () => {
    const n = Number(batchSize.value);
    if (Number.isInteger(n) && n >= 1 && n <= 1000) change((s) => void (s.batchSize = n), false);
    else batchSize.value = String(state.batchSize);
  });
  return h(
    "section",
    { class: "bar", "aria-label": "controls" },
    h("div", { class: "buttons" }, reset, play, step, rewind),
    epoch,
    select(
      t.learningRate,
      "lr",
      LEARNING_RATES,
      state.learningRate as (typeof LEARNING_RATES)[number],
      String,
      (v) => change((s) => void (s.learningRate = v), false),
    ),
    select(t.optimizer, "optimizer", OPTIMIZER_NAMES, state.optimizer, msg, (v) =>
      change((s) => void (s.optimizer = v), false),
    ),
    select(t.batchMode, "batch-mode", BATCH_MODES, state.batchMode, msg, (v) =>
      change((s) => void (s.batchMode = v)),
    ),
    h("label", { for: "batch-size" }, t.batchSize, batchSize),
    select(t.regularization, "reg", REGULARIZATIONS, state.regularization, msg, (v) =>
      change((s) => void (s.regularization = v), false),
    ),
    select(
      t.regularizationRate,
      "reg-rate",
      REGULARIZATION_RATES,
      state.regularizationRate as (typeof REGULARIZATION_RATES)[number],
      String,
      (v) => change((s) => void (s.regularizationRate = v), false),
    ),
    select(t.problem, "problem", PROBLEMS, state.problem, msg, (v) =>
      change((s) => {
        own = undefined; // another problem type: the built-in data again (an upload's task is chosen beside it)
        s.problem = v;
        s.dataset = datasetsOf(v)[0];
      }),
    ),
  );
}

function dataColumn(): HTMLElement {
  const names = datasetsOf(state.problem);
  const buttons = h("div", { class: "datasets", role: "group", "aria-label": t.dataset });
  for (const name of names) {
    const b = h(
      "button",
      { type: "button", "data-dataset": name, "aria-pressed": !own && state.dataset === name },
      msg(name),
    );
    b.addEventListener("click", () => {
      own = undefined;
      change((s) => void (s.dataset = name));
    });
    buttons.append(b);
  }
  const ratio = h("input", {
    id: "train-ratio",
    type: "range",
    min: 10,
    max: 90,
    step: 10,
    value: state.trainPercent,
  });
  ratio.addEventListener("change", () => change((s) => void (s.trainPercent = Number(ratio.value)), false));
  const noise = h("input", { id: "noise", type: "range", min: 0, max: 0.5, step: 0.05, value: state.noise });
  noise.addEventListener("change", () => change((s) => void (s.noise = Number(noise.value)), false));
  const seed = h("input", { id: "seed", type: "number", min: 0, value: state.seed });
  seed.addEventListener("change", () => {
    const n = Number(seed.value);
    if (Number.isInteger(n) && n >= 0 && n < 2 ** 31) change((s) => void (s.seed = n), false);
    else seed.value = String(state.seed);
  });
  return h(
    "section",
    { class: "column" },
    h("h2", {}, t.data),
    buttons,
    h("label", { for: "train-ratio" }, `${t.trainRatio}: ${state.trainPercent}`, ratio),
    h("label", { for: "noise" }, `${t.noise}: ${state.noise}`, noise),
    h("label", { for: "seed" }, t.seed, seed),
    csvPanel({
      t,
      columns: own?.columns,
      choice: own?.choice,
      error: csvError,
      onFile: (f) => void takeCsv(f),
      onChoice: (c) => own && useCsv(own.text, own.columns, c),
      onClear: () => {
        own = undefined;
        csvError = "";
        change((s) => void (s.dataset = datasetsOf(s.problem)[0]));
      },
    }),
  );
}

/** One neuron's button and its thumbnail; `key` is "layer:unit" (layer 0 = the inputs). */
function neuron(key: string, label: string, onClick: () => void, pressed?: boolean): HTMLButtonElement {
  const attrs: Record<string, string | boolean> = {
    type: "button",
    class: "neuron",
    "data-neuron": key,
    "aria-label": label,
    title: label,
  };
  if (pressed !== undefined) attrs["aria-pressed"] = pressed;
  const b = h("button", attrs, h("canvas", { width: 40, height: 40 }));
  b.addEventListener("click", onClick);
  return b;
}

function networkColumn(): HTMLElement {
  const layers = h("div", { class: "layers" });
  // Inputs: every feature, toggled by click; the active ones feed the network in this order.
  const inputs = h("div", { class: "layer inputs" }, h("div", { class: "layer-head" }, t.features));
  own?.built.featureNames.forEach((name, j) => {
    inputs.append(
      h(
        "div",
        { class: "feature" },
        name,
        neuron(`0:${j}`, name, () => {}),
      ),
    );
  });
  for (const f of own ? [] : FEATURES) {
    const on = state.features.includes(f);
    const b = neuron(
      on ? `0:${state.features.indexOf(f)}` : `off:${f}`,
      featureLabel(f, state.lang),
      () => toggleFeature(f),
      on,
    );
    b.dataset.feature = f;
    drawHeatmap(b.querySelector("canvas") as HTMLCanvasElement, featureGrid(f), (v) => v / DOMAIN);
    inputs.append(h("div", { class: "feature" }, featureLabel(f, state.lang), b));
  }
  layers.append(inputs);
  state.hidden.forEach((units, l) => {
    const plus = h(
      "button",
      {
        type: "button",
        "aria-label": `${t.addUnit} (${l + 1})`,
        title: t.addUnit,
        disabled: units >= MAX_UNITS,
      },
      "+",
    );
    plus.addEventListener("click", () => change((s) => void (s.hidden[l] += 1)));
    const minus = h(
      "button",
      {
        type: "button",
        "aria-label": `${t.removeUnit} (${l + 1})`,
        title: t.removeUnit,
        disabled: units <= 1,
      },
      "−",
    );
    minus.addEventListener("click", () => change((s) => void (s.hidden[l] -= 1)));
    const act = h("select", { id: `act-${l}`, "aria-label": `${t.activation} (${l + 1})` });
    for (const a of HIDDEN_ACTIVATIONS) {
      const o = h("option", { value: a }, msg(a));
      if (a === state.activations[l]) o.selected = true;
      act.append(o);
    }
    act.addEventListener("change", () =>
      change((s) => void (s.activations[l] = HIDDEN_ACTIVATIONS[act.selectedIndex]), false),
    );
    const column = h(
      "div",
      { class: "layer" },
      h("div", { class: "layer-head" }, h("div", { class: "pm" }, plus, minus), `${units} ${t.units}`, act),
    );
    for (let j = 0; j < units; j++)
      column.append(neuron(`${l + 1}:${j}`, `${t.bias} ${biasName(l, j)}`, () => editParameter(l, j, -1)));
    layers.append(column);
  });
  const L = state.hidden.length;
  const output = h("div", { class: "layer" }, h("div", { class: "layer-head" }, t.output));
  for (let j = 0; j < outputUnits(); j++)
    output.append(neuron(`${L + 1}:${j}`, `${t.bias} ${biasName(L, j)}`, () => editParameter(L, j, -1)));
  layers.append(output);
  const addLayer = h(
    "button",
    {
      type: "button",
      id: "add-layer",
      title: t.addLayer,
      "aria-label": t.addLayer,
      disabled: L >= MAX_LAYERS,
    },
    "+",
  );
  addLayer.addEventListener("click", () =>
    change((s) => {
      s.hidden.push(2);
      s.activations.push(s.activations[s.activations.length - 1] ?? "tanh");
    }),
  );
  const removeLayer = h(
    "button",
    {
      type: "button",
      id: "remove-layer",
      title: t.removeLayer,
      "aria-label": t.removeLayer,
      disabled: L === 0,
    },
    "−",
  );
  removeLayer.addEventListener("click", () =>
    change((s) => {
      s.hidden.pop();
      s.activations.pop();
    }),
  );
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.classList.add("links");
  return h(
    "section",
    { class: "column network" },
    h("div", { class: "layer-buttons" }, addLayer, removeLayer, `${t.hiddenLayers}: ${L}`),
    h("div", { style: "position: relative" }, svg, layers),
    h("p", { class: "note" }, t.editHint),
  );
}

function toggleFeature(f: FeatureName): void {
  const on = state.features.includes(f);
  if (on && state.features.length === 1) return; // the network needs at least one input
  change((s) => {
    s.features = on
      ? s.features.filter((g) => g !== f)
      : FEATURES.filter((g) => g === f || s.features.includes(g));
  });
}

function outputColumn(): HTMLElement {
  const metric = (id: string, label: string) => [h("dt", {}, label), h("dd", { id }, "–")];
  return h(
    "section",
    { class: "column output" },
    h("h2", {}, t.output),
    h(
      "dl",
      { class: "metrics" },
      ...metric("test-loss", t.testLoss),
      ...metric("train-loss", t.trainLoss),
      ...(state.problem !== "regression"
        ? [...metric("test-accuracy", t.testAccuracy), ...metric("train-accuracy", t.trainAccuracy)]
        : []),
    ),
    h("canvas", { class: "losses", width: 320, height: 80, "aria-label": `${t.trainLoss}, ${t.testLoss}` }),
    h("canvas", {
      class: "heatmap",
      width: 320,
      height: 320,
      "aria-label": t.output,
      hidden: own !== undefined && own.choice.features.length !== 2,
    }),
    h("p", { id: "status", class: "note", role: "status" }),
    filesPanel({
      t,
      error: filesError,
      planar: !own || own.choice.features.length === 2,
      onExport: (f) => void exportModel(f),
      onImport: (f) => void importModel(f),
      onFigure: (which) => {
        const canvas = document.querySelector<HTMLCanvasElement>(
          which === "boundary" ? "canvas.heatmap" : "canvas.losses",
        );
        if (canvas) downloadCanvas(canvas, `retroprop-${which}.png`);
      },
    }),
  );
}

function render(): void {
  document.documentElement.lang = state.lang;
  document.title = t.title;
  const lang = h("select", { id: "lang", "aria-label": t.language });
  for (const code of LANGUAGES) {
    const o = h("option", { value: code }, code === "en" ? "English" : "Español");
    if (code === state.lang) o.selected = true;
    lang.append(o);
  }
  lang.addEventListener("change", () => changeLanguage(LANGUAGES[lang.selectedIndex]));
  const editor = h("form", { class: "editor", id: "editor", hidden: true });
  app.replaceChildren(
    h("header", {}, h("h1", {}, t.title), h("p", {}, t.tagline), h("label", { for: "lang" }, lang)),
    controlsBar(),
    h("main", {}, dataColumn(), networkColumn(), outputColumn()),
    inspectSection({ send, state: () => state, messages: () => t, inputs: () => own?.built.featureNames }),
    h("footer", { class: "note" }, h("p", {}, t.keyboard), h("p", { id: "backend" }, backendNote())),
    mnistSection(t),
    editor,
  );
  if (last) paint(last);
  routeViews(app, t, state.lang);
}

/** The small form that edits w_ji (i ≥ 0) or b_j (i = −1) of layer l. */
function editParameter(l: number, j: number, i: number): void {
  if (!last) return;
  const current = i === -1 ? last.biases[l][j] : last.weights[l][j * inputsOf(l) + i];
  const editor = document.getElementById("editor") as HTMLFormElement;
  const name = i === -1 ? `${t.bias} ${biasName(l, j)}` : `${t.weight} ${weightName(l, j, i)}`;
  const input = h("input", { id: "edit-value", type: "number", step: "any", value: current.toPrecision(4) });
  const cancel = h("button", { type: "button" }, t.cancel);
  cancel.addEventListener("click", () => void (editor.hidden = true));
  editor.replaceChildren(
    h("label", { for: "edit-value" }, name, input),
    h("button", { type: "submit" }, t.apply),
    cancel,
  );
  editor.onsubmit = (e) => {
    e.preventDefault();
    const value = Number(input.value);
    if (Number.isFinite(value)) send({ type: "set", layer: l, unit: j, input: i, value });
    editor.hidden = true;
  };
  editor.style.left = "1rem";
  editor.style.bottom = "1rem";
  editor.hidden = false;
  input.focus();
  input.select();
}

/** A feature's values over the grid, scaled like the inputs' thumbnails (x₁² and x₁x₂ reach DOMAIN²). */
function featureGrid(f: FeatureName): Float32Array {
  const values = new Float32Array(GRID * GRID);
  const scale = f === "x1sq" || f === "x2sq" || f === "x1x2" ? DOMAIN : f.startsWith("sin") ? 1 / DOMAIN : 1;
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      const x1 = -DOMAIN + ((c + 0.5) * 2 * DOMAIN) / GRID;
      const x2 = DOMAIN - ((r + 0.5) * 2 * DOMAIN) / GRID;
      values[r * GRID + c] = FEATURE_FUNCTIONS[f](x1, x2) / scale;
    }
  }
  return values;
}

const inputsOf = (l: number) =>
  l === 0 ? (own?.built.featureNames.length ?? state.features.length) : state.hidden[l - 1];
const outputUnits = () => own?.built.outputs ?? outputsOf(state);

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A picked or dropped CSV: its columns read, the first guess of label and features trained at once. */
async function takeCsv(file: File): Promise<void> {
  try {
    const text = new TextDecoder().decode(await fileBytes(file, MAX_UPLOAD_BYTES));
    const columns = csvColumns(text, file.name);
    useCsv(text, columns, defaultChoice(columns));
  } catch (e) {
    csvError = messageOf(e);
    render();
  }
}

/** Trains on the CSV with this choice of columns, or says in one line why it cannot. */
function useCsv(text: string, columns: CsvColumns, choice: UploadChoice): void {
  try {
    const built = buildUpload(text, columns.file, choice, state.trainPercent, state.seed);
    own = { text, columns, choice, built };
    csvError = "";
    change((s) => void (s.problem = built.problem));
  } catch (e) {
    csvError = messageOf(e);
    render();
  }
}

/** What a model file keeps beside its weights: enough for `retroprop predict` to take raw inputs. */
function trainingMetadata(): Record<string, unknown> {
  const loss = { classification: "bce", multiclass: "cce", regression: "mse" }[state.problem];
  if (own) {
    const { file, featureNames, normalization, classNames } = own.built;
    return {
      dataset: file,
      features: featureNames,
      normalization,
      ...(classNames ? { classNames } : {}),
      loss,
    };
  }
  return { dataset: state.dataset, features: state.features, loss, playground: stateToHash(state) };
}

async function exportModel(format: ModelFormat): Promise<void> {
  const reply = await request({
    type: "export",
    id: nextRequest++,
    format: workerFormat(format),
    training: trainingMetadata(),
  });
  if (reply.type !== "exported") return;
  try {
    const bytes = await modelFileBytes(format, reply.bytes);
    download(`retroprop-model.${format}`, bytes, format === "json" ? "application/json" : undefined);
  } catch (e) {
    filesError = messageOf(e);
    render();
  }
}

/** A model file loaded back: the page takes its hidden layers, the worker its weights. */
async function importModel(file: File): Promise<void> {
  try {
    const loaded = await loadModelBytes(await fileBytes(file, 64 * 2 ** 20), file.name, {
      inputs: inputsOf(0),
      outputs: outputUnits(),
      problem: state.problem,
    });
    filesError = "";
    change((s) => {
      s.hidden = loaded.hidden;
      s.activations = loaded.activations;
    });
    send({ type: "load", weights: loaded.weights, biases: loaded.biases });
  } catch (e) {
    filesError = messageOf(e);
    render();
  }
}

const backendNote = () =>
  backendInfo
    ? `${t.backend}: ${backendInfo.backend}${backendInfo.backend === "wasm" ? `, ${backendInfo.threads} ${t.threads}` : ""}`
    : "";

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "–");
const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : "–");

/** Maps a neuron's output into [−1, 1] for the colour scale: sigmoids' (0, 1) stretched, the rest clipped. */
function toUnitFor(layer: number): (v: number) => number {
  const L = state.hidden.length + 1;
  const sigmoidLike =
    (layer === L && state.problem !== "regression") ||
    (layer > 0 && layer < L && state.activations[layer - 1] === "sigmoid");
  if (sigmoidLike) return (v) => 2 * v - 1;
  if (layer === 0) return (v) => v / DOMAIN;
  if (layer === L) return (v) => v / targetScale();
  return (v) => v;
}

/** An uploaded regression's targets may lie anywhere: the colours span its largest |y| (built-in ones: 1). */
function targetScale(): number {
  const built = own?.built;
  if (built?.problem !== "regression") return 1;
  let top = 0;
  for (const v of built.train.target) top = Math.max(top, Math.abs(v));
  return top > 0 ? top : 1;
}

function paint(s: Snapshot): void {
  (document.getElementById("epoch") as HTMLOutputElement).textContent = String(s.epoch).padStart(6, "0");
  const play = document.getElementById("play") as HTMLButtonElement;
  play.innerHTML = s.playing ? PAUSE_ICON : PLAY_ICON;
  play.setAttribute("aria-label", s.playing ? t.pause : t.play);
  play.title = s.playing ? t.pause : t.play;
  const set = (id: string, text: string) => {
    const el = document.getElementById(id);
    if (el) el.textContent = text;
  };
  set("train-loss", fmt(s.metrics.trainLoss));
  set("test-loss", fmt(s.metrics.testLoss));
  set("train-accuracy", pct(s.metrics.trainAccuracy));
  set("test-accuracy", pct(s.metrics.testAccuracy));
  set("status", s.diverged ? t.diverged : errorNote);
  document.getElementById("status")?.classList.toggle("error", s.diverged || errorNote !== "");
  // Layer 0 (the built-in features) was drawn with the page; the worker's grids from layer 1 on (and an upload's inputs).
  s.grids.forEach((layer, l) =>
    layer.forEach((values, j) => {
      if (l === 0 && !own) return;
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-neuron="${l}:${j}"] canvas`);
      if (canvas) drawHeatmap(canvas, values, toUnitFor(l));
    }),
  );
  const heat = document.querySelector<HTMLCanvasElement>("canvas.heatmap");
  const L = s.grids.length - 1;
  if (heat && L > 0) {
    if (state.problem === "multiclass") drawClassMap(heat, s.grids[L], 0.6);
    else drawHeatmap(heat, s.grids[L][0], toUnitFor(L), 0.6);
    if (points) {
      const fill = {
        classification: (v: number) => css(2 * v - 1),
        regression: (v: number) => css(v / targetScale()),
        multiclass: (v: number) => `rgb(${CLASS_COLORS[v].join(",")})`,
      }[state.problem];
      drawPoints(
        heat,
        [
          { ...points.train, test: false },
          { ...points.test, test: true },
        ],
        fill,
      );
    }
  }
  const losses = document.querySelector<HTMLCanvasElement>("canvas.losses");
  if (losses) drawLossCurves(losses, history);
  drawLinks(s);
}

/** Links from every unit to the next layer's: blue for positive weights, orange for negative, width by size. */
function drawLinks(s: Snapshot): void {
  const svg = document.querySelector<SVGSVGElement>("svg.links");
  const box = svg?.parentElement?.getBoundingClientRect();
  if (!svg || !box) return;
  const centre = (key: string, side: "left" | "right") => {
    const r = document.querySelector(`[data-neuron="${key}"]`)?.getBoundingClientRect();
    return r
      ? { x: (side === "left" ? r.left : r.right) - box.left, y: r.top + r.height / 2 - box.top }
      : undefined;
  };
  svg.setAttribute("width", String(box.width));
  svg.setAttribute("height", String(box.height));
  const paths: SVGPathElement[] = [];
  s.weights.forEach((W, l) => {
    const inputs = inputsOf(l);
    const units = W.length / inputs;
    for (let j = 0; j < units; j++) {
      for (let i = 0; i < inputs; i++) {
        const a = centre(`${l}:${i}`, "right");
        const b = centre(`${l + 1}:${j}`, "left");
        if (!a || !b) continue;
        const w = W[j * inputs + i];
        const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
        const mx = (a.x + b.x) / 2;
        p.setAttribute("d", `M${a.x},${a.y} C${mx},${a.y} ${mx},${b.y} ${b.x},${b.y}`);
        p.setAttribute("stroke", w >= 0 ? "#0877bd" : "#f59322");
        p.setAttribute("stroke-width", String(Math.min(8, 0.5 + Math.abs(w) * 1.5)));
        p.setAttribute("stroke-opacity", "0.75");
        p.setAttribute("tabindex", "0");
        p.setAttribute("role", "button");
        const label = `${t.weight} ${weightName(l, j, i)} = ${w.toFixed(3)}`;
        p.setAttribute("aria-label", label);
        p.dataset.link = `${l}:${j}:${i}`;
        const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
        title.textContent = label;
        p.append(title);
        p.addEventListener("click", () => editParameter(l, j, i));
        p.addEventListener("keydown", (e) => {
          if (e.key !== "Enter") return;
          // Otherwise the same Enter would reach the editor's field and submit it at once.
          e.preventDefault();
          editParameter(l, j, i);
        });
        paths.push(p);
      }
    }
  });
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.link;
  svg.replaceChildren(...paths);
  if (focused) (svg.querySelector(`[data-link="${focused}"]`) as SVGPathElement | null)?.focus();
}

let paintPending = false;
/**
 * Paints the latest snapshot at the next frame, once however many arrived: the worker posts one per slice of
 * training, and painting each as it came kept the page's main thread behind (a few frames per second).
 */
function schedulePaint(): void {
  if (paintPending) return;
  paintPending = true;
  requestAnimationFrame(() => {
    paintPending = false;
    if (last) paint(last);
  });
}

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const m = event.data;
  switch (m.type) {
    case "ready":
      backendInfo = m;
      {
        const el = document.getElementById("backend");
        if (el) el.textContent = backendNote();
      }
      break;
    case "points":
      points = m;
      break;
    case "snapshot":
      if (m.epoch === 0) history = [];
      history.push({ train: m.metrics.trainLoss, test: m.metrics.testLoss });
      if (history.length > 2000) history = history.filter((_, i) => i % 2 === 0);
      last = m;
      errorNote = "";
      schedulePaint();
      inspectSnapshot(m);
      break;
    case "explained":
      inspectMessage(m);
      break;
    case "predictions":
    case "exported":
      pending.get(m.id)?.(m);
      pending.delete(m.id);
      break;
    case "error":
      errorNote = m.message;
      {
        const el = document.getElementById("status");
        if (el) {
          el.textContent = m.message;
          el.classList.add("error");
        }
      }
      break;
  }
};

// Keys: Space plays or pauses, S steps, R rewinds to the same weights, unless the user is typing in a field
// (buttons and selects keep their own Space).
document.addEventListener("keydown", (e) => {
  const target = e.target as HTMLElement;
  if (target.closest("input, select, textarea, button, [role=button]") || e.ctrlKey || e.metaKey || e.altKey)
    return;
  if (viewOf(location.hash) !== "network") return; // the keys drive the network page only
  if (e.key === " ") {
    e.preventDefault();
    send({ type: last?.playing ? "pause" : "play" });
  } else if (e.key === "s" || e.key === "S") send({ type: "step" });
  else if (e.key === "r" || e.key === "R") {
    history = [];
    send({ type: "rewind" });
  }
});

// A pasted or edited link is a new run.
window.addEventListener("hashchange", () => {
  own = undefined; // a link carries no file: its run is on the built-in data
  state = stateFromHash(location.hash);
  t = CATALOGUES[state.lang];
  render();
  configure();
});
window.addEventListener("resize", () => last && drawLinks(last));

/** Read-only view for tests and the curious: the state, the epoch and copies of the weights. */
Object.defineProperty(window, "__playground", {
  value: Object.freeze({
    state: () => cloneState(state),
    epoch: () => last?.epoch ?? -1,
    weights: () => (last ? last.weights.map((w) => Array.from(w)) : []),
    biases: () => (last ? last.biases.map((b) => Array.from(b)) : []),
    metrics: () => (last ? { ...last.metrics } : undefined),
    playing: () => last?.playing ?? false,
    /** The network's outputs for rows of raw inputs (an uploaded file's columns, scaled as in training). */
    predict: async (rows: number[][]): Promise<number[][]> => {
      const norm = own?.built.normalization;
      const X = Float32Array.from(
        rows.flatMap((r) => r.map((v, j) => (norm ? (v - norm.shift[j]) / norm.scale[j] : v))),
      );
      const reply = await request({ type: "predict", id: nextRequest++, X, rows: rows.length });
      if (reply.type !== "predictions") return [];
      const m = reply.outputs.length / Math.max(1, rows.length);
      return rows.map((_, i) => Array.from(reply.outputs.subarray(i * m, i * m + m)));
    },
    upload: () => (own ? { features: own.built.featureNames, classes: own.built.classNames } : undefined),
  }),
});

render();
configure();

/**
 * The controls for the user's own data and files: the CSV upload (pick or drop a file, choose the label, the
 * features and the task) and the model's and figures' downloads and the model upload. Only DOM: main.ts owns
 * the state and passes what each control does.
 */
import { h } from "./dom.js";
import type { Messages } from "./messages.js";
import { MODEL_FORMATS, type ModelFormat } from "./model-io.js";
import { type CsvColumns, MAX_UPLOAD_BYTES, type UploadChoice, type UploadTask } from "./upload.js";

export interface CsvPanel {
  t: Messages;
  /** The uploaded file's columns and the current choice, when one is in use. */
  columns?: CsvColumns;
  choice?: UploadChoice;
  error: string;
  onFile(file: File): void;
  onChoice(choice: UploadChoice): void;
  onClear(): void;
}

/** A file input that also takes a file dropped anywhere on its box. */
function fileBox(id: string, label: string, accept: string, onFile: (f: File) => void): HTMLElement {
  const input = h("input", { id, type: "file", accept });
  input.addEventListener("change", () => {
    const f = input.files?.[0];
    if (f) onFile(f);
    input.value = "";
  });
  const box = h("label", { for: id, class: "drop" }, label, input);
  box.addEventListener("dragover", (e) => {
    e.preventDefault();
    box.classList.add("over");
  });
  box.addEventListener("dragleave", () => box.classList.remove("over"));
  box.addEventListener("drop", (e) => {
    e.preventDefault();
    box.classList.remove("over");
    const f = e.dataTransfer?.files[0];
    if (f) onFile(f);
  });
  return box;
}

/** The CSV upload: the file box, then (once a file is in) its label, features and task. */
export function csvPanel(p: CsvPanel): HTMLElement {
  const { t } = p;
  const section = h(
    "div",
    { class: "own-data" },
    h("h3", {}, t.ownData),
    fileBox("csv-file", t.csvPick, ".csv,text/csv,text/plain", p.onFile),
    h("p", { class: "note" }, t.csvLimits.replace("{mib}", String(MAX_UPLOAD_BYTES / 2 ** 20))),
  );
  const { columns, choice } = p;
  if (columns && choice) {
    const label = h("select", { id: "csv-label" });
    columns.names.forEach((name, j) => {
      const o = h("option", { value: String(j) }, name);
      if (j === choice.label) o.selected = true;
      label.append(o);
    });
    label.addEventListener("change", () => {
      const l = Number(label.value);
      p.onChoice({ ...choice, label: l, features: choice.features.filter((j) => j !== l) });
    });
    const features = h("fieldset", { class: "csv-features" }, h("legend", {}, t.csvFeatures));
    columns.names.forEach((name, j) => {
      if (j === choice.label) return;
      const box = h("input", {
        type: "checkbox",
        id: `csv-feature-${j}`,
        "data-column": j,
        checked: choice.features.includes(j),
        disabled: !columns.numeric[j],
      });
      box.addEventListener("change", () => {
        const on = box.checked ? [...choice.features, j] : choice.features.filter((k) => k !== j);
        p.onChoice({ ...choice, features: on.sort((a, b) => a - b) });
      });
      features.append(h("label", { for: `csv-feature-${j}` }, box, name));
    });
    const task = h("select", { id: "csv-task" });
    for (const k of ["classification", "regression"] as UploadTask[]) {
      const o = h("option", { value: k }, t[k]);
      if (k === choice.task) o.selected = true;
      task.append(o);
    }
    task.addEventListener("change", () => p.onChoice({ ...choice, task: task.value as UploadTask }));
    const clear = h("button", { type: "button", id: "csv-clear" }, t.csvClear);
    clear.addEventListener("click", p.onClear);
    section.append(
      h("p", { class: "note", id: "csv-summary" }, `${columns.file}: ${columns.rows} ${t.csvRows}`),
      h("label", { for: "csv-label" }, t.csvLabel, label),
      features,
      h("label", { for: "csv-task" }, t.problem, task),
      h("p", { class: "note" }, choice.features.length === 2 ? t.csvPlane : t.csvNoPlane),
      clear,
    );
  }
  section.append(h("p", { id: "csv-error", class: "note error", role: "alert" }, p.error));
  return section;
}

export interface FilesPanel {
  t: Messages;
  error: string;
  onExport(format: ModelFormat): void;
  onImport(file: File): void;
  onFigure(which: "boundary" | "loss"): void;
  /** Whether there is a boundary picture (two inputs) to download. */
  planar: boolean;
}

/** The model formats as the buttons name them. */
const FORMAT_NAMES: Readonly<Record<ModelFormat, string>> = {
  json: "JSON",
  safetensors: "safetensors",
  onnx: "ONNX",
};

/** Downloads of the model and the figures, and a model loaded back. */
export function filesPanel(p: FilesPanel): HTMLElement {
  const { t } = p;
  const button = (id: string, text: string, onClick: () => void, disabled = false) => {
    const b = h("button", { type: "button", id, disabled }, text);
    b.addEventListener("click", onClick);
    return b;
  };
  return h(
    "div",
    { class: "files" },
    h("h3", {}, t.files),
    h(
      "div",
      { class: "buttons" },
      ...MODEL_FORMATS.map((f) =>
        button(`export-${f}`, `${t.downloadModel} (${FORMAT_NAMES[f]})`, () => p.onExport(f)),
      ),
      button("figure-boundary", t.downloadBoundary, () => p.onFigure("boundary"), !p.planar),
      button("figure-loss", t.downloadLoss, () => p.onFigure("loss")),
    ),
    fileBox("model-file", t.loadModel, ".json,.safetensors,.onnx,application/json", p.onImport),
    h("p", { class: "note" }, t.modelNote),
    h("p", { id: "model-error", class: "note error", role: "alert" }, p.error),
  );
}

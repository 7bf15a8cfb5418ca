/**
 * The data layer's errors (src/data, src/util) in both languages: each is triggered through the real call a
 * user makes (a library function, or the CLI with --lang es), and its English message and its Spanish text
 * (errorText with the Spanish catalogue) are compared with lines written out here.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { blobs, spirals } from "../../src/data/builtin.js";
import { csvToDataset } from "../../src/data/csv.js";
import { readCsvDataset } from "../../src/data/csv-file.js";
import { ensureFiles } from "../../src/data/download.js";
import { readIdx } from "../../src/data/idx.js";
import { pairIdx, parseIdxBytes } from "../../src/data/idx-bytes.js";
import { readInputRows } from "../../src/data/input.js";
import { datasetNames, loadDataset } from "../../src/data/load.js";
import { fitNormalization, normalizeRows } from "../../src/data/normalize.js";
import { splitDataset } from "../../src/data/split.js";
import { NDArray } from "../../src/tensor/ndarray.js";
import { Random } from "../../src/tensor/random.js";
import { assertWritableFile, writeFileAtomic } from "../../src/util/atomic-write.js";
import { InputError } from "../../src/util/errors.js";
import { parseJsonText } from "../../src/util/json-text.js";
import { statInputFile } from "../../src/util/read-file.js";
import { runCli } from "../cli/run-cli.js";
import { saysBoth } from "../util/says-both.js";

const tmp = mkdtempSync(join(tmpdir(), "retroprop-data-es-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a file in the temporary folder and returns its path. */
function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe("data errors in English and Spanish", () => {
  test("csv.ts: a field that is not a number names file:line:column and the column", async () => {
    const text = "x,y,label\n1,2,a\n3,abc,b\n";
    await saysBoth(
      () => csvToDataset(text, "flowers.csv"),
      InputError,
      'flowers.csv:3:2: column 2 "y": "abc" is not a number',
      'flowers.csv:3:2: la columna 2 "y": "abc" no es un número',
    );
    await saysBoth(
      () => csvToDataset("1,2,0\n3,4,1\n5,6,1\n7,8\n", "short.csv"),
      InputError,
      "short.csv:4: expected 3 fields, found 2",
      "short.csv:4: se esperaban 3 campos, hay 2",
    );
    await saysBoth(
      () => csvToDataset("a,b\n1,x\n2,x\n", "one.csv"),
      InputError,
      'one.csv: the label column has a single class ("x"); nothing to classify',
      'one.csv: la columna de la etiqueta tiene una sola clase ("x"); no hay nada que clasificar',
    );
    await saysBoth(
      () => csvToDataset("1,2,0\n3,4,1\n", "nohead.csv", { label: "species" }),
      InputError,
      'nohead.csv: has no header, so the label column must be an index (0..2), not "species"',
      'nohead.csv: no tiene encabezado, así que la columna de la etiqueta debe ser un índice (0..2), no "species"',
    );
  });

  test("csv-file.ts: a missing file, and corrupt gzip data with zlib's own reason", async () => {
    const missing = join(tmp, "missing.csv");
    await saysBoth(
      () => readCsvDataset(missing),
      InputError,
      `${missing}: no such file`,
      `${missing}: no existe el archivo`,
    );
    const bytes = gzipSync(Buffer.from("a,b\n1,0\n2,1\n")).subarray(0, 12);
    let reason = "";
    try {
      gunzipSync(bytes);
    } catch (err) {
      reason = (err as Error).message;
    }
    assert.notEqual(reason, "", "12 bytes of a gzip stream are truncated");
    const path = file("cut.csv.gz", bytes);
    await saysBoth(
      () => readCsvDataset(path),
      InputError,
      `${path}: corrupt or truncated gzip data (${reason})`,
      `${path}: datos gzip dañados o truncados (${reason})`,
    );
  });

  test("input.ts: JSON of the wrong form, and a CSV field of prediction inputs", async () => {
    const json = file("in.json", '{"rows": [1, 2]}');
    await saysBoth(
      () => readInputRows(json),
      InputError,
      `${json}: expected an array of numbers, an array of rows, or {"inputs": ...}`,
      `${json}: se esperaba un arreglo de números, un arreglo de filas o {"inputs": ...}`,
    );
    const csv = file("in.csv", "1,2\n3,\n");
    await saysBoth(
      () => readInputRows(csv),
      InputError,
      `${csv}:2:2: empty field`,
      `${csv}:2:2: campo vacío`,
    );
    await saysBoth(
      () => readInputRows(file("wide.json", "[[1, 2, 3]]"), { features: 2 }),
      InputError,
      `${join(tmp, "wide.json")}: row 1 has 3 values, the model expects 2`,
      `${join(tmp, "wide.json")}: la fila 1 tiene 3 valores, el modelo espera 2`,
    );
  });

  test("idx-bytes.ts: a bad magic number, and labels that do not match the images", async () => {
    await saysBoth(
      () => parseIdxBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), "train-images", { dims: 3 }),
      InputError,
      "train-images: bad IDX magic number 0x504b0304 (expected 0x00000803); not an IDX file",
      "train-images: número mágico IDX 0x504b0304 incorrecto (se esperaba 0x00000803); no es un archivo IDX",
    );
    const images = { shape: [2, 1, 1], data: new Uint8Array(2) };
    const labels = { shape: [1], data: new Uint8Array(1) };
    await saysBoth(
      () => pairIdx(images, labels, "img.idx", "lab.idx"),
      InputError,
      "labels do not match images: lab.idx has 1 label, img.idx has 2 images",
      "las etiquetas no corresponden a las imágenes: lab.idx tiene 1 etiqueta, img.idx tiene 2 imágenes",
    );
  });

  test("idx.ts: a truncated header after gunzip, and a raw file one byte too long", async () => {
    const gz = file("short.idx.gz", gzipSync(Buffer.from([0, 0])));
    await saysBoth(
      () => readIdx(gz),
      InputError,
      `${gz} (after gunzip): truncated IDX header: expected at least 4 bytes, the file has 2 bytes`,
      `${gz} (tras descomprimirlo con gunzip): encabezado IDX truncado: se esperaba al menos 4 bytes, el archivo tiene 2 bytes`,
    );
    // Labels header [3]: 8 header bytes + 3 data bytes = 11; the file has 12.
    const raw = file("long.idx", new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3, 4]));
    await saysBoth(
      () => readIdx(raw, { dims: 1 }),
      InputError,
      `${raw}: wrong IDX size: header [3] needs 11 bytes, the file has 12 bytes (1 byte too many)`,
      `${raw}: tamaño IDX incorrecto: el encabezado [3] necesita 11 bytes, el archivo tiene 12 bytes (1 byte de más)`,
    );
  });

  test("builtin.ts: generator options out of range", async () => {
    await saysBoth(
      () => spirals(new Random(1), 100, 0.1, 1),
      InputError,
      "spirals: arms must be an integer from 2 to the number of samples, got 1",
      "spirals: arms debe ser un entero de 2 al número de ejemplos, se recibió 1",
    );
    await saysBoth(
      () => blobs(new Random(1), 0),
      InputError,
      "blobs: samples must be an integer ≥ 1, got 0",
      "blobs: samples debe ser un entero ≥ 1, se recibió 0",
    );
  });

  test("split.ts: a fraction outside [0, 1), and fractions that leave nothing to train on", async () => {
    const ds = csvToDataset("1,0\n2,1\n3,0\n4,1\n", "four.csv");
    await saysBoth(
      () => splitDataset(ds, { test: 1.5 }, new Random(1)),
      InputError,
      "test fraction must be in [0, 1), got 1.5",
      "la fracción de prueba debe estar en [0, 1), se recibió 1.5",
    );
    await saysBoth(
      () => splitDataset(ds, { test: 0.5, validation: 0.5 }, new Random(1)),
      InputError,
      "test (0.5) + validation (0.5) fractions must leave rows for training",
      "las fracciones de prueba (0.5) y de validación (0.5) deben dejar filas para el entrenamiento",
    );
  });

  test("download.ts: a dataset with no list of files", async () => {
    await saysBoth(
      () => ensureFiles("cifar", tmp),
      InputError,
      'unknown dataset "cifar": no list of files',
      'conjunto de datos desconocido "cifar": no hay lista de archivos',
    );
  });

  test("load.ts: an unknown dataset, with the csv: it probably meant", async () => {
    const names = datasetNames.join(", ");
    await saysBoth(
      () => loadDataset("flowers.csv"),
      InputError,
      `unknown dataset "flowers.csv"; use one of ${names}, or csv:PATH (did you mean csv:flowers.csv?)`,
      `conjunto de datos desconocido "flowers.csv"; use uno de ${names}, o csv:RUTA (¿quiso decir csv:flowers.csv?)`,
    );
  });

  test("normalize.ts: a row of the wrong width, and an empty training set", async () => {
    const norm = fitNormalization(new NDArray(new Float32Array([1, 2, 3, 4]), [2, 2]), "zscore");
    await saysBoth(
      () => normalizeRows([[1, 2, 3]], norm),
      InputError,
      "row 1 has 3 values, the model's normalisation expects 2",
      "la fila 1 tiene 3 valores, la normalización del modelo espera 2",
    );
    await saysBoth(
      () => fitNormalization(NDArray.zeros([0, 2]), "minmax"),
      InputError,
      "cannot fit a normalisation on an empty training set",
      "no se puede ajustar una normalización sobre un conjunto de entrenamiento vacío",
    );
  });

  test("read-file.ts: a file over its limit, its kind said in each language", async () => {
    const path = file("big.csv", "x".repeat(1500));
    await saysBoth(
      () => statInputFile(path, 1000, "text file"),
      InputError,
      `${path}: 1,500 bytes, more than the 1,000 bytes accepted for a text file`,
      `${path}: 1,500 bytes, más que los 1,000 bytes que se aceptan para un archivo de texto`,
    );
  });

  test("json-text.ts: malformed JSON at line:column, the problem said in each language", async () => {
    await saysBoth(
      () => parseJsonText("[1, 2", "rows.json"),
      InputError,
      'rows.json:1:6: malformed JSON (expected "," or "]", got end of input)',
      'rows.json:1:6: JSON mal formado (se esperaba "," o "]", se encontró el fin de la entrada)',
    );
    await saysBoth(
      () => parseJsonText('{\n  "a": 1,\n  "b": tru\n}', "model.json"),
      InputError,
      'model.json:3:11: malformed JSON (unexpected "\\n")',
      'model.json:3:11: JSON mal formado ("\\n" inesperado)',
    );
  });

  test("atomic-write.ts: an empty file name for a flag, and a folder where a file goes", async () => {
    await saysBoth(
      () => assertWritableFile("", "--save"),
      InputError,
      "--save: empty file name",
      "--save: nombre de archivo vacío",
    );
    const folder = join(tmp, "model.json");
    mkdirSync(folder);
    await saysBoth(
      () => writeFileAtomic(folder, "{}"),
      InputError,
      `${folder} is a folder, not a file`,
      `${folder} es una carpeta, no un archivo`,
    );
    await saysBoth(
      () => assertWritableFile(folder, "--out"),
      InputError,
      `--out ${folder}: is a folder, not a file`,
      `--out ${folder}: es una carpeta, no un archivo`,
    );
  });

  test("retroprop train --lang es on a CSV with a bad field: the Spanish line with file:line:column, no stack", () => {
    const csv = file(
      "iris-bad.csv",
      "sepal,petal,species\n5.1,1.4,setosa\n4.9,x1,setosa\n6.3,4.9,virginica\n",
    );
    const r = runCli(["train", "--lang", "es", "--data", `csv:${csv}`, "--epochs", "1"]);
    assert.notEqual(r.status, 0);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `retroprop: ${csv}:3:2: la columna 2 "petal": "x1" no es un número\n`);
    const en = runCli(["train", "--lang", "en", "--data", `csv:${csv}`, "--epochs", "1"]);
    assert.notEqual(en.status, 0);
    assert.equal(en.stderr, `retroprop: ${csv}:3:2: column 2 "petal": "x1" is not a number\n`);
  });
});

/**
 * The errors of src/explain, src/viz, src/experiments and src/cli in both languages, and the experiments' and
 * sweeps' figures in Spanish. Each error is met through a real public call (a library function, or the CLI with
 * --lang es); the English message and the Spanish text (errorText with the Spanish catalogue) are compared with
 * lines written out here. The figures' words are read from the SVG text the experiment writes.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadDataset } from "../../src/data/load.js";
import {
  drawGradientDescent,
  drawLrSweep,
  measureDecisionBoundary,
  measureGradientDescent,
  measureHiddenUnits,
  measureLrSweep,
  measureVanishingGradient,
  parseSweepSpec,
  resolveShard,
  saveFigure,
  type TrialResult,
  trialErrorText,
} from "../../src/experiments/index.js";
import { writeSweepFigures } from "../../src/experiments/sweep.js";
import { deriveExpression } from "../../src/explain/chain-rule.js";
import {
  ExpressionError,
  evaluateExpression,
  evaluateTensorExpression,
  parseExpression,
} from "../../src/explain/expression.js";
import { renderGraph } from "../../src/explain/graph-report.js";
import { explainStep } from "../../src/explain/training-step.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Random } from "../../src/tensor/random.js";
import { errorRecord, reviveError } from "../../src/util/error-record.js";
import { InputError, RetropropError } from "../../src/util/errors.js";
import { errorText, localizedError, messages } from "../../src/util/i18n.js";
import {
  barChart,
  contourChart,
  decisionBoundaryChart,
  imageGridChart,
  lineChart,
  renderDot,
  svgToPng,
  writeFigure,
} from "../../src/viz/index.js";
import { XOR_FILES } from "../cli/notes-xor.js";
import { runCli } from "../cli/run-cli.js";
import { saysBoth } from "../util/says-both.js";
import { tempOut } from "./helpers.js";

const es = messages("es");

/** The error `run` throws (synchronously or as a rejected promise). */
async function caught(run: () => unknown): Promise<RetropropError> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof RetropropError, `not a RetropropError: ${err}`);
    return err;
  }
  assert.fail("no error was thrown");
}

/** The CLI run with --lang es fails with exactly this line. */
function cliSays(args: string[], spanish: string): void {
  const r = runCli([...args, "--lang", "es"]);
  assert.notEqual(r.status, 0, r.stdout);
  assert.equal(r.stderr, `retroprop: ${spanish}\n`);
}

/** The text of an SVG's <text> elements, one entry each. */
function svgTexts(svg: string): string[] {
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]));
}

describe("src/explain's errors in Spanish", () => {
  test("expression.ts: a syntax error with its column, mathjs's words translated", async () => {
    await saysBoth(
      () => parseExpression("(x + y"),
      ExpressionError,
      'syntax error at char 7 in "(x + y": parenthesis ) expected',
      'error de sintaxis en el carácter 7 en "(x + y": se esperaba un paréntesis )',
    );
    await saysBoth(
      () => parseExpression("x + foo(y)"),
      ExpressionError,
      "unknown function foo at char 5 (in foo(y)); known functions: exp, log, ln, sqrt, abs, sin, cos, tan, sigmoid, tanh, relu, max, min, softmax, sum; to multiply, write foo*(...)",
      "función desconocida foo en el carácter 5 (en foo(y)); funciones conocidas: exp, log, ln, sqrt, abs, sin, cos, tan, sigmoid, tanh, relu, max, min, softmax, sum; para multiplicar, escriba foo*(...)",
    );
  });

  test("expression.ts: a value that is not finite, said inside the sub-expression it happened at", async () => {
    await saysBoth(
      () => evaluateExpression("log(x) + 1", { x: -2 }),
      ExpressionError,
      "log of -2 is undefined (negative) (at log(x))",
      "log de -2 no está definido (negativo) (en log(x))",
    );
    // A shape error of the engine nested in the expression's: the outer words are Spanish either way.
    const err = await caught(() => evaluateTensorExpression("W * x", { W: [[1, 2]], x: [1, 2, 3] }));
    assert.match(err.message, /^shapes do not fit in W \* x: /);
    assert.match(errorText(err, es), /^las formas no encajan en W \* x: /);
  });

  test("chain-rule.ts: which variable to differentiate by", async () => {
    await saysBoth(
      () => deriveExpression("x * y"),
      ExpressionError,
      "the expression has several variables (x, y): choose one with --var",
      "la expresión tiene varias variables (x, y): elija una con --var",
    );
  });

  test("training-step.ts: an example number out of range, whatever the derivation's language", async () => {
    const model = Sequential.fromSizes({
      sizes: [2, 2, 1],
      activation: "sigmoid",
      output: "sigmoid",
      rng: new Random(1),
    });
    const X = [
      [0, 1],
      [1, 0],
    ];
    const Y = [[1], [1]];
    await saysBoth(
      () => explainStep(model, X, Y, { loss: "mse", example: 3, lang: "es" }),
      InputError,
      "--example: expected an example number from 1 to 2, got 3",
      "--example: se esperaba un número de ejemplo de 1 a 2, se obtuvo 3",
    );
  });
});

describe("src/viz's errors in Spanish", () => {
  const grid = { xs: [0, 1], ys: [0, 1], values: [0, 1, 2, 3] };
  const labels = { title: "t", xLabel: "x", yLabel: "y" };

  test("charts: bar.ts, common.ts, contour.ts, decision.ts, image-grid.ts, line.ts", async () => {
    await saysBoth(
      () => barChart({ ...labels, bars: [] }),
      InputError,
      "barChart: bars is empty",
      "barChart: bars está vacío",
    );
    await saysBoth(
      () => lineChart({ ...labels, series: [{ name: "a", x: [1], y: [1] }], width: 5 }),
      InputError,
      "lineChart: width must be a number ≥ 20, got 5",
      "lineChart: width debe ser un número ≥ 20, se recibió 5",
    );
    await saysBoth(
      () => contourChart({ ...labels, grid, levels: 1 }),
      InputError,
      "contourChart: levels must be an integer ≥ 2",
      "contourChart: levels debe ser un entero ≥ 2",
    );
    await saysBoth(
      () => decisionBoundaryChart({ ...labels, grid, points: [], valueDomain: [1, 0] }),
      InputError,
      "decisionBoundaryChart: valueDomain [1, 0] must be increasing",
      "decisionBoundaryChart: valueDomain [1, 0] debe ser creciente",
    );
    await saysBoth(
      () => imageGridChart({ ...labels, images: [[1, 2, 3]], width: 2, height: 2 }),
      InputError,
      "imageGridChart: images[0] has 3 values, expected 2×2 = 4",
      "imageGridChart: images[0] tiene 3 valores, se esperaban 2×2 = 4",
    );
    await saysBoth(
      () => lineChart({ ...labels, series: [{ name: "a", x: [1, 2], y: [1] }] }),
      InputError,
      'lineChart: series[0] ("a") has 2 x values but 1 y values',
      'lineChart: series[0] ("a") tiene 2 valores de x pero 1 valores de y',
    );
  });

  test("dot.ts, figure.ts, render.ts", async () => {
    const dot = await caught(() => renderDot("digraph {"));
    assert.match(dot.message, /^graphviz: cannot render DOT: ./);
    assert.match(errorText(dot, es), /^graphviz: no se puede dibujar el DOT: ./);
    await saysBoth(
      () => writeFigure(tempOut("esfig"), "a/b", "<svg/>"),
      InputError,
      "figure name \"a/b\" must be letters, digits, '.', '_' or '-' (no folders)",
      "el nombre de figura \"a/b\" debe tener solo letras, dígitos, '.', '_' o '-' (sin carpetas)",
    );
    await saysBoth(
      () => svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>', { scale: 0 }),
      RetropropError,
      "svgToPng: scale must be > 0, got 0",
      "svgToPng: la escala debe ser > 0, se recibió 0",
    );
  });
});

describe("src/experiments' errors in Spanish", () => {
  test("measure/shared.ts: a setting named in the reader's language", async () => {
    const { train } = await loadDataset("xor", { seed: 1 });
    await saysBoth(
      () => measureLrSweep(train, { lrs: [] }),
      InputError,
      "learning rates: give at least one value",
      "tasas de aprendizaje: dé al menos un valor",
    );
    await saysBoth(
      () => measureLrSweep(train, { lrs: [0.1], epochs: 0 }),
      InputError,
      "epochs must be an integer ≥ 1, got 0",
      "épocas: debe ser un entero ≥ 1, se recibió 0",
    );
  });

  test("measure/decision-boundary.ts, gradient-descent.ts, hidden-units.ts, vanishing-gradient.ts", async () => {
    const splits = await loadDataset("xor", { seed: 1 });
    await saysBoth(
      () => measureDecisionBoundary(splits.train, { optimizer: "lbfgs" as never }),
      InputError,
      'unknown optimizer "lbfgs" (known: sgd, momentum, nesterov, rmsprop, adam)',
      'optimizador desconocido "lbfgs" (se conocen: sgd, momentum, nesterov, rmsprop, adam)',
    );
    await saysBoth(
      () => measureGradientDescent({ function: "himmelblau" as never }),
      InputError,
      'unknown function "himmelblau" (known: bowl, rosenbrock)',
      'función desconocida "himmelblau" (se conocen: bowl, rosenbrock)',
    );
    await saysBoth(
      () => measureHiddenUnits(splits, {}),
      InputError,
      "hidden-units needs an image dataset (mnist, fashion-mnist, digits); xor is not one",
      "hidden-units necesita un conjunto de datos de imágenes (mnist, fashion-mnist, digits); xor no lo es",
    );
    await saysBoth(
      () => measureVanishingGradient(splits.train, { loss: "cce" as never }),
      InputError,
      "vanishing-gradient: loss must be bce or mse, got cce",
      "vanishing-gradient: la pérdida debe ser bce o mse, se recibió cce",
    );
  });

  test("common.ts: the PNG scale of a figure", async () => {
    await saysBoth(
      () => saveFigure(tempOut("esfig"), "f", "<svg/>", 9),
      InputError,
      "PNG scale must be a number in (0, 8], got 9",
      "la escala del PNG debe ser un número en (0, 8], se recibió 9",
    );
  });

  test("sweep.ts: a spec's problem under its JSON path, a shard, a results file", async () => {
    await saysBoth(
      () => parseSweepSpec({ train: { data: "xor" }, grid: { lr: [] } }, "s.json"),
      InputError,
      "s.json: grid.lr: expected a non-empty array of strings, numbers or booleans",
      "s.json: grid.lr: se esperaba un arreglo no vacío de cadenas, números o booleanos",
    );
    await saysBoth(
      () => parseSweepSpec([]),
      InputError,
      'sweep spec: expected a JSON object with "train" and "grid" or "random"',
      'especificación del barrido: se esperaba un objeto JSON con "train" y "grid" o "random"',
    );
    await saysBoth(
      () => resolveShard({ index: 3, count: 2 }, {}),
      InputError,
      "--index 3: expected 0 <= index < 2 (the count)",
      "--index 3: se esperaba 0 <= índice < 2 (el número de fragmentos)",
    );
  });

  test("a failed trial's error: English data in results.jsonl, its record said in the reader's language", () => {
    // The record as the trial's CLI hands it over (error-record.ts), with a nested error and a NaN in it.
    const inner = localizedError(RetropropError, "expectedNumber", "--lr", "x");
    const outer = localizedError(RetropropError, "exprDomain", inner, "f");
    const lost = localizedError(RetropropError, "lossNotFinite", Number.NaN, "m.json");
    for (const err of [outer, lost]) {
      const record = JSON.parse(JSON.stringify(errorRecord(err)));
      const back = reviveError(record);
      assert.ok(back);
      assert.equal(back.message, err.message);
      assert.equal(errorText(back, es), errorText(err, es));
    }
    const result: TrialResult = {
      sweep: "abc",
      trial: 2,
      config: { lr: "x" },
      seconds: 1,
      status: "failed",
      error: '--lr: expected a number, got "x"',
      errorRecord: { key: "expectedNumber", params: ["--lr", "x"] },
    };
    assert.equal(trialErrorText(result, es), '--lr: se esperaba un número, se recibió "x"');
    // A record this version cannot say (another version's key) leaves the English text.
    const unknown = { ...result, errorRecord: { key: "noSuchKey", params: [] } };
    assert.equal(trialErrorText(unknown, es), '--lr: expected a number, got "x"');
  });
});

describe("src/cli's errors in Spanish (retroprop … --lang es)", () => {
  test("explain.ts, graph.ts, sweep.ts, train-model.ts, experiment-specs.ts", () => {
    cliSays(
      ["explain", ...XOR_FILES, "--loss", "mse", "--unit", "2"],
      '--unit: se esperaba l,j (capa y neurona, desde 1), se obtuvo "2"',
    );
    cliSays(["graph", "x + y", "--at", "x=1,y=2,z=3"], '--at: z no aparece en "x + y" (sus variables: x, y)');
    cliSays(
      ["graph", "x", "--at", "x=[1,"],
      `--at x: se esperaba un arreglo JSON de números como [[1,2],[3,4]], se recibió "[1," (${jsonProblem("[1,")})`,
    );
    cliSays(["sweep", "report"], "sweep report: indique al menos una carpeta de resultados");
    cliSays(
      ["train", "--data", "xor", "--layers", "3,1", "--epochs", "1"],
      "--layers: el primer tamaño debe ser 2, el número de características de entrada del conjunto de datos, se recibió 3",
    );
    cliSays(
      ["experiment", "gradient-descent", "--data", "xor"],
      "--data: gradient-descent genera sus propios datos",
    );
  });

  test("sweep-run.ts: a failed trial is English in results.jsonl, with its record, and Spanish in the log", () => {
    const dir = tempOut("esfig");
    const spec = join(dir, "spec.json");
    writeFileSync(spec, JSON.stringify({ train: { data: "xor", epochs: 1 }, grid: { lr: ["x"] } }));
    const r = runCli(["sweep", spec, "--out", join(dir, "out"), "--lang", "es"]);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /\nensayo 0: lr=x → falló: --lr: se esperaba un número, se recibió "x" \([\d.]+ s\)\n/,
    );
    const [line] = readFileSync(join(dir, "out", "results.jsonl"), "utf8")
      .trim()
      .split("\n");
    const result = JSON.parse(line) as TrialResult;
    assert.equal(result.error, '--lr: expected a number, got "x"');
    assert.deepEqual(result.errorRecord, { key: "expectedNumber", params: ["--lr", "x"] });
  });

  test("model-use.ts: outputs a model's dtype cannot hold", () => {
    const dir = tempOut("esfig");
    const model = join(dir, "big.json");
    writeFileSync(
      model,
      JSON.stringify({
        format: "retroprop.model",
        version: 1,
        layers: [{ type: "dense", inputs: 1, units: 1, activation: "linear", weights: [[1e30]], bias: [0] }],
      }),
    );
    writeFileSync(join(dir, "x.json"), "[[1e30]]");
    cliSays(
      ["predict", "--model", model, "--input", join(dir, "x.json")],
      `${model}: la salida 0 de la fila de entrada 1 es Infinity (los pesos del modelo o las entradas son demasiado grandes para su dtype)`,
    );
  });
});

/** JSON.parse's own (English, Node's) words for a text, which --at quotes. */
function jsonProblem(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return (err as Error).message;
  }
  return "";
}

describe("figures in Spanish", () => {
  test("lr-sweep: title, subtitle, axes, legend and series names", async () => {
    const { train } = await loadDataset("xor", { seed: 1 });
    const data = await measureLrSweep(train, { lrs: [0.5, 1e6], epochs: 3, hidden: [4], batchSize: 4 });
    const [loss] = await drawLrSweep(data, es);
    const texts = svgTexts(loss.svg);
    for (const line of [
      "Pérdida de entrenamiento para cada tasa de aprendizaje η",
      `xor, red 2-4-1 sigmoid, ${data.loss}, SGD, lote 4`,
      "época",
      `pérdida de entrenamiento (${data.loss}, escala logarítmica)`,
      "tasa de aprendizaje",
      "η = 0.5",
    ])
      assert.ok(texts.includes(line), `${line} not in ${JSON.stringify(texts)}`);
    assert.ok(
      texts.some((t) => /^η = 1000000 \((divergió|inestable)\)$/.test(t)),
      JSON.stringify(texts),
    );
    assert.ok(!texts.some((t) => /\b(loss|epoch|learning|network|batch)\b/.test(t)), JSON.stringify(texts));
  });

  test("gradient-descent: the paths' legend and the markers", async () => {
    const data = measureGradientDescent({ lrs: [0.05], steps: 5, epochs: 2 });
    const figures = await drawGradientDescent(data, es);
    const contours = svgTexts(figures[0].svg);
    for (const line of [
      "Descenso por el gradiente sobre f(x, y) = x² + 10y²",
      "tasa de aprendizaje",
      "marca",
      "inicio",
      "paso",
      "fin",
    ])
      assert.ok(contours.includes(line), `${line} not in ${JSON.stringify(contours)}`);
    const neuron = svgTexts(figures[2].svg);
    for (const line of ["w₁ = precio del café (centavos)", "w₂ = precio del zumo (centavos)", "regla delta"])
      assert.ok(neuron.includes(line), `${line} not in ${JSON.stringify(neuron)}`);
    assert.ok(
      neuron.some((t) => /^en línea, η = [\d.]+ \(\d+ actualizaciones\)/.test(t)),
      JSON.stringify(neuron),
    );
  });

  test("sweep report's figures: the metric against each option", async () => {
    const dir = tempOut("esfig");
    const trial = (id: number, lr: number, loss: number): TrialResult => ({
      sweep: "abc",
      trial: id,
      config: { lr },
      seconds: 1,
      status: "ok",
      metrics: { loss },
    });
    const [png] = await writeSweepFigures([trial(0, 0.1, 0.5), trial(1, 1, 0.25)], dir, "loss", es);
    const texts = svgTexts(readFileSync(png.replace(/\.png$/, ".svg"), "utf8"));
    assert.ok(texts.includes("pérdida contra lr (2 ensayos)"), JSON.stringify(texts));
    assert.ok(texts.includes("pérdida"), JSON.stringify(texts));
  });

  test("graph's picture: the gates' verbs", async () => {
    const result = evaluateExpression("max(x, y) + x*y", { x: 3, y: 5 });
    const texts = svgTexts(await renderGraph("max(x, y) + x*y", { x: 3, y: 5 }, result, "svg", es));
    for (const verb of ["distribuye", "intercambia", "enruta"])
      assert.ok(texts.includes(verb), JSON.stringify(texts));
    assert.ok(!texts.some((t) => /distributes|swaps|routes/.test(t)), JSON.stringify(texts));
  });
});

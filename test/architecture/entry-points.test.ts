import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

// The package is imported by its own name, as a user's code imports it: this goes through package.json's
// "exports", so a subpath missing there, or a name a doc promises but an index.ts does not re-export, fails here.
const packageJson = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  name: string;
  exports: Record<string, unknown>;
};

/** Names the README and docs/ tell users to import from each entry point. */
const DOCUMENTED: Record<string, string[]> = {
  retroprop: [
    // README, docs/engine.md
    "Sequential",
    "fit",
    "makeOptimizer",
    "NDArray",
    "Random",
    "add",
    "mul",
    "scalar",
    "gradCheck",
    "sigmoid",
    "sum",
    "MatrixBackprop",
    "selectDefaultBackend",
    "initWasmBackend",
    // docs/data.md
    "loadDataset",
    "BatchIterator",
    // docs/engine.md: graphs of expressions with vectors and matrices, wire by wire
    "evaluateTensorExpression",
    "graphEdges",
    // docs/classic.md
    "trainPerceptron",
    "gateByName",
    // docs/interop.md
    "modelToOnnx",
    "modelFromOnnx",
    "modelToSafetensors",
    "modelFromSafetensors",
    "parseSafetensors",
    "torchSequentialCode",
  ],
  // what the CLI's kind of code, the playground and the benchmarks use beyond the curated API
  "retroprop/internals": [
    "parseLoss",
    "checkData",
    "lossValue",
    "activationInfo",
    "formatModelJSON",
    "nd",
    "setBackendScope",
    "loadModelFile",
    "readCsvDataset",
    "Sequential",
    "fit",
  ],
  "retroprop/data": ["loadDataset", "BatchIterator"],
  "retroprop/classic": ["trainPerceptron", "gateByName"],
  "retroprop/viz": ["lineChart", "writeFigure", "decisionBoundaryChart", "svgToPng", "renderDot"],
  "retroprop/experiments": [
    "runLrSweep",
    "runHiddenSize",
    "runVanishingGradient",
    "runDecisionBoundary",
    "runHiddenUnits",
    "runGradientDescent",
    // docs/results.md: the three steps of each experiment
    "measureLrSweep",
    "drawLrSweep",
    "summariseLrSweep",
  ],
  "retroprop/experiments/measure": [
    "measureLrSweep",
    "summariseLrSweep",
    "measureHiddenSize",
    "measureHiddenUnits",
    "measureDecisionBoundary",
    "measureVanishingGradient",
    "measureGradientDescent",
  ],
};

/**
 * Every runtime name `"retroprop"` exports in Node: the curated API (src/portable.ts + src/index.ts) that README,
 * docs/ and the TypeDoc reference describe. A name added to or dropped from the public API must be added or
 * dropped here too, on purpose; helpers belong in "retroprop/internals".
 */
const CURATED = [
  // tensors
  ...["NDArray", "Random", "ShapeError"],
  // autograd
  ...[
    "Tensor",
    "tensor",
    "scalar",
    "zeros",
    "ones",
    "full",
    "rand",
    "randn",
    "noGrad",
    "isGradEnabled",
    "gradCheck",
  ],
  ...["abs", "add", "argmax", "concat", "cos", "div", "exp", "leakyRelu", "log", "logSoftmax", "logSumExp"],
  ...[
    "matmul",
    "max",
    "maximum",
    "mean",
    "minimum",
    "mul",
    "neg",
    "pow",
    "relu",
    "reshape",
    "sigmoid",
    "sin",
  ],
  ...["slice", "softmax", "sqrt", "square", "sub", "sum", "tan", "tanh", "transpose"],
  // backends
  ...["getBackend", "setBackend", "withBackend", "registerBackend", "ReferenceBackend", "WasmBackend"],
  ...["initWasmBackend", "ready", "selectDefaultBackend"],
  // models, layers, activations, losses, initializers, the matrix form
  ...["Sequential", "Dense", "ACTIVATIONS", "LOSSES", "INITIALIZERS", "MatrixBackprop"],
  // optimizers and schedules
  ...[
    "SGD",
    "Adam",
    "RMSProp",
    "makeOptimizer",
    "OPTIMIZERS",
    "stepDecay",
    "exponentialDecay",
    "cosineDecay",
  ],
  // training
  ...["fit", "evaluate", "predict", "earlyStopping"],
  // checkpoints and clipping
  ...["MemoryStore", "CheckpointFolder", "clipGradNorm"],
  // data
  ...[
    "loadDataset",
    "builtinDataset",
    "BUILTIN_DATASETS",
    "GATE_DATASETS",
    "gateDataset",
    "blobs",
    "circles",
  ],
  ...["moons", "sine", "spirals", "splitDataset", "encodeLabels", "fitNormalization", "applyNormalization"],
  ...["BatchIterator"],
  // CSV text and IDX bytes in memory (docs/data.md; the playground's uploads and MNIST)
  ...["csvToDataset", "parseCsvTable", "parseIdxBytes", "pairIdx"],
  // model I/O
  ...["modelToJSON", "modelFromJSON", "saveModel", "loadModel", "exportModel", "modelToSafetensors"],
  ...["modelFromSafetensors", "parseSafetensors", "torchSequentialCode", "modelToOnnx", "modelFromOnnx"],
  // explain
  ...["explainStep", "renderText", "renderMarkdown", "renderJson", "renderHtml", "graphToDot", "graphToSvg"],
  ...["describeGraph", "graphToJSON"],
  // classic learners
  ...["trainPerceptron", "trainDeltaRule", "gateByName", "GATE_NAMES"],
  // errors
  ...["RetropropError", "InputError", "DivergenceError"],
  ...["errorText", "messages", "resolveLang"],
  // what docs/engine.md, docs/backends.md and docs/explain.md describe beyond the groups above
  ...["topologicalOrder", "gatherRows", "constant", "graphNodes"],
  ...["chooseDefaultBackend", "initWasmBackendSync", "createWasmBackend"],
  ...["BlasBackend", "initBlasBackend", "createBlasBackend", "blasUnavailableReason"],
  ...["explainDeltaRule", "deriveExpression", "katexStylesheet"],
  ...["evaluateExpression", "parseExpression", "buildExpression", "ExpressionError"],
  ...["evaluateTensorExpression", "graphEdges"],
];

describe("package entry points", () => {
  test('"retroprop" exports the curated API and nothing else', async () => {
    const mod = (await import(packageJson.name)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(mod).sort(), [...CURATED].sort());
  });

  test('"retroprop/internals" keeps every name "retroprop" exported before the API was curated', async () => {
    // The CLI's kind of code moved its imports there: nothing a layer exports was lost on the way.
    const internals = (await import(`${packageJson.name}/internals`)) as Record<string, unknown>;
    const curated = (await import(packageJson.name)) as Record<string, unknown>;
    for (const name of Object.keys(curated)) assert.equal(internals[name], curated[name], name);
    assert.ok(Object.keys(internals).length > 250, `${Object.keys(internals).length} names`);
  });

  test("package.json exports every documented entry point, and nothing else", () => {
    const subpaths = Object.keys(packageJson.exports).map((k) =>
      k === "." ? packageJson.name : `${packageJson.name}/${k.slice(2)}`,
    );
    assert.deepEqual(subpaths.sort(), Object.keys(DOCUMENTED).sort());
  });

  for (const [specifier, names] of Object.entries(DOCUMENTED)) {
    test(`${specifier} provides ${names.length} documented names`, async () => {
      const mod = (await import(specifier)) as Record<string, unknown>;
      const missing = names.filter((n) => mod[n] === undefined);
      assert.deepEqual(missing, [], `${specifier} lacks ${missing.join(", ")}`);
    });
  }
});

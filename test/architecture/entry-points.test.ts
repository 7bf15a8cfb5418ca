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

describe("package entry points", () => {
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

/**
 * Errors of expressions, derivations, figures and experiments (src/explain, src/viz, src/experiments, src/cli).
 * Spread into the `errors` namespace of en.ts; errors-figures.es.ts must have every key.
 */
import type { Nested } from "../i18n.js";

/** Long text in a message: its start and its length ("x + … (12000 characters)"). */
const clipped = (value: string, keep: number, max: number): string => {
  const text = String(value); // (the catalogue tests call every message with numbers)
  return text.length <= max ? text : `${text.slice(0, keep)}… (${text.length} characters)`;
};
/** An expression in a message. */
const quoted = (text: string): string => clipped(text, 60, 80);
const lowerFirst = (s: string): string => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;
const at = (position: number | undefined): string => (position ? ` at char ${position}` : "");

/** The experiments' settings as their checks name them (measure/shared.ts). */
const SETTINGS = {
  learningRates: "learning rates",
  learningRate: "learning rate",
  deltaRuleLearningRates: "delta-rule learning rates",
  epochs: "epochs",
  steps: "steps",
  weeks: "weeks",
  hiddenSizes: "hidden sizes",
  hiddenUnits: "hidden units",
  hiddenLayerWidth: "hidden layer width",
  maxHiddenLayers: "maximum number of hidden layers",
  maxUnits: "maximum number of units",
  batchSize: "batch size",
  probeRows: "probe rows",
  repeats: "repeats",
  gridResolution: "grid resolution",
};
export type ExperimentSetting = keyof typeof SETTINGS;
/** A setting's name (any other text as it is). */
const setting = (what: ExperimentSetting): string => SETTINGS[what] ?? what;

export const figureErrorsEn = {
  // src/explain/expression.ts
  exprTooDeep: (length: number) =>
    `expression too deeply nested to evaluate (${length} characters): split it into smaller ones`,
  exprTooDeepParentheses: (length: number, nesting: number, max: number) =>
    `expression too deeply nested to evaluate (${length} characters): ${nesting} nested parentheses, more than ${max}; split it into smaller ones`,
  exprTooDeepLevels: (length: number, depth: number, max: number) =>
    `expression too deeply nested to evaluate (${length} characters): ${depth} levels of operations, more than ${max}; split it into smaller ones`,
  exprEmpty: () => "empty expression",
  exprTooLong: (length: number, max: number) =>
    `expression of ${length} characters, more than the ${max} accepted: split it into smaller ones`,
  /** `problem` is mathjs's own (English) description of the syntax error. */
  exprSyntax: (position: number | undefined, text: string, problem: string) =>
    `syntax error${at(position)} in "${quoted(text)}": ${lowerFirst(String(problem))}`,
  exprNotNumber: (type: string, json: string, text: string) =>
    `${type} ${json} is not a number (in ${quoted(text)})`,
  exprNumberTooLarge: (literal: string, text: string) =>
    `the number ${clipped(literal, 20, 40)} is too large for float64 (in "${quoted(text)}")`,
  exprUnexpectedCharacter: (name: string, position: number | undefined, text: string) =>
    `unexpected character "${name}"${at(position)} in "${quoted(text)}"`,
  exprFunctionNotCalled: (name: string, position: number | undefined) =>
    `${name} is a function: write ${name}(...)${position ? ` (char ${position})` : ""}`,
  exprOperator: (op: string, fn: string, sub: string) =>
    `operator ${op} (${fn}) is not supported; use + - * / ^ (in ${sub})`,
  exprUnknownFunction: (
    name: string,
    named: boolean,
    position: number | undefined,
    sub: string,
    known: string,
  ) =>
    `unknown function ${name}${at(position)} (in ${sub}); known functions: ${known}` +
    (named ? `; to multiply, write ${name}*(...)` : ""),
  exprArity: (name: string, arity: number, got: number, position: number | undefined, sub: string) =>
    `${name} takes ${arity} argument${arity === 1 ? "" : "s"}, ${arity === 1 ? `${name}(x)` : `${name}(a, b)`}, got ${got}${at(position)} (in ${sub})`,
  exprSyntaxUnsupported: (kind: string, sub: string) =>
    `unsupported syntax (${kind}): ${sub}; expressions take numbers, variables, + - * / ^, parentheses and functions`,
  exprValueNotArray: (name: string, why: Nested) =>
    `the value of ${name} is not a number, vector or matrix: ${why}`,
  exprValueEmpty: (name: string) => `the value of ${name} is empty`,
  exprTooManyElements: (name: string, size: number, shape: string, max: number) =>
    `${name} has ${size} elements (shape ${shape}), more than the ${max} whose Jacobians can be written out`,
  exprValueNotFinite: (name: string, element: number | undefined, shape: string, got: number) =>
    `the value of ${name} must be a finite number${element === undefined ? "" : ` (element ${element} of ${shape})`}, got ${got}`,
  exprConstant: (name: string, value: number) => `${name} is a constant (${value}), not a variable`,
  exprMissingValue: (names: string, count: number) => `no value for variable${count > 1 ? "s" : ""} ${names}`,
  exprShapes: (sub: string, inner: Nested) => `shapes do not fit in ${sub}: ${inner}`,
  /** A value that is not finite (`problem`, one of the expr… keys below) at a sub-expression. */
  exprDomain: (problem: Nested, sub: string) => `${problem} (at ${sub})`,
  exprElementNotFinite: (element: number, value: number) =>
    `element ${element} of the result is ${value}, not a finite number`,
  exprLogZero: (fn: string) => `${fn} of 0 is -Infinity`,
  exprLogNegative: (fn: string, a: string) => `${fn} of ${a} is undefined (negative)`,
  exprSqrtNegative: (a: string) => `sqrt of ${a} is undefined (negative)`,
  exprZeroOverZero: () => "0 / 0 is undefined (division by zero)",
  exprDivisionByZero: (a: string) => `division by zero: ${a} / 0`,
  exprZeroToNegative: (b: string) => `0 ^ ${b} is infinite (division by zero)`,
  exprNegativeBase: (a: string, b: string) => `${a} ^ ${b} is undefined (negative base, fractional exponent)`,
  exprOverflow: (operation: string) => `${operation} overflows float64`,
  exprResultNotFinite: (y: string, inputs: string) =>
    `the result ${y} is not a finite number${inputs ? ` (inputs ${inputs})` : ""}`,
  exprNoJacobian: (name: string) =>
    `no finite Jacobian: ∂f/∂${name} has an undefined or infinite entry at these values`,
  exprNoGradient: (label: string, wrt: string | undefined, nan: boolean, point: string, value: string) =>
    `no finite gradient: the derivative of ${label} with respect to ${wrt ?? "its input"} is ${nan ? "undefined" : "infinite"} at ${point || `${wrt ?? "its input"} = ${value}`}`,
  // src/explain/training-step.ts, src/cli/commands/explain.ts
  explainExample: (n: number, N: number) => `--example: expected an example number from 1 to ${N}, got ${n}`,
  explainUnitLayer: (l: number, L: number) => `--unit: the network has layers 1 to ${L}, got layer ${l}`,
  explainUnit: (l: number, j: number, units: number) =>
    `--unit: layer ${l} has units 1 to ${units}, got unit ${j}`,
  explainUnitFormat: (text: string) => `--unit: expected l,j (layer and unit, 1-based), got "${text}"`,
  explainLr: (lr: number) => `--lr: the learning rate must be a positive number, got ${lr}`,
  // src/explain/chain-rule.ts
  deriveWhichVariable: (names: string) =>
    `the expression has several variables (${names}): choose one with --var`,
  deriveNoVariable: (expression: string) => `"${expression}" has no variable to differentiate by`,
  deriveVariableAbsent: (x: string, expression: string) => `--var: ${x} does not appear in "${expression}"`,
  deriveMissingValue: (names: string) => `--at: no value for ${names}`,
  deriveCannotDifferentiate: (fn: string) => `cannot differentiate ${fn} symbolically`,
  deriveTooLong: () => "the chain has too many links to name (more than 8)",
  // src/viz (the chart functions' options: `chart` is the function, `option` the option's path)
  chartEmpty: (chart: string, option: string) => `${chart}: ${option} is empty`,
  chartNotFinite: (chart: string, option: string, value: number) => `${chart}: ${option} is ${value}`,
  chartSize: (chart: string, option: string, value: number) =>
    `${chart}: ${option} must be a number ≥ 20, got ${value}`,
  chartGridSize: (chart: string, nx: number, ny: number) =>
    `${chart}: grid needs at least 2 xs and 2 ys, got ${nx}×${ny}`,
  chartGridValues: (chart: string, entries: number, ny: number, nx: number) =>
    `${chart}: grid.values has ${entries} entries, expected ys.length × xs.length = ${ny}×${nx} = ${nx * ny}`,
  chartGridSpacing: (chart: string, axis: string, i: number) =>
    `${chart}: grid.${axis} must be increasing and evenly spaced (at index ${i})`,
  chartFlat: (chart: string, value: number) => `${chart}: grid.values are all ${value}; nothing to contour`,
  chartLevels: (chart: string) => `${chart}: levels must be an integer ≥ 2`,
  chartThresholds: (chart: string) => `${chart}: thresholds must be finite numbers`,
  chartLogLevels: (chart: string) => `${chart}: logLevels needs positive grid values`,
  chartNameTwice: (chart: string, option: string, name: string) =>
    `${chart}: ${option} "${name}" is used twice`,
  chartPathPoint: (chart: string, k: number, i: number) =>
    `${chart}: paths[${k}].points[${i}] is not a finite (x, y) pair`,
  chartPoint: (chart: string, i: number) => `${chart}: points[${i}] has a non-finite x, y or label`,
  chartClasses: (chart: string, k: number) => `${chart}: grid.classes must be an integer ≥ 2, got ${k}`,
  chartClassValue: (chart: string, i: number, v: number, k: number) =>
    `${chart}: grid.values[${i}] = ${v} is not a class index in 0..${k - 1}`,
  chartClassLabel: (chart: string, label: number, k: number) =>
    `${chart}: point label ${label} is not a class index in 0..${k - 1}`,
  chartDomain: (chart: string, lo: number, hi: number) =>
    `${chart}: valueDomain [${lo}, ${hi}] must be increasing`,
  chartImageSize: (chart: string, w: number, h: number) =>
    `${chart}: width and height must be positive integers, got ${w}×${h}`,
  chartImageLength: (chart: string, k: number, values: number, w: number, h: number) =>
    `${chart}: images[${k}] has ${values} values, expected ${w}×${h} = ${w * h}`,
  chartLabels: (chart: string, labels: number, images: number) =>
    `${chart}: ${labels} labels for ${images} images`,
  chartColumns: (chart: string) => `${chart}: columns must be a positive integer`,
  chartSeriesLengths: (chart: string, k: number, name: string, xs: number, ys: number) =>
    `${chart}: series[${k}] ("${name}") has ${xs} x values but ${ys} y values`,
  graphvizFailed: (message: string) => `graphviz: cannot render DOT: ${message || "unknown error"}`,
  figureName: (name: string) => `figure name "${name}" must be letters, digits, '.', '_' or '-' (no folders)`,
  vegaRender: (message: string) => `vega: cannot render chart: ${message}`,
  vegaLiteCompile: (message: string) => `vega-lite: cannot compile chart: ${message}`,
  pngScale: (scale: number) => `svgToPng: scale must be > 0, got ${scale}`,
  // src/experiments/measure/*.ts (a setting's name in the messages: SETTINGS)
  settingEmpty: (what: ExperimentSetting) => `${setting(what)}: give at least one value`,
  settingValue: (what: ExperimentSetting, n: number, integer: boolean, got: number) =>
    `${setting(what)}: value ${n} must be a positive ${integer ? "integer" : "number"}, got ${got}`,
  settingRepeats: (what: ExperimentSetting) => `${setting(what)}: values repeat`,
  settingInteger: (what: ExperimentSetting, min: number, got: number) =>
    `${setting(what)} must be an integer ≥ ${min}, got ${got}`,
  boundaryTwoFeatures: (name: string, features: number) =>
    `decision-boundary needs a dataset with 2 input features; ${name} has ${features}`,
  boundaryNotClassification: (name: string) =>
    `decision-boundary needs a classification dataset with one label per row; ${name} is not`,
  descentFunction: (name: string, known: string) => `unknown function "${name}" (known: ${known})`,
  descentCollinear: () => "the weeks' portions are collinear; try another seed or more weeks",
  unitsInputs: (inputs: number, name: string, h: number, w: number) =>
    `the model takes ${inputs} inputs but ${name} images have ${h}×${w} = ${h * w} pixels`,
  unitsNoHidden: () => "the model has no hidden layer (only one layer)",
  unitsNotImages: (name: string) =>
    `hidden-units needs an image dataset (mnist, fashion-mnist, digits); ${name} is not one`,
  normsNoRows: () => "gradient norms need at least one row",
  vanishingNoActivation: () => "vanishing-gradient: give at least one activation",
  vanishingLoss: (loss: string) => `vanishing-gradient: loss must be bce or mse, got ${loss}`,
  // src/experiments/common.ts
  figureScale: (scale: number) => `PNG scale must be a number in (0, 8], got ${scale}`,
  // src/experiments/sweep.ts (a spec's problem `at` a JSON path, said within sweepSpecAt)
  sweepSpecAt: (source: string | undefined, path: string, problem: Nested) =>
    `${source ?? "sweep spec"}: ${path ? `${path}: ` : ""}${problem}`,
  sweepSpecNotObject: () => 'expected a JSON object with "train" and "grid" or "random"',
  sweepSpecUnknownKey: (known: string) => `unknown key (known: ${known})`,
  sweepSpecOptionName: (name: string) => `"${name}" is not a train option name`,
  sweepSpecReserved: (flag: string) => `${flag} is set by the sweep itself`,
  sweepSpecTrain: () => 'expected an object of train options (e.g. {"data": "xor"})',
  sweepSpecValue: () => "expected a string, number or boolean",
  sweepSpecGridOrRandom: () => 'expected exactly one of "grid" and "random"',
  sweepSpecAlsoFixed: () => 'is also fixed in "train"',
  sweepSpecGrid: () => "expected an object of option: [values]",
  sweepSpecGridValues: () => "expected a non-empty array of strings, numbers or booleans",
  sweepSpecRandom: () => 'expected {"trials": N, "seed": S, "space": {...}}',
  sweepSpecPositiveInteger: () => "expected a positive integer",
  sweepSpecInteger: () => "expected an integer",
  sweepSpecSpace: () => "expected an object of option: distribution",
  sweepSpecChoices: () => "expected a non-empty array of values",
  sweepSpecDistribution: () =>
    'expected [values], {"uniform": [a, b]}, {"logUniform": [a > 0, b]} or {"int": [a, b]} with a <= b',
  sweepSpecRead: (path: string, code: string) => `${path}: cannot read the sweep spec (${code})`,
  shardNotInteger: (name: string, text: string) => `${name}: expected a non-negative integer, got "${text}"`,
  shardJobCount: () =>
    'JOB_COMPLETION_INDEX is set but the number of shards is not: pass --count (the Job\'s completions) or put "count" in the spec',
  shardSlurmStep: (id: number, min: number, step: number) =>
    `SLURM_ARRAY_TASK_ID ${id} is not MIN ${min} plus a multiple of STEP ${step}`,
  shardSlurmCount: () => "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: pass --count",
  shardCountNeedsIndex: (count: number) =>
    `--count ${count} needs --index (or JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)`,
  shardCount: (count: number) => `--count: expected a positive integer, got ${count}`,
  shardIndex: (from: string, index: number, count: number) =>
    `${from} ${index}: expected 0 <= index < ${count} (the count)`,
  resultsNotJson: (path: string, line: number) => `${path}:${line}: not a JSON line`,
  resultsNotResult: (path: string, line: number) =>
    `${path}:${line}: not a sweep result (expected sweep, trial, config)`,
  resultsOtherSweep: (dir: string, theirs: string, ours: string) =>
    `${dir}: holds results of another sweep spec (${theirs}, this one is ${ours}); use another --out`,
  resultsNoFolder: (dir: string) => `${dir}: no such folder`,
  resultsMixed: (dir: string, theirs: string, ours: string) =>
    `${dir}: results of sweep ${theirs} mixed with sweep ${ours}`,
  resultsNoMetric: (metric: string) => `no finished trial has the metric "${metric}"`,
  // src/cli/commands/graph.ts
  graphUnused: (names: string, count: number, expression: string, variables: string) =>
    `--at: ${names} ${count > 1 ? "do" : "does"} not appear in "${expression}"` +
    (variables ? ` (its variables: ${variables})` : " (it has no variables)"),
  graphMissingValues: (names: string, count: number) =>
    `no value for variable${count > 1 ? "s" : ""} ${names} (give values with --at NAME=VALUE)`,
  atNested: (name: string, max: number) => `--at ${name}: arrays nested more than ${max} deep`,
  atNotJson: (name: string, text: string, problem: string) =>
    `--at ${name}: expected a JSON array of numbers such as [[1,2],[3,4]], got "${text}" (${problem})`,
  atNotNumbers: (name: string, text: string) => `--at ${name}: every element of "${text}" must be a number`,
  // src/cli/commands/model-use.ts
  outputNotFinite: (model: string, j: number, row: number, value: number) =>
    `${model}: output ${j} of input row ${row} is ${value} (the model's weights or the inputs are too large for its dtype)`,
  // src/cli/commands/train-model.ts
  layersSizes: (text: string) => `--layers: expected at least two positive integers, got "${text}"`,
  initFromConflict: (flag: string, model: string) =>
    `${flag} cannot be used with --init-from: the model file ${model} defines the network's architecture and weights`,
  firstSize: (what: string, features: number, got: number) =>
    `${what}: the first size must be the dataset's ${features} input features, got ${got}`,
  lastSize: (what: string, outputs: number, got: number) =>
    `${what}: the last size must be the dataset's ${outputs} output${outputs === 1 ? "" : "s"}, got ${got}`,
  // src/cli/commands/experiment-specs.ts
  descentOwnData: () => "--data: gradient-descent generates its own data",
  // src/cli/commands/sweep.ts
  sweepFailed: (failed: number, run: number, file: string) =>
    `${failed} of ${run} trials failed (see ${file})`,
  sweepOnlyRun: (flag: string) => `sweep report: ${flag} is for running a sweep, not for its report`,
  sweepOnlyReport: (flag: string) =>
    `sweep: ${flag} is for sweep report (retroprop sweep report DIR… ${flag} …)`,
  sweepNoDirs: () => "sweep report: name at least one results folder",
  sweepNoResults: (dirs: string) => `sweep report: no results in ${dirs}`,
  sweepOneSpec: (extra: string) => `sweep: one spec file expected, got also ${extra}`,
};

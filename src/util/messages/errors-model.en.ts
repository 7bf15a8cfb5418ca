/**
 * Errors about models and training: model files (JSON, safetensors, ONNX), layers, losses, optimizers, fit, checkpoints, the classic learners (src/nn, src/optim, src/train, src/classic).
 * Spread into the `errors` namespace of en.ts; errors-model.es.ts must have every key.
 */
import type { Nested } from "../i18n.js";

/**
 * A value found in a file where another was expected, as an error quotes it: its JSON text (or a number), or
 * what kind of thing it is (the words are each language's: "an array of 3", "un arreglo de 3").
 */
export type Got =
  | string
  | number
  | { kind: "nothing" }
  | { kind: "object" }
  | { kind: "array"; length: number };

function got(g: Got): string {
  if (typeof g !== "object") return String(g);
  if (g.kind === "array") return `an array of ${g.length}`;
  return g.kind === "object" ? "an object" : "nothing";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** What a matrix given to fit/evaluate/predict is (asMatrix's `what`). */
export type MatrixRole = keyof typeof MATRIX_ROLES;
const MATRIX_ROLES = {
  inputs: "inputs",
  trainingInputs: "training inputs",
  trainingTargets: "training targets",
  validationInputs: "validation inputs",
  validationTargets: "validation targets",
  evaluationInputs: "evaluation inputs",
  evaluationTargets: "evaluation targets",
};

/** Which data a check is about (checkData's `what`). */
export type DataPart = "training" | "validation" | "evaluation";

/** What a checkpoint's state file should hold at a JSON path (checkpoint.ts's checkStateForm). */
export type StateWant = keyof typeof STATE_WANTS;
const STATE_WANTS = {
  format: '"retroprop.checkpoint-state"',
  object: "an object",
  rng: "a generator state",
  boolean: "true or false",
  stringOrNull: "a string or null",
  optimizer: "{ name, learningRate, t, slots }",
  number: "a number",
  indices: "a list of array indices",
  index: "an array index",
  history: "a list of epoch logs",
  list: "a list",
  callback: "null or { values, weights? }",
  arrays: "a list of array entries",
};

export const modelErrorsEn = {
  // Any file or place: `where: problem`, the problem said in the reader's language.
  modelAt: (where: string, problem: Nested) => `${where}: ${problem}`,

  // src/nn/serialize.ts (model JSON)
  cannotSaveNonFinite: (path: string, value: string) =>
    `${path}: ${value} cannot be saved (the model has non-finite weights; did training diverge?)`,
  modelNotObject: (format: string, g: Got) =>
    `expected a JSON object with "format": "${format}", got ${got(g)}`,
  expectedJsonValue: (want: string, g: Got) => `expected ${want}, got ${got(g)}`,
  modelVersion: (version: number, ours: number) =>
    `unsupported version ${version} (this retroprop reads version ${ours})`,
  unknownKey: (known: string) => `unknown key (known: ${known})`,
  expectedString: (g: Got) => `expected a string, got ${got(g)}`,
  expectedObject: (g: Got) => `expected an object, got ${got(g)}`,
  weightsFileName: (g: Got) => `expected a file name beside the model file, got ${got(g)}`,
  weightsDtype: (g: Got) => `expected "float32" or "float64", got ${got(g)}`,
  weightsSha256Form: (g: Got) => `expected 64 lowercase hex digits, got ${got(g)}`,
  onlyWithWeightsFile: () => `only allowed together with "weightsFile"`,
  modelLayers: (g: Got) => `expected a non-empty array of layers, got ${got(g)}`,
  positiveInteger: (g: Got) => `expected a positive integer, got ${got(g)}`,
  layerInputs: (units: number, previous: number, inputs: number) =>
    `expected ${units} (layers[${previous}] has ${plural(units, "unit")}), got ${inputs}`,
  expectedOneOf: (known: string, g: Got) => `expected one of ${known}, got ${got(g)}`,
  weightsInFile: () => `not allowed when "weightsFile" is given (the weights are in that file)`,
  expectedNumbers: (n: number, g: Got) => `expected ${plural(n, "number")}, got ${got(g)}`,
  expectedFinite: (g: Got) => `expected a finite number, got ${got(g)}`,
  tooLargeFor: (value: number, dtype: string, limit: string) =>
    `${value} is too large for ${dtype} (beyond ±${limit})`,
  weightsRows: (units: number, inputs: number, rows: number | undefined, g: Got) =>
    `expected ${plural(units, "row")} (units) of ${plural(inputs, "number")} (inputs), got ${rows === undefined ? got(g) : plural(rows, "row")}`,
  weightsNeedBytes: () => "binary weights need loadModel (or the bytes in options.weights)",
  weightsBytes: (file: string, bytes: number, count: number, dtype: string, layers: number, size: number) =>
    `${file}: expected ${bytes} bytes (${count} ${dtype} values: W then b of ${plural(layers, "layer")}), got ${size}`,
  weightsSha256: (file: string, model: string) =>
    `${file}: its SHA-256 differs from weightsSha256 in ${model} (weights file from another save?)`,
  weightsValue: (file: string, index: number, byte: number, value: number) =>
    `${file}: value ${index} (byte ${byte}) is ${value}`,
  weightsValueTooLarge: (file: string, index: number, byte: number, value: number, dtype: string) =>
    `${file}: value ${index} (byte ${byte}) is ${value}, too large for ${dtype}`,

  // src/nn/safetensors.ts and src/nn/onnx.ts (export)
  noTorchModule: (layer: number, activation: string, exportable: string) =>
    `layers[${layer}]: activation "${activation}" has no PyTorch module (exportable: ${exportable})`,
  noOnnxForm: (layer: number, activation: string, exportable: string) =>
    `layers[${layer}]: activation "${activation}" has no ONNX form (exportable: ${exportable})`,
  cannotExportNonFinite: (path: string, value: number) =>
    `${path}: ${value} cannot be exported (non-finite weights)`,

  // src/nn/safetensors.ts (import)
  stTooShort: (bytes: number) => `${bytes} bytes: too short for the 8-byte header length`,
  stHeaderLimit: (claimed: string, limit: number) =>
    `byte 0: header length ${claimed} exceeds the ${limit}-byte limit`,
  stHeaderPastEnd: (claimed: number, bytes: number) =>
    `byte 0: header length ${claimed} runs past the end of the file (${bytes} bytes)`,
  stHeaderNotJson: (end: number, reason: string) => `bytes 8..${end}: header is not UTF-8 JSON (${reason})`,
  stHeaderNotObject: () => "header: expected a JSON object",
  stMetadataStrings: () => "header: __metadata__: expected an object of strings",
  stEntryNotObject: (name: string) => `header: ${name}: expected an object with dtype, shape, data_offsets`,
  stDtype: (name: string, dtype: string) => `header: ${name}.dtype: ${dtype} is not supported (F32 or F64)`,
  stShape: (name: string) => `header: ${name}.shape: expected an array of non-negative integers`,
  stOffsets: (name: string) => `header: ${name}.data_offsets: expected [begin, end] with 0 <= begin <= end`,
  stOffsetsPastEnd: (name: string, end: number, data: number) =>
    `header: ${name}.data_offsets: end ${end} is past the ${data} data bytes`,
  stShapeBytes: (name: string, shape: string, need: number, given: number) =>
    `header: ${name}: shape [${shape}] needs ${need} bytes, data_offsets give ${given}`,
  stValue: (name: string, index: number, byte: number, value: number) =>
    `header: ${name}: value ${index} (byte ${byte}) is ${value}`,
  stOverlap: (name: string, other: string) => `header: ${name} overlaps ${other}`,
  stNoArchitecture: (key: string) =>
    `__metadata__ has no "${key}" (the activations are unknown; export the model with retroprop, or write it as a model JSON)`,
  notJsonText: () => "not JSON text",
  nonEmptyLayers: () => "expected a non-empty array of layers",
  anObject: () => "expected an object",
  expectedIntegerKind: (positive: boolean) => `expected a ${positive ? "positive" : "non-negative"} integer`,
  unknownActivationName: (name: string) => `unknown activation ${name}`,
  stTensorMissing: (name: string, layer: number, bias: boolean) =>
    `tensor "${name}" (layer ${layer}'s ${bias ? "bias" : "weight"}) is missing`,
  stTensorShape: (name: string, want: string, shape: string) =>
    `tensor "${name}": expected shape [${want}], got [${shape}]`,
  stLayerChain: (layer: number, inputs: number, units: number) =>
    `layer ${layer} takes ${inputs} inputs, layer ${layer - 1} gives ${units}`,

  // src/nn/onnx.ts (import)
  onnxNode: (index: number, name: string, op: string, problem: Nested) =>
    `node ${index} ${name} (${op}): ${problem}`,
  onnxInitializer: (name: string, problem: Nested) => `initializer ${name}: ${problem}`,
  onnxNotProtobuf: (reason: Nested) => `not a readable ONNX protobuf (${reason})`,
  onnxPastEnd: (at: number, count: number, bytes: number) =>
    `byte ${at}: ${count} bytes to read, past the end of the file (${bytes} bytes)`,
  onnxWireType: (type: number, offset: number) => `invalid wire type ${type} at offset ${offset}`,
  onnxVarint: () => "invalid varint encoding",
  onnxNoGraph: () => "the ONNX model has no graph",
  onnxNotConstant: (name: string) =>
    `input ${name} is not a constant (only weights from initializers are read)`,
  onnxExternalData: () => "external data is not supported (save the model with its weights inside)",
  onnxBadDims: (dims: string) => `bad dims [${dims}]`,
  onnxDataType: (type: unknown) => `data type ${type} is not supported (FLOAT or DOUBLE)`,
  onnxDimsClaim: (dims: string, count: number, present: number) =>
    `dims [${dims}] claim ${count} values, the file holds ${present}`,
  onnxValue: (index: number, value: number) => `value ${index} is ${value}`,
  onnxInputs: (count: number, names: string) =>
    `expected one graph input (the batch X), got ${count}: ${names}`,
  onnxOutputs: (count: number) => `expected one graph output, got ${count}`,
  onnxTensorConstants: () => "only tensor constants are read",
  onnxNotChained: (previous: string) =>
    `does not read the previous layer's output ${previous} (only a chain of layers is read)`,
  onnxActivationFirst: () => "an activation must follow a dense layer (Gemm or MatMul)",
  onnxEmptyLayer: (weights: string, units: number, inputs: number) =>
    `weights ${weights} have ${units} units and ${inputs} inputs: a dense layer needs at least one of each`,
  onnxChain: (inputs: number, expected: number) =>
    `weights take ${inputs} inputs, the previous layer gives ${expected}`,
  onnxGemmForm: () => "only Gemm with transA=0, alpha=1, beta=1 is a dense layer",
  onnxInputA: (previous: string) => `expected ${previous} as input A`,
  onnxFirstInput: (previous: string) => `expected ${previous} as the first input`,
  onnxWeightDims: (weights: string, dims: string) => `weights ${weights} have dims [${dims}], expected 2`,
  onnxAddBias: () => "an Add is read only as the bias of the MatMul or Gemm before it",
  onnxFlatten: () => "only Flatten with axis=1 is read",
  onnxNoActivation: (name: string) => `retroprop has no ${name} activation`,
  onnxLeakyAlpha: (alpha: number | undefined, slope: number) =>
    `LeakyRelu alpha ${alpha}: retroprop's leaky_relu has slope ${slope}`,
  onnxSoftmaxAxis: (axis: number) => `Softmax over axis ${axis}: only the features axis (-1 or 1) is read`,
  onnxElu: () => "only Elu with alpha=1 is read",
  onnxGelu: () => "only exact (erf) Gelu is read",
  onnxUnsupported: () =>
    "not a dense layer, activation or pass-through; retroprop reads Linear/activation MLPs only",
  onnxBiasDims: (dims: string, units: number) => `bias has dims [${dims}], expected [${units}]`,
  onnxNoDense: () => "the graph has no dense layer (Gemm or MatMul)",
  onnxOutputNotLast: (output: string, last: string) =>
    `the graph output ${output} is not the last layer's output ${last}`,
  onnxTrainingNotJson: (key: string) => `metadata_props "${key}": not JSON text`,

  // src/nn/sequential.ts
  sequentialEmpty: () => "a Sequential model needs at least one layer",
  layerActivation: (layer: number, name: string, known: string) =>
    `layer ${layer}: unknown activation ${name} (known: ${known})`,
  layerChain: (layer: number, inputs: number, units: number) =>
    `layer ${layer} takes ${inputs} inputs but layer ${layer - 1} has ${units} units`,
  layersDtype: () => "all layers of a model must share one dtype",
  layerSizes: (sizes: string) => `layer sizes must be at least two positive integers, got ${sizes}`,
  modelInputMatrix: () => "model input must be a matrix with examples as rows",
  modelInputShape: (inputs: number, shape: string) =>
    `model expects inputs of shape [N,${inputs}], got ${shape}`,
  hiddenActivations: (count: number, list: string, hidden: number) =>
    `${count} hidden activation${count === 1 ? "" : "s"} (${list}) for ${hidden} hidden layer${hidden === 1 ? "" : "s"}: give one, or one per hidden layer`,

  // src/nn/dense.ts
  denseSizes: (inputs: number, units: number) =>
    `Dense: inputs and units must be positive integers, got ${inputs} and ${units}`,

  // src/nn/matrix-backprop.ts
  trainerMaxRows: (rows: number) => `maxRows must be a positive integer, got ${rows}`,
  trainerRows: (rows: number, max: number) => `batch of ${rows} rows; this trainer holds 1..${max}`,
  trainerInput: (values: number, rows: number, inputs: number) =>
    `input has ${values} values; ${rows} rows of ${inputs} need ${rows * inputs}`,
  traceInputs: (inputs: number, shape: string) => `inputs must be [N,${inputs}], got [${shape}]`,
  traceTargets: (rows: number, outputs: number, shape: string) =>
    `targets must be [${rows},${outputs}], got [${shape}]`,

  // src/nn/losses.ts, src/nn/init.ts
  unknownLoss: (name: string, known: string) => `unknown loss "${name}" (known: ${known})`,
  unknownInitializer: (name: string, known: string) => `unknown initializer "${name}" (known: ${known})`,

  // src/optim/optimizers.ts, src/optim/clip.ts
  optimizerStateEntries: (slot: string, count: number) =>
    `optimizer state: ${slot} needs one entry per parameter (${count})`,
  optimizerStateLength: (slot: string, index: number, saved: number, param: number) =>
    `optimizer state: ${slot}[${index}] has ${saved} values, the parameter ${param}`,
  optimizerStateName: (saved: string | undefined, name: string) =>
    `optimizer state is ${saved}'s, this optimizer is ${name}`,
  optimizerStateT: (t: unknown) => `optimizer state: t must be a count, got ${t}`,
  rateRange: (name: string, min: number, value: number) =>
    `${name} must be a finite number ≥ ${min}, got ${value}`,
  nesterovMomentum: () => "Nesterov momentum needs momentum > 0",
  unknownOptimizer: (name: string, known: string) => `unknown optimizer "${name}" (known: ${known})`,
  clipMaxNorm: (value: number) =>
    `gradient clipping: the maximum norm must be a positive number, got ${value}`,

  // src/train/setup.ts
  stepActivation: (layer: number) =>
    `layers[${layer}].activation: "step" has no useful gradient (f′ = 0); backpropagation needs a differentiable activation (the perceptron trains threshold units)`,
  lossOutputRange: (loss: string, output: string) =>
    `loss ${loss} needs outputs in (0, 1) (a sigmoid or softmax output layer), but the output layer is ${output}`,
  cceNeedsSoftmax: (output: string) =>
    `loss cce needs a softmax output layer (got ${output}); use bce or mse with ${output}`,
  softmaxUnits: (outputs: number) =>
    `a softmax output needs at least 2 units (this one has ${outputs}); use sigmoid`,
  scheduleNumber: (spec: string, what: string, text: string) =>
    `schedule "${spec}": ${what} must be a number, got "${text}"`,
  scheduleEpochs: (spec: string, text: string) =>
    `schedule "${spec}": EPOCHS must be a positive integer, got "${text}"`,
  scheduleSpec: (spec: string) =>
    `schedule: expected step:EPOCHS[:GAMMA], exp:GAMMA or cosine[:MIN_LR], got "${spec}"`,
  targetRows: (part: DataPart, targets: number, inputs: number) =>
    `${part} targets have ${targets} rows but the inputs have ${inputs}`,
  matrixType: (role: MatrixRole, type: string) =>
    `${MATRIX_ROLES[role] ?? role} must be an NDArray or an array of rows of numbers, got ${type}`,
  matrixShape: (role: MatrixRole, width: number, shape: string) =>
    `${MATRIX_ROLES[role] ?? role} must have shape [N,${width}], got ${shape}`,
  lossType: (known: string, type: string) => `loss must be one of ${known}, got ${type}`,
  reductionValue: (g: string) => `reduction must be "mean" or "sum", got ${g}`,
  engineValue: (known: string, g: string) => `engine must be one of ${known}, got ${g}`,
  optimizerValue: (known: string) =>
    `optimizer must be an Optimizer (e.g. new SGD({ lr })) or one of ${known}`,

  // src/train/batches.ts
  batchSize: (size: number) => `batch size must be a positive integer, got ${size}`,
  batchRows: (x: number, y: number) => `x has ${x} rows but y has ${y}`,
  batchOrder: (rows: number) => `batch order: expected a permutation of ${rows} rows`,

  // src/train/check-examples.ts
  examplesInputWidth: (inputs: string, values: number, takes: number) =>
    `${inputs}: rows have ${plural(values, "value")} but the model takes ${plural(takes, "input")}`,
  examplesTargetRows: (targets: string, rows: number, inputs: string, inputRows: number) =>
    `${targets}: ${rows} rows of targets but ${inputs} has ${inputRows} rows of inputs`,
  examplesTargetWidth: (targets: string, values: number, outputs: number) =>
    `${targets}: rows have ${plural(values, "value")} but the model has ${plural(outputs, "output")}`,
  bceTarget: (targets: string, n: number, k: number, y: number) =>
    `${targets}: [${n}][${k}]: bce targets must lie in [0, 1], got ${y}`,
  cceTarget: (targets: string, n: number, k: number, y: number) =>
    `${targets}: [${n}][${k}]: cce targets must be non-negative, got ${y}`,

  // src/train/evaluate.ts, src/train/fit.ts
  evaluateOptions: () => "evaluate's options must be an object",
  evaluateNeedsLoss: () =>
    "evaluate needs options.loss: this model has not been trained by fit, so it has no loss to reuse",
  chunkRows: (size: number) => `batchSize must be a positive integer, got ${size}`,
  fitOptions: () => "fit needs an options object",
  fitEpochs: (epochs: unknown) => `epochs must be a non-negative integer, got ${epochs}`,
  fitBatchSize: (size: unknown) => `batch size must be a positive integer or "full", got ${size}`,
  validationSplit: (f: number) => `validation split must be between 0 and 1, got ${f}`,
  validationSplitRows: () => "validation split leaves no training rows",

  // src/train/run-state.ts
  lastGoodSaved: (error: Nested, path: string) => `${error}; last good weights saved to ${path}`,

  // src/train/checkpoint.ts, checkpoint-pack.ts, checkpoint-store.ts
  checkpointNoStore: () => "checkpoint: give a dir (a folder) or a store",
  checkpointNoFolders: (dir: string) =>
    `checkpoint: no folders here (dir "${dir}"): in Node import retroprop's main entry; elsewhere pass a store`,
  checkpointEvery: (n: unknown) =>
    `checkpoint every: expected a positive whole number of epochs or steps, got ${n}`,
  checkpointOptimizer: (name: string) =>
    `checkpoint: optimizer ${name} has no state()/loadState()/config(), so a checkpoint cannot hold it`,
  checkpointRng: (dir: string, problem: Nested) => `checkpoint ${dir}: rng: ${problem}`,
  checkpointParams: (file: string, count: number) => `${file}: expected ${count} parameters`,
  checkpointStateJson: (file: string) => `checkpoint ${file}: not JSON`,
  checkpointStateForm: (file: string, path: string, want: StateWant) =>
    `checkpoint ${file}: ${path}: expected ${STATE_WANTS[want] ?? want}`,
  checkpointArrays: (file: string) => `${file}: arrays: expected a list`,
  checkpointNoArray: (file: string, what: string, index: string) => `${file}: ${what}: no array ${index}`,
  checkpointArrayOutside: (file: string, what: string, index: string, bytes: number) =>
    `${file}: ${what}: array ${index} lies outside the file's ${bytes} bytes`,
  checkpointArrayType: (file: string, what: string) => `${file}: ${what}: expected floats, found uint32`,
  checkpointArrayLength: (
    file: string,
    what: string,
    length: number,
    type: string,
    runs: number,
    runType: string,
  ) => `${file}: ${what}: ${length} ${type} values, the run's has ${runs} ${runType}`,
  manifestJson: (file: string) => `${file}: not JSON: the checkpoint is damaged`,
  manifestFormat: (file: string, format: string) => `${file}: format: expected "${format}"`,
  manifestVersion: (file: string, version: unknown, ours: number) =>
    `${file}: version ${version} (this retroprop reads version ${ours})`,
  manifestFiles: (file: string) =>
    `${file}: files: expected the state and tensors files with their sizes and SHA-256`,
  manifestCount: (file: string, key: string, value: unknown) =>
    `${file}: ${key}: expected a count, got ${value}`,
  checkpointFileMissing: (file: string, manifest: string) =>
    `${file}: missing, though ${manifest} names it: the checkpoint is damaged`,
  checkpointFileDiffers: (
    file: string,
    bytes: number,
    sha: string,
    manifest: string,
    want: number,
    wantSha: string,
  ) =>
    `${file}: ${bytes} bytes with SHA-256 ${sha}…, ${manifest} says ${want} bytes, ${wantSha}…: the checkpoint is damaged`,

  // src/classic/perceptron.ts, src/classic/delta-rule.ts
  perceptronAt: (problem: Nested) => `perceptron: ${problem}`,
  deltaRuleAt: (problem: Nested) => `delta rule: ${problem}`,
  thresholdInput: (values: number, weights: number) =>
    `threshold unit: input has ${values} values but the unit has ${weights} weights`,
  noExamples: () => "no training examples",
  exampleCounts: (rows: number, targets: number) => `${rows} input rows but ${targets} targets`,
  emptyRows: () => "input rows are empty",
  rowWidth: (row: number, values: number, width: number) =>
    `input row ${row} has ${values} values, expected ${width}`,
  inputNotFinite: (i: number, j: number) => `input [${i}][${j}] is not a finite number`,
  targetNotFinite: (i: number) => `target [${i}] is not a finite number`,
  learningRate: (eta: number) => `learning rate must be a positive number, got ${eta}`,
  targetNotBinary: (i: number, t: number) => `target [${i}] must be 0 or 1, got ${t}`,
  epochLimit: (epochs: number) => `epoch limit must be a positive integer, got ${epochs}`,
  deltaEpochs: (epochs: number) => `epochs must be a positive integer, got ${epochs}`,
  deltaMode: (mode: string) => `unknown mode "${mode}"`,
  initialWeights: (count: number, width: number, eachRow: boolean) =>
    `${count} initial weights but ${eachRow ? "each input row has" : "the inputs have"} ${width} values`,
  initialWeightNotFinite: (i: number) => `initial weight ${i} is not a finite number`,
};

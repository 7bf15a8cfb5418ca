/** Los errores de errors-model.en.ts, en español (con los términos de los apuntes). */
import type { Nested } from "../i18n.js";
import type { DataPart, Got, MatrixRole, modelErrorsEn, StateWant } from "./errors-model.en.js";

function recibido(g: Got): string {
  if (typeof g !== "object") return String(g);
  if (g.kind === "array") return `un arreglo de ${g.length}`;
  return g.kind === "object" ? "un objeto" : "nada";
}

/** n con la palabra en singular o en plural ("1 fila", "3 filas"; "1 unidad", "2 unidades"). */
function cuenta(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

const MATRICES: Record<MatrixRole, string> = {
  inputs: "las entradas",
  trainingInputs: "las entradas de entrenamiento",
  trainingTargets: "los objetivos de entrenamiento",
  validationInputs: "las entradas de validación",
  validationTargets: "los objetivos de validación",
  evaluationInputs: "las entradas de evaluación",
  evaluationTargets: "los objetivos de evaluación",
};

const PARTES: Record<DataPart, string> = {
  training: "de entrenamiento",
  validation: "de validación",
  evaluation: "de evaluación",
};

const ESPERADO: Record<StateWant, string> = {
  format: '"retroprop.checkpoint-state"',
  object: "un objeto",
  rng: "un estado del generador",
  boolean: "true o false",
  stringOrNull: "una cadena o null",
  optimizer: "{ name, learningRate, t, slots }",
  number: "un número",
  indices: "una lista de índices de arreglos",
  index: "un índice de arreglo",
  history: "una lista de registros por época",
  list: "una lista",
  callback: "null o { values, weights? }",
  arrays: "una lista de entradas de arreglos",
};

export const modelErrorsEs: typeof modelErrorsEn = {
  modelAt: (where: string, problem: Nested) => `${where}: ${problem}`,

  // src/nn/serialize.ts
  cannotSaveNonFinite: (path: string, value: string) =>
    `${path}: ${value} no se puede guardar (el modelo tiene pesos no finitos; ¿divergió el entrenamiento?)`,
  modelNotObject: (format: string, g: Got) =>
    `se esperaba un objeto JSON con "format": "${format}", se recibió ${recibido(g)}`,
  expectedJsonValue: (want: string, g: Got) => `se esperaba ${want}, se recibió ${recibido(g)}`,
  modelVersion: (version: number, ours: number) =>
    `versión ${version} no admitida (este retroprop lee la versión ${ours})`,
  unknownKey: (known: string) => `clave desconocida (se conocen: ${known})`,
  expectedString: (g: Got) => `se esperaba una cadena, se recibió ${recibido(g)}`,
  expectedObject: (g: Got) => `se esperaba un objeto, se recibió ${recibido(g)}`,
  weightsFileName: (g: Got) =>
    `se esperaba el nombre de un archivo junto al archivo del modelo, se recibió ${recibido(g)}`,
  weightsDtype: (g: Got) => `se esperaba "float32" o "float64", se recibió ${recibido(g)}`,
  weightsSha256Form: (g: Got) =>
    `se esperaban 64 dígitos hexadecimales en minúscula, se recibió ${recibido(g)}`,
  onlyWithWeightsFile: () => `solo se admite junto con "weightsFile"`,
  modelLayers: (g: Got) => `se esperaba un arreglo no vacío de capas, se recibió ${recibido(g)}`,
  positiveInteger: (g: Got) => `se esperaba un entero positivo, se recibió ${recibido(g)}`,
  layerInputs: (units: number, previous: number, inputs: number) =>
    `se esperaba ${units} (layers[${previous}] tiene ${cuenta(units, "unidad", "unidades")}), se recibió ${inputs}`,
  expectedOneOf: (known: string, g: Got) => `se esperaba una de ${known}, se recibió ${recibido(g)}`,
  weightsInFile: () => `no se admite cuando se da "weightsFile" (los pesos están en ese archivo)`,
  expectedNumbers: (n: number, g: Got) => `se esperaban ${cuenta(n, "número")}, se recibió ${recibido(g)}`,
  expectedFinite: (g: Got) => `se esperaba un número finito, se recibió ${recibido(g)}`,
  tooLargeFor: (value: number, dtype: string, limit: string) =>
    `${value} es demasiado grande para ${dtype} (más allá de ±${limit})`,
  weightsRows: (units: number, inputs: number, rows: number | undefined, g: Got) =>
    `se esperaban ${cuenta(units, "fila")} (unidades) de ${cuenta(inputs, "número")} (entradas), se recibió ${rows === undefined ? recibido(g) : cuenta(rows, "fila")}`,
  weightsNeedBytes: () => "los pesos binarios necesitan loadModel (o los bytes en options.weights)",
  weightsBytes: (file: string, bytes: number, count: number, dtype: string, layers: number, size: number) =>
    `${file}: se esperaban ${bytes} bytes (${count} valores ${dtype}: W y luego b de ${cuenta(layers, "capa")}), hay ${size}`,
  weightsSha256: (file: string, model: string) =>
    `${file}: su SHA-256 no es el weightsSha256 de ${model} (¿archivo de pesos de otro guardado?)`,
  weightsValue: (file: string, index: number, byte: number, value: number) =>
    `${file}: el valor ${index} (byte ${byte}) es ${value}`,
  weightsValueTooLarge: (file: string, index: number, byte: number, value: number, dtype: string) =>
    `${file}: el valor ${index} (byte ${byte}) es ${value}, demasiado grande para ${dtype}`,

  // src/nn/safetensors.ts y src/nn/onnx.ts (exportar)
  noTorchModule: (layer: number, activation: string, exportable: string) =>
    `layers[${layer}]: la función de activación "${activation}" no tiene módulo de PyTorch (se pueden exportar: ${exportable})`,
  noOnnxForm: (layer: number, activation: string, exportable: string) =>
    `layers[${layer}]: la función de activación "${activation}" no tiene forma ONNX (se pueden exportar: ${exportable})`,
  cannotExportNonFinite: (path: string, value: number) =>
    `${path}: ${value} no se puede exportar (pesos no finitos)`,

  // src/nn/safetensors.ts (importar)
  stTooShort: (bytes: number) =>
    `${bytes} bytes: demasiado corto para los 8 bytes de la longitud del encabezado`,
  stHeaderLimit: (claimed: string, limit: number) =>
    `byte 0: la longitud del encabezado, ${claimed}, pasa el límite de ${limit} bytes`,
  stHeaderPastEnd: (claimed: number, bytes: number) =>
    `byte 0: la longitud del encabezado, ${claimed}, pasa del final del archivo (${bytes} bytes)`,
  stHeaderNotJson: (end: number, reason: string) =>
    `bytes 8..${end}: el encabezado no es JSON en UTF-8 (${reason})`,
  stHeaderNotObject: () => "encabezado: se esperaba un objeto JSON",
  stMetadataStrings: () => "encabezado: __metadata__: se esperaba un objeto de cadenas",
  stEntryNotObject: (name: string) =>
    `encabezado: ${name}: se esperaba un objeto con dtype, shape, data_offsets`,
  stDtype: (name: string, dtype: string) => `encabezado: ${name}.dtype: ${dtype} no se admite (F32 o F64)`,
  stShape: (name: string) => `encabezado: ${name}.shape: se esperaba un arreglo de enteros no negativos`,
  stOffsets: (name: string) =>
    `encabezado: ${name}.data_offsets: se esperaba [begin, end] con 0 <= begin <= end`,
  stOffsetsPastEnd: (name: string, end: number, data: number) =>
    `encabezado: ${name}.data_offsets: el final ${end} pasa de los ${data} bytes de datos`,
  stShapeBytes: (name: string, shape: string, need: number, given: number) =>
    `encabezado: ${name}: la forma [${shape}] necesita ${need} bytes, data_offsets da ${given}`,
  stValue: (name: string, index: number, byte: number, value: number) =>
    `encabezado: ${name}: el valor ${index} (byte ${byte}) es ${value}`,
  stOverlap: (name: string, other: string) => `encabezado: ${name} se traslapa con ${other}`,
  stNoArchitecture: (key: string) =>
    `__metadata__ no tiene "${key}" (no se conocen las funciones de activación; exporte el modelo con retroprop, o escríbalo como JSON de modelo)`,
  notJsonText: () => "no es texto JSON",
  nonEmptyLayers: () => "se esperaba un arreglo no vacío de capas",
  anObject: () => "se esperaba un objeto",
  expectedIntegerKind: (positive: boolean) =>
    `se esperaba un entero ${positive ? "positivo" : "no negativo"}`,
  unknownActivationName: (name: string) => `activación desconocida ${name}`,
  stTensorMissing: (name: string, layer: number, bias: boolean) =>
    `falta el tensor "${name}" (${bias ? "el sesgo" : "los pesos"} de la capa ${layer})`,
  stTensorShape: (name: string, want: string, shape: string) =>
    `tensor "${name}": se esperaba la forma [${want}], se recibió [${shape}]`,
  stLayerChain: (layer: number, inputs: number, units: number) =>
    `la capa ${layer} recibe ${inputs} entradas, la capa ${layer - 1} da ${units}`,

  // src/nn/onnx.ts (importar)
  onnxNode: (index: number, name: string, op: string, problem: Nested) =>
    `nodo ${index} ${name} (${op}): ${problem}`,
  onnxInitializer: (name: string, problem: Nested) => `inicializador ${name}: ${problem}`,
  onnxNotProtobuf: (reason: Nested) => `no es un protobuf ONNX legible (${reason})`,
  onnxPastEnd: (at: number, count: number, bytes: number) =>
    `byte ${at}: faltan ${count} bytes por leer, más allá del final del archivo (${bytes} bytes)`,
  onnxWireType: (type: number, offset: number) =>
    `tipo de codificación (wire type) ${type} inválido en el desplazamiento ${offset}`,
  onnxVarint: () => "entero de longitud variable (varint) mal codificado",
  onnxNoGraph: () => "el modelo ONNX no tiene grafo",
  onnxNotConstant: (name: string) =>
    `la entrada ${name} no es una constante (solo se leen pesos de los inicializadores)`,
  onnxExternalData: () => "no se admiten datos externos (guarde el modelo con sus pesos dentro)",
  onnxBadDims: (dims: string) => `dims inválidas [${dims}]`,
  onnxDataType: (type: unknown) => `el tipo de datos ${type} no se admite (FLOAT o DOUBLE)`,
  onnxDimsClaim: (dims: string, count: number, present: number) =>
    `dims [${dims}] declara ${count} valores, el archivo tiene ${present}`,
  onnxValue: (index: number, value: number) => `el valor ${index} es ${value}`,
  onnxInputs: (count: number, names: string) =>
    `se esperaba una entrada del grafo (el lote X), hay ${count}: ${names}`,
  onnxOutputs: (count: number) => `se esperaba una salida del grafo, hay ${count}`,
  onnxTensorConstants: () => "solo se leen constantes que son tensores",
  onnxNotChained: (previous: string) =>
    `no lee la salida ${previous} de la capa anterior (solo se lee una cadena de capas)`,
  onnxActivationFirst: () => "una función de activación debe seguir a una capa densa (Gemm o MatMul)",
  onnxEmptyLayer: (weights: string, units: number, inputs: number) =>
    `los pesos ${weights} tienen ${units} unidades y ${inputs} entradas: una capa densa necesita al menos una de cada una`,
  onnxChain: (inputs: number, expected: number) =>
    `los pesos reciben ${inputs} entradas, la capa anterior da ${expected}`,
  onnxGemmForm: () => "solo un Gemm con transA=0, alpha=1, beta=1 es una capa densa",
  onnxInputA: (previous: string) => `se esperaba ${previous} como entrada A`,
  onnxFirstInput: (previous: string) => `se esperaba ${previous} como primera entrada`,
  onnxWeightDims: (weights: string, dims: string) =>
    `los pesos ${weights} tienen dims [${dims}], se esperaban 2`,
  onnxAddBias: () => "un Add solo se lee como el sesgo del MatMul o Gemm que lo precede",
  onnxFlatten: () => "solo se lee Flatten con axis=1",
  onnxNoActivation: (name: string) => `retroprop no tiene la función de activación ${name}`,
  onnxLeakyAlpha: (alpha: number | undefined, slope: number) =>
    `LeakyRelu alpha ${alpha}: la leaky_relu de retroprop tiene pendiente ${slope}`,
  onnxSoftmaxAxis: (axis: number) =>
    `Softmax sobre el eje ${axis}: solo se lee el eje de las características (-1 o 1)`,
  onnxElu: () => "solo se lee Elu con alpha=1",
  onnxGelu: () => "solo se lee la Gelu exacta (erf)",
  onnxUnsupported: () =>
    "no es una capa densa, ni una función de activación, ni un paso directo; retroprop solo lee MLP de Linear y funciones de activación",
  onnxBiasDims: (dims: string, units: number) => `el sesgo tiene dims [${dims}], se esperaba [${units}]`,
  onnxNoDense: () => "el grafo no tiene ninguna capa densa (Gemm o MatMul)",
  onnxOutputNotLast: (output: string, last: string) =>
    `la salida del grafo ${output} no es la salida ${last} de la última capa`,
  onnxTrainingNotJson: (key: string) => `metadata_props "${key}": no es texto JSON`,

  // src/nn/sequential.ts
  sequentialEmpty: () => "un modelo Sequential necesita al menos una capa",
  layerActivation: (layer: number, name: string, known: string) =>
    `capa ${layer}: activación desconocida ${name} (se conocen: ${known})`,
  layerChain: (layer: number, inputs: number, units: number) =>
    `la capa ${layer} recibe ${inputs} entradas pero la capa ${layer - 1} tiene ${units} unidades`,
  layersDtype: () => "todas las capas de un modelo deben tener el mismo dtype",
  layerSizes: (sizes: string) =>
    `los tamaños de las capas deben ser al menos dos enteros positivos, se recibió ${sizes}`,
  modelInputMatrix: () => "la entrada del modelo debe ser una matriz con un ejemplo por fila",
  modelInputShape: (inputs: number, shape: string) =>
    `el modelo espera entradas de forma [N,${inputs}], se recibió ${shape}`,
  hiddenActivations: (count: number, list: string, hidden: number) =>
    `${cuenta(count, "función de activación oculta", "funciones de activación ocultas")} (${list}) para ${cuenta(hidden, "capa oculta", "capas ocultas")}: indique una, o una por capa oculta`,

  // src/nn/dense.ts
  denseSizes: (inputs: number, units: number) =>
    `Dense: las entradas y las unidades deben ser enteros positivos, se recibió ${inputs} y ${units}`,

  // src/nn/matrix-backprop.ts
  trainerMaxRows: (rows: number) => `maxRows debe ser un entero positivo, se recibió ${rows}`,
  trainerRows: (rows: number, max: number) => `lote de ${rows} filas; este entrenador admite de 1 a ${max}`,
  trainerInput: (values: number, rows: number, inputs: number) =>
    `la entrada tiene ${values} valores; ${rows} filas de ${inputs} necesitan ${rows * inputs}`,
  traceInputs: (inputs: number, shape: string) =>
    `las entradas deben ser [N,${inputs}], se recibió [${shape}]`,
  traceTargets: (rows: number, outputs: number, shape: string) =>
    `los objetivos deben ser [${rows},${outputs}], se recibió [${shape}]`,

  // src/nn/losses.ts, src/nn/init.ts
  unknownLoss: (name: string, known: string) =>
    `función de pérdida desconocida "${name}" (se conocen: ${known})`,
  unknownInitializer: (name: string, known: string) =>
    `inicialización desconocida "${name}" (se conocen: ${known})`,

  // src/optim/optimizers.ts, src/optim/clip.ts
  optimizerStateEntries: (slot: string, count: number) =>
    `estado del optimizador: ${slot} necesita una entrada por parámetro (${count})`,
  optimizerStateLength: (slot: string, index: number, saved: number, param: number) =>
    `estado del optimizador: ${slot}[${index}] tiene ${saved} valores, el parámetro ${param}`,
  optimizerStateName: (saved: string | undefined, name: string) =>
    `el estado del optimizador es de ${saved}, este optimizador es ${name}`,
  optimizerStateT: (t: unknown) => `estado del optimizador: t debe ser un conteo, se recibió ${t}`,
  rateRange: (name: string, min: number, value: number) =>
    `${name} debe ser un número finito ≥ ${min}, se recibió ${value}`,
  nesterovMomentum: () => "el momento de Nesterov necesita momentum > 0",
  unknownOptimizer: (name: string, known: string) =>
    `optimizador desconocido "${name}" (se conocen: ${known})`,
  clipMaxNorm: (value: number) =>
    `recorte del gradiente: la norma máxima debe ser un número positivo, se recibió ${value}`,

  // src/train/setup.ts
  stepActivation: (layer: number) =>
    `layers[${layer}].activation: "step" no tiene un gradiente útil (f′ = 0); la retropropagación necesita una función de activación derivable (el perceptrón entrena unidades de umbral)`,
  lossOutputRange: (loss: string, output: string) =>
    `la pérdida ${loss} necesita salidas en (0, 1) (una capa de salida sigmoid o softmax), pero la capa de salida es ${output}`,
  cceNeedsSoftmax: (output: string) =>
    `la pérdida cce necesita una capa de salida softmax (se recibió ${output}); use bce o mse con ${output}`,
  softmaxUnits: (outputs: number) =>
    `una salida softmax necesita al menos 2 unidades (esta tiene ${outputs}); use sigmoid`,
  scheduleNumber: (spec: string, what: string, text: string) =>
    `calendario "${spec}": ${what} debe ser un número, se recibió "${text}"`,
  scheduleEpochs: (spec: string, text: string) =>
    `calendario "${spec}": EPOCHS debe ser un entero positivo, se recibió "${text}"`,
  scheduleSpec: (spec: string) =>
    `calendario: se esperaba step:EPOCHS[:GAMMA], exp:GAMMA o cosine[:MIN_LR], se recibió "${spec}"`,
  targetRows: (part: DataPart, targets: number, inputs: number) =>
    `los objetivos ${PARTES[part] ?? part} tienen ${targets} filas pero las entradas tienen ${inputs}`,
  matrixType: (role: MatrixRole, type: string) =>
    `${MATRICES[role] ?? role} deben ser un NDArray o un arreglo de filas de números, se recibió ${type}`,
  matrixShape: (role: MatrixRole, width: number, shape: string) =>
    `${MATRICES[role] ?? role} deben tener forma [N,${width}], se recibió ${shape}`,
  lossType: (known: string, type: string) => `la pérdida debe ser una de ${known}, se recibió ${type}`,
  reductionValue: (g: string) => `reduction debe ser "mean" o "sum", se recibió ${g}`,
  engineValue: (known: string, g: string) => `engine debe ser uno de ${known}, se recibió ${g}`,
  optimizerValue: (known: string) =>
    `optimizer debe ser un Optimizer (p. ej. new SGD({ lr })) o uno de ${known}`,

  // src/train/batches.ts
  batchSize: (size: number) => `el tamaño de lote debe ser un entero positivo, se recibió ${size}`,
  batchRows: (x: number, y: number) => `x tiene ${x} filas pero y tiene ${y}`,
  batchOrder: (rows: number) => `orden de los lotes: se esperaba una permutación de ${rows} filas`,

  // src/train/check-examples.ts
  examplesInputWidth: (inputs: string, values: number, takes: number) =>
    `${inputs}: las filas tienen ${cuenta(values, "valor", "valores")} pero el modelo recibe ${cuenta(takes, "entrada")}`,
  examplesTargetRows: (targets: string, rows: number, inputs: string, inputRows: number) =>
    `${targets}: ${rows} filas de objetivos pero ${inputs} tiene ${inputRows} filas de entradas`,
  examplesTargetWidth: (targets: string, values: number, outputs: number) =>
    `${targets}: las filas tienen ${cuenta(values, "valor", "valores")} pero el modelo tiene ${cuenta(outputs, "salida")}`,
  bceTarget: (targets: string, n: number, k: number, y: number) =>
    `${targets}: [${n}][${k}]: los objetivos de bce deben estar en [0, 1], se recibió ${y}`,
  cceTarget: (targets: string, n: number, k: number, y: number) =>
    `${targets}: [${n}][${k}]: los objetivos de cce no deben ser negativos, se recibió ${y}`,

  // src/train/evaluate.ts, src/train/fit.ts
  evaluateOptions: () => "las opciones de evaluate deben ser un objeto",
  evaluateNeedsLoss: () =>
    "evaluate necesita options.loss: fit no entrenó este modelo, así que no tiene una pérdida que reutilizar",
  chunkRows: (size: number) => `batchSize debe ser un entero positivo, se recibió ${size}`,
  fitOptions: () => "fit necesita un objeto de opciones",
  fitEpochs: (epochs: unknown) => `las épocas deben ser un entero no negativo, se recibió ${epochs}`,
  fitBatchSize: (size: unknown) =>
    `el tamaño de lote debe ser un entero positivo o "full", se recibió ${size}`,
  validationSplit: (f: number) => `la fracción de validación debe estar entre 0 y 1, se recibió ${f}`,
  validationSplitRows: () => "la fracción de validación no deja filas para el entrenamiento",

  // src/train/run-state.ts
  lastGoodSaved: (error: Nested, path: string) => `${error}; últimos pesos buenos guardados en ${path}`,

  // src/train/checkpoint.ts, checkpoint-pack.ts, checkpoint-store.ts
  checkpointNoStore: () => "punto de control: indique dir (una carpeta) o store",
  checkpointNoFolders: (dir: string) =>
    `punto de control: aquí no hay carpetas (dir "${dir}"): en Node importe la entrada principal de retroprop; en otro lado pase un store`,
  checkpointEvery: (n: unknown) =>
    `cada cuánto guardar el punto de control: se esperaba un número entero positivo de épocas o de actualizaciones, se recibió ${n}`,
  checkpointOptimizer: (name: string) =>
    `punto de control: el optimizador ${name} no tiene state()/loadState()/config(), así que un punto de control no lo puede guardar`,
  checkpointRng: (dir: string, problem: Nested) => `punto de control ${dir}: rng: ${problem}`,
  checkpointParams: (file: string, count: number) => `${file}: se esperaban ${count} parámetros`,
  checkpointStateJson: (file: string) => `punto de control ${file}: no es JSON`,
  checkpointStateForm: (file: string, path: string, want: StateWant) =>
    `punto de control ${file}: ${path}: se esperaba ${ESPERADO[want] ?? want}`,
  checkpointArrays: (file: string) => `${file}: arrays: se esperaba una lista`,
  checkpointNoArray: (file: string, what: string, index: string) =>
    `${file}: ${what}: no hay arreglo ${index}`,
  checkpointArrayOutside: (file: string, what: string, index: string, bytes: number) =>
    `${file}: ${what}: el arreglo ${index} queda fuera de los ${bytes} bytes del archivo`,
  checkpointArrayType: (file: string, what: string) =>
    `${file}: ${what}: se esperaban números de punto flotante, hay uint32`,
  checkpointArrayLength: (
    file: string,
    what: string,
    length: number,
    type: string,
    runs: number,
    runType: string,
  ) => `${file}: ${what}: ${length} valores ${type}, el de la ejecución tiene ${runs} ${runType}`,
  manifestJson: (file: string) => `${file}: no es JSON: el punto de control está dañado`,
  manifestFormat: (file: string, format: string) => `${file}: format: se esperaba "${format}"`,
  manifestVersion: (file: string, version: unknown, ours: number) =>
    `${file}: versión ${version} (este retroprop lee la versión ${ours})`,
  manifestFiles: (file: string) =>
    `${file}: files: se esperaban los archivos de estado y de tensores con sus tamaños y SHA-256`,
  manifestCount: (file: string, key: string, value: unknown) =>
    `${file}: ${key}: se esperaba un conteo, se recibió ${value}`,
  checkpointFileMissing: (file: string, manifest: string) =>
    `${file}: falta, aunque ${manifest} lo nombra: el punto de control está dañado`,
  checkpointFileDiffers: (
    file: string,
    bytes: number,
    sha: string,
    manifest: string,
    want: number,
    wantSha: string,
  ) =>
    `${file}: ${bytes} bytes con SHA-256 ${sha}…, ${manifest} dice ${want} bytes, ${wantSha}…: el punto de control está dañado`,

  // src/classic/perceptron.ts, src/classic/delta-rule.ts
  perceptronAt: (problem: Nested) => `perceptrón: ${problem}`,
  deltaRuleAt: (problem: Nested) => `regla delta: ${problem}`,
  thresholdInput: (values: number, weights: number) =>
    `unidad de umbral: la entrada tiene ${cuenta(values, "valor", "valores")} pero la unidad tiene ${cuenta(weights, "peso")}`,
  noExamples: () => "no hay ejemplos de entrenamiento",
  exampleCounts: (rows: number, targets: number) => `${rows} filas de entradas pero ${targets} objetivos`,
  emptyRows: () => "las filas de entradas están vacías",
  rowWidth: (row: number, values: number, width: number) =>
    `la fila de entradas ${row} tiene ${cuenta(values, "valor", "valores")}, se esperaban ${width}`,
  inputNotFinite: (i: number, j: number) => `la entrada [${i}][${j}] no es un número finito`,
  targetNotFinite: (i: number) => `el objetivo [${i}] no es un número finito`,
  learningRate: (eta: number) => `la tasa de aprendizaje debe ser un número positivo, se recibió ${eta}`,
  targetNotBinary: (i: number, t: number) => `el objetivo [${i}] debe ser 0 o 1, se recibió ${t}`,
  epochLimit: (epochs: number) => `el límite de épocas debe ser un entero positivo, se recibió ${epochs}`,
  deltaEpochs: (epochs: number) => `las épocas deben ser un entero positivo, se recibió ${epochs}`,
  deltaMode: (mode: string) => `modo desconocido "${mode}"`,
  initialWeights: (count: number, width: number, eachRow: boolean) =>
    `${count} pesos iniciales pero ${eachRow ? "cada fila de entradas tiene" : "las entradas tienen"} ${width} valores`,
  initialWeightNotFinite: (i: number) => `el peso inicial ${i} no es un número finito`,
};

/** Los errores de errors-figures.en.ts, en español (con los términos de los apuntes). */
import type { Nested } from "../i18n.js";
import type { ExperimentSetting, figureErrorsEn } from "./errors-figures.en.js";

/** Un texto largo en un mensaje: su principio y su longitud ("x + … (12000 caracteres)"). */
const clipped = (value: string, keep: number, max: number): string => {
  const text = String(value); // (the catalogue tests call every message with numbers)
  return text.length <= max ? text : `${text.slice(0, keep)}… (${text.length} caracteres)`;
};
const quoted = (text: string): string => clipped(text, 60, 80);
const at = (position: number | undefined): string => (position ? ` en el carácter ${position}` : "");

/** Los errores de sintaxis de mathjs (en inglés en mathjs) que se conocen; los demás quedan como mathjs los dice. */
const MATHJS: ReadonlyArray<[RegExp, (...groups: string[]) => string]> = [
  [/^value expected$/i, () => "se esperaba un valor"],
  [/^unexpected end of expression$/i, () => "la expresión termina antes de tiempo"],
  [/^parenthesis \) expected$/i, () => "se esperaba un paréntesis )"],
  [/^parenthesis \] expected$/i, () => "se esperaba un corchete ]"],
  [/^end of matrix \] expected$/i, () => "se esperaba el final de la matriz ]"],
  [/^unexpected operator (.*)$/i, (op) => `operador inesperado ${op}`],
  [/^unexpected part "(.*)"$/i, (part) => `parte inesperada "${part}"`],
  [/^syntax error in part "(.*)"$/i, (part) => `error de sintaxis en la parte "${part}"`],
  [/^digit expected, got "(.*)"$/i, (got) => `se esperaba un dígito, se recibió "${got}"`],
  [
    /^invalid left hand side of assignment operator =$/i,
    () => "lado izquierdo no válido del operador de asignación =",
  ],
];
function mathjsProblem(problem: string): string {
  for (const [re, say] of MATHJS) {
    const m = re.exec(problem);
    if (m) return say(...m.slice(1));
  }
  return problem;
}

/** Los ajustes de los experimentos como los nombran sus comprobaciones (measure/shared.ts). */
const SETTINGS: Record<ExperimentSetting, string> = {
  learningRates: "tasas de aprendizaje",
  learningRate: "tasa de aprendizaje",
  deltaRuleLearningRates: "tasas de aprendizaje de la regla delta",
  epochs: "épocas",
  steps: "pasos",
  weeks: "semanas",
  hiddenSizes: "tamaños de las capas ocultas",
  hiddenUnits: "neuronas ocultas",
  hiddenLayerWidth: "neuronas por capa oculta",
  maxHiddenLayers: "número máximo de capas ocultas",
  maxUnits: "número máximo de neuronas",
  batchSize: "tamaño del lote",
  probeRows: "filas para medir el gradiente",
  repeats: "repeticiones",
  gridResolution: "resolución de la rejilla",
};
const setting = (what: ExperimentSetting): string => SETTINGS[what] ?? what;

export const figureErrorsEs: typeof figureErrorsEn = {
  // src/explain/expression.ts
  exprTooDeep: (length: number) =>
    `expresión demasiado anidada para evaluarla (${length} caracteres): divídala en otras más pequeñas`,
  exprTooDeepParentheses: (length: number, nesting: number, max: number) =>
    `expresión demasiado anidada para evaluarla (${length} caracteres): ${nesting} paréntesis anidados, más de ${max}; divídala en otras más pequeñas`,
  exprTooDeepLevels: (length: number, depth: number, max: number) =>
    `expresión demasiado anidada para evaluarla (${length} caracteres): ${depth} niveles de operaciones, más de ${max}; divídala en otras más pequeñas`,
  exprEmpty: () => "expresión vacía",
  exprTooLong: (length: number, max: number) =>
    `expresión de ${length} caracteres, más de los ${max} que se aceptan: divídala en otras más pequeñas`,
  exprSyntax: (position: number | undefined, text: string, problem: string) =>
    `error de sintaxis${at(position)} en "${quoted(text)}": ${mathjsProblem(problem)}`,
  exprNotNumber: (type: string, json: string, text: string) =>
    `${type} ${json} no es un número (en ${quoted(text)})`,
  exprNumberTooLarge: (literal: string, text: string) =>
    `el número ${clipped(literal, 20, 40)} es demasiado grande para float64 (en "${quoted(text)}")`,
  exprUnexpectedCharacter: (name: string, position: number | undefined, text: string) =>
    `carácter inesperado "${name}"${at(position)} en "${quoted(text)}"`,
  exprFunctionNotCalled: (name: string, position: number | undefined) =>
    `${name} es una función: escriba ${name}(...)${position ? ` (carácter ${position})` : ""}`,
  exprOperator: (op: string, fn: string, sub: string) =>
    `el operador ${op} (${fn}) no se admite; use + - * / ^ (en ${sub})`,
  exprUnknownFunction: (
    name: string,
    named: boolean,
    position: number | undefined,
    sub: string,
    known: string,
  ) =>
    `función desconocida ${name}${at(position)} (en ${sub}); funciones conocidas: ${known}` +
    (named ? `; para multiplicar, escriba ${name}*(...)` : ""),
  exprArity: (name: string, arity: number, got: number, position: number | undefined, sub: string) =>
    `${name} recibe ${arity} argumento${arity === 1 ? "" : "s"}, ${arity === 1 ? `${name}(x)` : `${name}(a, b)`}, se recibieron ${got}${at(position)} (en ${sub})`,
  exprSyntaxUnsupported: (kind: string, sub: string) =>
    `sintaxis no admitida (${kind}): ${sub}; las expresiones llevan números, variables, + - * / ^, paréntesis y funciones`,
  exprValueNotArray: (name: string, why: Nested) =>
    `el valor de ${name} no es un número, un vector ni una matriz: ${why}`,
  exprValueEmpty: (name: string) => `el valor de ${name} está vacío`,
  exprTooManyElements: (name: string, size: number, shape: string, max: number) =>
    `${name} tiene ${size} elementos (forma ${shape}), más de los ${max} cuyos jacobianos se pueden escribir`,
  exprValueNotFinite: (name: string, element: number | undefined, shape: string, got: number) =>
    `el valor de ${name} debe ser un número finito${element === undefined ? "" : ` (elemento ${element} de ${shape})`}, se recibió ${got}`,
  exprConstant: (name: string, value: number) => `${name} es una constante (${value}), no una variable`,
  exprMissingValue: (names: string, count: number) =>
    `falta el valor de ${count > 1 ? "las variables" : "la variable"} ${names}`,
  exprShapes: (sub: string, inner: Nested) => `las formas no encajan en ${sub}: ${inner}`,
  exprDomain: (problem: Nested, sub: string) => `${problem} (en ${sub})`,
  exprElementNotFinite: (element: number, value: number) =>
    `el elemento ${element} del resultado es ${value}, no un número finito`,
  exprLogZero: (fn: string) => `${fn} de 0 es -Infinity`,
  exprLogNegative: (fn: string, a: string) => `${fn} de ${a} no está definido (negativo)`,
  exprSqrtNegative: (a: string) => `sqrt de ${a} no está definida (negativo)`,
  exprZeroOverZero: () => "0 / 0 no está definido (división entre cero)",
  exprDivisionByZero: (a: string) => `división entre cero: ${a} / 0`,
  exprZeroToNegative: (b: string) => `0 ^ ${b} es infinito (división entre cero)`,
  exprNegativeBase: (a: string, b: string) =>
    `${a} ^ ${b} no está definido (base negativa, exponente fraccionario)`,
  exprOverflow: (operation: string) => `${operation} se desborda en float64`,
  exprResultNotFinite: (y: string, inputs: string) =>
    `el resultado ${y} no es un número finito${inputs ? ` (entradas ${inputs})` : ""}`,
  exprNoJacobian: (name: string) =>
    `no hay jacobiano finito: ∂f/∂${name} tiene una entrada indefinida o infinita en estos valores`,
  exprNoGradient: (label: string, wrt: string | undefined, nan: boolean, point: string, value: string) =>
    `no hay gradiente finito: la derivada de ${label} respecto a ${wrt ?? "su entrada"} es ${nan ? "indefinida" : "infinita"} en ${point || `${wrt ?? "su entrada"} = ${value}`}`,
  // src/explain/training-step.ts, src/cli/commands/explain.ts
  explainExample: (n: number, N: number) =>
    `--example: se esperaba un número de ejemplo de 1 a ${N}, se obtuvo ${n}`,
  explainUnitLayer: (l: number, L: number) =>
    `--unit: la red tiene capas de 1 a ${L}, se obtuvo la capa ${l}`,
  explainUnit: (l: number, j: number, units: number) =>
    `--unit: la capa ${l} tiene neuronas de 1 a ${units}, se obtuvo la neurona ${j}`,
  explainUnitFormat: (text: string) =>
    `--unit: se esperaba l,j (capa y neurona, desde 1), se obtuvo "${text}"`,
  explainLr: (lr: number) => `--lr: la tasa de aprendizaje debe ser un número positivo, se obtuvo ${lr}`,
  // src/explain/chain-rule.ts
  deriveWhichVariable: (names: string) =>
    `la expresión tiene varias variables (${names}): elija una con --var`,
  deriveNoVariable: (expression: string) => `"${expression}" no tiene variable respecto a la cual derivar`,
  deriveVariableAbsent: (x: string, expression: string) => `--var: ${x} no aparece en "${expression}"`,
  deriveMissingValue: (names: string) => `--at: falta el valor de ${names}`,
  deriveCannotDifferentiate: (fn: string) => `no se puede derivar ${fn} simbólicamente`,
  deriveTooLong: () => "la cadena tiene demasiados eslabones para nombrarlos (más de 8)",
  // src/viz (las opciones de las funciones de gráficas: `chart` es la función, `option` la ruta de la opción)
  chartEmpty: (chart: string, option: string) => `${chart}: ${option} está vacío`,
  chartNotFinite: (chart: string, option: string, value: number) => `${chart}: ${option} es ${value}`,
  chartSize: (chart: string, option: string, value: number) =>
    `${chart}: ${option} debe ser un número ≥ 20, se recibió ${value}`,
  chartGridSize: (chart: string, nx: number, ny: number) =>
    `${chart}: la rejilla necesita al menos 2 xs y 2 ys, se recibieron ${nx}×${ny}`,
  chartGridValues: (chart: string, entries: number, ny: number, nx: number) =>
    `${chart}: grid.values tiene ${entries} entradas, se esperaban ys.length × xs.length = ${ny}×${nx} = ${nx * ny}`,
  chartGridSpacing: (chart: string, axis: string, i: number) =>
    `${chart}: grid.${axis} debe ser creciente y con paso uniforme (en el índice ${i})`,
  chartFlat: (chart: string, value: number) =>
    `${chart}: todos los grid.values valen ${value}; no hay curvas de nivel que trazar`,
  chartLevels: (chart: string) => `${chart}: levels debe ser un entero ≥ 2`,
  chartThresholds: (chart: string) => `${chart}: thresholds deben ser números finitos`,
  chartLogLevels: (chart: string) => `${chart}: logLevels necesita valores positivos en la rejilla`,
  chartNameTwice: (chart: string, option: string, name: string) =>
    `${chart}: ${option} "${name}" se usa dos veces`,
  chartPathPoint: (chart: string, k: number, i: number) =>
    `${chart}: paths[${k}].points[${i}] no es un par (x, y) finito`,
  chartPoint: (chart: string, i: number) =>
    `${chart}: points[${i}] tiene una x, una y o una etiqueta no finita`,
  chartClasses: (chart: string, k: number) =>
    `${chart}: grid.classes debe ser un entero ≥ 2, se recibió ${k}`,
  chartClassValue: (chart: string, i: number, v: number, k: number) =>
    `${chart}: grid.values[${i}] = ${v} no es un índice de clase en 0..${k - 1}`,
  chartClassLabel: (chart: string, label: number, k: number) =>
    `${chart}: la etiqueta de punto ${label} no es un índice de clase en 0..${k - 1}`,
  chartDomain: (chart: string, lo: number, hi: number) =>
    `${chart}: valueDomain [${lo}, ${hi}] debe ser creciente`,
  chartImageSize: (chart: string, w: number, h: number) =>
    `${chart}: width y height deben ser enteros positivos, se recibió ${w}×${h}`,
  chartImageLength: (chart: string, k: number, values: number, w: number, h: number) =>
    `${chart}: images[${k}] tiene ${values} valores, se esperaban ${w}×${h} = ${w * h}`,
  chartLabels: (chart: string, labels: number, images: number) =>
    `${chart}: ${labels} etiquetas para ${images} imágenes`,
  chartColumns: (chart: string) => `${chart}: columns debe ser un entero positivo`,
  chartSeriesLengths: (chart: string, k: number, name: string, xs: number, ys: number) =>
    `${chart}: series[${k}] ("${name}") tiene ${xs} valores de x pero ${ys} valores de y`,
  graphvizFailed: (message: string) =>
    `graphviz: no se puede dibujar el DOT: ${message || "error desconocido"}`,
  figureName: (name: string) =>
    `el nombre de figura "${name}" debe tener solo letras, dígitos, '.', '_' o '-' (sin carpetas)`,
  vegaRender: (message: string) => `vega: no se puede dibujar la gráfica: ${message}`,
  vegaLiteCompile: (message: string) => `vega-lite: no se puede compilar la gráfica: ${message}`,
  pngScale: (scale: number) => `svgToPng: la escala debe ser > 0, se recibió ${scale}`,
  // src/experiments/measure/*.ts (el nombre de un ajuste en los mensajes: SETTINGS)
  settingEmpty: (what: ExperimentSetting) => `${setting(what)}: dé al menos un valor`,
  settingValue: (what: ExperimentSetting, n: number, integer: boolean, got: number) =>
    `${setting(what)}: el valor ${n} debe ser un ${integer ? "entero" : "número"} positivo, se recibió ${got}`,
  settingRepeats: (what: ExperimentSetting) => `${setting(what)}: hay valores repetidos`,
  settingInteger: (what: ExperimentSetting, min: number, got: number) =>
    `${setting(what)}: debe ser un entero ≥ ${min}, se recibió ${got}`,
  boundaryTwoFeatures: (name: string, features: number) =>
    `decision-boundary necesita un conjunto de datos con 2 características de entrada; ${name} tiene ${features}`,
  boundaryNotClassification: (name: string) =>
    `decision-boundary necesita un conjunto de datos de clasificación con una etiqueta por fila; ${name} no lo es`,
  descentFunction: (name: string, known: string) => `función desconocida "${name}" (se conocen: ${known})`,
  descentCollinear: () =>
    "las porciones de las semanas son colineales; pruebe con otra semilla o con más semanas",
  unitsInputs: (inputs: number, name: string, h: number, w: number) =>
    `el modelo recibe ${inputs} entradas pero las imágenes de ${name} tienen ${h}×${w} = ${h * w} píxeles`,
  unitsNoHidden: () => "el modelo no tiene capa oculta (solo una capa)",
  unitsNotImages: (name: string) =>
    `hidden-units necesita un conjunto de datos de imágenes (mnist, fashion-mnist, digits); ${name} no lo es`,
  normsNoRows: () => "las normas del gradiente necesitan al menos una fila",
  vanishingNoActivation: () => "vanishing-gradient: dé al menos una activación",
  vanishingLoss: (loss: string) => `vanishing-gradient: la pérdida debe ser bce o mse, se recibió ${loss}`,
  // src/experiments/common.ts
  figureScale: (scale: number) => `la escala del PNG debe ser un número en (0, 8], se recibió ${scale}`,
  // src/experiments/sweep.ts (el problema de una especificación en una ruta JSON, dicho dentro de sweepSpecAt)
  sweepSpecAt: (source: string | undefined, path: string, problem: Nested) =>
    `${source ?? "especificación del barrido"}: ${path ? `${path}: ` : ""}${problem}`,
  sweepSpecNotObject: () => 'se esperaba un objeto JSON con "train" y "grid" o "random"',
  sweepSpecUnknownKey: (known: string) => `clave desconocida (se conocen: ${known})`,
  sweepSpecOptionName: (name: string) => `"${name}" no es el nombre de una opción de train`,
  sweepSpecReserved: (flag: string) => `${flag} lo pone el propio barrido`,
  sweepSpecTrain: () => 'se esperaba un objeto de opciones de train (p. ej. {"data": "xor"})',
  sweepSpecValue: () => "se esperaba una cadena, un número o un booleano",
  sweepSpecGridOrRandom: () => 'se esperaba exactamente uno de "grid" y "random"',
  sweepSpecAlsoFixed: () => 'también está fijo en "train"',
  sweepSpecGrid: () => "se esperaba un objeto de opción: [valores]",
  sweepSpecGridValues: () => "se esperaba un arreglo no vacío de cadenas, números o booleanos",
  sweepSpecRandom: () => 'se esperaba {"trials": N, "seed": S, "space": {...}}',
  sweepSpecPositiveInteger: () => "se esperaba un entero positivo",
  sweepSpecInteger: () => "se esperaba un entero",
  sweepSpecSpace: () => "se esperaba un objeto de opción: distribución",
  sweepSpecChoices: () => "se esperaba un arreglo no vacío de valores",
  sweepSpecDistribution: () =>
    'se esperaba [valores], {"uniform": [a, b]}, {"logUniform": [a > 0, b]} o {"int": [a, b]} con a <= b',
  sweepSpecRead: (path: string, code: string) =>
    `${path}: no se puede leer la especificación del barrido (${code})`,
  shardNotInteger: (name: string, text: string) =>
    `${name}: se esperaba un entero no negativo, se recibió "${text}"`,
  shardJobCount: () =>
    'JOB_COMPLETION_INDEX está definida pero el número de fragmentos no: pase --count (las completions del Job) o ponga "count" en la especificación',
  shardSlurmStep: (id: number, min: number, step: number) =>
    `SLURM_ARRAY_TASK_ID ${id} no es MIN ${min} más un múltiplo de STEP ${step}`,
  shardSlurmCount: () => "SLURM_ARRAY_TASK_ID está definida pero SLURM_ARRAY_TASK_COUNT no: pase --count",
  shardCountNeedsIndex: (count: number) =>
    `--count ${count} necesita --index (o JOB_COMPLETION_INDEX o SLURM_ARRAY_TASK_ID)`,
  shardCount: (count: number) => `--count: se esperaba un entero positivo, se recibió ${count}`,
  shardIndex: (from: string, index: number, count: number) =>
    `${from} ${index}: se esperaba 0 <= índice < ${count} (el número de fragmentos)`,
  resultsNotJson: (path: string, line: number) => `${path}:${line}: no es una línea JSON`,
  resultsNotResult: (path: string, line: number) =>
    `${path}:${line}: no es un resultado de barrido (se esperaban sweep, trial, config)`,
  resultsOtherSweep: (dir: string, theirs: string, ours: string) =>
    `${dir}: tiene resultados de otra especificación de barrido (${theirs}, esta es ${ours}); use otro --out`,
  resultsNoFolder: (dir: string) => `${dir}: no existe esa carpeta`,
  resultsMixed: (dir: string, theirs: string, ours: string) =>
    `${dir}: resultados del barrido ${theirs} mezclados con los del barrido ${ours}`,
  resultsNoMetric: (metric: string) => `ningún ensayo terminado tiene la métrica "${metric}"`,
  // src/cli/commands/graph.ts
  graphUnused: (names: string, count: number, expression: string, variables: string) =>
    `--at: ${names} no aparece${count > 1 ? "n" : ""} en "${expression}"` +
    (variables ? ` (sus variables: ${variables})` : " (no tiene variables)"),
  graphMissingValues: (names: string, count: number) =>
    `falta el valor de ${count > 1 ? "las variables" : "la variable"} ${names} (dé los valores con --at NOMBRE=VALOR)`,
  atNested: (name: string, max: number) => `--at ${name}: arreglos anidados a más de ${max} niveles`,
  atNotJson: (name: string, text: string, problem: string) =>
    `--at ${name}: se esperaba un arreglo JSON de números como [[1,2],[3,4]], se recibió "${text}" (${problem})`,
  atNotNumbers: (name: string, text: string) => `--at ${name}: cada elemento de "${text}" debe ser un número`,
  // src/cli/commands/model-use.ts
  outputNotFinite: (model: string, j: number, row: number, value: number) =>
    `${model}: la salida ${j} de la fila de entrada ${row} es ${value} (los pesos del modelo o las entradas son demasiado grandes para su dtype)`,
  // src/cli/commands/train-model.ts
  layersSizes: (text: string) =>
    `--layers: se esperaban al menos dos enteros positivos, se recibió "${text}"`,
  initFromConflict: (flag: string, model: string) =>
    `${flag} no se puede usar con --init-from: el archivo de modelo ${model} define la arquitectura y los pesos de la red`,
  firstSize: (what: string, features: number, got: number) =>
    `${what}: el primer tamaño debe ser ${features}, el número de características de entrada del conjunto de datos, se recibió ${got}`,
  lastSize: (what: string, outputs: number, got: number) =>
    `${what}: el último tamaño debe ser ${outputs}, el número de salidas del conjunto de datos, se recibió ${got}`,
  // src/cli/commands/experiment-specs.ts
  descentOwnData: () => "--data: gradient-descent genera sus propios datos",
  // src/cli/commands/sweep.ts
  sweepFailed: (failed: number, run: number, file: string) =>
    `fallaron ${failed} de ${run} ensayos (vea ${file})`,
  sweepOnlyRun: (flag: string) => `sweep report: ${flag} es para correr un barrido, no para su informe`,
  sweepOnlyReport: (flag: string) =>
    `sweep: ${flag} es para sweep report (retroprop sweep report DIR… ${flag} …)`,
  sweepNoDirs: () => "sweep report: indique al menos una carpeta de resultados",
  sweepNoResults: (dirs: string) => `sweep report: no hay resultados en ${dirs}`,
  sweepOneSpec: (extra: string) =>
    `sweep: se esperaba un solo archivo de especificación, se recibió también ${extra}`,
};

/**
 * El catálogo en español, con los términos de los apuntes (potencial de activación, activación, sesgo, pesos,
 * tasa de aprendizaje, error cuadrático medio, entropía cruzada, retropropagación, descenso del gradiente).
 * Los números conservan el punto decimal, como en los apuntes.
 */
import type { Messages } from "./en.js";
import type { FileKind } from "./errors-data.en.js";
import { dataErrorsEs, fileKindEs } from "./errors-data.es.js";
import { engineErrorsEs } from "./errors-engine.es.js";
import { figureErrorsEs } from "./errors-figures.es.js";
import { modelErrorsEs } from "./errors-model.es.js";

/** The metrics of train --json (sweep's table headings; --metric takes the English names). */
const SWEEP_METRICS: Readonly<Record<string, string>> = {
  loss: "pérdida",
  accuracy: "exactitud",
  epoch: "época",
  epochs: "épocas",
};

/** The graph rules' names (graph-edges.ts writes them in English) in Spanish. */
const GRAPH_RULES: Readonly<Record<string, string>> = {
  "add distributes": "la suma distribuye",
  "subtract distributes (negated to the right)": "la resta distribuye (negado a la derecha)",
  "multiply swaps": "el producto intercambia",
  "multiply swaps (matrix product)": "el producto intercambia (producto matricial)",
  divide: "división",
  power: "potencia",
  negate: "negación",
  "max routes": "el máximo enruta",
  "min routes": "el mínimo enruta",
  "square root": "raíz cuadrada",
  abs: "valor absoluto",
  sin: "sen",
  "relu routes": "relu enruta",
  "sum distributes": "la suma de elementos distribuye",
};

/** The verbs under the graph picture's gates (graph-edges.ts), in Spanish. */
const GRAPH_VERBS: Readonly<Record<string, string>> = {
  distributes: "distribuye",
  swaps: "intercambia",
  routes: "enruta",
};

/** "1 época", "2 épocas". */
const epocas = (n: number) => `${n} ${n === 1 ? "época" : "épocas"}`;

/** Dónde está un punto de control. */
function position(finished: boolean, epoch: number, step: number): string {
  return finished ? `terminada tras ${epoch} épocas` : `en la época ${epoch + 1}, paso ${step}`;
}

/** Los datos de entrenamiento o de validación (otro nombre, tal cual). */
const PARTS: Readonly<Record<string, string>> = { train: "de entrenamiento", validation: "de validación" };
const partName = (name: string) => PARTS[name] ?? name;

/** Lo que se compara de unos datos: su forma o su tipo (otro nombre, tal cual). */
const FORMS: Readonly<Record<string, string>> = { shape: "la forma", dtype: "el tipo" };

export const es: Messages = {
  render: {
    formatOption: "text|markdown|html|json",
    outOption: "escribir en ARCHIVO en lugar de imprimir",
    wrote: (path: string) => `se escribió ${path}`,
    leftOut: "Omitido",
    rowsShown: (shown: number, rows: number) => `se muestran ${shown} de ${rows} filas`,
    colsShown: (shown: number, cols: number) => `${shown} de ${cols} columnas`,
    value: "valor",
    generated: "Generado por retroprop",
  },
  explain: {
    title: "Un paso de entrenamiento, derivado",
    description:
      "un paso de entrenamiento de una red, derivado con los números (la retropropagación de los apuntes)",
    help: {
      model: "archivo del modelo (docs/model-format.md)",
      inputs: "arreglo JSON de filas de entrada X",
      targets: "arreglo JSON de filas objetivo Y",
      loss: "la función de pérdida: mse|bce|cce",
      reduction: "mean|sum sobre los ejemplos (promedio o suma)",
      lr: "tasa de aprendizaje η: añade la actualización w ← w − η·∂E/∂w y E tras el paso",
      example: "seguir solo el ejemplo n (1..N): el paso con esa fila (modo en línea)",
      unit: "seguir la neurona j de la capa l (desde 1), p. ej. 1,2",
      after: `
Ejemplo (la red sigmoide 2-2-1 del XOR de los apuntes, E = ½Σ(ŷ − y)² sumada sobre los 4 ejemplos, η = 0.5):
  $ retroprop explain --model examples/xor/model.json --inputs examples/xor/x.json \\
      --targets examples/xor/y.json --loss mse --reduction sum --lr 0.5
  $ retroprop explain ... --example 1 --lang es --format html --out paso.html`,
    },
    network: (sizes: string, activations: string) => `Red ${sizes}, funciones de activación: ${activations}`,
    lossLine: (loss: string, reduction: string) => `Función de pérdida: ${loss}, ${reduction}`,
    batch: (N: number) => `Lote de N = ${N} ejemplos en forma matricial (cada fila es un ejemplo)`,
    oneExample: (n: number, N: number, x: string, y: string) =>
      `Solo el ejemplo n = ${n} de ${N}, x = (${x}), y = (${y}): un ejemplo, como en el modo en línea`,
    lrLine: (lr: string) => `Tasa de aprendizaje η = ${lr}, descenso del gradiente simple`,
    fusedLine: (loss: string, activation: string) =>
      `Salida ${activation} con ${loss}: la δ de salida fusionada δ = ŷ − y`,
    reductionName: (mean: boolean, N: number) =>
      N === 1
        ? "un ejemplo (N = 1: promedio y suma coinciden)"
        : mean
          ? `promedio sobre los N = ${N} ejemplos (cada δ lleva 1/N)`
          : `suma sobre los N = ${N} ejemplos`,
    forwardTitle: (l: number, inputs: number, units: number, activation: string) =>
      `Propagación hacia adelante, capa ${l}: ${inputs} → ${units}, ${activation} (potencial de activación z = Σ w·a + b, activación a = f(z))`,
    lossTitle: (loss: string, reduction: string) => `Función de pérdida: ${loss}, ${reduction}`,
    lossFromLogits:
      "Con el par fusionado, E se calcula a partir de los potenciales z (nunca de ŷ): sigue siendo finita aunque ŷ se redondee a 0 o 1.",
    backwardOutputTitle: (l: number) => `Retropropagación, capa de salida ${l}: ∂E/∂Ŷ, δ, ∂E/∂w, ∂E/∂b`,
    backwardHiddenTitle: (l: number) => `Retropropagación, capa oculta ${l}: das, Δ·W, δ, ∂E/∂w, ∂E/∂b`,
    updateTitle: (lr: string) =>
      `Actualización por descenso del gradiente, η = ${lr}: w ← w − η·∂E/∂w, b ← b − η·∂E/∂b`,
    sigmoidMseWhy:
      "δ de salida = ∂E/∂ŷ · ∂ŷ/∂z = (ŷ − y)·ŷ(1 − ŷ): la pendiente de ½(ŷ − y)² por la derivada de la sigmoide a(1 − a).",
    chainWhy:
      "δ de salida = ∂E/∂ŷ · f′(z): la pendiente de la pérdida por la derivada de la función de activación de salida.",
    softmaxJacobianWhy:
      "δ de salida a través del jacobiano de softmax: δₖ = ŷₖ(gₖ − Σᵢ gᵢŷᵢ) con g = ∂E/∂ŷ, pues cada ŷ depende de cada z.",
    fusedWhyBce:
      "δ de salida = ŷ − y (fusionada): con sigmoide y entropía cruzada binaria, ∂E/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)) y f′(z) = ŷ(1 − ŷ) se cancelan.",
    fusedWhyCce:
      "δ de salida = ŷ − y (fusionada): con softmax y entropía cruzada categórica, el jacobiano de softmax se cancela con −y/ŷ (si cada fila objetivo suma 1).",
    meanNote: (what: string, N: number) => `${what} ÷ N = ${N}: promedio`,
    dividedEach: "cada entrada",
    dividedDelta: "δ",
    carriesMean: (N: number) => `lleva el 1/N = 1/${N} del promedio desde la δ de salida`,
    jacobianOf: "jacobiano de softmax aplicado a",
    sumOfRows: "Σ filas de",
    shapeProduct: (left: string, right: string, result: string) => `(${left})·(${right}) → ${result}`,
    lossAfterWords: "E con los pesos nuevos",
    lossBefore: (E: string) => `antes del paso E = ${E}`,
    omittedRows: (N: number) =>
      `Las líneas por ejemplo se escriben solo para el ejemplo 1; los ejemplos 2..${N} están en las matrices (siga uno con --example n).`,
    omittedUnits: (l: number, units: number) =>
      `La capa ${l} tiene ${units} neuronas: se omiten sus líneas por neurona y se muestran sus matrices (siga una con --unit ${l},j).`,
    omittedOtherUnits: (l: number, j: number) =>
      `Solo la neurona ${j} de la capa ${l} se escribe línea por línea; las demás están en las matrices.`,
    omittedTerms: (terms: number) =>
      `Las sumas de más de ${terms} términos muestran sus primeros ${terms} términos.`,
    omittedMatrix: (rows: number, cols: number) =>
      `Las matrices muestran a lo más ${rows} filas y ${cols} columnas.`,
    activations: {
      sigmoid: "sigmoide",
      tanh: "tanh",
      relu: "relu",
      leaky_relu: "relu con fuga",
      linear: "lineal",
      softmax: "softmax",
      step: "escalón",
      elu: "elu (unidad lineal exponencial)",
      softplus: "softplus",
      gelu: "gelu",
      silu: "silu (swish)",
    },
    losses: {
      mse: "error cuadrático medio E = ½Σ(ŷ − y)²",
      bce: "entropía cruzada binaria",
      cce: "entropía cruzada categórica",
    },
  },
  derive: {
    description:
      "la regla de la cadena paso a paso, con los valores comprobados por autodiferenciación y una diferencia central",
    help: {
      expression: 'la función, p. ej. "sen(2x^2+3)", "ln(cos(x^2+1))", "e^(2x^2+3x)", "(1+e^(-z))^(-1)"',
      variable: "la variable respecto a la cual derivar (por omisión: la única)",
      at: "valores de las variables, p. ej. x=0.3",
      after: `
Funciones: sen (sin), cos, tg (tan), exp, ln (log), sqrt, sigmoid; e y pi son constantes.
Ejemplo (los ejercicios de la nota 000):
  $ retroprop derive "sen(2x^2+3)" --at x=0.3
  $ retroprop derive "ln(cos(x^2+1))" --lang es`,
    },
    title: (expression: string, x: string) => `La derivada de y = ${expression} respecto a ${x}`,
    summary: (x: string) => `La regla de la cadena dy/d${x} = dy/du · du/d${x}, un eslabón a la vez.`,
    linkTitle: (k: number, name: string, expression: string) => `Eslabón ${k}: ${name} = ${expression}`,
    inner: "función interna",
    outer: "función externa",
    outerDerivative: "derivada de la función externa",
    innerDerivative: "derivada de la función interna",
    chainRule: (u: string) => `regla de la cadena: multiplicar, sustituir ${u}, simplificar`,
    seeLink: (name: string) => `se deriva más abajo como ${name}`,
    term: "término",
    factor: "factor",
    firstFactor: "primer factor",
    secondFactor: "segundo factor",
    denominator: "denominador",
    derivativeOf: (name: string) => `derivada de ${name}`,
    sumRule: "regla de la suma: la derivada de una suma es la suma de las derivadas",
    constantMultipleRule: "regla del múltiplo constante: las constantes quedan como factores",
    productRule: "regla del producto",
    quotientRule: "regla del cociente",
    constantRule: "regla de la constante",
    identityRule: "dx/dx = 1",
    powerSumRules: "regla de la potencia y regla de la suma (d xⁿ/dx = n·xⁿ⁻¹)",
    tableRule: (fn: string) => `derivada de tabla de ${fn}`,
    exponentialRule: "regla de la exponencial (d aˣ/dx = aˣ·ln a)",
    generalPowerRule: "regla general de la potencia (x en la base y en el exponente)",
    resultTitle: "Resultado, simplificado",
    result: (x: string) => `dy/d${x} simplificada`,
    sigmoidIdentity: "la identidad de la sigmoide",
    sigmoidWhy:
      "Como en la nota 000: 1 + e^(−z) = 1/σ da e^(−z) = (1 − σ)/σ, así que dσ/dz = e^(−z)/(1 + e^(−z))² = σ(1 − σ).",
    checkTitle: (point: string) => `Comprobación en ${point}`,
    valueAt: "valor",
    symbolicAt: "la derivada anterior, evaluada",
    autodiff: "el grafo de autodiferenciación de retroprop (paso hacia atrás)",
    centralDifference: "diferencia central (la definición de la derivada)",
    withH: (h: string) => `h = ${h}`,
    agree: "Los tres valores coinciden: simbólico, autodiferenciación y diferencia central.",
    disagree: "Los valores no coinciden: puede que la derivada no exista en este punto.",
    errorAtFormat: (text: string) => `--at: se esperaban pares nombre=valor como x=0.3, se obtuvo "${text}"`,
  },
  deltaRule: {
    title: "La regla delta, derivada y aplicada",
    summary: (online: boolean, lr: string, epochs: number, examples: number) =>
      `Neurona lineal y = w·x, ${online ? "modo en línea" : "modo por lotes"}, η = ${lr}, ${epochs} época${epochs === 1 ? "" : "s"}, ${examples} ejemplo${examples === 1 ? "" : "s"}`,
    ruleTitle: "La regla: descenso del gradiente sobre E = ½Σ(t − y)²",
    neuron: "neurona lineal",
    error: "error sobre los ejemplos",
    gradient: "regla de la cadena: ∂E/∂y = −(t − y), ∂y/∂wᵢ = xᵢ",
    update: "paso contra el gradiente, tasa η",
    online: "Modo en línea: los pesos cambian tras cada ejemplo, Δwᵢ = η·xᵢ·(t − y).",
    batch:
      "Modo por lotes: un cambio por época con la suma sobre todos los ejemplos, Δwᵢ = η·Σₙ xᵢⁿ(tⁿ − yⁿ).",
    start: "error con los pesos iniciales",
    errorAfter: "error sobre todos los ejemplos tras la actualización",
    updateTitle: (k: number, epoch: number, examples: string) =>
      `Actualización ${k} (época ${epoch}, ejemplos ${examples})`,
    omittedUpdates: (shown: number, total: number) =>
      `Solo se escriben las primeras ${shown} de ${total} actualizaciones.`,
  },
  perceptronRule: {
    title: "La regla del perceptrón, aplicada paso a paso",
    summary: (gate: string, lr: string, start: string, step: string) =>
      `Unidad de umbral ŷ = φ(w·x + b) sobre la tabla de verdad de ${gate}, η = ${lr}, empezando con ${start}, φ(z) = 1 si ${step} y 0 si no`,
    ruleTitle: "La regla (nota 004)",
    unit: "unidad de umbral",
    stepFunction: (step: string) => `función escalón: 1 si ${step}, 0 si no`,
    weightUpdate: "cada peso cambia en η·(t − ŷ)·xⱼ",
    biasUpdate: "el sesgo cambia en η·(t − ŷ)",
    why: "φ no tiene una derivada útil (0 en todas partes salvo en el escalón), así que esto no es descenso del gradiente: cuando la unidad dice 0 para un 1 (t − ŷ = +1) w se acerca a x; cuando dice 1 para un 0 (t − ŷ = −1) se aleja de x; cuando acierta (t − ŷ = 0) nada cambia.",
    start: "pesos y sesgo iniciales",
    stepTitle: (k: number, epoch: number, example: string) =>
      `Paso ${k} (época ${epoch}, ejemplo x = ${example})`,
    noChange: "t − ŷ = 0: la unidad acierta, los pesos no cambian.",
    epochTitle: (epoch: number) => `Fin de la época ${epoch}`,
    mistakes: (n: number) => `${n} error${n === 1 ? "" : "es"} en esta época`,
    resultTitle: "Resultado",
    converged: (epochs: number) =>
      `Converge: la época ${epochs} no tuvo errores, así que la regla ya no cambia los pesos.`,
    notConverged: (epochs: number) =>
      `No converge en ${epochs} épocas: cada época clasificó mal al menos un caso.`,
    notSeparable: (gate: string) =>
      `${gate} no es linealmente separable: ninguna recta w·x + b = 0 deja (0, 1) y (1, 0) de un lado y (0, 0) y (1, 1) del otro, así que la regla nunca converge (Minsky y Papert); hace falta una segunda capa.`,
    omittedSteps: (shown: number, total: number) =>
      `Solo se escriben los primeros ${shown} de ${total} pasos.`,
    zeros: "ceros",
    random: "números aleatorios pequeños",
  },
  cli: {
    description:
      "Redes neuronales entrenadas por retropropagación: examine cada valor, cada gradiente y cada δ.",
    version: "imprime el número de versión",
    help: "imprime la ayuda de la orden",
    helpCommand: "imprime la ayuda de una orden",
    lang: "idioma de todo lo que se imprime: en|es (por omisión: LC_ALL, LC_MESSAGES, LANG; si no, en)",
    usage: "Uso:",
    options: "Opciones:",
    globalOptions: "Opciones globales:",
    arguments: "Argumentos:",
    commands: "Órdenes:",
    optionsWord: "[opciones]",
    commandWord: "[orden]",
    defaultValue: (value: string) => `por omisión: ${value}`,
    seeHelp: "(vea --help)",
    internalError: (message: string) =>
      `error interno: ${message} (defina RETROPROP_DEBUG=1 para ver la traza de la pila)`,
    wrote: (path: string) => `se escribió ${path}`,
    errors: {
      unknownOption: (option: string, suggestion?: string) =>
        `opción desconocida '${option}'${suggestion ? ` (¿quiso decir ${suggestion}?)` : ""}`,
      unknownCommand: (command: string, suggestion?: string) =>
        `orden desconocida '${command}'${suggestion ? ` (¿quiso decir ${suggestion}?)` : ""}`,
      missingArgument: (argument: string) => `falta el argumento obligatorio '${argument}'`,
      optionArgumentMissing: (option: string) => `la opción '${option}' necesita un valor`,
      requiredOption: (option: string) => `falta la opción obligatoria '${option}'`,
      tooManyArguments: (command: string | undefined, expected: number, got: number) =>
        `demasiados argumentos${command ? ` para '${command}'` : ""}: se esperaban ${expected}, se recibieron ${got}`,
      invalidArgument: (option: string, value: string) =>
        `opción '${option}': el valor '${value}' no es válido`,
    },
  },
  errors: {
    ...dataErrorsEs,
    ...engineErrorsEs,
    ...modelErrorsEs,
    ...figureErrorsEs,
    checksumMismatch: (path: string, actual: string, expected: string) =>
      `${path}: la suma de verificación no coincide (MD5 ${actual}, se esperaba ${expected}); el archivo está dañado o no es el publicado; bórrelo para descargarlo de nuevo`,
    missingNoDownload: (dataset: string, path: string, folder: string) =>
      `${dataset}: falta el archivo ${path}; ponga los archivos del conjunto de datos en ${folder} (vea docs/data.md) o permita las descargas`,
    missingNoSource: (dataset: string, path: string) =>
      `${dataset}: falta el archivo ${path} y no hay de dónde descargarlo; póngalo ahí, o indique una URL base (RETROPROP_DATA_URL)`,
    missingNoChecksum: (dataset: string, path: string, url: string) =>
      `${dataset}: falta el archivo ${path}; no se descarga ${url} sin una suma de verificación conocida`,
    cannotDownload: (url: string, reason: string) => `no se pudo descargar ${url}: ${reason}`,
    downloadMismatch: (url: string, bytes: number, actual: string, expected: string) =>
      `la descarga de ${url} (${bytes} bytes) tiene MD5 ${actual}, se esperaba ${expected}; se descartó el archivo`,
    diverged: (loss: string, epoch: number, batch: number, lr: number, saved: readonly string[] = []) =>
      `el entrenamiento divergió: la pérdida llegó a ${loss} en la época ${epoch}, lote ${batch} (tasa de aprendizaje ${lr}); ` +
      "se restauraron los pesos del inicio de esa época — causas habituales: una tasa de aprendizaje demasiado grande, o entradas sin escalar (pruebe una tasa de aprendizaje menor, o normalice las características)" +
      (saved.length > 0 ? `; últimos pesos buenos guardados en ${saved.join(" y ")}` : ""),
    checkpointIsFile: (dir: string) => `punto de control ${dir}: es un archivo, no una carpeta`,
    checkpointHolds: (dir: string, finished: boolean, epoch: number, step: number) =>
      `el punto de control ${dir} ya tiene una ejecución (${position(finished, epoch, step)}); pase resume: true para continuarla, o use una carpeta vacía`,
    checkpointVersion: (dir: string, theirs: string, ours: string) =>
      `el punto de control ${dir} lo escribió retroprop ${theirs}, esta es la ${ours}: reanudar no sería exacto`,
    checkpointBackend: (dir: string, theirs: string, ours: string) =>
      `el punto de control ${dir} se escribió con el backend ${theirs}, esta ejecución usa ${ours}: reanudar no daría bit a bit lo mismo (RETROPROP_BACKEND=${theirs})`,
    checkpointConfig: (dir: string, key: string, saved: string, now: string) =>
      `punto de control ${dir}: la ejecución empezó con ${key} ${saved}, esta tiene ${now}; reanude con la misma configuración`,
    checkpointDataPresence: (dir: string, which: "train" | "validation", saved: boolean, now: boolean) =>
      `punto de control ${dir}: la ejecución empezó ${saved ? "con" : "sin"} datos ${partName(which)}, esta ${now ? "los tiene" : "no los tiene"}`,
    checkpointDataForm: (
      dir: string,
      which: "train" | "validation",
      key: string,
      now: string,
      saved: string,
    ) =>
      `punto de control ${dir}: ${FORMS[key] ?? key} de los datos ${partName(which)} es ${now}, en el punto de control ${saved}: no son los mismos datos`,
    checkpointDataDiffer: (
      dir: string,
      which: "train" | "validation",
      shape: string,
      now: string,
      saved: string,
    ) =>
      `punto de control ${dir}: los datos ${partName(which)} difieren de los del punto de control (misma forma ${shape}; SHA-256 ${now}…, el del punto de control ${saved}…)`,
    cannotReadModel: (path: string, weightsOf: string | undefined, code: string) =>
      `${path}: no se puede leer ${weightsOf === undefined ? "el archivo del modelo" : `el archivo de pesos que nombra ${weightsOf}`} (${code === "ENOENT" ? "no existe" : code === "EISDIR" ? "es una carpeta" : code})`,
    deltaDiverged: (update: number, epoch: number, eta: number) =>
      `la regla delta divergió en la actualización ${update} (época ${epoch}): el error ya no es finito; pruebe con una tasa de aprendizaje menor que ${eta}`,
    playgroundNotBuilt: (webRoot: string) =>
      `el playground no está construido: ${webRoot} no tiene index.html (corra npm run build:web)`,
    portInUse: (port: number, host: string) => `el puerto ${port} de ${host} ya está en uso`,
    resumeConflict: (flag: string, isCheckpoint: boolean, dir: string) =>
      `${flag} no se puede usar con --resume: ${isCheckpoint ? `una ejecución reanudada sigue escribiendo sus puntos de control en ${dir}` : `la configuración de la ejecución viene del punto de control en ${dir}, y otro valor cambiaría el resultado`}`,
    noCheckpoint: (dir: string) => `--resume ${dir}: no hay ahí un punto de control (falta manifest.json)`,
    notTrainCheckpoint: (dir: string) =>
      `--resume ${dir}: este punto de control no lo escribió retroprop train`,
    everyNeedsCheckpoint: () => "--checkpoint-every necesita --checkpoint CARPETA",
    checkpointTaken: (dir: string, finished: boolean, epoch: number, step: number) =>
      `--checkpoint ${dir} ya tiene el punto de control de una ejecución (${position(finished, epoch, step)}): continúela con retroprop train --resume ${dir}, o indique una carpeta vacía`,
    isFolder: (path: string) => `${path}: es una carpeta, no un archivo`,
    notRegularFile: (path: string) =>
      `${path}: no es un archivo regular (un dispositivo, una tubería o un socket, que podrían no terminar nunca); indique un archivo`,
    cannotAccess: (path: string, code: string) => `no se puede acceder a ${path || "el archivo"}: ${code}`,
    expectedNumber: (flag: string, text: string) => `${flag}: se esperaba un número, se recibió "${text}"`,
    expectedInteger: (flag: string, text: string) => `${flag}: se esperaba un entero, se recibió "${text}"`,
    atLeast: (flag: string, min: number, value: number) =>
      `${flag}: debe ser al menos ${min}, se recibió ${value}`,
    atMost: (flag: string, max: number, text: string) =>
      `${flag}: debe ser a lo más ${max}, se recibió ${text}`,
    positive: (flag: string, text: string) => `${flag}: debe ser positivo, se recibió "${text}"`,
    twoSizes: (flag: string, text: string) =>
      `${flag}: se esperaban al menos dos tamaños (entradas y salidas), se recibió "${text}"`,
    tooManyParameters: (flag: string, sizes: string, parameters: number, max: number) =>
      `${flag}: ${sizes} tiene ${parameters} parámetros, más que los ${max} que retroprop entrena`,
    oneOf: (flag: string, choices: string, text: string) =>
      `${flag}: se esperaba uno de ${choices}, se recibió "${text}"`,
    fraction: (flag: string, zeroAllowed: boolean, text: string) =>
      `${flag}: se esperaba una fracción ${zeroAllowed ? "en [0, 1)" : "entre 0 y 1"}, se recibió "${text}"`,
    cannotRead: (what: FileKind, path: string, code: string) =>
      `${fileKindEs(what)} ${path}: no se puede leer (${code})`,
    notRows: (path: string) => `${path}: se esperaba un arreglo JSON de filas, no vacío`,
    rowLength: (path: string, i: number, width: number, got: number) =>
      `${path}: [${i}]: se esperaban ${width} números, se recibieron ${got}`,
    notFinite: (path: string, i: number, j: number, got: string) =>
      `${path}: [${i}][${j}]: se esperaba un número finito, se recibió ${got}`,
    emptyValue: (flag: string) => `${flag}: valor vacío`,
    emptyValueDefault: (flag: string) =>
      `${flag}: valor vacío (omita la opción para usar su valor por omisión)`,
    atPair: (item: string) => `--at: se esperaba nombre=valor, se recibió "${item}"`,
    atName: (name: string, item: string) => `--at: "${name}" no es un nombre de variable (en "${item}")`,
    atTwice: (name: string) => `--at: ${name} aparece dos veces`,
    atNoValue: (name: string, item: string) => `--at: falta el valor de ${name} (en "${item}")`,
    lang: (choices: string, text: string) => `--lang: se esperaba uno de ${choices}, se recibió "${text}"`,
    explainOnly: (flag: string) => `${flag}: solo junto con --explain (la derivación)`,
    explainJson: () => "--json: con --explain, use --format json",
    explainTrace: () => "--trace: con --explain, cada paso ya se escribe completo",
    pngNeedsOut: () => "--format png necesita --out ARCHIVO (PNG es binario)",
    port: (text: string) => `--port debe ser un entero de 0 a 65535, se recibió '${text}'`,
    outIsModel: (out: string) => `--out ${out}: es el propio archivo del modelo`,
    noDataset: () => "--data: el modelo no dice con qué conjunto de datos se entrenó; indíquelo con --data",
    noTestSplit: (data: string) =>
      `--split test: ${data} no tiene aquí conjunto de prueba; use --split train`,
    dataMismatch: (data: string, features: number, outputs: number, sizes: string) =>
      `--data ${data}: ${features} características y ${outputs} salidas, pero el modelo es ${sizes}`,
    lossNotFinite: (loss: number, model: string) =>
      `la pérdida es ${loss} con estos pesos y datos (${model})`,
    deltaTargetRows: (targets: string, width: number) =>
      `${targets}: se esperaba un objetivo por ejemplo (una sola neurona lineal), hay filas de ${width} números`,
    deltaCounts: (inputs: string, examples: number, targets: string, count: number, hint: boolean) =>
      `${inputs} tiene ${examples} ejemplo${examples === 1 ? "" : "s"} pero ${targets} tiene ${count} objetivo${count === 1 ? "" : "s"}` +
      (hint ? " (escriba cada ejemplo como una fila, p. ej. [[5, 2, 3]])" : ""),
    deltaWeights: (weights: string, values: number, inputs: string, width: number) =>
      `${weights} tiene ${values} valor${values === 1 ? "" : "es"} pero cada fila de ${inputs} tiene ${width} entrada${width === 1 ? "" : "s"}`,
  },
  demo: {
    description: "lo principal: vea cómo la retropropagación aprende dos espirales, con figuras, en segundos",
    help: {
      out: "carpeta donde se escriben las figuras",
      epochs: "épocas (pasadas sobre los datos)",
      seed: "semilla de los datos, los pesos y el barajado",
      json: "la última línea es un objeto JSON",
      after: `
Entrena una red relu 2-32-32-1 con Adam sobre el conjunto de dos espirales (generado con una semilla: no hay
nada que descargar), muestra la barra de progreso, imprime el resultado y escribe la curva de pérdida y la
frontera de decisión en SVG y PNG dentro de --out. Equivale a:
  $ retroprop train --data spirals --layers 2,32,32,1 --activation relu --output sigmoid --loss bce \\
      --optimizer adam --lr 0.01 --batch 16 --epochs 1000 --seed 1 --plot retroprop-out/demo`,
    },
  },
  train: {
    description: "entrena una red sobre un conjunto de datos, con barra de progreso en vivo",
    help: {
      data: (names: string) => `conjunto de datos: ${names}, o csv:RUTA`,
      layers: "tamaños de las capas, entrada y salida incluidas, p. ej. 784,30,10",
      activation: (names: string) =>
        `activación oculta, una para todas o una por capa oculta (relu,tanh): ${names} (por omisión sigmoid)`,
      output:
        "activación de salida (por omisión: softmax para 3 clases o más, sigmoid para 2, linear para regresión)",
      loss: "mse|bce|cce (por omisión: cce con softmax, bce con sigmoid, mse en regresión)",
      lr: "tasa de aprendizaje η (se aceptan fracciones como 1/35)",
      momentum: "momento μ (sgd, momentum, nesterov)",
      weightDecay: "decaimiento de pesos L2 λ",
      schedule: "calendario de la tasa de aprendizaje: step:10:0.5 | exp:0.95 | cosine",
      batch: "ejemplos por actualización: 1 (modo en línea), b (minilote) o full (lote completo)",
      epochs: "épocas (pasadas sobre el conjunto de entrenamiento)",
      seed: "semilla de la inicialización, la generación de datos y el barajado",
      init: "inicialización de los pesos: glorot_uniform|glorot_normal|he_uniform|he_normal|normal|uniform|zeros",
      dtype: "float32|float64 (por omisión float32, o el del modelo de --init-from)",
      initFrom:
        "parte de un archivo de modelo guardado: su arquitectura y sus pesos (no con --layers, --activation, --output, --init)",
      validation: "reserva esta fracción de las filas de entrenamiento para validación",
      test: "reserva esta fracción de las filas como conjunto de prueba (por omisión 0.2 con CSV, 0 en los integrados; MNIST trae el suyo)",
      earlyStopping: "se detiene cuando val_loss (o la pérdida) no ha mejorado en este número de épocas",
      dataDir: "raíz de datos de mnist, fashion-mnist, iris, digits, breast-cancer",
      label: "columna de la etiqueta en el CSV (nombre o índice; por omisión la última)",
      normalize: "escalado de características ajustado en el conjunto de entrenamiento: none|minmax|zscore",
      samples: "filas a generar (conjuntos integrados) o a tomar del archivo de entrenamiento",
      noise: "ruido de los conjuntos generados",
      save: "escribe el modelo entrenado (JSON; escritura atómica)",
      binary: "con --save: guarda los pesos en un archivo binario compacto junto al JSON",
      plot: "escribe las curvas de pérdida y exactitud (y la frontera de decisión de datos 2-D) en SVG y PNG",
      engine: "matrix (la forma matricial explícita, la vía rápida) | autograd (el grafo general)",
      json: "la última línea es un objeto JSON con history, final y test",
      quiet: "sin mensajes de progreso",
      clipGradNorm:
        "reescala los gradientes cuando su norma 2 total pasa de c (como clip_grad_norm_ de PyTorch)",
      checkpoint:
        "escribe puntos de control en esta carpeta durante el entrenamiento (atómicos; reanudación exacta)",
      checkpointEvery:
        "con --checkpoint: cada n épocas, o cada n actualizaciones con el sufijo s (500s); por omisión, cada época",
      resume:
        "continúa la ejecución cuyo punto de control está en esta carpeta, con su configuración (solo se admiten --save, --binary, --plot, --json, --quiet, --data-dir, --checkpoint-every)",
      after: `
Ejemplos:
  # la red sigmoide 2-2-1 de los apuntes aprende XOR (lote completo)
  $ retroprop train --data xor --layers 2,2,1 --activation sigmoid --output sigmoid --loss mse \\
      --optimizer sgd --lr 2 --batch full --epochs 5000 --seed 1
  # la red de MNIST de los apuntes (la configuración de Nielsen), datos de una raíz de datos
  $ retroprop train --data mnist --data-dir ../shared/datasets --layers 784,30,10 --activation sigmoid \\
      --output sigmoid --loss mse --optimizer sgd --lr 3 --batch 10 --epochs 30 --seed 1
  # la red de los apuntes con los pesos de los apuntes (examples/xor), 100 pasos con el lote completo
  $ retroprop train --data xor --init-from examples/xor/model.json --loss mse --lr 0.5 --batch full --epochs 100
  # un archivo CSV con la etiqueta en la columna "species"
  $ retroprop train --data csv:flowers.csv --label species --layers 4,16,3 --activation relu --output softmax --loss cce

  # puntos de control cada 500 actualizaciones; tras una caída o un kill, la misma ejecución sigue donde se detuvo
  $ retroprop train --data mnist --data-dir ../shared/datasets --layers 784,30,10 --checkpoint ckpt --checkpoint-every 500s
  $ retroprop train --resume ckpt

--batch 1 es el modo en línea, --batch b minilotes, --batch full el lote completo (los tres modos de los apuntes).
--schedule: step:ÉPOCAS:GAMMA | exp:GAMMA | cosine[:LR_MÍNIMA].`,
      activations: "Activaciones (--activation, --output):",
      outputsIn: (interval: string) => `salidas en ${interval}`,
    },
    noHidden: "sin capa oculta",
    hidden: (names: string) => `capas ocultas ${names}`,
    outputLayer: (name: string) => `salida ${name}`,
    header: (
      sizes: string,
      from: string | undefined,
      layers: string,
      loss: string,
      data: string,
      n: number,
      batch: string,
      steps: number,
      optimizer: string,
      lr: number,
      engine: string,
    ) =>
      `entrenando ${sizes}${from ? ` desde ${from}` : ""} (${layers}, ${loss}) con ${data}: ${n} ejemplos, lote ${batch} → ${steps} paso${steps === 1 ? "" : "s"} por época (⌈N / lote⌉), ${optimizer} η=${lr}, motor ${engine}`,
    fullBatch: (n: number) => `completo (${n})`,
    accuracy: (percent: string) => `, exactitud ${percent}%`,
    finalLoss: (loss: string, accuracy: string) =>
      `pérdida final en el conjunto de entrenamiento ${loss}${accuracy}`,
    testLoss: (loss: string, accuracy: string) => `pérdida en el conjunto de prueba ${loss}${accuracy}`,
    outputs: "salidas:",
    outputRow: (x: string, target: string, output: string) =>
      `  x=[${x}]  objetivo=[${target}]  salida=[${output}]`,
    saved: (path: string) => `modelo guardado en ${path}`,
    done: (seconds: string) => `terminado en ${seconds} s`,
    warning: "aviso",
    blowUp: (loss: string, epoch: number, first: string, kept: string | undefined) =>
      `la pérdida llegó a ${loss} en la época ${epoch}, más de 10⁶ veces la de la época 1 (${first}); ${kept === undefined ? "los pesos guardados pueden ser peores que los de una época anterior" : `se conservó ${kept} sin sobrescribirlo (bórrelo, o use --save con otra ruta, para guardar los pesos de esta ejecución)`}`,
  },
  progress: {
    epoch: (epoch: number, epochs: number) => `época ${epoch}/${epochs}`,
    loss: (value: string) => `pérdida ${value}`,
    accuracy: (value: string) => `exactitud ${value}`,
    bar: "época {epoch}/{epochs} |{bar}| {value}/{total} ej. | {rate} ej./s | faltan {eta_formatted} | pérdida {loss} | exactitud {acc}",
  },
  evaluate: {
    description:
      "pérdida y exactitud de un modelo guardado en el conjunto de prueba (o de entrenamiento) de unos datos",
    help: {
      model: "archivo de modelo escrito por train --save (o a mano)",
      data: (names: string) => `conjunto de datos: ${names}, o csv:RUTA (por omisión: con el que se entrenó)`,
      dataDir: "raíz de datos de mnist, fashion-mnist, iris, digits, breast-cancer",
      split: "test|train (prueba o entrenamiento)",
      loss: "mse|bce|cce (por omisión: la pérdida del entrenamiento)",
      seed: "semilla de la partición (por omisión: la del entrenamiento)",
      label: "columna de la etiqueta en el CSV",
      json: "imprime un objeto JSON",
      after: `
Los datos se escalan con la normalización guardada en el modelo (ajustada en el conjunto de entrenamiento al
entrenarlo) y se parten con la semilla con que se entrenó, así que el conjunto de prueba es el mismo que se
apartó entonces.

Ejemplos:
  $ retroprop train --data mnist --data-dir ../shared/datasets --layers 784,30,10 --epochs 5 --save mnist.json
  $ retroprop evaluate --model mnist.json --data mnist --data-dir ../shared/datasets
  $ retroprop evaluate --model iris.json --data iris --split train --json`,
    },
    splitName: (test: boolean): string => (test ? "prueba" : "entrenamiento"),
    result: (data: string, split: string, n: number, lossName: string, loss: string, accuracy: string) =>
      `${data}, conjunto de ${split} (${n} ejemplos): pérdida ${lossName} ${loss}${accuracy}`,
  },
  predict: {
    description: "salidas (y clases predichas) de un modelo guardado para entradas nuevas",
    help: {
      model: "archivo de modelo escrito por train --save",
      input: "fila(s) JSON, CSV, o un PNG de 28×28",
      invert: "entrada PNG: invierte los colores (fuerza el trato de negro sobre blanco)",
      json: "imprime un objeto JSON",
      after: `
--input acepta una fila JSON ([5.1, 3.5, 1.4, 0.2]) o un arreglo de filas, un CSV de filas de características o,
para modelos de dígitos, un PNG de 28×28 (dígito blanco sobre negro, como MNIST; el negro sobre blanco se
detecta y se invierte). Antes se aplica el escalado de características guardado en el modelo.

Ejemplos:
  $ retroprop predict --model iris.json --input flower.json
  $ retroprop predict --model mnist.json --input seven.png --json`,
    },
    class: (cls: number, label: string | undefined) => `  → clase ${cls}${label ? ` (${label})` : ""}`,
  },
  perceptronCli: {
    description:
      "entrena una unidad de umbral con la regla del perceptrón sobre la tabla de verdad de una compuerta",
    help: {
      gate: (names: string) => `la compuerta: ${names}`,
      lr: "tasa de aprendizaje η (se aceptan fracciones como 1/2)",
      epochs: "límite de épocas",
      init: "pesos y sesgo iniciales: zeros|random (uniformes en [-0.5, 0.5))",
      seed: "semilla de --init random",
      step: "convención del escalón: ge (z ≥ 0 → 1) | gt (z > 0 → 1)",
      trace: "imprime cada actualización (pesos antes y después, z, ŷ, error)",
      json: "imprime un objeto JSON en lugar de tablas",
      explain: "escribe la regla y cada paso con los números (nota 004)",
      format: "con --explain: text|markdown|html|json (por omisión text)",
      out: "con --explain: escribe en ARCHIVO en lugar de imprimir",
      after: `
La unidad de umbral es ŷ = φ(w·x + b) con φ(z) = 1 si z ≥ 0, si no 0 (--step gt: z > 0).
La regla del perceptrón (nota 004): w ← w + η(t − ŷ)x, b ← b + η(t − ŷ), un ejemplo a la vez.
Ha convergido cuando una época no comete ningún error. XOR no es linealmente separable: la ejecución se
detiene en el límite de épocas e informa "converged": false (estado de salida 0; es el resultado esperado).

Ejemplos:
  $ retroprop perceptron --gate and
  $ retroprop perceptron --gate xor --epochs 20
  $ retroprop perceptron --gate nor --init random --seed 7 --lr 0.1 --json
  $ retroprop perceptron --gate and --explain --lang es
  → cada paso escrito: z = w₁·x₁ + w₂·x₂ + b, ŷ = φ(z), t − ŷ, w ← w + η(t − ŷ)x, b ← b + η(t − ŷ)`,
    },
  },
  deltaRuleCli: {
    description: "entrena una neurona lineal con la regla delta e imprime cada actualización",
    help: {
      inputs: "arreglo JSON de filas de entrada, p. ej. [[5, 2, 3]]",
      targets: "arreglo JSON de objetivos, uno por fila, p. ej. [850]",
      weights: "pesos iniciales (por omisión ceros)",
      lr: "tasa de aprendizaje η (se aceptan fracciones como 1/35)",
      epochs: "épocas (pasadas sobre el conjunto de entrenamiento)",
      mode: "online|batch: modo en línea (actualiza tras cada ejemplo) o por lotes (una actualización sumada por época)",
      json: "imprime un objeto JSON en lugar de una tabla",
      explain: "deriva la regla y escribe cada actualización con los números (nota 003)",
      format: "con --explain: text|markdown|html|json (por omisión text)",
      out: "con --explain: escribe en ARCHIVO en lugar de imprimir",
      after: `
La neurona lineal es y = w·x (sin sesgo: añada a las entradas una columna de unos para tenerlo). La regla
delta (nota 003): Δw_i = η·x_i·(t − y) tras cada ejemplo (modo en línea), o η·Σ_n x_iⁿ(tⁿ − yⁿ) una vez por
época (por lotes). Tras cada actualización imprime los pesos, el residuo t − y y E = ½Σ(t − y)² sobre el conjunto.

Archivos: --inputs es un arreglo JSON de filas (una fila por ejemplo, un número por entrada),
--targets un arreglo JSON con un número por ejemplo (o filas de un número).

Ejemplo (la cafetería de la nota 003: 5 cafés, 2 jugos y 3 panes tostados cuestan 850 centavos; las
estimaciones empiezan en 50):
  $ retroprop delta-rule --inputs examples/cafeteria/x.json --targets examples/cafeteria/t.json \\
      --weights 50,50,50 --lr 1/35
  → Δw = [+50, +20, +30], w = [100, 70, 80], residuo t − y: 350 antes, -30 después
  $ retroprop delta-rule --inputs examples/cafeteria/x.json --targets examples/cafeteria/t.json \\
      --weights 50,50,50 --lr 1/35 --explain --lang es
  → la misma actualización derivada de E = ½Σ(t − y)², en español`,
    },
  },
  grad: {
    description:
      "un paso hacia adelante y uno hacia atrás: la pérdida, cada Δ, ∇W y ∇b (para revisar la tarea)",
    help: {
      model: "archivo del modelo (docs/model-format.md)",
      inputs: "arreglo JSON de filas de entrada X",
      targets: "arreglo JSON de filas objetivo Y",
      reduction: "mean|sum sobre los ejemplos (promedio o suma)",
      dtype: "float32|float64",
      json: "imprime un objeto JSON en lugar de tablas",
      after: `
Las entradas y los objetivos son arreglos JSON de filas, una fila por ejemplo (un número solo es una fila de un valor).
Imprime E, las salidas Ŷ y, para cada capa l = 1..L (JSON: layers[l-1]), ∇W⁽ˡ⁾ (unidades × entradas, como los
pesos del archivo del modelo), ∇b⁽ˡ⁾ y Δ⁽ˡ⁾ = ∂E/∂Z⁽ˡ⁾ (una fila por ejemplo); el texto añade Z⁽ˡ⁾ y A⁽ˡ⁾.
--reduction mean divide E y cada gradiente entre el número de ejemplos N; sum no (la Σ de los apuntes).

Ejemplo (la red sigmoide 2-2-1 de XOR de los apuntes con E = ½Σ(ŷ − y)², archivos en examples/xor/):
  $ retroprop grad --model examples/xor/model.json --inputs examples/xor/x.json \\
      --targets examples/xor/y.json --loss mse --reduction sum
  $ retroprop grad --model examples/xor/model.json --inputs examples/xor/x.json \\
      --targets examples/xor/y.json --loss mse --json`,
    },
  },
  graph: {
    description:
      "el grafo computacional de una expresión: el valor y el gradiente de cada nodo, en texto, JSON o figura",
    help: {
      expression: 'una expresión aritmética, p. ej. "(x + y) * z"',
      at: 'valores de las variables, p. ej. x=-2,y=5,z=-4 o "W=[[1,2],[3,4]]" (se puede repetir)',
      format: (formats: string) => `${formats} (por omisión: según la extensión de --out; si no, text)`,
      out: "escribe en este archivo en lugar de la salida estándar",
      after: `
Expresiones: números, variables, + - * / ^, menos unario, paréntesis, las constantes pi y e, y
exp, log (o ln), sqrt, abs, sin, cos, tan, sigmoid, tanh, relu, max(a, b), min(a, b),
softmax(v), sum(v). Cada variable necesita un valor de --at: un número, o un vector o una matriz como arreglo
JSON ("W=[[1,2],[3,4]]"; entonces * entre dos arreglos es el producto matricial). Imprime cada nodo del grafo
(operación, entradas, valor, gradiente ∂f/∂nodo, subexpresión), en cada conexión el gradiente local × el
gradiente de arriba con su regla (la suma distribuye, el producto intercambia, el máximo enruta, las ramas se
suman; jacobianos con su forma para los arreglos), y ∂f/∂v para cada variable v. Los valores son float64.
--format json imprime {"value", "shape", "gradients", "nodes", "edges", "branches"} (docs/engine.md); dot y svg
dibujan el circuito con los valores en verde sobre los cables, los gradientes en rojo debajo y local × de arriba
bajo ellos. --out escribe el formato elegido en un archivo (el formato sale de la extensión: .json .dot .gv
.svg .png; si no, text). Una expresión que empieza con "-" necesita paréntesis, "(-x^2)", o ir al final
después de "--".

Ejemplos (los circuitos de los apuntes):
  $ retroprop graph "(x + y) * z" --at x=-2,y=5,z=-4
  $ retroprop graph "1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))" --at w0=2,x0=-1,w1=-3,x1=-2,w2=-3
  $ retroprop graph "1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))" --at "w0=2, x0=-1" --at "w1=-3, x1=-2, w2=-3" \\
      --out sigmoid.svg
  $ retroprop graph "max(x, y) + x*x" --at x=3,y=5 --format json
  $ retroprop graph "W*x + b" --at "W=[[1,2],[3,4]]" --at "x=[1,-1]" --at "b=[0,1]"
  $ retroprop graph "softmax(z)" --at "z=[1,2,3]"
  $ retroprop graph --at x=3 -- "-x^2"`,
    },
  },
  playground: {
    description: "el playground en su navegador: datos, red y entrenamiento, todo en la URL",
    help: {
      port: "puerto en 127.0.0.1 (por omisión: uno libre)",
      open: "abre la página en el navegador predeterminado",
      dataDir: "raíz de datos servida, solo lectura, bajo /data/ (por omisión: $RETROPROP_DATA o la caché)",
      after: `
Sirve el playground (la página incluida en el paquete) solo en 127.0.0.1, con las cabeceras de aislamiento
entre orígenes que necesita el motor WebAssembly con hilos, y la raíz de datos, solo lectura, bajo /data/.
Se detiene con Ctrl+C.
  $ retroprop playground
  $ retroprop playground --port 8080 --open --data-dir ../shared/datasets`,
    },
    noBrowser: (message: string, url: string) => `no se pudo abrir un navegador (${message}); abra ${url}`,
  },
  export: {
    description: "escribe un modelo en ONNX o safetensors (para ONNX Runtime y PyTorch)",
    help: {
      model: "archivo del modelo (JSON de retroprop, ONNX o safetensors)",
      format: "onnx|safetensors",
      out: "archivo de salida (por omisión: el nombre del modelo con .onnx o .safetensors)",
      after: `
Escribe el modelo en ONNX (opset 13: un Gemm por capa y los nodos de la activación; corre en ONNX Runtime en
Node y en el navegador) o en safetensors con los nombres de nn.Sequential de PyTorch (0.weight, 0.bias,
2.weight …), e imprime el nn.Sequential cuyo state_dict es. Ambos conservan los metadatos de train --save, y
toda orden que acepta --model los vuelve a leer (docs/interop.md).

Ejemplos:
  $ retroprop export --model examples/xor/model.json --format onnx --out xor.onnx
  $ retroprop export --model iris.json --format safetensors`,
    },
    wroteOnnx: (out: string, inputs: number, outputs: number) =>
      `se escribió ${out} (ONNX opset 13: entrada "input" [N, ${inputs}] float32, salida "output" [N, ${outputs}])`,
    wroteSafetensors: (out: string, dtype: string) =>
      `se escribió ${out} (${dtype}; el state_dict de este modelo de PyTorch):`,
  },
  experiment: {
    description:
      "corre uno de los experimentos de los apuntes y escribe sus figuras (SVG, PNG) y sus números (JSON, CSV)",
    help: {
      out: (name: string) => `carpeta de salida (por omisión ./retroprop-out/${name})`,
      seed: "semilla de la inicialización, los datos y el barajado",
      dataDir: "raíz de datos de mnist y los demás conjuntos en archivos (p. ej. ../shared/datasets)",
      epochs: "épocas de entrenamiento",
      samples: "filas a generar (conjuntos integrados) o a tomar del archivo de entrenamiento (MNIST)",
      pngScale: "píxeles PNG por unidad SVG (1 da archivos más pequeños)",
      json: "imprime un objeto JSON en lugar del resumen en texto",
      quiet: "sin mensajes de progreso en stderr",
      example: "Ejemplo:",
      after: `
Cada experimento escribe figuras SVG y PNG y los números en bruto como <out>/<nombre>.json y <nombre>.csv,
e imprime un resumen breve. Ejemplos:
  $ retroprop experiment lr-sweep --data moons --lrs 0.01,0.1,1,10 --epochs 50
  $ retroprop experiment hidden-size --data mnist --data-dir ../shared/datasets --samples 10000 --hidden 1,2,5,10,30,100
  $ retroprop experiment vanishing-gradient --data-dir ../shared/datasets --layers-max 4 --epochs 30
  $ retroprop experiment decision-boundary --data spirals --hidden 32,32 --epochs 500
  $ retroprop experiment hidden-units --data-dir ../shared/datasets --samples 10000 --hidden 30
  $ retroprop experiment gradient-descent --lrs 0.02,0.05,0.09,0.105`,
    },
  },
  sweep: {
    description:
      "búsqueda en rejilla o aleatoria sobre las opciones de train, repartida para gestores de trabajos; sweep report las une",
    help: {
      spec: "especificación del barrido (JSON), o la palabra report seguida de carpetas de resultados",
      dirs: "con report: las carpetas de resultados a unir",
      out: "carpeta de resultados (por omisión: el nombre de la especificación sin .json, más -sweep)",
      parallel: "ensayos a la vez (procesos)",
      index: "índice de este fragmento, desde 0 (por omisión, del entorno del gestor de trabajos)",
      count: "número de fragmentos",
      metric: 'report: la métrica por la que se ordena y se grafica (por omisión "loss", la pérdida)',
      figures: "report: escribe aquí figuras de la métrica contra cada opción (SVG y PNG)",
      json: "report: imprime los resultados unidos como líneas JSON",
      after: `
SPEC.json: {"train": {opciones fijas de train}, "grid": {"opción": [valores]}} o
           {"train": {...}, "random": {"trials": N, "seed": S, "space": {"lr": {"logUniform": [0.01, 1]}, ...}}}
Cada ensayo corre \`retroprop train … --json --save DIR/models/trial-N.json\` en un proceso propio y añade una
línea al archivo de resultados de DIR; vuelva a correr la orden para reanudar (se saltan los ensayos terminados).
Fragmentos: --index/--count; si no, JOB_COMPLETION_INDEX (Indexed Job de Kubernetes; el número sale de --count
o de "count" en la especificación); si no, SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN de SLURM_ARRAY_TASK_COUNT.
docs/sweeps.md trae un Job de Kubernetes y un guion de Slurm.

Ejemplos:
  $ retroprop sweep examples/sweeps/xor-grid.json --out xor-sweep --parallel 2
  $ retroprop sweep examples/sweeps/xor-grid.json --out xor-sweep --index 0 --count 3
  $ retroprop sweep report xor-sweep --figures xor-sweep/figures`,
    },
    summary: (run: number, skipped: number, dir: string, failed: number, file: string) =>
      `${run} ensayos corridos, ${skipped} saltados (ya estaban en ${dir}), ${failed} fallidos; resultados en ${file}`,
  },
  perceptronReport: {
    outcome: (converged: boolean, epochs: number, separable: boolean, gate: string) =>
      converged
        ? `convergió tras ${epochs} época${epochs === 1 ? "" : "s"} (la época ${epochs} no cometió ningún error)`
        : `no convergió tras ${epochs} épocas: cada época clasificó mal al menos un caso` +
          (separable
            ? " (pruebe con más --epochs)"
            : `; ${gate} no es linealmente separable, así que ninguna unidad de umbral sola lo calcula`),
    title: (gate: string, symbol: string, lr: string, w: string, b: string, phi: string) =>
      `Regla del perceptrón sobre ${gate} (${symbol}): η = ${lr}, inicio w = ${w}, b = ${b}; ŷ = 1 si ${phi} (z = w·x + b)`,
    traceHeaders: [
      "época",
      "caso",
      "x",
      "t",
      "w antes",
      "b antes",
      "z",
      "ŷ",
      "t − ŷ",
      "w después",
      "b después",
    ],
    epochHeaders: ["época", "errores", "w (fin de la época)", "b"],
    result: (w: string, b: string) => `pesos: ${w}   sesgo: ${b}`,
    target: "objetivo",
    wrong: "incorrecto",
    xorTitle: "XOR construido a mano con unidades de umbral fijas: (x1 ∨ x2) ∧ ¬(x1 ∧ x2)",
    output: "salida",
  },
  deltaRuleReport: {
    title: (online: boolean, eta: string, epochs: number, examples: number, width: number) =>
      `Neurona lineal y = w·x, regla delta, ${online ? "modo en línea" : "por lotes"}: η = ${eta}, ${epochs} época${epochs === 1 ? "" : "s"}, ` +
      `${examples} ejemplo${examples === 1 ? "" : "s"} de ${width} entrada${width === 1 ? "" : "s"}`,
    start: (w: string, residuals: string, E: string) =>
      `inicio: w = ${w}   residuo t − y = ${residuals}   E = ½Σ(t − y)² = ${E}`,
    onlineHeaders: [
      "actualización",
      "época",
      "ejemplo",
      "y",
      "t − y",
      "Δw",
      "w después",
      "t − y después",
      "E después",
    ],
    batchHeaders: (showAll: boolean) => [
      "actualización",
      "época",
      "Δw = η Σ x(t − y)",
      "w después",
      ...(showAll ? ["t − y después"] : []),
      "E después",
    ],
    final: (w: string, residuals: string | undefined, E: string) =>
      `final: w = ${w}   ${residuals === undefined ? "" : `residuo t − y = ${residuals}   `}E = ${E}`,
  },
  gradReport: {
    reduction: (mean: boolean, N: number) => `${mean ? "promedio" : "suma"} sobre N = ${N} ejemplos`,
    fused: (activation: string, loss: string) => `${activation} + ${loss} fusionadas`,
    layer: (l: number) => `Capa ${l}`,
    rowPerExample: "una fila por ejemplo",
    like: "como",
    sumOfRows: "Σ filas de",
  },
  graphReport: {
    at: (values: string) => `en ${values}`,
    header: ["nodo", "op", "entradas", "valor", "gradiente", "expresión"],
    wiresTitle:
      "retropropagación, conexión por conexión: gradiente en la conexión = gradiente local × gradiente de arriba",
    noWire: "ninguna conexión lleva gradiente (f no depende de ninguna variable)",
    wireHeader: ["de", "hacia", "regla", "local", "", "de arriba", "", "en la conexión"],
    nodeName: (id: number) => `nodo ${id}`,
    wire: (wrt: string, of: string, rule: string, formula: string) =>
      `${wrt} → ${of}: ${rule}, local ${formula}`,
    localLine: (of: string, wrt: string, shape: string, v: string) =>
      `  local ∂${of}/∂${wrt}, ${shape}: ${v}`,
    aboveLine: (of: string, shape: string, v: string) => `  de arriba ∂f/∂${of}, ${shape}: ${v}`,
    onWireLine: (wrt: string, shape: string, v: string) =>
      `  en la conexión ∂f/∂${wrt} = de arriba · local, ${shape}: ${v}`,
    branches: (name: string, parts: string, sum: string) =>
      `las ramas se suman: ∂f/∂${name} = ${parts} = ${sum}`,
    note: (tie: string) => `nota: ${tie}`,
    jacobian: (shape: string) => `, jacobiano ${shape}`,
    rule: (name: string) => GRAPH_RULES[name] ?? name,
    verb: (verb: string) => GRAPH_VERBS[verb] ?? verb,
    formula: (formula: string) => (formula === "1 for every element" ? "1 para cada elemento" : formula),
    sum: "suma",
  },
  experiments: {
    "lr-sweep": {
      what: "curvas de pérdida para varias tasas de aprendizaje (nota 004: sensibilidad a α)",
      data: "conjunto de datos (por omisión moons)",
      notes: "",
      options: {
        "--lrs": "tasas de aprendizaje, separadas por comas",
        "--hidden": "tamaños de las capas ocultas, separados por comas (por omisión 16)",
        "--activation": "activación oculta",
        "--output": "activación de salida (por omisión, la del conjunto de datos)",
        "--loss": "mse|bce|cce (por omisión, la del conjunto de datos)",
        "--batch": "tamaño del minilote, o full (lote completo)",
      },
    },
    "hidden-size": {
      what: "exactitud contra el número de unidades ocultas (nota 002)",
      data: "conjunto de datos (por omisión mnist)",
      notes: "",
      options: {
        "--hidden": "números de unidades ocultas a probar",
        "--lr": "tasa de aprendizaje de SGD",
        "--batch": "tamaño del minilote, o full (lote completo)",
        "--activation": "activación oculta",
        "--repeats": "redes por tamaño (semillas distintas); la figura muestra el promedio",
      },
    },
    "vanishing-gradient": {
      what: "‖∂C/∂b‖ por capa con 1 a 4 capas ocultas sigmoides en MNIST (Nielsen, cap. 5), y relu para comparar",
      data: "conjunto de datos (por omisión mnist)",
      notes:
        "\nLos valores por omisión siguen network2.py de Nielsen, que da sus velocidades publicadas (0.012, 0.060, 0.283\n" +
        "con tres capas ocultas): 30 unidades, sigmoide, costo de entropía cruzada, W ~ N(0,1/n_in), b ~ N(0,1), SGD\n" +
        "η=0.1, lotes de 10, 1000 imágenes de entrenamiento (--samples) y 30 épocas. --loss mse --init normal es la\n" +
        "variante de costo cuadrático con N(0,1). Las redes relu usan pesos He-normal y sesgos en cero.",
      options: {
        "--layers-max": "redes con 1..n capas ocultas",
        "--width": "unidades por capa oculta",
        "--activation": "sigmoid|relu|tanh|both (both = sigmoid y relu)",
        "--probe": "imágenes de entrenamiento sobre las que se promedia el gradiente",
        "--lr": "tasa de aprendizaje de SGD",
        "--batch": "tamaño del minilote",
        "--loss": "bce (entropía cruzada, la de network2.py de Nielsen) | mse (costo cuadrático)",
        "--init":
          "redes sigmoid/tanh: nielsen (W ~ N(0,1/n_in), b ~ N(0,1)) | normal (W, b ~ N(0,1)) | glorot_uniform | ...",
      },
    },
    "decision-boundary": {
      what: "un conjunto de datos 2-D coloreado según la salida de la red entrenada, con los puntos de entrenamiento",
      data: "conjunto de datos 2-D: moons, circles, spirals, xor, blobs (por omisión moons)",
      notes: "",
      options: {
        "--hidden": "tamaños de las capas ocultas",
        "--activation": "activación oculta",
        "--optimizer": "sgd|momentum|nesterov|rmsprop|adam",
        "--lr": "tasa de aprendizaje (por omisión, la del optimizador)",
        "--batch": "tamaño del minilote, o full (lote completo)",
        "--noise": "ruido del conjunto generado",
        "--resolution": "puntos de la rejilla por lado",
      },
    },
    "hidden-units": {
      what: "los pesos de entrada de cada unidad oculta de un modelo de MNIST como imágenes de 28×28 (nota 002)",
      data: "conjunto de imágenes (por omisión mnist)",
      notes: "",
      options: {
        "--model": "un modelo guardado (retroprop train --save); por omisión se entrena uno rápido",
        "--hidden": "unidades ocultas del modelo rápido",
        "--activation": "activación oculta del modelo rápido",
        "--lr": "tasa de aprendizaje del modelo rápido",
        "--batch": "tamaño del minilote del modelo rápido",
        "--max-units": "muestra a lo más este número de unidades",
        "--columns": "mosaicos por fila",
        "--normalize": "tile (cada unidad escalada a su propio máximo |w|) | shared (una escala común)",
      },
    },
    "gradient-descent": {
      what: "trayectorias del descenso del gradiente sobre las curvas de nivel de una función 2-D, y las trayectorias en línea y por lotes de la neurona lineal (nota 003)",
      data: "(no se usa: los datos se generan)",
      notes: "\n--epochs fija las épocas de la regla delta (por omisión 20).",
      options: {
        "--function": "bowl (x² + 10y²) | rosenbrock",
        "--lrs": "tasas de aprendizaje de las trayectorias (por omisión 0.02,0.05,0.09,0.105 para bowl)",
        "--steps": "pasos por trayectoria",
        "--weeks": "neurona lineal: semanas de cuentas de la cafetería",
        "--online-lr": "neurona lineal: η de la regla delta en modo en línea",
        "--batch-lr": "neurona lineal: η de la regla delta por lotes",
      },
    },
  },
  plots: {
    lossTitle: (data: string, sizes: string) => `Pérdida por época — ${data}, ${sizes}`,
    accuracyTitle: (data: string) => `Exactitud por época — ${data}`,
    boundaryTitle: (data: string, sizes: string) => `Frontera de decisión — ${data}, ${sizes}`,
    epoch: "época",
    loss: "pérdida",
    lossLog: "pérdida (escala logarítmica)",
    accuracy: "exactitud",
    trainingLoss: "pérdida de entrenamiento",
    validationLoss: "pérdida de validación",
    trainingAccuracy: "exactitud de entrenamiento",
    validationAccuracy: "exactitud de validación",
    networkOutput: "salida de la red",
    predictedClass: "clase predicha",
    trainingPoints: "puntos de entrenamiento",
    className: (c: number) => `clase ${c}`,
    learningRate: "tasa de aprendizaje",
    trainingLossLog: (loss: string) => `pérdida de entrenamiento (${loss}, escala logarítmica)`,
    markers: { title: "marca", start: "inicio", step: "paso", end: "fin" },
    lrSweep: {
      lossTitle: "Pérdida de entrenamiento para cada tasa de aprendizaje η",
      accuracyTitle: "Exactitud de entrenamiento para cada tasa de aprendizaje η",
      subtitle: (data: string, sizes: string, activation: string, loss: string, batch: string) =>
        `${data}, red ${sizes} ${activation}, ${loss}, SGD, lote ${batch}`,
      series: (lr: number, diverged: boolean, unstable: boolean) =>
        `η = ${lr}${diverged ? " (divergió)" : unstable ? " (inestable)" : ""}`,
    },
    hiddenSize: {
      title: "Exactitud contra el número de neuronas ocultas",
      subtitle: (
        data: string,
        rows: number,
        epochs: number,
        activation: string,
        lr: number,
        repeats: number,
      ) =>
        `${data}: ${rows} filas de entrenamiento, ${epochs} épocas, capa oculta ${activation}, SGD η=${lr}${repeats > 1 ? `, media de ${repeats} semillas` : ""}`,
      xLabel: "neuronas ocultas (escala logarítmica)",
      training: "entrenamiento",
      test: (hasTest: boolean) => (hasTest ? "prueba" : "entrenamiento (sin partición de prueba)"),
    },
    vanishingGradient: {
      cost: (bce: boolean) => (bce ? "costo de entropía cruzada" : "costo cuadrático"),
      setup: (data: string, width: number, cost: string, probe: number) =>
        `${data}, ${width} neuronas por capa oculta, ${cost}, gradiente sobre ${probe} imágenes`,
      trainingTitle: (activation: string, layers: number) =>
        `Velocidad de aprendizaje por capa durante el entrenamiento (${activation}, ${layers} capas ocultas)`,
      trainingSubtitle: (
        sizes: string,
        cost: string,
        lr: number,
        batch: number,
        rows: number,
        probe: number,
      ) =>
        `${sizes}, ${cost}, SGD η=${lr}, lote ${batch}, ${rows} imágenes de entrenamiento; gradiente sobre ${probe}`,
      epochAxis: "época (0 = inicialización)",
      normAxis: "‖∂C/∂b⁽ˡ⁾‖ (escala logarítmica)",
      hiddenLayer: "capa oculta",
      layer: (l: number, first: boolean) => `capa ${l}${first ? " (junto a la entrada)" : ""}`,
      init: (init: string, normalBiases: boolean) =>
        `pesos ${init}, sesgos ${normalBiases ? "N(0, 1)" : "en cero"}`,
      initTitle: (activation: string) =>
        `Velocidad de aprendizaje ‖∂C/∂b⁽ˡ⁾‖ por capa oculta al inicializar (${activation})`,
      network: "red",
    },
    decisionBoundary: {
      title: (sizes: string, activation: string, data: string) =>
        `Frontera de decisión: red ${sizes} ${activation} sobre ${data}`,
      subtitle: (optimizer: string, epochs: number, accuracy: string) =>
        `${optimizer}, ${epochs} épocas${accuracy}`,
      networkOutput: (output: string) => `salida de la red (${output})`,
      lossTitle: (sizes: string, data: string) => `Pérdida de entrenamiento: ${sizes} sobre ${data}`,
    },
    hiddenUnits: {
      title: (sizes: string, data: string) =>
        `Pesos de entrada de cada neurona oculta (${sizes} sobre ${data})`,
      subtitle: (trainRows: number | null, accuracy: string) =>
        `${trainRows === null ? "modelo dado" : `entrenado aquí con ${trainRows} imágenes`}${accuracy}; rojo: la tinta ahí excita a la neurona, azul: la inhibe`,
      unit: (u: number) => `neurona ${u}`,
      weight: "peso",
      weightPerTile: "peso / máx |·| por recuadro",
    },
    gradientDescent: {
      path: (lr: number, diverged: boolean, zigzag: boolean) =>
        `η = ${lr}${diverged ? " (diverge)" : zigzag ? " (zigzaguea)" : ""}`,
      title: (formula: string) => `Descenso por el gradiente sobre ${formula}`,
      subtitle: (steps: number, start: string, minimum: string, every: number) =>
        `${steps} pasos de w ← w − η∇f(w) desde (${start}); mínimo en (${minimum})` +
        (every > 1 ? `; se dibuja una posición de cada ${every}` : ""),
      valuesTitle: (formula: string) => `f a lo largo de cada trayectoria de descenso (${formula})`,
      step: "paso",
      valueLog: "f(x, y) (escala logarítmica)",
      neuronTitle:
        "Neurona lineal: superficie de error con las trayectorias de la regla delta en línea y por lotes",
      neuronSubtitle: (weeks: number, cafe: number, zumo: number, epochs: number, start: string) =>
        `cafetería, ${weeks} semanas de cuentas de café + zumo (precios verdaderos ${cafe} y ${zumo} centavos); ${epochs} épocas desde (${start})`,
      cafeAxis: "w₁ = precio del café (centavos)",
      zumoAxis: "w₂ = precio del zumo (centavos)",
      run: (online: boolean, lr: number, updates: number, diverged: boolean) =>
        `${online ? "en línea" : "por lotes"}, η = ${lr} (${updates} actualizaciones)${diverged ? ", diverge" : ""}`,
      deltaRule: "regla delta",
    },
    sweep: {
      title: (metric: string, option: string, trials: number) =>
        `${metric} contra ${option} (${trials} ensayos)`,
      mean: (metric: string) => `${metric} media`,
    },
  },
  experimentReport: {
    wrote: (png: string) => `escrito ${png} (y .svg)`,
    wroteNumbers: (json: string, csv: string) => `escritos ${json} y ${csv}`,
    done: (seconds: string) => `terminado en ${seconds} s`,
    lrSweep: {
      title: (data: string, sizes: string, epochs: number, loss: string) =>
        `lr-sweep sobre ${data} (${sizes}, ${epocas(epochs)}, pérdida inicial ${loss}):`,
      diverged: (epoch: number) => `divergió en la época ${epoch}`,
      final: (loss: string, best: string, unstable: boolean) =>
        `pérdida final ${loss} (mínima ${best})${unstable ? ", por encima de la pérdida inicial: inestable" : ""}`,
      best: (lr: number, loss: string) => `η=${lr} alcanzó la menor pérdida final, ${loss}`,
      allDiverged: "todas las corridas divergieron",
      log: (lr: number, sizes: string, epochs: number) => `lr-sweep: η=${lr}, ${sizes}, ${epocas(epochs)}`,
    },
    hiddenSize: {
      title: (data: string, rows: number, epochs: number) =>
        `hidden-size sobre ${data} (${rows} filas de entrenamiento, ${epocas(epochs)}):`,
      row: (hidden: number, train: string, hasTest: boolean, test: string) =>
        `  ${hidden} ocultas: entrenamiento ${train}, ${hasTest ? "prueba" : "entrenamiento"} ${test}`,
      best: (test: string, hidden: number, fewest: number, fewestTest: string) =>
        `mejor exactitud de prueba ${test} con ${hidden} unidades ocultas; ${fewest} unidad(es) dan ${fewestTest}`,
      log: (sizes: string, repeat: number, repeats: number) =>
        `hidden-size: ${sizes}, repetición ${repeat}/${repeats}`,
    },
    vanishingGradient: {
      title: (data: string) =>
        `vanishing-gradient sobre ${data} (‖∂C/∂b⁽ˡ⁾‖ por capa oculta, la capa 1 primero):`,
      atInit: (activation: string, sizes: string, norms: string) =>
        `  ${activation} ${sizes}: al inicializar ${norms}`,
      after: (epochs: number, norms: string) => `; tras ${epocas(epochs)} ${norms}`,
      slower: (layers: number, ratio: string) =>
        `sigmoid, ${layers} capas ocultas: la primera capa aprende ${ratio} veces más despacio que la última`,
      nielsen: (published: string, here: string) =>
        `; las 3 capas ocultas de Nielsen: ${published}, aquí ${here}`,
      log: (activation: string, sizes: string) => `vanishing-gradient: ${activation} ${sizes}`,
    },
    decisionBoundary: {
      summary: (
        sizes: string,
        activation: string,
        data: string,
        points: number,
        epochs: number,
        loss: string,
      ) =>
        `decision-boundary: red ${sizes} ${activation} sobre ${data} (${points} puntos), ${epocas(epochs)}: pérdida de entrenamiento ${loss}`,
      accuracy: (pct: string) => `, exactitud de entrenamiento ${pct}%`,
      log: (sizes: string, data: string) => `decision-boundary: ${sizes} sobre ${data}`,
    },
    hiddenUnits: {
      summary: (shown: number, units: number, sizes: string, h: number, w: number) =>
        `hidden-units: ${shown} de ${units} unidades ocultas de ${sizes} dibujadas como imágenes de ${h}×${w}`,
      accuracy: (pct: string) => `, exactitud de prueba ${pct}%`,
      largest: (min: string, max: string) => `; el mayor |w| por unidad va de ${min} a ${max}`,
      log: (sizes: string, images: number) => `hidden-units: entrenando ${sizes} con ${images} imágenes`,
    },
    gradientDescent: {
      title: (formula: string, start: string, steps: number) =>
        `descenso del gradiente sobre ${formula} desde (${start}), ${steps} pasos:`,
      diverged: (bound: string, steps: number) => `divergió (f > ${bound} tras ${steps} pasos)`,
      zigzag: (pct: number) => `, zigzaguea de un lado al otro del valle (${pct}% de los pasos se invierten)`,
      neuron: (weeks: number, solution: string, curvatures: string) =>
        `neurona lineal (${weeks} semanas, mínimos cuadrados en (${solution}), curvaturas ${curvatures}):`,
      and: " y ",
      mode: (online: boolean) => (online ? "en línea" : "por lotes"),
      updates: (n: number) => `${n} actualizaciones`,
      neuronDiverged: "divergió",
      ends: (w: string, E: string) => `termina en (${w}) con E = ${E}`,
    },
  },
  sweepReport: {
    plan: (name: string, shard: string, trials: number, done: number, parallel: number) =>
      `sweep ${name}${shard}: ${trials} ensayos, ${done} ya hechos, ${parallel} a la vez`,
    shard: (index: number, count: number) => ` (fragmento ${index} de ${count})`,
    trial: (id: number, config: string, outcome: string, seconds: string) =>
      `ensayo ${id}: ${config} → ${outcome} (${seconds} s)`,
    loss: (loss: string) => `pérdida ${loss}`,
    failed: (error: string) => `falló: ${error}`,
    ok: "ok",
    header: { trial: "ensayo", seconds: "segundos", status: "estado" },
    metric: (name: string) => SWEEP_METRICS[name] ?? name,
  },
  fitReport: {
    position,
    earlyStopped: (monitor: string, patience: number, best: string, bestEpoch: number) =>
      `parada temprana: ${monitor} no mejoró en ${patience} ${patience === 1 ? "época" : "épocas"} (la mejor, ${best}, en la época ${bestEpoch})`,
  },
  dataReport: {
    downloading: (url: string, path: string) => `descargando ${url} -> ${path}`,
  },
};

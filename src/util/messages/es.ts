/**
 * El catálogo en español, con los términos de los apuntes (potencial de activación, activación, sesgo, pesos,
 * tasa de aprendizaje, error cuadrático medio, entropía cruzada, retropropagación, descenso del gradiente).
 * Los números conservan el punto decimal, como en los apuntes.
 */
import type { Messages } from "./en.js";

export const es: Messages = {
  render: {
    langOption: "idioma: en|es (por omisión: LC_ALL, LC_MESSAGES, LANG; si no, en)",
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
    errorExample: (n: number, N: number) =>
      `--example: se esperaba un número de ejemplo de 1 a ${N}, se obtuvo ${n}`,
    errorUnitLayer: (l: number, L: number) =>
      `--unit: la red tiene capas de 1 a ${L}, se obtuvo la capa ${l}`,
    errorUnit: (l: number, j: number, units: number) =>
      `--unit: la capa ${l} tiene neuronas de 1 a ${units}, se obtuvo la neurona ${j}`,
    errorUnitFormat: (text: string) =>
      `--unit: se esperaba l,j (capa y neurona, desde 1), se obtuvo "${text}"`,
    errorLr: (lr: number) => `--lr: la tasa de aprendizaje debe ser un número positivo, se obtuvo ${lr}`,
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
    errorWhichVariable: (names: string) =>
      `la expresión tiene varias variables (${names}): elija una con --var`,
    errorNoVariable: (expression: string) => `"${expression}" no tiene variable respecto a la cual derivar`,
    errorVariableAbsent: (x: string, expression: string) => `--var: ${x} no aparece en "${expression}"`,
    errorMissingValue: (names: string) => `--at: falta el valor de ${names}`,
    errorAtFormat: (text: string) => `--at: se esperaban pares nombre=valor como x=0.3, se obtuvo "${text}"`,
    errorCannotDifferentiate: (fn: string) => `no se puede derivar ${fn} simbólicamente`,
    errorTooLong: "la cadena tiene demasiados eslabones para nombrarlos (más de 8)",
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
};

/** Los errores de errors-engine.en.ts, en español (con los términos de los apuntes). */
import type { BlasTried, engineErrorsEn } from "./errors-engine.en.js";

function tried(t: BlasTried): string {
  return `${t.name} (${t.problem === "notFound" ? "no se encontró" : "no exporta cblas_sgemm/cblas_dgemm"})`;
}

export const engineErrorsEs: typeof engineErrorsEn = {
  // tensor/ndarray.ts
  dataShape: (length, shape) => `datos de longitud ${length} no caben en la forma ${shape}`,
  nestedNumber: (at) => `${at || "valor"}: se esperaba un número`,
  nestedItems: (at, items, got) => `${at || "valor"}: se esperaban ${items} elementos, se recibió ${got}`,
  itemOfMany: (shape) => `item() necesita exactamente un elemento, la forma es ${shape}`,
  toArrayRank: (rank, actual, shape) => `toArray(${rank}): el arreglo tiene rango ${actual}, forma ${shape}`,

  // tensor/random.ts
  randomSeed: (seed) => `Random: la semilla debe ser un número finito, se recibió ${seed}`,
  randomIntN: (n) => `Random.int: n debe ser un entero positivo, se recibió ${n}`,
  randomStateLanes: () =>
    "Random.fromState: se esperaban cuatro carriles enteros sin signo de 32 bits, no todos cero",
  randomStateSpare: () => "Random.fromState: spareNormal debe ser un número finito o null",

  // tensor/shape.ts
  noBroadcast: (a, b) => `las formas ${a} y ${b} no se pueden difundir (broadcast) juntas`,
  axisRange: (axis, rank) => `el eje ${axis} está fuera de rango para un tensor de rango ${rank}`,
  invalidShape: (shape) => `forma no válida ${shape}`,

  // backend/nd.ts
  maxEmptyAxis: (shape) => `max sobre un eje vacío de ${shape}`,
  broadcastTo: (from, to) => `no se puede difundir (broadcast) ${from} a ${to}`,
  notPermutation: (perm, shape) => `transpose: ${perm} no es una permutación de los ejes de ${shape}`,
  matmulRank: () => "matmul: aquí los operandos necesitan rango ≥ 2",
  matmulAlign: (a, b, k, kb) => `matmul: las formas ${a} y ${b} no concuerdan (${k} ≠ ${kb})`,
  concatNone: (what) => `concat necesita al menos un ${what === "array" ? "arreglo" : "tensor"}`,
  concatShape: (shape, first, axis) =>
    `concat: la forma ${shape} no coincide con ${first} fuera del eje ${axis}`,
  sliceRange: (start, end, axis, length) =>
    `el corte [${start}, ${end}) está fuera de rango para el eje ${axis} de longitud ${length}`,
  rowIndex: (index, rows) => `el índice de fila ${index} está fuera de rango para ${rows} filas`,

  // backend/activations.ts
  unknownActivation: (name, known) => `activación desconocida "${name}" (se conocen: ${known})`,

  // backend/registry.ts
  backendNotLoaded: (backend, hint) => `el backend "${backend}" todavía no está cargado: ${hint}`,
  unknownBackend: (backend, known) => `backend desconocido "${backend}" (se conocen: ${known})`,
  wasmHint: () => "llame primero a `await initWasmBackend()` (o `await ready()`)",

  // backend/wasm/select.ts, backend/wasm/loader.ts
  backendVariable: (value, names) => `RETROPROP_BACKEND=${value}: se esperaba uno de ${names}`,
  positiveVariable: (name, value) => `${name}=${value}: se esperaba un número positivo`,

  // backend/blas/library.ts
  blasCannotLoad: (reason) => `el backend BLAS no se puede cargar: ${reason}`,
  blasFallback: (reason) => `el backend BLAS no está disponible (${reason}); se usa WebAssembly`,
  blasNoKoffi: () => "el paquete opcional koffi no está instalado (npm install koffi)",
  blasChosen: (chosen) => `RETROPROP_BLAS=${chosen.name}: ${tried(chosen)}`,
  blasNone: (all) =>
    `no se encontró ninguna biblioteca BLAS (se probó ${Array.from(all, tried).join(", ")}); instale una (Debian: apt-get install libopenblas0) o defina RETROPROP_BLAS=/ruta/a/libopenblas.so`,

  // backend/wasm/browser-loader.ts, backend/wasm/browser-pool.ts
  notWasmFile: (url, start) =>
    `${url} no es un archivo WebAssembly (empieza con "${start}"): el servidor respondió con otra cosa, ` +
    "como la página HTML de respaldo de un servidor de desarrollo; sirva ahí los archivos build/wasm/ del paquete o pase su carpeta como wasmUrl",
  wasmFetchFailed: (url, reason) => `no se pueden descargar los núcleos WebAssembly de ${url}: ${reason}`,
  wasmFetchStatus: (url, status, statusText) =>
    `no se pueden descargar los núcleos WebAssembly: ${url} respondió ${status} ${statusText}` +
    " (sirva la carpeta build/wasm/ del paquete y pase su URL como wasmUrl)",
  noWasmSimd: () => "este navegador no tiene WebAssembly SIMD",
  wasmMemoryOption: (memory) => `memory: "${memory}": se esperaba "shared" o "unshared"`,
  noSharedMemory: () => 'memory: "shared": esta página no puede crear una memoria WebAssembly compartida',
  threadsNeedIsolation: (threads) =>
    `threads: ${threads} necesita una página aislada de otros orígenes y con memoria compartida ` +
    "(Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp); esta no lo está",
  workerFailed: (reason) =>
    `un worker de WebAssembly no pudo arrancar: ${reason === null ? "error desconocido" : reason}`,

  // autograd/ops/matrix.ts, autograd/ops/shape.ts
  matmulScalar: () => "matmul: los escalares no tienen producto matricial; use mul",
  reshapeUnknowns: (shape) => `reshape: se admite a lo más un -1 en ${shape}`,
  reshapeSize: (from, size, to) =>
    `reshape: no se puede cambiar ${from} (${size} elementos) a la forma ${to}`,

  // autograd/tensor.ts
  backwardNoGrad: () => "backward(): este tensor no depende de nada que requiera gradiente",
  backwardSeed: (shape) =>
    `backward(): la salida tiene forma ${shape}; pase un gradiente semilla de esa forma`,
  backwardFreed: () =>
    "backward(): una llamada anterior a backward() ya liberó este grafo; pase { retainGraph: true } para conservarlo",
};

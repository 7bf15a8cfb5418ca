/** Los errores de errors-data.en.ts, en español (con los términos de los apuntes). */
import type { ColumnRole, dataErrorsEn, FieldProblem, FileKind, JsonProblem } from "./errors-data.en.js";

/** "1,234 bytes", "1 etiqueta": una cantidad y su sustantivo (singular y plural). */
function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** Each kind of file in Spanish, with its indefinite article. */
const FILE_KINDS: Readonly<Record<FileKind, readonly [article: string, noun: string]>> = {
  file: ["un", "archivo"],
  "text file": ["un", "archivo de texto"],
  "JSON file": ["un", "archivo JSON"],
  "PNG image": ["una", "imagen PNG"],
  "IDX file": ["un", "archivo IDX"],
  "model file": ["un", "archivo de modelo"],
  "weights file": ["un", "archivo de pesos"],
  "checkpoint file": ["un", "archivo de punto de control"],
  "inputs file": ["un", "archivo de entradas"],
  "targets file": ["un", "archivo de objetivos"],
};

const isFileKind = (what: string): what is FileKind => Object.hasOwn(FILE_KINDS, what);

/** A kind of file named in Spanish ("archivo de entradas"); other text as it is. */
export function fileKindEs(what: FileKind | string): string {
  return isFileKind(what) ? FILE_KINDS[what][1] : what;
}

/** What a size limit is for: a known kind of file in Spanish; other text as it is. */
function acceptedFor(what: string): string {
  return isFileKind(what) ? `para ${FILE_KINDS[what].join(" ")}` : `(${what})`;
}

function fieldProblem(problem: FieldProblem, field: string): string {
  if (problem === "empty") return "campo vacío";
  if (problem === "tooLarge") return `${field} es demasiado grande para un float32 (más allá de ±3.4e38)`;
  return `${field} no es un número`;
}

function columnName(column: number, name: string | null): string {
  return name === null ? `la columna ${column}` : `la columna ${column} "${name}"`;
}

function roleColumn(role: ColumnRole): string {
  return role === "label" ? "la columna de la etiqueta" : "la columna de característica";
}

function jsonProblem(problem: JsonProblem, got: string | null): string {
  const shown = got ?? "el fin de la entrada";
  switch (problem) {
    case "unexpected":
      return got === null ? "fin inesperado de la entrada" : `${got} inesperado`;
    case "unexpectedAfterValue":
      return `${shown} inesperado después del valor JSON`;
    case "unterminatedString":
      return "cadena sin cerrar";
    case "controlCharacter":
      return "carácter de control en una cadena (use \\n, \\t)";
    case "badUnicodeEscape":
      return "secuencia de escape \\u incorrecta";
    case "badEscape":
      return `secuencia de escape \\${got ?? ""} incorrecta`;
    case "malformedNumber":
      return "número mal formado";
    case "nestedTooDeeply":
      return "anidado a demasiada profundidad";
    case "expectedName":
      return `se esperaba un nombre de propiedad entre comillas dobles, se encontró ${shown}`;
    case "expectedColon":
      return `se esperaba ":", se encontró ${shown}`;
    case "expectedCommaOrBrace":
      return `se esperaba "," o "}", se encontró ${shown}`;
    case "expectedCommaOrBracket":
      return `se esperaba "," o "]", se encontró ${shown}`;
  }
}

function idxSource(path: string, gunzipped: boolean): string {
  return gunzipped ? `${path} (tras descomprimirlo con gunzip)` : path;
}

function idxProblem(truncated: boolean): string {
  return truncated ? "archivo IDX truncado" : "tamaño IDX incorrecto";
}

const bytes = (n: number) => count(n, "byte", "bytes");

export const dataErrorsEs: typeof dataErrorsEn = {
  // util/read-file.ts
  noSuchFile: (path) => `${path}: no existe el archivo`,
  cannotReadFile: (path, reason) => `${path}: no se puede leer (${reason})`,
  fileTooLarge: (path, size, max, what) =>
    `${path}: ${bytes(size)}, más que los ${bytes(max)} que se aceptan ${acceptedFor(what)}`,

  // util/json-text.ts
  jsonMalformedAt: (source, line, column, problem, got) =>
    `${source}:${line}:${column}: JSON mal formado (${jsonProblem(problem, got)})`,
  jsonMalformed: (source, engineMessage) => `${source}: JSON mal formado (${engineMessage})`,

  // util/atomic-write.ts
  writeNoSpace: (path) => `no queda espacio en el dispositivo al escribir ${path}`,
  writeQuota: (path) => `se excedió la cuota de disco al escribir ${path}`,
  writeReadOnly: (path) => `no se puede escribir ${path}: sistema de archivos de solo lectura`,
  writePermission: (path) => `no se puede escribir ${path}: permiso denegado`,
  writeNoFolder: (path, code) =>
    `no se puede escribir ${path}: esa carpeta no puede contener archivos (${code})`,
  writeIsFolder: (path) => `no se puede escribir ${path}: es una carpeta, no un archivo`,
  writeFailed: (path, code) => `no se puede escribir ${path} (${code})`,
  writeInFile: (dir, file) => `no se puede escribir en ${dir}: ${file} es un archivo, no una carpeta`,
  writeTargetIsFolder: (path) => `${path} es una carpeta, no un archivo`,
  emptyFileName: (flag) => `${flag}: nombre de archivo vacío`,
  emptyFolderName: (flag) => `${flag}: nombre de carpeta vacío`,
  flagIsFolder: (flag, path) => `${flag} ${path}: es una carpeta, no un archivo`,
  flagNotRegularFile: (flag, path) => `${flag} ${path}: no es un archivo regular`,
  flagIsFile: (flag, path) => `${flag} ${path}: es un archivo, no una carpeta`,
  flagParentIsFile: (flag, path, parent) => `${flag} ${path}: ${parent} es un archivo, no una carpeta`,
  flagCannotCreate: (flag, path, folder, code) =>
    `${flag} ${path}: no se pueden crear archivos en ${folder} (${code})`,

  // data/csv.ts
  csvUnterminatedQuote: (where) => `${where}: campo entre comillas sin cerrar`,
  csvTextAfterQuote: (where) => `${where}: texto inesperado después de un campo entre comillas`,
  csvDelimiter: (delimiter) =>
    `separador de CSV ${delimiter}: no debe estar vacío ni contener comillas o saltos de línea`,
  csvEmpty: (file) => `${file}: archivo CSV vacío`,
  csvFieldCount: (file, line, width, found, asInHeader) =>
    `${file}:${line}: se esperaban ${width} campos, hay ${found}${asInHeader ? " (como en el encabezado)" : ""}`,
  csvNoDataRows: (file) => `${file}: no hay filas de datos después del encabezado`,
  csvSampleCount: (file, samples, rows) =>
    `${file}:1: el encabezado dice ${samples} ejemplos, el archivo tiene ${rows} filas de datos`,
  csvNoColumnNamed: (file, name, columns) =>
    `${file}: no hay ninguna columna llamada "${name}" (columnas: ${columns})`,
  csvColumnNeedsIndex: (file, role, last, name) =>
    `${file}: no tiene encabezado, así que ${roleColumn(role)} debe ser un índice (0..${last}), no "${name}"`,
  csvColumnOutOfRange: (file, role, column, width) =>
    `${file}: ${roleColumn(role)} ${column} está fuera de rango (el archivo tiene ${width} columnas)`,
  csvNoFeatures: (file) => `${file}: no se eligió ninguna columna de características`,
  csvLabelAsFeature: (file, column, name) =>
    `${file}: ${columnName(column, name)} es la columna de la etiqueta; no puede ser también una característica`,
  csvFeatureTwice: (file, column, name) =>
    `${file}: ${columnName(column, name)} se eligió dos veces como característica`,
  csvTooFewColumns: (file) =>
    `${file}: hacen falta al menos una columna de características y una de la etiqueta`,
  csvFeatureField: (file, line, column, name, problem, field) =>
    `${file}:${line}:${column}: ${columnName(column, name)}: ${fieldProblem(problem, field)}`,
  csvTargetField: (file, line, column, problem, field) =>
    `${file}:${line}:${column}: objetivo: ${fieldProblem(problem, field)}`,
  csvClassIndex: (file, line, column, label, last, classes) =>
    `${file}:${line}:${column}: la etiqueta "${label}" no es un índice de clase 0..${last} (${classes})`,
  csvEmptyLabel: (file, line, column) => `${file}:${line}:${column}: etiqueta vacía`,
  csvSingleClass: (file, name) =>
    `${file}: la columna de la etiqueta tiene una sola clase ("${name}"); no hay nada que clasificar`,

  // data/csv-file.ts
  gzipTooLarge: (path, max) =>
    `${path}: descomprimido ocupa más de los ${bytes(max)} que se aceptan para un archivo de texto`,
  gzipCorrupt: (path, reason) => `${path}: datos gzip dañados o truncados (${reason})`,

  // data/input.ts
  pngWrongSize: (path, width, height, expectedWidth, expectedHeight) =>
    `${path}: la imagen es de ${width}×${height} píxeles, se esperaba de ${expectedWidth}×${expectedHeight} (redimensiónela antes a ${expectedWidth}×${expectedHeight})`,
  pngInvalid: (path, reason) => `${path}: no es una imagen PNG válida (${reason})`,
  inputNoRows: (path) => `${path}: no hay filas de entrada`,
  inputRowWidth: (path, row, values, features) =>
    `${path}: la fila ${row} tiene ${values} valor${values === 1 ? "" : "es"}, el modelo espera ${features}`,
  inputJsonForm: (path) =>
    `${path}: se esperaba un arreglo de números, un arreglo de filas o {"inputs": ...}`,
  inputNotArray: (path, at) => `${path}: ${at} debe ser un arreglo`,
  inputRowNotArray: (path, at) => `${path}: ${at} debe ser un arreglo de números`,
  inputNotFloat32: (path, at, got) => `${path}: ${at} debe ser un número float32 finito, se recibió ${got}`,
  inputField: (path, line, column, problem, field) =>
    `${path}:${line}:${column}: ${fieldProblem(problem, field)}`,

  // data/idx-bytes.ts, data/idx.ts
  idxMagic: (path, gunzipped, found, expected) =>
    `${idxSource(path, gunzipped)}: número mágico IDX 0x${found} incorrecto (se esperaba ${expected}); no es un archivo IDX`,
  idxType: (path, gunzipped, type) =>
    `${idxSource(path, gunzipped)}: el tipo de datos IDX 0x${type} no está soportado (solo 0x08, bytes sin signo)`,
  idxDims: (path, gunzipped, dims, expected) =>
    `${idxSource(path, gunzipped)}: el número mágico IDX 0x0000080${dims} indica ${dims} dimensi${dims === 1 ? "ón" : "ones"}, se esperaba${expected === 1 ? "" : "n"} ${expected} (número mágico 0x0000080${expected})`,
  idxDimsRange: (path, gunzipped, dims) =>
    `${idxSource(path, gunzipped)}: el encabezado IDX tiene ${dims} dimensiones (se esperaban de 1 a 4)`,
  idxTooLarge: (path, gunzipped, shape, size, max) =>
    `${idxSource(path, gunzipped)}: el encabezado IDX anuncia la forma ${shape} = ${bytes(size)}, más que los ${bytes(max)} que se aceptan`,
  idxHeaderTruncated: (path, gunzipped, need, has) =>
    `${idxSource(path, gunzipped)}: encabezado IDX truncado: se esperaba al menos ${bytes(need)}, el archivo tiene ${bytes(has)}`,
  idxSize: (path, gunzipped, shape, needs, has) =>
    `${idxSource(path, gunzipped)}: ${idxProblem(has < needs)}: el encabezado ${shape} necesita ${bytes(needs)}, el archivo tiene ${bytes(has)}${has > needs ? ` (${bytes(has - needs)} de más)` : ""}`,
  idxGzipClaim: (path, shape, needs, fileSize) =>
    `${idxSource(path, true)}: archivo IDX truncado: el encabezado ${shape} necesita ${bytes(needs)}, más de lo que cabe en un archivo gzip de ${bytes(fileSize)}`,
  idxNoImages: (path, shape) => `${path}: no contiene imágenes (forma ${shape})`,
  idxPairCount: (labelsPath, labels, imagesPath, images) =>
    `las etiquetas no corresponden a las imágenes: ${labelsPath} tiene ${count(labels, "etiqueta", "etiquetas")}, ${imagesPath} tiene ${count(images, "imagen", "imágenes")}`,
  idxLabelRange: (path, label, item, offset, last) =>
    `${path}: la etiqueta ${label} del elemento ${item} (desplazamiento ${offset} en bytes) está fuera del rango 0..${last}`,

  // data/builtin.ts
  samplesAtLeast: (dataset, min, got) => `${dataset}: samples debe ser un entero ≥ ${min}, se recibió ${got}`,
  samplesAtMost: (dataset, max, got) =>
    `${dataset}: samples debe ser a lo más ${max.toLocaleString("en-US")} (las filas generadas se guardan en memoria), se recibió ${got}`,
  noiseRange: (dataset, got) => `${dataset}: noise debe ser un número finito ≥ 0, se recibió ${got}`,
  spiralArms: (got) => `spirals: arms debe ser un entero de 2 al número de ejemplos, se recibió ${got}`,
  blobClasses: (got) => `blobs: classes debe ser un entero ≥ 2, se recibió ${got}`,

  // data/split.ts
  splitFraction: (part, got) =>
    `la fracción de ${part === "test" ? "prueba" : "validación"} debe estar en [0, 1), se recibió ${got}`,
  splitFractionsSum: (test, validation) =>
    `las fracciones de prueba (${test}) y de validación (${validation}) deben dejar filas para el entrenamiento`,
  splitNoTraining: (dataset) => `conjunto de datos ${dataset}: la partición no deja filas de entrenamiento`,

  // data/download.ts
  noFileList: (dataset) => `conjunto de datos desconocido "${dataset}": no hay lista de archivos`,
  noFetch: () => "este Node.js no tiene fetch(); descargue los archivos a mano",

  // data/load.ts
  csvSpecNoPath: () => `--data csv:RUTA necesita la ruta de un archivo después de "csv:"`,
  ownTestSet: (dataset) =>
    `${dataset} tiene su propio conjunto de prueba de 10,000 imágenes; una fracción de prueba solo se aplica a los conjuntos integrados y a los CSV`,
  unknownDataset: (spec, names, csvGuess) =>
    `conjunto de datos desconocido "${spec}"; use uno de ${names}, o csv:RUTA${csvGuess === null ? "" : ` (¿quiso decir csv:${csvGuess}?)`}`,
  samplesPositive: (got) => `samples debe ser un entero positivo, se recibió ${got}`,
  idxImageSizes: (dataset, train, test) =>
    `${dataset}: las imágenes de entrenamiento son de ${train}, las de prueba de ${test}`,

  // data/normalize.ts
  normalizeRank: (rank) =>
    `la normalización necesita un arreglo [filas, características], se recibió rango ${rank}`,
  normalizeEmpty: () => "no se puede ajustar una normalización sobre un conjunto de entrenamiento vacío",
  normalizeMethod: (method) => `normalización desconocida "${method}" (use none, minmax o zscore)`,
  normalizeFeatures: (features, shape) =>
    `la normalización se ajustó sobre ${features} características, la entrada tiene forma ${shape}`,
  normalizeRowWidth: (row, values, features) =>
    `la fila ${row} tiene ${values} valor${values === 1 ? "" : "es"}, la normalización del modelo espera ${features}`,
};

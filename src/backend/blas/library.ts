import { createRequire } from "node:module";
import { InputError } from "../../util/errors.js";
import { localizedError } from "../../util/i18n.js";
import type { BlasTried } from "../../util/messages/errors-engine.en.js";

/**
 * Finding and opening the machine's BLAS through koffi (an optional dependency: a prebuilt FFI binary per
 * platform from the npm registry, no native build). Only CBLAS's sgemm/dgemm are called, plus the thread
 * setter and the kernel's name where the library has them.
 */

/** CBLAS enum values (cblas.h): row-major storage, no transpose, transpose. */
export const CBLAS_ROW_MAJOR = 101;
export const CBLAS_NO_TRANS = 111;
export const CBLAS_TRANS = 112;

/** C ← α·op(A)·op(B) + β·C, row-major; a, b, c are typed arrays koffi passes as pointers to their bytes. */
export type CblasGemm = (
  order: number,
  transA: number,
  transB: number,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: ArrayBufferView,
  lda: number,
  b: ArrayBufferView,
  ldb: number,
  beta: number,
  c: ArrayBufferView,
  ldc: number,
) => void;

export interface BlasLibrary {
  /** The path or name it was opened by. */
  path: string;
  sgemm: CblasGemm;
  dgemm: CblasGemm;
  /** Sets the library's own thread count, where it exports a setter (OpenBLAS, MKL, BLIS). */
  setThreads: ((n: number) => void) | null;
  /** OpenBLAS's kernel (core) name, e.g. "SkylakeX" or "Haswell"; null for other libraries. */
  coreName: string | null;
  /** OpenBLAS's build configuration line; null for other libraries. */
  config: string | null;
}

/** The part of koffi's API used here (typed here so that koffi stays optional at compile time too). */
interface KoffiLib {
  func(signature: string): (...args: unknown[]) => unknown;
  unload?(): void;
}
interface Koffi {
  load(path: string): KoffiLib;
}

/** Library names and paths tried in order, per platform; RETROPROP_BLAS=/path/lib comes first. */
export function candidateLibraries(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === "darwin")
    return [
      "/System/Library/Frameworks/Accelerate.framework/Accelerate",
      "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
      "/usr/local/opt/openblas/lib/libopenblas.dylib",
      "libopenblas.dylib",
      "libmkl_rt.dylib",
    ];
  if (platform === "win32") return ["libopenblas.dll", "openblas.dll", "mkl_rt.2.dll", "mkl_rt.dll"];
  // Linux and other ELF systems: by soname through the dynamic loader's own search path.
  return [
    "libopenblas.so.0",
    "libopenblas.so",
    "libmkl_rt.so.2",
    "libmkl_rt.so",
    "libblis.so.4",
    "libblis.so",
    "libcblas.so.3",
    "libblas.so.3",
  ];
}

/**
 * Symbol spellings: plain CBLAS with 32-bit ints, and OpenBLAS's ILP64 builds (64-bit ints) with their
 * suffix, or with scipy's prefix as in the library NumPy wheels bundle (so that RETROPROP_BLAS can point at
 * exactly the library NumPy runs).
 */
const FLAVOURS = [
  { prefix: "", suffix: "", int: "int" },
  { prefix: "", suffix: "64_", int: "int64_t" },
  { prefix: "scipy_", suffix: "64_", int: "int64_t" },
] as const;

let koffiCache: Koffi | null | undefined;

/** koffi, or null where the optional dependency is not installed (or has no binary for this platform). */
export function loadKoffi(): Koffi | null {
  if (koffiCache === undefined) {
    try {
      koffiCache = createRequire(import.meta.url)("koffi") as Koffi;
    } catch {
      koffiCache = null;
    }
  }
  return koffiCache;
}

function gemmSignature(name: string, real: "float" | "double", int: string): string {
  const i = int;
  return (
    `void ${name}(int order, int transA, int transB, ${i} m, ${i} n, ${i} k, ${real} alpha, ` +
    `const void *a, ${i} lda, const void *b, ${i} ldb, ${real} beta, void *c, ${i} ldc)`
  );
}

/** A function of the library, or null where it does not export that symbol. */
function optionalFunc(lib: KoffiLib, signature: string): ((...args: unknown[]) => unknown) | null {
  try {
    return lib.func(signature);
  } catch {
    return null;
  }
}

function bind(lib: KoffiLib, path: string): BlasLibrary | null {
  for (const f of FLAVOURS) {
    const sgemm = optionalFunc(lib, gemmSignature(`${f.prefix}cblas_sgemm${f.suffix}`, "float", f.int));
    const dgemm = optionalFunc(lib, gemmSignature(`${f.prefix}cblas_dgemm${f.suffix}`, "double", f.int));
    if (!sgemm || !dgemm) continue;
    const sym = (name: string): string => `${f.prefix}${name}${f.suffix}`;
    const setter =
      optionalFunc(lib, `void ${sym("openblas_set_num_threads")}(int n)`) ??
      optionalFunc(lib, "void MKL_Set_Num_Threads(int n)") ??
      optionalFunc(lib, "void bli_thread_set_num_threads(int64_t n)");
    const coreName = optionalFunc(lib, `const char *${sym("openblas_get_corename")}()`);
    const config = optionalFunc(lib, `const char *${sym("openblas_get_config")}()`);
    return {
      path,
      sgemm: sgemm as CblasGemm,
      dgemm: dgemm as CblasGemm,
      setThreads: setter ? (n: number) => void setter(n) : null,
      coreName: coreName ? String(coreName()) : null,
      config: config ? String(config()).trim() : null,
    };
  }
  return null;
}

/**
 * OpenBLAS's idle threads spin (sched_yield) for 2^28 cycles, about 0.1 s, after each call before they sleep:
 * on a shared machine that is time taken from other processes between every two training steps. Unless the
 * user chose a value, keep the spin near the wasm workers' (2^20 cycles, well under a millisecond). OpenBLAS
 * reads the variable when it is loaded, so this must happen before.
 */
function shortenThreadSpin(): void {
  if (process.env.OPENBLAS_THREAD_TIMEOUT === undefined) process.env.OPENBLAS_THREAD_TIMEOUT = "20";
}

let opened: { result: BlasLibrary | InputError } | null = null;

/** Why no BLAS library opens, as an error from the catalogue (said in the reader's language), or null. */
export function blasUnavailableError(): InputError | null {
  const result = openedBlas();
  return result instanceof InputError ? result : null;
}

/**
 * The machine's BLAS, opened once per process: RETROPROP_BLAS (a path or library name) if set, else the first
 * of candidateLibraries() that opens and exports CBLAS sgemm and dgemm; where koffi or a library is missing,
 * the reason as an error from the catalogue.
 */
function openedBlas(): BlasLibrary | InputError {
  opened ??= { result: findBlas() };
  return opened.result;
}

function findBlas(): BlasLibrary | InputError {
  const koffi = loadKoffi();
  if (!koffi) return localizedError(InputError, "blasNoKoffi");
  const chosen = process.env.RETROPROP_BLAS;
  const names = chosen ? [chosen] : candidateLibraries();
  shortenThreadSpin();
  const tried: BlasTried[] = [];
  for (const name of names) {
    let lib: KoffiLib;
    try {
      lib = koffi.load(name);
    } catch {
      tried.push({ name, problem: "notFound" });
      continue;
    }
    const blas = bind(lib, name);
    if (blas) return blas;
    tried.push({ name, problem: "noCblas" });
    lib.unload?.();
  }
  if (chosen) return localizedError(InputError, "blasChosen", tried[0]);
  return localizedError(InputError, "blasNone", tried);
}

/** The machine's BLAS (openedBlas), throwing the reason as an InputError. */
export function requireBlas(): BlasLibrary {
  const blas = openedBlas();
  if (blas instanceof InputError) throw localizedError(InputError, "blasCannotLoad", blas);
  return blas;
}

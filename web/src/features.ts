/** The input features the network may see, each a function of the point (x₁, x₂), as in TensorFlow Playground. */
import type { FeatureName, Language } from "./state.js";

export const FEATURE_FUNCTIONS: Readonly<Record<FeatureName, (x1: number, x2: number) => number>> = {
  x1: (x1) => x1,
  x2: (_, x2) => x2,
  x1sq: (x1) => x1 * x1,
  x2sq: (_, x2) => x2 * x2,
  x1x2: (x1, x2) => x1 * x2,
  sinx1: (x1) => Math.sin(x1),
  sinx2: (_, x2) => Math.sin(x2),
};

/** How each feature is written on the page. */
export const FEATURE_LABELS: Readonly<Record<FeatureName, string>> = {
  x1: "x₁",
  x2: "x₂",
  x1sq: "x₁²",
  x2sq: "x₂²",
  x1x2: "x₁x₂",
  sinx1: "sin x₁",
  sinx2: "sin x₂",
};

/** A feature as written in `lang`: the notes' Spanish writes the sine "sen" (sen x₁). */
export function featureLabel(f: FeatureName, lang: Language): string {
  return lang === "es" ? FEATURE_LABELS[f].replace(/^sin /, "sen ") : FEATURE_LABELS[f];
}

/** The rows × features input matrix X for points, row-major, in the order of `features`. */
export function featureMatrix(
  x1: Float32Array,
  x2: Float32Array,
  features: readonly FeatureName[],
): Float32Array {
  const n = x1.length;
  const k = features.length;
  const X = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) X[i * k + j] = FEATURE_FUNCTIONS[features[j]](x1[i], x2[i]);
  }
  return X;
}

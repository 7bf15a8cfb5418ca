/**
 * The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt and its complement erfc = 1 − erf, in float64 to about
 * 1e-15 (absolute; erfc relative in its tail). gelu needs them: Φ(x) = ½·erfc(−x/√2).
 *
 * Two expansions, each where it converges fast and without cancellation (assembly/elementwise.ts uses the
 * same two, in float64, for its float32 results):
 * - |x| < 2: erf(x) = 2/√π·e^(−x²)·Σₙ 2ⁿx^(2n+1)/(1·3·…·(2n+1)), a series of positive terms;
 * - |x| ≥ 2: erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …)))), Laplace's continued
 *   fraction, evaluated from its 100th level up.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;
const SERIES_BELOW = 2;
const FRACTION_LEVELS = 100;

/** erf(x) for |x| < 2 by the positive series, summed until a term no longer changes the sum. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** erfc(x) for x ≥ 2 by the continued fraction. */
function erfcFraction(x: number): number {
  let t = x;
  for (let k = FRACTION_LEVELS; k >= 1; k--) t = x + k / 2 / t;
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / t;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  const e = a < SERIES_BELOW ? erfSeries(a) : 1 - erfcFraction(a);
  return x < 0 ? -e : e;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  const c = a < SERIES_BELOW ? 1 - erfSeries(a) : erfcFraction(a);
  return x < 0 ? 2 - c : c;
}

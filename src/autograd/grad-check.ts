import { NDArray, type NestedArray } from "../tensor/ndarray.js";
import { Random } from "../tensor/random.js";
import { noGrad } from "./grad-mode.js";
import { mul, sum } from "./ops.js";
import { Tensor } from "./tensor.js";

export interface GradCheckOptions {
  /** Finite-difference step h in (f(x+h) − f(x−h)) / 2h. */
  eps?: number;
  /** Passes where |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|). */
  rtol?: number;
  atol?: number;
  /** Seed of the random projection used when f's output is not a scalar. */
  seed?: number;
}

export interface InputCheck {
  input: number;
  /** Worst |a − n| / max(|a|, |n|) over the input's elements (0 where both are 0). */
  maxRelError: number;
  maxAbsError: number;
  /** Flat index of the worst element, with its two gradients. */
  worst: { index: number; analytic: number; numeric: number };
  ok: boolean;
}

export interface GradCheckResult {
  ok: boolean;
  inputs: InputCheck[];
  /** Number of scalar partial derivatives compared. */
  checks: number;
}

/**
 * Compares autodiff gradients with central finite differences, f′(x) ≈ (f(x+h) − f(x−h)) / 2h, the definition
 * of the derivative. Works for any function of tensors; inputs are converted to float64. A non-scalar output y is
 * reduced to the scalar Σ r⊙y with a fixed random r, which checks the whole Jacobian-vector product.
 */
export function gradCheck(
  f: (...inputs: Tensor[]) => Tensor,
  inputs: ReadonlyArray<NDArray | NestedArray | Tensor>,
  options: GradCheckOptions = {},
): GradCheckResult {
  const eps = options.eps ?? 1e-6;
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  const values = inputs.map((x) =>
    x instanceof Tensor
      ? x.value.astype("float64").clone()
      : x instanceof NDArray
        ? x.astype("float64").clone()
        : NDArray.from(x, "float64"),
  );

  let projection: NDArray | null = null;
  const scalarOf = (out: Tensor): Tensor => {
    if (out.size === 1 && out.rank === 0) return out;
    if (!projection) {
      const rng = new Random(options.seed ?? 12345);
      projection = NDArray.zeros(out.shape, "float64");
      for (let i = 0; i < projection.size; i++) projection.data[i] = rng.uniform(-1, 1);
    }
    return sum(mul(out, projection));
  };

  const leaves = values.map((v) => new Tensor(v, { requiresGrad: true }));
  const loss = scalarOf(f(...leaves));
  loss.backward();

  const evaluate = (): number =>
    noGrad(() => scalarOf(f(...values.map((v) => new Tensor(v, { requiresGrad: false })))).value.data[0]);

  let checks = 0;
  const results = values.map((v, input): InputCheck => {
    const analytic = leaves[input].grad ?? NDArray.zeros(v.shape, "float64");
    let maxRel = 0;
    let maxAbs = 0;
    let worst = { index: -1, analytic: 0, numeric: 0 };
    let ok = true;
    for (let i = 0; i < v.size; i++) {
      const original = v.data[i];
      v.data[i] = original + eps;
      const plus = evaluate();
      v.data[i] = original - eps;
      const minus = evaluate();
      v.data[i] = original;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic.data[i];
      const absErr = Math.abs(a - numeric);
      const scale = Math.max(Math.abs(a), Math.abs(numeric));
      const relErr = scale === 0 ? 0 : absErr / scale;
      const pass = absErr <= atol + rtol * scale;
      if (!pass) ok = false;
      if (relErr > maxRel || worst.index < 0 || (!pass && absErr > maxAbs)) {
        worst = { index: i, analytic: a, numeric };
      }
      maxRel = Math.max(maxRel, relErr);
      maxAbs = Math.max(maxAbs, absErr);
      checks++;
    }
    return { input, maxRelError: maxRel, maxAbsError: maxAbs, worst, ok };
  });
  return { ok: results.every((r) => r.ok), inputs: results, checks };
}

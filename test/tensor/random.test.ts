import assert from "node:assert/strict";
import { test } from "node:test";
import { Random } from "../../src/tensor/random.js";

test("the same seed gives the same stream; different seeds differ", () => {
  const a = new Random(7);
  const b = new Random(7);
  const c = new Random(8);
  const xs = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(
    xs,
    Array.from({ length: 5 }, () => b.next()),
  );
  assert.notDeepEqual(
    xs,
    Array.from({ length: 5 }, () => c.next()),
  );
});

test("uniform draws have mean ≈ 1/2 and normals mean ≈ 0, variance ≈ 1", () => {
  const r = new Random(1);
  const n = 100_000;
  let s = 0;
  let t = 0;
  let t2 = 0;
  for (let i = 0; i < n; i++) {
    const u = r.next();
    assert.ok(u >= 0 && u < 1);
    s += u;
    const z = r.normal();
    t += z;
    t2 += z * z;
  }
  // Standard errors: 0.29/√n ≈ 0.0009 and 1/√n ≈ 0.003; allow 5 of them.
  assert.ok(Math.abs(s / n - 0.5) < 0.005);
  assert.ok(Math.abs(t / n) < 0.016);
  assert.ok(Math.abs(t2 / n - 1) < 0.03);
});

test("permutation is a permutation", () => {
  const p = new Random(3).permutation(1000);
  assert.deepEqual(
    [...p].sort((x, y) => x - y),
    Array.from({ length: 1000 }, (_, i) => i),
  );
});

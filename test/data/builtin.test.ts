import assert from "node:assert/strict";
import { test } from "node:test";
import { blobs, builtinDataset, cafeteria, circles, moons, sine, spirals } from "../../src/data/builtin.js";
import { Random } from "../../src/tensor/random.js";

const rows = (a: { data: ArrayLike<number>; shape: readonly number[] }): number[][] =>
  Array.from({ length: a.shape[0] }, (_, r) =>
    Array.from({ length: a.shape[1] }, (_, j) => a.data[r * a.shape[1] + j]),
  );

test("logic gates: the truth tables, inputs 00, 01, 10, 11, one 0/1 output", () => {
  const expected: Record<string, number[]> = {
    and: [0, 0, 0, 1],
    or: [0, 1, 1, 1],
    nand: [1, 1, 1, 0],
    nor: [1, 0, 0, 0],
    xor: [0, 1, 1, 0],
  };
  for (const [name, t] of Object.entries(expected)) {
    const ds = builtinDataset(name as "and", new Random(1));
    assert.deepEqual(
      rows(ds.x),
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
      name,
    );
    assert.deepEqual(
      rows(ds.y),
      t.map((v) => [v]),
      name,
    );
    assert.deepEqual(Array.from(ds.labels!), t, name);
    assert.deepEqual(ds.classNames, ["0", "1"]);
  }
  const not = builtinDataset("not", new Random(1));
  assert.deepEqual(rows(not.x), [[0], [1]]);
  assert.deepEqual(rows(not.y), [[1], [0]]);
  const gates = builtinDataset("gates", new Random(1));
  assert.deepEqual(gates.outputNames, ["and", "or", "nand", "nor", "xor"]);
  // row 01: and 0, or 1, nand 1, nor 0, xor 1
  assert.deepEqual(rows(gates.y)[1], [0, 1, 1, 0, 1]);
  assert.equal(gates.labels, null);
});

test("cafeteria: the week printed in note 003 and the notes' delta-rule step", () => {
  const ds = cafeteria(new Random(4));
  assert.deepEqual(ds.featureNames, ["café", "zumo", "tostada"]);
  assert.deepEqual(rows(ds.x)[0], [5, 2, 3]);
  assert.equal(ds.y.data[0], 850);
  // The notes: all prices start at 50 cents; residual 3.50 €; η = 1/35 gives Δw = (+50, +20, +30);
  // the new error is −0.30 €.
  const x = rows(ds.x)[0];
  const y0 = 50 * x[0] + 50 * x[1] + 50 * x[2];
  assert.equal(ds.y.data[0] - y0, 350);
  const dw = x.map((xi) => (1 / 35) * xi * 350);
  assert.deepEqual(dw.map(Math.round), [50, 20, 30]);
  const w = [100, 70, 80];
  assert.equal(ds.y.data[0] - (w[0] * x[0] + w[1] * x[1] + w[2] * x[2]), -30);
  // every week's bill is exact at the true prices 50, 150, 100 cents, with 0..5 portions
  for (const [r, p] of rows(ds.x).entries()) {
    assert.equal(ds.y.data[r], 50 * p[0] + 150 * p[1] + 100 * p[2]);
    assert.ok(p.every((v) => Number.isInteger(v) && v >= 0 && v <= 5) && p.some((v) => v > 0));
  }
  assert.equal(ds.x.shape[0], 10);
  assert.deepEqual(cafeteria(new Random(4), 1).x.shape, [1, 3]);
});

test("circles without noise: class 0 on radius 1, class 1 on radius 0.5, balanced", () => {
  const ds = circles(new Random(2), 101, 0);
  assert.deepEqual(ds.x.shape, [101, 2]);
  rows(ds.x).forEach(([a, b], r) => {
    const radius = Math.hypot(a, b);
    assert.ok(Math.abs(radius - (ds.labels![r] === 0 ? 1 : 0.5)) < 1e-6);
  });
  assert.equal(
    ds.labels!.reduce((s, c) => s + c, 0),
    50,
  );
});

test("moons without noise lie on their half circles", () => {
  const ds = moons(new Random(2), 50, 0);
  rows(ds.x).forEach(([a, b], r) => {
    if (ds.labels![r] === 0) {
      assert.ok(Math.abs(a * a + b * b - 1) < 1e-5 && b >= -1e-6);
    } else {
      assert.ok(Math.abs((1 - a) ** 2 + (0.5 - b) ** 2 - 1) < 1e-5 && b <= 0.5 + 1e-6);
    }
  });
});

test("spirals without noise: radius r at angle 3.5π·r, class 1 turned by π", () => {
  const ds = spirals(new Random(3), 80, 0);
  rows(ds.x).forEach(([a, b], r) => {
    const radius = Math.hypot(a, b);
    assert.ok(radius >= 1 / 7 - 1e-6 && radius <= 1 + 1e-6);
    const angle = 3.5 * Math.PI * radius + ds.labels![r] * Math.PI;
    assert.ok(Math.abs(a - radius * Math.cos(angle)) < 1e-5);
    assert.ok(Math.abs(b - radius * Math.sin(angle)) < 1e-5);
  });
});

test("spirals with three arms: class c is arm 0 turned by 2πc/3, one-hot", () => {
  const ds = spirals(new Random(4), 90, 0, 3);
  assert.deepEqual(ds.y.shape, [90, 3]);
  assert.deepEqual(ds.classNames, ["0", "1", "2"]);
  rows(ds.x).forEach(([a, b], r) => {
    const radius = Math.hypot(a, b);
    const c = ds.labels![r];
    assert.equal(c, r % 3);
    assert.equal(rows(ds.y)[r][c], 1);
    const angle = 3.5 * Math.PI * radius + (2 * Math.PI * c) / 3;
    assert.ok(Math.abs(a - radius * Math.cos(angle)) < 1e-5);
    assert.ok(Math.abs(b - radius * Math.sin(angle)) < 1e-5);
  });
  assert.throws(() => spirals(new Random(1), 10, 0, 1), /arms must be an integer/);
});

test("blobs: k classes around centres on a circle of radius 2", () => {
  const ds = blobs(new Random(5), 3000, 0.6, 4);
  assert.deepEqual(ds.y.shape, [3000, 4]);
  const sums = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  rows(ds.x).forEach(([a, b], r) => {
    const c = ds.labels![r];
    sums[c][0] += a;
    sums[c][1] += b;
    sums[c][2]++;
    assert.equal(ds.y.data[r * 4 + c], 1);
  });
  const centres = [
    [0, 2],
    [-2, 0],
    [0, -2],
    [2, 0],
  ];
  sums.forEach(([sa, sb, n], c) => {
    assert.equal(n, 750);
    assert.ok(Math.abs(sa / n - centres[c][0]) < 0.1 && Math.abs(sb / n - centres[c][1]) < 0.1);
  });
  assert.deepEqual(blobs(new Random(5), 10, 0.5, 2).y.shape, [10, 1]);
});

test("sin: y = sin(x) on [−π, π]; noise adds spread", () => {
  const ds = sine(new Random(6), 200);
  assert.equal(ds.task, "regression");
  rows(ds.x).forEach(([v], r) => {
    assert.ok(v >= -Math.PI && v <= Math.PI);
    assert.ok(Math.abs(ds.y.data[r] - Math.sin(v)) < 1e-6);
  });
  const noisy = sine(new Random(6), 200, 0.1);
  const dev = rows(noisy.x).map(([v], r) => noisy.y.data[r] - Math.sin(v));
  const sd = Math.sqrt(dev.reduce((s, d) => s + d * d, 0) / dev.length);
  assert.ok(sd > 0.07 && sd < 0.13, `sd ${sd}`);
});

test("generated sets depend only on the seed", () => {
  for (const name of ["circles", "moons", "spirals", "blobs", "sin", "cafeteria"] as const) {
    const a = builtinDataset(name, new Random(11));
    const b = builtinDataset(name, new Random(11));
    const c = builtinDataset(name, new Random(12));
    assert.deepEqual(Array.from(a.x.data), Array.from(b.x.data), name);
    assert.notDeepEqual(Array.from(a.x.data), Array.from(c.x.data), name);
  }
});

test("bad sizes and noise levels are refused", () => {
  assert.throws(() => circles(new Random(1), 1), /circles: samples must be an integer ≥ 2, got 1/);
  assert.throws(() => moons(new Random(1), 10, -1), /moons: noise must be a finite number ≥ 0, got -1/);
  assert.throws(() => blobs(new Random(1), 10, 0.5, 1), /blobs: classes must be an integer ≥ 2/);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { Random } from "../../src/tensor/random.js";
import { InputError } from "../../src/util/errors.js";

test("fromState(state()) continues the stream exactly, the Box–Muller value kept for the next normal included", () => {
  const a = new Random(42);
  a.next();
  a.normal(); // leaves the pair's second value for the next call
  const b = Random.fromState(JSON.parse(JSON.stringify(a.state())));
  const draws = (r: Random) => [r.normal(), r.nextUint32(), r.next(), r.normal(), r.int(1000)];
  assert.deepEqual(draws(b), draws(a));
  // and the state is a snapshot: drawing from a does not move b
  const c = Random.fromState(a.state());
  a.next();
  assert.notDeepEqual(c.state(), a.state());
});

test("fromState refuses lanes that are not four unsigned 32-bit integers, or all zero", () => {
  for (const s of [
    [1, 2, 3],
    [1, 2, 3, -1],
    [1, 2, 3, 2 ** 32],
    [0, 0, 0, 0],
    [1.5, 2, 3, 4],
  ]) {
    assert.throws(
      () => Random.fromState({ s: s as [number, number, number, number], spareNormal: null }),
      InputError,
    );
  }
  assert.throws(() => Random.fromState({ s: [1, 2, 3, 4], spareNormal: Number.NaN }), InputError);
});

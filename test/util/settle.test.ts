import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { allInOrder } from "../../src/util/settle.js";

const failAfter = async (ms: number, message: string): Promise<never> => {
  await sleep(ms);
  throw new Error(message);
};

test("allInOrder returns the values in argument order", async () => {
  const [a, b] = await allInOrder([sleep(20).then(() => "slow"), Promise.resolve(2)]);
  assert.equal(a, "slow");
  assert.equal(b, 2);
});

test("allInOrder reports the first failure in argument order, not in time", async () => {
  await assert.rejects(allInOrder([failAfter(30, "first argument"), failAfter(0, "second argument")]), {
    message: "first argument",
  });
  await assert.rejects(allInOrder([Promise.resolve(1), failAfter(0, "only failure")]), {
    message: "only failure",
  });
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { lossBlowUp } from "../../src/train/run-state.js";

const epochs = (losses: number[]) => losses.map((loss, i) => ({ epoch: i + 1, loss, seconds: 0, lr: 0.1 }));

test("lossBlowUp flags the epoch whose loss grew most past 10⁶ × the first epoch's, even after a fall back", () => {
  // first epoch 0.7: the bound is 7e5; 1e29 is past it, and so is 8e5; the worst is reported
  assert.deepEqual(lossBlowUp(epochs([0.7, 3, 8e5, 1e29, 0.69])), { epoch: 4, loss: 1e29, firstLoss: 0.7 });
  assert.equal(lossBlowUp(epochs([0.7, 6e5, 0.5])), undefined);
  assert.equal(lossBlowUp([]), undefined);
  // a first epoch at zero loss gives no scale to compare with
  assert.equal(lossBlowUp(epochs([0, 1, 2])), undefined);
});

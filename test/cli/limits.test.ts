/** Sizes refused up front, and no NaN printed as a prediction (issue 13's probe), as a user sees them. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "retroprop-limits-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function refused(args: string[], pattern: RegExp): void {
  const r = runCli(args);
  assert.notEqual(r.status, 0, `${args.join(" ")} exited 0`);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr.trim(), pattern);
}

test("networks and datasets too large to hold are refused before anything is allocated, naming the limit", () => {
  refused(
    ["train", "--data", "xor", "--layers", "2,100000,100000,1"],
    /^retroprop: --layers: 2-100000-100000-1 has 10,000,500,001 parameters, more than the 268,435,456 retroprop trains$/,
  );
  refused(
    ["train", "--data", "xor", "--layers", "2,1e9,1"],
    /^retroprop: --layers: must be at most 16,777,216, got 1e9$/,
  );
  refused(
    ["train", "--data", "circles", "--samples", "1e9"],
    /^retroprop: circles: samples must be at most 10,000,000/,
  );
});

test("predict refuses outputs that overflow float32 instead of printing NaN with exit status 0", () => {
  // 3e38 · 10 + 3e38 · 10 overflows float32: the weights are in range, their products are not.
  const model = join(dir, "m.json");
  writeFileSync(
    model,
    JSON.stringify({
      format: "retroprop.model",
      version: 1,
      layers: [
        { type: "dense", inputs: 2, units: 1, activation: "linear", weights: [[3e38, 3e38]], bias: [0] },
      ],
    }),
  );
  const input = join(dir, "in.json");
  writeFileSync(input, "[[10, 10]]");
  refused(["predict", "--model", model, "--input", input], /m\.json: output 0 of input row 1 is Infinity/);
});

/**
 * The harness's own contract checks, on parsers written to break it: a refusal that is not retroprop's user
 * error, and the two breaches of a huge claim (accepting it, or allocating what it claims before refusing).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { InputError } from "../../src/util/errors.js";
import { type FuzzTarget, fuzzTarget, text } from "./harness.js";

const valid = fc.constant({ "a.txt": text("ok") });
const claims = fc.constant({ "a.txt": text("claims 10^12 values") });

const target = (parse: FuzzTarget["parse"], withClaims = true): FuzzTarget => ({
  name: "probe",
  valid,
  ...(withClaims ? { claims } : {}),
  onDisk: false,
  parse,
});

/** Refuses everything but the valid text, as a well-behaved parser does. */
const refuse = (files: Record<string, Uint8Array>) => {
  if (new TextDecoder().decode(files["a.txt"]) !== "ok") throw new InputError("a.txt: byte 0: bad");
};

test("a parser that refuses claims and damage with a one-line InputError naming the file passes", async () => {
  const report = await fuzzTarget(target(refuse), 200, 1);
  assert.equal(report.crashes, 0);
  assert.equal(report.inputs, 200);
  assert.ok(
    report.claims > 0 && report.refused >= report.claims && report.accepted > 0,
    JSON.stringify(report),
  );
});

test("a TypeError is a crash", async () => {
  await assert.rejects(
    fuzzTarget(
      target(() => {
        throw new TypeError("x is undefined");
      }, false),
      50,
      1,
    ),
    /probe: threw TypeError \(not a retroprop user error\)/,
  );
});

test("accepting a huge claim is a crash", async () => {
  await assert.rejects(
    fuzzTarget(
      target(() => undefined),
      200,
      1,
    ),
    /probe: accepted a file whose header claims a huge size/,
  );
});

test("allocating 256 MiB before refusing a claim is a crash, though the refusal itself is well formed", async () => {
  let kept: Float64Array | undefined;
  await assert.rejects(
    fuzzTarget(
      target((files) => {
        if (new TextDecoder().decode(files["a.txt"]).startsWith("claims")) kept = new Float64Array(2 ** 25);
        refuse(files);
      }),
      200,
      1,
    ),
    /probe: took \d+ bytes of array buffers on a huge claim before refusing it/,
  );
  assert.equal(kept?.length, 2 ** 25);
});

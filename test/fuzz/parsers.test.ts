/**
 * Every parser fuzzed (issue 13): generated and mutated inputs must parse or be refused with retroprop's own
 * one-line error naming the file. CI runs a few hundred inputs per parser; `npm run fuzz` runs 10,000 each
 * (RETROPROP_FUZZ_RUNS) and prints how many each received.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { checkValid, type FuzzReport, fuzzRuns, fuzzTarget } from "./harness.js";
import { TARGETS } from "./targets.js";

const reports: FuzzReport[] = [];

/** The parsers do not compute with the backend: fuzzed once, on the reference run. */
const onWasm = process.env.RETROPROP_BACKEND === "wasm" ? "fuzzed on the reference backend's run" : false;

describe(`fuzzing every parser (${fuzzRuns()} inputs each)`, { skip: onWasm }, () => {
  // RETROPROP_FUZZ_ONLY=csv,png fuzzes only the parsers whose names contain one of the words.
  const only = process.env.RETROPROP_FUZZ_ONLY?.toLowerCase().split(",");
  for (const target of TARGETS.filter((t) => !only || only.some((w) => t.name.toLowerCase().includes(w)))) {
    test(target.name, async (t) => {
      if (target.validAccepted !== false) await checkValid(target);
      const report = await fuzzTarget(target);
      reports.push(report);
      t.diagnostic(
        `${report.name}: ${report.inputs} inputs, ${report.accepted} parsed, ${report.refused} refused with a one-line error, ${report.crashes} crashes${report.claims > 0 ? ` (${report.claims} of the inputs huge header claims, all refused)` : ""}`,
      );
      assert.equal(report.crashes, 0);
      assert.equal(report.inputs, fuzzRuns());
      // Mutation must really reach the refusals, and valid inputs the success path.
      assert.ok(
        (target.refuses === false || report.refused > 0) && report.accepted > 0,
        `${report.name}: ${JSON.stringify(report)}`,
      );
    });
  }
});

after(() => {
  if (reports.length === 0) return;
  const total = reports.reduce((s, r) => s + r.inputs, 0);
  const crashes = reports.reduce((s, r) => s + r.crashes, 0);
  process.stdout.write(`# fuzz: ${reports.length} parsers, ${total} inputs, ${crashes} crashes\n`);
});

/**
 * The parser fuzzing harness. A parser is one entry in a table (FuzzTarget): its name, a generator of valid
 * inputs (files by name), and the function that parses them. The harness throws at it valid inputs, valid
 * inputs with byte-level mutations (flips, truncations, insertions, extreme 32-bit integers where headers keep
 * their sizes, tokens that break text formats), and random bytes, and checks the contract of every parser:
 * it returns, or it throws retroprop's own user error (RetropropError: InputError, ShapeError, …) whose
 * message is one line and names the file it read. Nothing else: no TypeError, RangeError, stack overflow.
 *
 * Nothing hangs or allocates without bound by construction: generated inputs are at most a few kilobytes,
 * and the parsers must refuse what a header claims beyond them before allocating it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { RetropropError } from "../../src/util/errors.js";

/** Input files by name (a model and its weights file are two). */
export type Files = Record<string, Uint8Array>;

export interface FuzzTarget {
  /** Shown in the report. */
  name: string;
  /** Valid inputs (parsing them must succeed: checked on a sample, so that the mutations start from sense). */
  valid: fc.Arbitrary<Files>;
  /** Whether parse reads the files from disk (then they are written to a fresh folder for each input). */
  onDisk: boolean;
  /** Parses the input; `dir` holds the files when onDisk. */
  parse: (files: Files, dir: string) => unknown;
  /** false where a valid input may still be refused (an expression without a value at the point). */
  validAccepted?: false;
  /** null where errors name no file (expressions); otherwise every error names one of the input files. */
  source?: null;
  /** false for a parser that refuses nothing by design (the playground's link: a bad field keeps its default). */
  refuses?: false;
  /**
   * Inputs whose headers claim sizes far beyond the bytes present (a length of 2^50, 10^12 values): each must
   * be refused, and from the claim, before allocating it (array-buffer memory may grow by at most CLAIM_SLACK).
   */
  claims?: fc.Arbitrary<Files>;
}

/** How much array-buffer memory a parser may take while refusing a huge claim (the file itself is kilobytes). */
export const CLAIM_SLACK = 64 * 2 ** 20;

/** Inputs per parser: RETROPROP_FUZZ_RUNS, else the CI share (a few seconds per parser). */
export function fuzzRuns(): number {
  const env = process.env.RETROPROP_FUZZ_RUNS;
  return env === undefined ? 300 : Number(env);
}

export function fuzzSeed(): number {
  const env = process.env.RETROPROP_FUZZ_SEED;
  return env === undefined ? 13 : Number(env);
}

const te = new TextEncoder();

/** Tokens that break text formats: numbers beyond float32 and float64, quotes, nesting, separators, BOMs. */
const TOKENS = [
  "1e39",
  "-1e400",
  "NaN",
  "Infinity",
  "0x10",
  '"',
  '""',
  "\n",
  "\r\n",
  ",",
  ";",
  ":",
  "[",
  "]",
  "{",
  "}",
  "\u0000",
  "\ufeff",
  "é",
  "\ud83d",
  "-",
  ".",
  "e",
  "1".repeat(400),
  "[".repeat(6000),
  '{"a":'.repeat(3000),
  "(".repeat(200),
  "x".repeat(3000),
  '"format"',
  '"layers"',
  '"weights"',
  "null",
  "true",
  "-0",
  "4294967295",
].map((t) => te.encode(t));

type Mutation =
  | { kind: "set"; at: number; byte: number }
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "delete"; at: number; length: number }
  | { kind: "uint32"; at: number; value: number }
  | { kind: "duplicate"; at: number; length: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 16 }), fc.constantFrom(...TOKENS)),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant("uint32" as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x10000), fc.nat()),
  }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 256 }),
    times: fc.integer({ min: 1, max: 8 }),
  }),
);

function apply(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = bytes.length;
  const at = n === 0 ? 0 : m.at % (n + 1);
  switch (m.kind) {
    case "set": {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[m.at % n] = m.byte;
      return out;
    }
    case "truncate":
      return bytes.subarray(0, at);
    case "insert":
      return concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    case "delete":
      return concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    case "uint32": {
      if (n < 4) return bytes;
      const out = bytes.slice();
      // Aligned to 4 bytes half the time: IDX and PNG headers keep their sizes there.
      const k = m.at % 2 === 0 ? (m.at % (n - 3)) & ~3 : m.at % (n - 3);
      new DataView(out.buffer, out.byteOffset).setUint32(k, m.value >>> 0);
      return out;
    }
    case "duplicate": {
      const piece = bytes.subarray(at, at + m.length);
      return concat([bytes.subarray(0, at), ...Array(m.times).fill(piece), bytes.subarray(at)]);
    }
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}

/** Valid inputs, mutated ones (one file of the input, 1 to 4 mutations) and random bytes in place of a file. */
export function fuzzInputs(valid: fc.Arbitrary<Files>): fc.Arbitrary<Files> {
  const mutated = valid.chain((files) => {
    const names = Object.keys(files);
    return fc
      .tuple(fc.constantFrom(...names), fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([name, ms]) => ({ ...files, [name]: ms.reduce(apply, files[name]) }));
  });
  const random = valid.chain((files) => {
    const names = Object.keys(files);
    return fc
      .tuple(fc.constantFrom(...names), fc.uint8Array({ maxLength: 512 }))
      .map(([name, bytes]) => ({ ...files, [name]: bytes }));
  });
  return fc.oneof(
    { arbitrary: valid, weight: 1 },
    { arbitrary: mutated, weight: 6 },
    { arbitrary: random, weight: 1 },
  );
}

/** The target's inputs (fuzzInputs of its valid ones), one in eight from its huge claims where it has them. */
function withClaims(target: FuzzTarget): fc.Arbitrary<{ files: Files; claim: boolean }> {
  const inputs = fuzzInputs(target.valid).map((files) => ({ files, claim: false }));
  if (!target.claims) return inputs;
  return fc.oneof(
    { arbitrary: inputs, weight: 7 },
    { arbitrary: target.claims.map((files) => ({ files, claim: true })), weight: 1 },
  );
}

export interface FuzzReport {
  name: string;
  inputs: number;
  accepted: number;
  refused: number;
  crashes: number;
  /** Of the inputs, those from the target's huge claims (all refused). */
  claims: number;
}

/** What is wrong with an error thrown by a parser (null when it keeps the contract). */
export function contractBreach(err: unknown, sources: readonly string[] | null): string | null {
  if (!(err instanceof RetropropError)) {
    const e = err as Error;
    return `threw ${e?.name ?? typeof err} (not a retroprop user error): ${e?.message ?? String(err)}`;
  }
  if (err.message.trim() === "") return "empty message";
  if (/[\r\n]/.test(err.message)) return `message of more than one line: ${JSON.stringify(err.message)}`;
  if (sources !== null && !sources.some((s) => err.message.includes(s)))
    return `message names none of ${sources.join(", ")}: ${err.message}`;
  return null;
}

/**
 * Runs one target for `runs` inputs; fast-check shrinks a failure to a small input and the assertion names
 * it. Returns the counts for the report.
 */
export async function fuzzTarget(
  target: FuzzTarget,
  runs = fuzzRuns(),
  seed = fuzzSeed(),
): Promise<FuzzReport> {
  const report: FuzzReport = { name: target.name, inputs: 0, accepted: 0, refused: 0, crashes: 0, claims: 0 };
  const dir = mkdtempSync(join(tmpdir(), "retroprop-fuzz-"));
  try {
    await fc.assert(
      fc.asyncProperty(withClaims(target), async ({ files, claim }) => {
        report.inputs++;
        if (claim) report.claims++;
        const caseDir = target.onDisk ? mkdtempSync(join(dir, "c")) : dir;
        let refusal: { err: unknown } | undefined;
        let grown = 0;
        try {
          if (target.onDisk)
            for (const [name, bytes] of Object.entries(files)) writeFileSync(join(caseDir, name), bytes);
          const before = claim ? process.memoryUsage().arrayBuffers : 0;
          try {
            await target.parse(files, caseDir);
          } catch (err) {
            refusal = { err };
          }
          if (claim) grown = process.memoryUsage().arrayBuffers - before;
        } finally {
          if (target.onDisk) rmSync(caseDir, { recursive: true, force: true });
        }
        // The file read (or, for a file another one names, that file: it was in the case's folder).
        const sources =
          target.source === null ? null : [...Object.keys(files), ...(target.onDisk ? [caseDir] : [])];
        const breach =
          grown > CLAIM_SLACK
            ? `took ${grown} bytes of array buffers on a huge claim before refusing it`
            : refusal
              ? contractBreach(refusal.err, sources)
              : claim
                ? "accepted a file whose header claims a huge size"
                : null;
        if (breach !== null) {
          report.crashes++;
          throw new Error(`${target.name}: ${breach}`);
        }
        if (refusal) report.refused++;
        else report.accepted++;
      }),
      { numRuns: runs, seed, endOnFailure: true, includeErrorInReport: true },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

/** Checks that the valid generator really yields inputs the parser accepts. */
export async function checkValid(target: FuzzTarget, samples = 20, seed = fuzzSeed()): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "retroprop-fuzz-valid-"));
  try {
    for (const files of fc.sample(target.valid, { numRuns: samples, seed })) {
      for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
      await target.parse(files, dir);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const text = (s: string): Uint8Array => te.encode(s);
export const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

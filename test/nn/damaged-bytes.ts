import fc from "fast-check";
import { InputError } from "../../src/util/errors.js";

/**
 * Checks that `decode` (an importer of untrusted bytes) answers every damaged copy of `good` — a byte flipped,
 * the file cut, or a byte inserted, anywhere — with a model or a one-line InputError starting with `source: `,
 * never another exception (seeded, so a failure reproduces).
 */
export function assertDamageIsInputError(
  good: Uint8Array,
  decode: (bytes: Uint8Array) => unknown,
  source: string,
): void {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: good.length - 1 }),
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom("flip", "cut", "insert"),
      (at, byte, how) => {
        const bytes =
          how === "flip"
            ? Uint8Array.from(good, (b, i) => (i === at ? byte : b))
            : how === "cut"
              ? good.subarray(0, at)
              : Uint8Array.from([...good.subarray(0, at), byte, ...good.subarray(at)]);
        try {
          decode(bytes);
        } catch (e) {
          if (!(e instanceof InputError) || !e.message.startsWith(`${source}: `) || e.message.includes("\n"))
            throw e;
        }
      },
    ),
    { numRuns: 2000, seed: 14 },
  );
}

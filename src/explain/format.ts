/** Number formatting shared by the text table and the pictures. */

/**
 * A number with at most `digits` significant digits, trailing zeros dropped: 0.7310585786 → "0.731059"
 * (6 digits), -4 → "-4", 1e-9 → "1e-9". NaN and infinities are spelled out; −0 prints as 0.
 */
export function formatNumber(v: number, digits = 6): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "Infinity";
  if (v === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (v === 0) return "0";
  return String(Number(v.toPrecision(digits)));
}

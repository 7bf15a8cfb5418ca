/** The plain-text pieces the classic learners' reports share: numbers as people write them, vectors, tables. */

/** A number as people write it: integers plain, others to 10 significant digits; −0 as 0. */
export function fmt(v: number): string {
  if (Object.is(v, -0)) return "0";
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
}

/** A change such as t − ŷ or Δwᵢ, with its sign: +1, -1, 0. */
export function signed(v: number): string {
  return v > 0 ? `+${fmt(v)}` : fmt(v);
}

/** [1, 0.5, -2]; with `withSign` each positive entry gets its +. */
export function vec(v: readonly number[], withSign = false): string {
  return `[${v.map((x) => (withSign ? signed(x) : fmt(x))).join(", ")}]`;
}

/** Left-aligned columns two spaces apart, the header first, no trailing spaces. */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, j) => c.padEnd(widths[j]))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

// Types of package-graph.mjs, for the tests that import it.
export const HEAVY_PACKAGES: readonly string[];
export function specifiers(source: string): string[];
export function packageOf(spec: string): string | undefined;
export function moduleGraph(
  distSrc: string,
  entries: readonly string[],
): { modules: Set<string>; packages: Map<string, string> };

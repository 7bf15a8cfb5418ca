/**
 * Stands in for `node:module` in the page's bundle (web/vite.config.mjs maps it here). The library's
 * expression parser, src/explain/expression.ts, loads mathjs through createRequire on the first expression, so
 * that Node programs that never parse one do not pay mathjs's import time. In the page mathjs is bundled with
 * the graph view, and this createRequire hands that copy over.
 */
import * as mathjs from "mathjs";

export function createRequire(_from: string | URL): (id: string) => unknown {
  return (id) => {
    if (id === "mathjs") return mathjs;
    throw new Error(`the playground bundles mathjs only, not ${id}`);
  };
}

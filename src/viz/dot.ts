import { instance, type Viz } from "@viz-js/viz";
import { RetropropError } from "../util/errors.js";
import { localizedError } from "../util/i18n.js";
import { FONT_STACK } from "./font-names.js";

let viz: Promise<Viz> | undefined;

/**
 * Lays out and draws a Graphviz DOT graph as SVG (WASM Graphviz via @viz-js/viz; the instance is created
 * once). Nodes, edges and the graph default to the figures' font unless the DOT sets its own fontname.
 */
export async function renderDot(dot: string): Promise<string> {
  viz ??= instance();
  const v = await viz;
  const result = v.render(dot, {
    format: "svg",
    graphAttributes: { fontname: FONT_STACK },
    nodeAttributes: { fontname: FONT_STACK },
    edgeAttributes: { fontname: FONT_STACK },
  });
  if (result.status !== "success" || result.output === undefined) {
    const message = result.errors.map((e) => e.message.trim()).join("; ");
    throw localizedError(RetropropError, "graphvizFailed", message);
  }
  return result.output;
}

/** The page's one DOM helper: an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    // aria-* states are "true"/"false" text; other boolean attributes are present or absent.
    if (v === false && !k.startsWith("aria-")) continue;
    el.setAttribute(k, v === true && !k.startsWith("aria-") ? "" : String(v));
  }
  el.append(...children);
  return el;
}

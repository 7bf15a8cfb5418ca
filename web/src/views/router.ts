/**
 * The playground's views beside the network page: the computational graph, the perceptron on a logic gate and
 * the delta rule on the cafeteria example. Which view is shown, and each view's settings, live in the URL's
 * hash beside the network's (`#dataset=xor&…&view=graph&expr=…`), so a link opens the same view with the same
 * numbers. The network page stays built (and its run goes on) while another view is shown; the tabs only
 * hide it, so coming back finds it as it was.
 */
import { h } from "../dom.js";
import type { Messages } from "../messages.js";
import type { Language } from "../state.js";
import "./views.css";

export const VIEWS = ["network", "graph", "perceptron", "delta"] as const;
export type ViewName = (typeof VIEWS)[number];

/** The hash keys the views own (and `at.NAME`, a graph variable's value); the network's state owns the rest. */
const VIEW_KEYS = [
  "view",
  "expr",
  "gate",
  "gateLr",
  "weeks",
  "deltaMode",
  "deltaLr",
  "deltaEpochs",
  "deltaW",
];
const isViewKey = (k: string) => VIEW_KEYS.includes(k) || k.startsWith("at.");

/** The view a hash names (the network page when none or an unknown one). */
export function viewOf(hash: string): ViewName {
  const v = new URLSearchParams(hash.replace(/^#/, "")).get("view");
  return (VIEWS as readonly string[]).includes(v ?? "") ? (v as ViewName) : "network";
}

/** `base` (the network's hash) with the view keys of `from` appended: the network's rewrites keep the view. */
export function withViewParams(base: string, from: string): string {
  const kept = [...new URLSearchParams(from.replace(/^#/, ""))].filter(([k]) => isViewKey(k));
  if (kept.length === 0) return base;
  const tail = new URLSearchParams(kept).toString();
  return `${base}${base.length > 1 ? "&" : ""}${tail}`;
}

/** A view's settings from the current hash. */
export const viewParams = (): URLSearchParams => new URLSearchParams(location.hash.replace(/^#/, ""));

/** Writes view settings into the hash (null removes a key) without a new history entry or a hashchange. */
export function setViewParams(values: Readonly<Record<string, string | null>>): void {
  const p = viewParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === null) p.delete(k);
    else p.set(k, v);
  }
  window.history.replaceState(null, "", `#${p.toString()}`);
}

/** Each view's module, loaded when first shown (the graph view brings mathjs, which the network page does not need). */
const LOADERS: Record<
  Exclude<ViewName, "network">,
  () => Promise<{ mount(t: Messages, lang: Language): HTMLElement }>
> = {
  graph: () => import("./graph-view.js"),
  perceptron: () => import("./perceptron-view.js"),
  delta: () => import("./delta-view.js"),
};

const TAB_LABELS: Record<ViewName, keyof Messages> = {
  network: "viewNetwork",
  graph: "viewGraph",
  perceptron: "viewPerceptron",
  delta: "viewDelta",
};

/**
 * Puts the tabs under the page's header and shows the hash's view: the network page's sections are hidden
 * (not removed) when another view is chosen. Called after every render of the page.
 */
export function routeViews(app: HTMLElement, t: Messages, lang: Language): void {
  const view = viewOf(location.hash);
  app.querySelector("nav.views")?.remove();
  app.querySelector("section.view")?.remove();
  const nav = h("nav", { class: "views", role: "tablist", "aria-label": t.views });
  for (const v of VIEWS) {
    const tab = h(
      "button",
      { type: "button", role: "tab", "data-view": v, "aria-selected": v === view, id: `tab-${v}` },
      t[TAB_LABELS[v]],
    );
    tab.addEventListener("click", () => {
      setViewParams({ view: v === "network" ? null : v });
      routeViews(app, t, lang);
      (document.getElementById(`tab-${v}`) as HTMLElement | null)?.focus();
      // The network's links are drawn from its elements' positions, which a hidden page does not have.
      if (v === "network") window.dispatchEvent(new Event("resize"));
    });
    nav.append(tab);
  }
  app.querySelector("header")?.after(nav);
  for (const el of app.children) {
    if (el.tagName === "HEADER" || el === nav || el.id === "editor") continue;
    (el as HTMLElement).hidden = view !== "network";
  }
  if (view === "network") return;
  const section = h("section", {
    class: "view",
    "data-view": view,
    role: "tabpanel",
    "aria-labelledby": `tab-${view}`,
  });
  nav.after(section);
  LOADERS[view]()
    .then((m) => {
      if (section.isConnected) section.replaceChildren(m.mount(t, lang));
    })
    .catch((err: unknown) => {
      section.replaceChildren(
        h("p", { class: "error", role: "alert" }, String(err instanceof Error ? err.message : err)),
      );
    });
}

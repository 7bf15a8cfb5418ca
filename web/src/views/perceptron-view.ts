/**
 * The perceptron on a logic gate (note 004): Rosenblatt's rule w ← w + η(t − ŷ)x, b ← b + η(t − ŷ), online
 * over the truth table from zero weights, as `retroprop perceptron` runs it (the library's perceptronOnGate).
 * The picture shows the four cases and the line w₁x₁ + w₂x₂ + b = 0 after the chosen update; a slider and
 * buttons walk through the updates, each with its numbers. XOR runs to the epoch limit and the page says why
 * no line can do it.
 */
import type { GateName, PerceptronUpdate } from "retroprop";
import { formatNumber, GATES, perceptronOnGate } from "retroprop/internals";
import { h, s } from "../dom.js";
import type { Messages } from "../messages.js";
import type { Language } from "../state.js";
import { setViewParams, viewParams } from "./router.js";

const GATE_CHOICES = ["and", "or", "nand", "nor", "xor"] as const satisfies readonly GateName[];
const RATES = [0.1, 0.5, 1, 2] as const;
/** The library's default epoch limit (`retroprop perceptron --epochs`). */
const MAX_EPOCHS = 100;

const n = (v: number) => formatNumber(v, 4);
/** A term of a sum: "+ 3" or "− 3". */
const term = (v: number) => (v < 0 ? `− ${n(-v)}` : `+ ${n(v)}`);

/** The picture's square, [−0.5, 1.5]² in the inputs' units, drawn at SIZE px. */
const SIZE = 280;
const LO = -0.5;
const HI = 1.5;
const px = (v: number) => ((v - LO) / (HI - LO)) * SIZE;
const py = (v: number) => SIZE - px(v);

/** The part of the line w₁x₁ + w₂x₂ + b = 0 inside the square, or undefined when w = 0 (no line). */
function boundary(w: readonly number[], b: number): [number, number, number, number] | undefined {
  const [w1, w2] = w;
  if (w1 === 0 && w2 === 0) return undefined;
  if (Math.abs(w2) >= Math.abs(w1)) {
    const y = (x: number) => -(w1 * x + b) / w2;
    return [LO, y(LO), HI, y(HI)];
  }
  const x = (y: number) => -(w2 * y + b) / w1;
  return [x(LO), LO, x(HI), HI];
}

/** The side ŷ = 1 of the line (z ≥ 0) as a polygon clipped to the square: the square's corners with z ≥ 0 and the line's ends. */
function positiveRegion(w: readonly number[], b: number): string {
  const corners = [
    [LO, LO],
    [HI, LO],
    [HI, HI],
    [LO, HI],
  ];
  const z = ([a, c]: number[]) => w[0] * a + w[1] * c + b;
  const points: number[][] = [];
  corners.forEach((p, k) => {
    const q = corners[(k + 1) % 4];
    if (z(p) >= 0) points.push(p);
    // Where the edge p→q crosses z = 0.
    if (z(p) >= 0 !== z(q) >= 0) {
      const f = z(p) / (z(p) - z(q));
      points.push([p[0] + f * (q[0] - p[0]), p[1] + f * (q[1] - p[1])]);
    }
  });
  return points.map(([a, c]) => `${px(a)},${py(c)}`).join(" ");
}

export function mount(t: Messages, _lang: Language): HTMLElement {
  const p = viewParams();
  const gate = (GATE_CHOICES as readonly string[]).includes(p.get("gate") ?? "")
    ? (p.get("gate") as GateName)
    : "and";
  const eta = RATES.find((r) => String(r) === p.get("gateLr")) ?? 1;
  const report = perceptronOnGate(gate, {
    learningRate: eta,
    maxEpochs: MAX_EPOCHS,
    init: "zeros",
    seed: 1,
    step: "ge",
  });
  const { result } = report;
  const trace = result.trace;
  const root = h("div", { class: "perceptron-view" });
  const rerun = (values: Record<string, string>) => {
    setViewParams(values);
    root.replaceWith(mount(t, _lang));
    document.querySelector<HTMLElement>(`[data-gate="${viewParams().get("gate") ?? "and"}"]`)?.focus();
  };

  const gates = h("div", { class: "gates", role: "group", "aria-label": t.perceptronGate });
  for (const g of GATE_CHOICES) {
    const b = h(
      "button",
      { type: "button", "data-gate": g, "aria-pressed": g === gate },
      `${g.toUpperCase()} ${GATES[g].symbol}`,
    );
    b.addEventListener("click", () => rerun({ gate: g }));
    gates.append(b);
  }
  const rate = h("select", { id: "perceptron-lr" });
  for (const r of RATES) {
    const o = h("option", { value: String(r) }, String(r));
    if (r === eta) o.selected = true;
    rate.append(o);
  }
  rate.addEventListener("change", () => rerun({ gate, gateLr: String(RATES[rate.selectedIndex]) }));

  // Update k (1-based) is trace[k − 1]; k = 0 shows the starting weights.
  const slider = h("input", {
    id: "perceptron-update",
    type: "range",
    min: 0,
    max: trace.length,
    value: 0,
    step: 1,
  });
  const counter = h("output", { id: "perceptron-counter", for: "perceptron-update" });
  const picture = s("svg", {
    viewBox: `0 0 ${SIZE} ${SIZE}`,
    width: SIZE,
    height: SIZE,
    class: "perceptron-plane",
    role: "img",
  });
  const numbers = h("div", { class: "perceptron-numbers", "aria-live": "polite" });

  const show = (k: number) => {
    const u: PerceptronUpdate | undefined = trace[k - 1];
    const w = u ? u.weightsAfter : result.initialWeights;
    const b = u ? u.biasAfter : result.initialBias;
    counter.textContent = `${t.perceptronUpdate} ${k} / ${trace.length}`;
    const line = boundary(w, b);
    const cases = GATES[gate].inputs.map((x, i) => {
      const target = GATES[gate].targets[i];
      return s(
        "circle",
        {
          cx: px(x[0]),
          cy: py(x[1]),
          r: u && u.example === i ? 13 : 9,
          class: `case t${target}${u && u.example === i ? " current" : ""}`,
        },
        s("title", {}, `x = (${x.join(", ")}), t = ${target}`),
      );
    });
    picture.setAttribute(
      "aria-label",
      line ? `${n(w[0])}·x₁ ${term(w[1])}·x₂ ${term(b)} = 0` : t.perceptronNoLine,
    );
    picture.replaceChildren(
      s("rect", { x: 0, y: 0, width: SIZE, height: SIZE, class: "plane" }),
      ...(line ? [s("polygon", { points: positiveRegion(w, b), class: "positive" })] : []),
      s("line", { x1: px(0), y1: 0, x2: px(0), y2: SIZE, class: "axis" }),
      s("line", { x1: 0, y1: py(0), x2: SIZE, y2: py(0), class: "axis" }),
      s("text", { x: SIZE - 18, y: py(0) - 6, class: "axis-label" }, "x₁"),
      s("text", { x: px(0) + 6, y: 14, class: "axis-label" }, "x₂"),
      ...(line
        ? [
            s("line", {
              x1: px(line[0]),
              y1: py(line[1]),
              x2: px(line[2]),
              y2: py(line[3]),
              class: "boundary",
            }),
          ]
        : []),
      ...cases,
    );
    const rows: [string, string][] = u
      ? [
          [t.perceptronExample, `${t.epoch} ${u.epoch}, x = (${u.x.join(", ")}), t = ${u.target}`],
          [
            "z = w·x + b",
            `${n(u.weightsBefore[0])}·${u.x[0]} ${term(u.weightsBefore[1])}·${u.x[1]} ${term(u.biasBefore)} = ${n(u.z)}`,
          ],
          ["ŷ = φ(z)", `${u.output}  (φ(z) = 1 ${t.perceptronIf} z ≥ 0)`],
          ["t − ŷ", `${u.target} − ${u.output} = ${u.error}`],
          [
            "w ← w + η(t − ŷ)x",
            `(${u.weightsBefore.map(n).join(", ")}) + ${n(eta)}·${u.error}·(${u.x.join(", ")}) = (${u.weightsAfter.map(n).join(", ")})`,
          ],
          ["b ← b + η(t − ŷ)", `${n(u.biasBefore)} + ${n(eta)}·${u.error} = ${n(u.biasAfter)}`],
        ]
      : [[t.perceptronStart, `w = (${w.map(n).join(", ")}), b = ${n(b)}`]];
    numbers.replaceChildren(
      h(
        "table",
        { class: "update" },
        h("tbody", {}, ...rows.map(([a, c]) => h("tr", {}, h("th", { scope: "row" }, a), h("td", {}, c)))),
      ),
    );
    slider.value = String(k);
  };
  slider.addEventListener("input", () => show(Number(slider.value)));
  const stepBy = (d: number) => show(Math.min(trace.length, Math.max(0, Number(slider.value) + d)));
  const prev = h("button", { type: "button", id: "perceptron-prev" }, t.perceptronPrev);
  prev.addEventListener("click", () => stepBy(-1));
  const next = h("button", { type: "button", id: "perceptron-next" }, t.perceptronNext);
  next.addEventListener("click", () => stepBy(1));
  const last = h("button", { type: "button", id: "perceptron-last" }, t.perceptronLast);
  last.addEventListener("click", () => show(trace.length));
  // Play: the updates one after another from the start, the line moving with each; a second press stops.
  const play = h(
    "button",
    { type: "button", id: "perceptron-play", "aria-pressed": false },
    t.perceptronPlay,
  );
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    play.setAttribute("aria-pressed", "false");
  };
  play.addEventListener("click", () => {
    if (timer !== undefined) return stop();
    if (Number(slider.value) >= trace.length) show(0);
    play.setAttribute("aria-pressed", "true");
    timer = setInterval(() => {
      if (!root.isConnected || Number(slider.value) >= trace.length) stop();
      else stepBy(1);
    }, 350);
  });

  const verdict = result.converged
    ? `${t.perceptronConverged} ${result.epochs} ${t.perceptronEpochs}: w = (${result.weights.map(n).join(", ")}), b = ${n(result.bias)}.`
    : `${t.perceptronFailed} ${MAX_EPOCHS} ${t.perceptronEpochs}. ${GATES[gate].linearlySeparable ? "" : t.perceptronXor}`;
  // The result first (the line the rule ended with); the slider walks back to the start and forward again.
  show(trace.length);
  root.append(
    h("h2", {}, t.viewPerceptron),
    h("p", { class: "note" }, t.perceptronHint),
    h("div", { class: "view-controls" }, gates, h("label", { for: "perceptron-lr" }, t.learningRate, rate)),
    h(
      "p",
      {
        id: "perceptron-verdict",
        class: result.converged ? "verdict" : "verdict error",
        "data-converged": String(result.converged),
      },
      verdict,
    ),
    h(
      "div",
      { class: "perceptron-body" },
      picture,
      h(
        "div",
        {},
        h("div", { class: "view-controls" }, play, prev, next, last, counter),
        h("label", { for: "perceptron-update", class: "slider" }, t.perceptronUpdate, slider),
        numbers,
      ),
    ),
  );
  return root;
}

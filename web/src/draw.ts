/** Pictures drawn on canvases: heat maps of a neuron's output, the data points, the loss curves. */
import { DOMAIN, GRID } from "./geometry.js";

const ORANGE = [245, 147, 34];
const WHITE = [232, 234, 235];
const BLUE = [8, 119, 189];

/** TensorFlow Playground's diverging scale: −1 orange, 0 near white, +1 blue. */
export function color(v: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const to = t < 0 ? ORANGE : BLUE;
  const s = Math.abs(t);
  return [0, 1, 2].map((k) => Math.round(WHITE[k] + (to[k] - WHITE[k]) * s)) as [number, number, number];
}

export const css = (v: number) => `rgb(${color(v).join(",")})`;

/**
 * A GRID × GRID field of values in [−1, 1], stretched over the canvas; `strength` below 1 pales it, for a
 * background under data points that must stay visible.
 */
export function drawHeatmap(
  canvas: HTMLCanvasElement,
  values: Float32Array,
  toUnit: (v: number) => number,
  strength = 1,
): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const image = new ImageData(GRID, GRID);
  for (let i = 0; i < GRID * GRID; i++) {
    const [r, g, b] = color(toUnit(values[i]) * strength);
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  stretch(ctx, image);
}

/** A GRID × GRID image drawn at its size on a scratch canvas, then scaled up, smoothed, over the canvas. */
function stretch(ctx: CanvasRenderingContext2D, image: ImageData): void {
  const scratch = document.createElement("canvas");
  scratch.width = GRID;
  scratch.height = GRID;
  scratch.getContext("2d")?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

/** Class colours beyond two classes: orange and blue as for two, then green, purple and six more. */
export const CLASS_COLORS: readonly (readonly number[])[] = [
  ORANGE,
  BLUE,
  [52, 168, 83],
  [142, 68, 173],
  // Up to ten classes for uploaded data: Tableau's palette, after the four above.
  [214, 39, 40],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

/**
 * Several classes' outputs (softmax probabilities, one GRID × GRID field per class) as one map: each cell in the
 * colour of its most probable class, paler where that class is less sure.
 */
export function drawClassMap(canvas: HTMLCanvasElement, probabilities: Float32Array[], strength = 1): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const image = new ImageData(GRID, GRID);
  for (let i = 0; i < GRID * GRID; i++) {
    let best = 0;
    for (let k = 1; k < probabilities.length; k++) if (probabilities[k][i] > probabilities[best][i]) best = k;
    // 1/classes (no preference) is white; certainty is the full colour.
    const floor = 1 / probabilities.length;
    const s = (Math.max(0, probabilities[best][i] - floor) / (1 - floor)) * strength;
    for (let c = 0; c < 3; c++)
      image.data[4 * i + c] = Math.round(WHITE[c] + (CLASS_COLORS[best][c] - WHITE[c]) * s);
    image.data[4 * i + 3] = 255;
  }
  stretch(ctx, image);
}

/** The examples as dots, filled by their target: training ones with a white rim, test ones with a dark rim. */
export function drawPoints(
  canvas: HTMLCanvasElement,
  sets: { x1: Float32Array; x2: Float32Array; target: Float32Array; test: boolean }[],
  fill: (target: number) => string,
): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const px = (v: number) => ((v + DOMAIN) / (2 * DOMAIN)) * canvas.width;
  const py = (v: number) => ((DOMAIN - v) / (2 * DOMAIN)) * canvas.height;
  for (const s of sets) {
    ctx.strokeStyle = s.test ? "#222" : "#fff";
    ctx.lineWidth = 1;
    for (let i = 0; i < s.x1.length; i++) {
      ctx.beginPath();
      ctx.arc(px(s.x1[i]), py(s.x2[i]), 3, 0, 2 * Math.PI);
      ctx.fillStyle = fill(s.target[i]);
      ctx.fill();
      ctx.stroke();
    }
  }
}

/** Training and test loss per epoch. */
export function drawLossCurves(canvas: HTMLCanvasElement, history: { train: number; test: number }[]): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  if (history.length < 2) return;
  const finite = history.flatMap((h) => [h.train, h.test]).filter(Number.isFinite);
  const top = Math.max(...finite, 1e-9);
  const line = (key: "train" | "test", style: string) => {
    ctx.strokeStyle = style;
    ctx.lineWidth = 2;
    ctx.beginPath();
    history.forEach((h, i) => {
      const x = (i / (history.length - 1)) * width;
      const y = height - (Math.min(h[key], top) / top) * (height - 4) - 2;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  };
  line("test", "#222");
  line("train", "#999");
}

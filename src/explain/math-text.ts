/**
 * Mathematics written twice: as Unicode text for the terminal (z₁⁽¹⁾ = 0.2·0 + (-0.3)·1) and as LaTeX for
 * Markdown, KaTeX and the HTML page (z_{1}^{(1)} = 0.2 \cdot 0 + (-0.3) \cdot 1). Every derivation step carries
 * both, built from the same pieces, so the four output formats cannot disagree.
 */
import { formatNumber } from "./format.js";

export interface MathText {
  text: string;
  tex: string;
}

/** A piece written the same way in both (or with its own TeX spelling). */
export const mt = (text: string, tex: string = text): MathText => ({ text, tex });

type Piece = MathText | string;
const lift = (p: Piece): MathText => (typeof p === "string" ? mt(p) : p);

/** Pieces one after another. */
export function cat(...parts: Piece[]): MathText {
  const ms = parts.map(lift);
  return { text: ms.map((m) => m.text).join(""), tex: ms.map((m) => m.tex).join("") };
}

/** Pieces with a separator between them. */
export function join(parts: readonly Piece[], sep: Piece): MathText {
  const s = lift(sep);
  const ms = parts.map(lift);
  return { text: ms.map((m) => m.text).join(s.text), tex: ms.map((m) => m.tex).join(s.tex) };
}

export const TIMES = mt("·", " \\cdot ");
export const PLUS = mt(" + ", " + ");
export const MINUS = mt(" − ", " - ");
export const EQUALS = mt(" = ", " = ");
export const HADAMARD = mt(" ⊙ ", " \\odot ");
export const LEFTARROW = mt(" ← ", " \\leftarrow ");

const SUBSCRIPT: Readonly<Record<string, string>> = {
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
  i: "ᵢ",
  j: "ⱼ",
  k: "ₖ",
  n: "ₙ",
  ",": ",",
};
const SUPERSCRIPT: Readonly<Record<string, string>> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  l: "ˡ",
  L: "ᴸ",
  T: "ᵀ",
  "+": "⁺",
  "-": "⁻",
};

const subText = (s: string): string => [...s].map((c) => SUBSCRIPT[c] ?? c).join("");
/** Digits (and l, L, T, +, −) as Unicode superscripts: the one table the derivations share. */
export const supText = (s: string): string => [...s].map((c) => SUPERSCRIPT[c] ?? c).join("");

/**
 * A symbol with an optional subscript and layer: sym("w", "12", 2) is w₁₂⁽²⁾ and w_{12}^{(2)}. Two-part
 * subscripts ("n,j" with n or j above 9) keep their comma so that δ_{10,1} cannot be misread.
 */
export function sym(base: Piece, subscript?: string, layer?: number | string): MathText {
  const b = lift(base);
  let text = b.text;
  let tex = b.tex;
  if (subscript !== undefined && subscript !== "") {
    text += subText(subscript);
    tex += `_{${subscript}}`;
  }
  if (layer !== undefined) {
    text += `⁽${supText(String(layer))}⁾`;
    tex += `^{(${layer})}`;
  }
  return { text, tex };
}

/** Index pair n,j: "11" while both are single digits (the notes' δ₁₁), else "10,1". */
export const pair = (a: number, b: number): string => (a < 10 && b < 10 ? `${a}${b}` : `${a},${b}`);

/** A number's TeX: 1e-7 as 1·10⁻⁷ (TeX would set the e and a binary minus: "1e − 7"). */
export const texNumber = (s: string): string =>
  s.replace(/e([+-]?\d+)$/, (_, e: string) => ` \\cdot 10^{${Number(e)}}`);

/** A number as the derivation prints it (6 significant digits, decimal point). */
export const num = (v: number): MathText => {
  const s = formatNumber(v);
  return mt(s, texNumber(s));
};

/** A number as a factor or term after an operator: negative ones in parentheses, (-0.3). */
export function factor(v: number): MathText {
  const s = formatNumber(v);
  return v < 0 ? mt(`(${s})`, `(${texNumber(s)})`) : mt(s, texNumber(s));
}

/** Parentheses around a piece. */
export const paren = (p: Piece): MathText => cat(mt("(", "\\left("), p, mt(")", "\\right)"));

/** A fraction: a/b in text, \frac{a}{b} in TeX. */
export function frac(a: Piece, b: Piece): MathText {
  const x = lift(a);
  const y = lift(b);
  return { text: `${x.text}/${y.text}`, tex: `\\frac{${x.tex}}{${y.tex}}` };
}

/** Plain words inside mathematics. */
export const word = (s: string): MathText => mt(s, `\\text{${s.replace(/([\\{}_^#$%&~])/g, "\\$1")}}`);

/** A shape, 4 × 2 / 4 \times 2. */
export const shapeOf = (rows: number | string, cols: number | string): MathText =>
  mt(`${rows} × ${cols}`, `${rows} \\times ${cols}`);

/** A matrix in TeX (bmatrix); the text renderers lay matrices out themselves. */
export function texMatrix(
  rows: readonly (readonly number[])[],
  more?: { rows: boolean; cols: boolean },
): string {
  const lines = rows.map((r) => {
    const cells = r.map((v) => texNumber(formatNumber(v)));
    if (more?.cols) cells.push("\\cdots");
    return cells.join(" & ");
  });
  if (more?.rows) lines.push(rows[0].map(() => "\\vdots").join(" & ") + (more.cols ? " & \\ddots" : ""));
  return `\\begin{bmatrix} ${lines.join(" \\\\ ")} \\end{bmatrix}`;
}

/** A piece raised to a power (braced in TeX, so that a symbol with a layer, W^{(1)}, takes it too). */
export function power(p: Piece, exponent: string): MathText {
  const x = lift(p);
  const sup = [...exponent].map((c) => SUPERSCRIPT[c] ?? c).join("");
  return { text: `${x.text}${sup}`, tex: `{${x.tex}}^{${exponent}}` };
}

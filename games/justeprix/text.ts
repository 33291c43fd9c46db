/**
 * Small text helpers for terminal panels: display width (wide CJK letters
 * take two columns, combining marks none), fitting a line to a width, and
 * the ordinal/plural categories the catalogs need.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";

const WIDE: [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const ZERO = /^[\p{M}\u200b-\u200f\u2060\ufeff]$/u;

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || ZERO.test(ch)) return 0;
  return WIDE.some(([a, b]) => cp >= a && cp <= b) ? 2 : 1;
}

/**
 * Columns a string takes in a terminal (no ANSI escapes expected).
 *
 * @example
 * ```ts
 * import { displayWidth } from "./text.ts";
 * displayWidth("Zoé █░"); // 6
 * displayWidth("太郎"); // 4
 * ```
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/**
 * Cuts a string to at most `width` columns, ending with `…` when cut.
 *
 * @example
 * ```ts
 * import { fit } from "./text.ts";
 * fit("Manche 2/3", 8); // "Manche …"
 * ```
 */
export function fit(text: string, width: number): string {
  if (width <= 0) return "";
  if (displayWidth(text) <= width) return text;
  let out = "";
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + "…";
}

/**
 * Fits then pads with spaces to exactly `width` columns (left-aligned), or
 * right-aligns with `right`.
 *
 * @example
 * ```ts
 * import { pad } from "./text.ts";
 * pad("Ana", 5); // "Ana  "
 * pad("7", 3, true); // "  7"
 * ```
 */
export function pad(text: string, width: number, right = false): string {
  const s = fit(text, width);
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/**
 * Which ordinal template a number takes: `1`, `2`, `3` or `n` (catalog keys
 * `ordinal_1`, `ordinal_2`...). French: 1er, 2e...; English: 1st, 2nd, 3rd,
 * 4th, 11th, 21st...
 *
 * @example
 * ```ts
 * import { ordinalCategory } from "./text.ts";
 * ordinalCategory(22, "en"); // "2"
 * ordinalCategory(22, "fr"); // "n"
 * ```
 */
export function ordinalCategory(n: number, lang: Lang): "1" | "2" | "3" | "n" {
  if (lang === "fr") return n === 1 ? "1" : "n";
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return "n";
  const unit = n % 10;
  return unit === 1 ? "1" : unit === 2 ? "2" : unit === 3 ? "3" : "n";
}

/**
 * Plural category: `one` or `other` (French treats 0 and 1 as singular).
 *
 * @example
 * ```ts
 * import { pluralCategory } from "./text.ts";
 * pluralCategory(0, "fr"); // "one"
 * pluralCategory(0, "en"); // "other"
 * ```
 */
export function pluralCategory(n: number, lang: Lang): "one" | "other" {
  return lang === "fr" ? (n <= 1 ? "one" : "other") : n === 1 ? "one" : "other";
}

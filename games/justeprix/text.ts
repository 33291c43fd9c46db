/**
 * Small text helpers for terminal panels: display width, fitting a line to
 * a width (both from the shared `games/text_layout.ts`, under the names
 * this game's view uses), right-aligned padding, and the ordinal/plural
 * categories the catalogs need.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import { pad as padText } from "../../text/layout.ts";

// `fit` cuts to a width with `…`; `displayWidth` counts terminal columns.
export { cut as fit, visibleWidth as displayWidth } from "../../text/layout.ts";

/**
 * Cuts (with `…`) then pads `text` with spaces to exactly `width` columns,
 * left-aligned, or right-aligned with `right`.
 *
 * @example
 * ```ts
 * import { pad } from "./text.ts";
 * pad("Ana", 5); // "Ana  "
 * pad("7", 3, true); // "  7"
 * ```
 */
export function pad(text: string, width: number, right = false): string {
  return padText(text, width, { align: right ? "right" : "left" });
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

/**
 * Number formatting for people, in French or English. Pure.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";

/**
 * Formats a number with at most `digits` decimals, the language's way.
 *
 * @example
 * ```ts
 * import { formatNumber } from "./format.ts";
 * formatNumber(1234.5, "en", 1); // "1,234.5"
 * formatNumber(0.25, "fr", 2); // "0,25"
 * ```
 */
export function formatNumber(value: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(value);
}

/**
 * Formats milliseconds with sensible precision: 3 decimals below 1 ms, 2
 * below 10, 1 below 100, none above.
 *
 * @example
 * ```ts
 * import { formatMs } from "./format.ts";
 * formatMs(0.04321, "en"); // "0.043"
 * formatMs(212.7, "fr"); // "213"
 * ```
 */
export function formatMs(value: number, lang: Lang): string {
  const digits = value < 1 ? 3 : value < 10 ? 2 : value < 100 ? 1 : 0;
  return formatNumber(value, lang, digits);
}

/**
 * Formats `part / whole` as a percentage number (no sign), 1 decimal, or 2
 * below 1 %.
 *
 * @example
 * ```ts
 * import { formatPercent } from "./format.ts";
 * formatPercent(49, 1000, "fr"); // "4,9"
 * formatPercent(3, 1000, "en"); // "0.3"
 * ```
 */
export function formatPercent(part: number, whole: number, lang: Lang): string {
  const pct = whole > 0 ? (100 * part) / whole : 0;
  return formatNumber(pct, lang, pct > 0 && pct < 1 ? 2 : 1);
}

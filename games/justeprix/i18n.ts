/**
 * Juste prix's texts: the translator over ./catalog.json (French and
 * English), the sentence for each rule error code, and the small words the
 * lines and the screen share (attempts, ordinals, points, hints).
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { Catalog } from "../../i18n/translate.ts";
import { gameTexts } from "../game_texts.ts";
import json from "./catalog.json" with { type: "json" };
import type { Hint } from "./wire.ts";

/**
 * The fr/en texts of juste prix.
 *
 * @example
 * ```ts
 * import { catalog } from "./i18n.ts";
 * catalog.fr.help; // "Tapez un nombre puis Entrée"
 * ```
 */
export const catalog: Catalog = json;

/**
 * Renders a catalog key (`t`), and the sentence for a rule error code
 * (`error`, `error.unknown` when the code has none).
 *
 * @example
 * ```ts
 * import { error, t } from "./i18n.ts";
 * t("fr", "attempts", { n: 2 }); // "2 essais"
 * error("out_of_range", { min: 1, max: 100 }, "en"); // "Guess a whole number between 1 and 100."
 * ```
 */
export const { t, error } = gameTexts(catalog);

/**
 * "3 attempts", "1 essai": the count with its plural form.
 *
 * @example
 * ```ts
 * import { attempts } from "./i18n.ts";
 * attempts("en", 1); // "1 attempt"
 * attempts("fr", 0); // "0 essai"
 * ```
 */
export function attempts(lang: Lang, n: number): string {
  return t(lang, "attempts", { n });
}

const ordinalRules = new Map<Lang, Intl.PluralRules>();

/**
 * A rank as an ordinal (`Intl.PluralRules` of type `ordinal` picks the
 * catalog key `ordinal.one`, `.two`, `.few` or `.other`).
 *
 * @example
 * ```ts
 * import { ordinal } from "./i18n.ts";
 * ordinal("en", 22); // "22nd"
 * ordinal("en", 13); // "13th"
 * ordinal("fr", 1); // "1er"
 * ```
 */
export function ordinal(lang: Lang, n: number): string {
  let rules = ordinalRules.get(lang);
  if (!rules) {
    ordinalRules.set(
      lang,
      rules = new Intl.PluralRules(lang, { type: "ordinal" }),
    );
  }
  return t(lang, `ordinal.${rules.select(n)}`, { n });
}

/**
 * Points as shown everywhere: "250 pts".
 *
 * @example
 * ```ts
 * import { points } from "./i18n.ts";
 * points("en", 250); // "250 pts"
 * ```
 */
export function points(lang: Lang, n: number): string {
  return t(lang, "points", { points: n });
}

/**
 * The words of a hint.
 *
 * @example
 * ```ts
 * import { hintText } from "./i18n.ts";
 * hintText("en", "plus"); // "It's higher!"
 * ```
 */
export function hintText(lang: Lang, hint: Hint): string {
  return t(lang, `hint.${hint}`);
}

/**
 * Whole seconds shown for a number of milliseconds (rounded up).
 *
 * @example
 * ```ts
 * import { seconds } from "./i18n.ts";
 * seconds(1200); // 2
 * ```
 */
export function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

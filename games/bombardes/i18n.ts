/**
 * Bombardes' texts: the translator over ./catalog.json and the sentence for
 * each rule error code.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { Catalog } from "../../i18n/translate.ts";
import { gameTexts } from "../game_texts.ts";
import json from "./catalog.json" with { type: "json" };

/**
 * The fr/en texts.
 *
 * @example
 * ```ts
 * import { catalog } from "./i18n.ts";
 * catalog.fr["wind.calm"]; // "pas de vent"
 * ```
 */
export const catalog: Catalog = json;

/**
 * Renders a key (`t`); the sentence for a rule error code (`error`).
 *
 * @example
 * ```ts
 * import { error, t } from "./i18n.ts";
 * t("en", "line.score", { nickname: "Ana", n: 1 }); // "Ana: 1 point"
 * error("not_your_turn", {}, "fr"); // "Ce n'est pas votre tour de tirer : attendez qu'on vous le dise."
 * ```
 */
export const { t, error } = gameTexts(catalog);

/**
 * The wind in words: calm, or its direction as an arrow and its strength.
 *
 * @example
 * ```ts
 * import { windText } from "./i18n.ts";
 * windText(-3, "en"); // "wind ← 3"
 * windText(0, "fr"); // "pas de vent"
 * ```
 */
export function windText(wind: number, lang: Lang): string {
  if (wind === 0) return t(lang, "wind.calm");
  return t(lang, wind < 0 ? "wind.left" : "wind.right", { n: Math.abs(wind) });
}

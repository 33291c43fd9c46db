/**
 * The QCM's texts: the translator over ./catalog.json (French and English)
 * and the sentence for each rule error code (`error.<code>`, else
 * `error.unknown`).
 *
 * @example
 * ```ts
 * import { error, t } from "./i18n.ts";
 * t("en", "you_right", { n: 1 }); // "Right! +1 point"
 * error("time_up", {}, "en"); // "Time is up for this question: wait for the next one."
 * error("odd", {}, "fr"); // "Coup refusé (odd)."
 * ```
 *
 * @module
 */
import { gameTexts } from "../game_texts.ts";
import catalog from "./catalog.json" with { type: "json" };

export { catalog };

/** The QCM's translator and its rule-error sentences. */
export const { t, error } = gameTexts(catalog);

/**
 * Morpion's texts: the translator over ./catalog.json (French and English)
 * and the sentence for each rule error code.
 *
 * @module
 */
import type { Catalog } from "../../i18n/translate.ts";
import { gameTexts } from "../game_texts.ts";
import json from "./catalog.json" with { type: "json" };

/**
 * Morpion's catalog: same keys in `fr` and `en`.
 *
 * @example
 * ```ts
 * import { catalog } from "./i18n.ts";
 * catalog.fr.draw; // "Match nul"
 * ```
 */
export const catalog: Catalog = json;

/**
 * Renders a morpion catalog key (`t`), and the sentence for a rule error
 * code (`error`, `error.unknown` when the code has none).
 *
 * @example
 * ```ts
 * import { error, t } from "./i18n.ts";
 * t("en", "played", { name: "bob", mark: "O", cell: 5 }); // "bob (O) played 5"
 * error("occupied", { cell: 5 }, "en"); // "Cell 5 is taken: choose an empty cell."
 * error("odd", {}, "en"); // "Move refused (odd)."
 * ```
 */
export const { t, error } = gameTexts(catalog);

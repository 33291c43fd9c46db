/**
 * Morpion's texts: the translator over ./catalog.json (French and English)
 * and the sentence for each rule error code.
 *
 * @module
 */
import { eliding } from "../../i18n/elision.ts";
import type { Catalog, Translator } from "../../i18n/translate.ts";
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

const texts = gameTexts(catalog);

/**
 * Renders a morpion catalog key, with French elision before names
 * (« Au tour d'Alice »).
 *
 * @example
 * ```ts
 * import { t } from "./i18n.ts";
 * t("fr", "their_turn", { name: "Alice", mark: "X" }); // "Au tour d'Alice (X)."
 * t("fr", "their_turn", { name: "Bob", mark: "O" }); // "Au tour de Bob (O)."
 * ```
 */
export const t: Translator = eliding(texts.t);

/**
 * The sentence for a rule error code (`error.unknown` when the code has
 * none).
 *
 * @example
 * ```ts
 * import { error } from "./i18n.ts";
 * error("occupied", { cell: 5 }, "en"); // "Cell 5 is taken: choose an empty cell."
 * error("odd", {}, "en"); // "Move refused (odd)."
 * ```
 */
export const error = texts.error;

/**
 * The client's own texts (title bar, lobby panel, picker, prompts), French
 * and English, from `catalog.json`.
 *
 * @module
 */
import { type Catalog, makeTranslator } from "../i18n/translate.ts";
import catalog from "./catalog.json" with { type: "json" };

/**
 * Translator of the client's own texts.
 *
 * @example
 * ```ts
 * import { ct } from "./texts.ts";
 * ct("en", "title_players", { n: 3 }); // "3 players"
 * ct("fr", "title_players", { n: 1 }); // "1 joueur"
 * ```
 */
export const ct = makeTranslator(catalog as Catalog);

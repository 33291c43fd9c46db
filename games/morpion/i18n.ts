/**
 * Morpion's translator over its catalog (./catalog.json, French and English).
 *
 * @module
 */
import {
  type Catalog,
  makeTranslator,
  type Translator,
} from "../../i18n/translate.ts";
import catalog from "./catalog.json" with { type: "json" };

/**
 * Morpion's catalog: same keys in `fr` and `en`.
 *
 * @example
 * ```ts
 * import { morpionCatalog } from "./i18n.ts";
 * morpionCatalog.fr.draw; // "Match nul"
 * ```
 */
export const morpionCatalog: Catalog = catalog;

/**
 * Renders a morpion catalog key.
 *
 * @example
 * ```ts
 * import { t } from "./i18n.ts";
 * t("en", "played", { name: "bob", mark: "O", cell: 5 }); // "bob (O) played 5"
 * ```
 */
export const t: Translator = makeTranslator(morpionCatalog);

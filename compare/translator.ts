/**
 * The translator of `compare`, over its own catalog (compare/catalog.json).
 *
 * @module
 */
import catalog from "./catalog.json" with { type: "json" };
import {
  type Catalog,
  makeTranslator,
  type Translator,
} from "../i18n/translate.ts";

/**
 * Renders a `compare` catalog key in French or English.
 *
 * @example
 * ```ts
 * import { t } from "./translator.ts";
 * t("fr", "row.lost"); // "perdus"
 * ```
 */
export const t: Translator = makeTranslator(catalog as Catalog);

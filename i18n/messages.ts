/**
 * The shared catalog: lobby, notices and protocol errors, in French and
 * English. Games carry their own catalogs.
 *
 * @module
 */
import catalog from "./catalog.json" with { type: "json" };
import { type Catalog, makeTranslator, type Translator } from "./translate.ts";

/**
 * Translates a key of the shared catalog.
 *
 * @example
 * ```ts
 * import { t } from "./messages.ts";
 * t("fr", "joined", { nickname: "Zoé" }); // "→ Zoé a rejoint la salle"
 * ```
 */
export const t: Translator = makeTranslator(catalog as Catalog);

/**
 * The raw shared catalog (for tests that compare languages).
 *
 * @example
 * ```ts
 * import { sharedCatalog } from "./messages.ts";
 * Object.keys(sharedCatalog.fr).length > 0; // true
 * ```
 */
export const sharedCatalog: Catalog = catalog as Catalog;

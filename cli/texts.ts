/**
 * The command line's own sentences (help, errors, the host's log), French
 * and English, from `catalog.json`.
 *
 * @module
 */
import {
  type Catalog,
  makeTranslator,
  type Translator,
} from "../i18n/translate.ts";
import catalog from "./catalog.json" with { type: "json" };

/**
 * Translator of the command line's texts; a count is the `n` parameter.
 *
 * @example
 * ```ts
 * import { t } from "./texts.ts";
 * t("en", "log.game_started", { game: "qcm", n: 1 }); // "game started: qcm (1 player)"
 * t("fr", "log.game_started", { game: "qcm", n: 3 }); // "partie lancée : qcm (3 joueurs)"
 * ```
 */
export const t: Translator = makeTranslator(catalog as Catalog);

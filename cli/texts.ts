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
import { eliding } from "../i18n/elision.ts";
import catalog from "./catalog.json" with { type: "json" };

/**
 * Translator of the command line's texts; a count is the `n` parameter;
 * French elides « de » before a name (« Salle d'Alice »).
 *
 * @example
 * ```ts
 * import { t } from "./texts.ts";
 * t("en", "log.game_started", { game: "qcm", n: 1 }); // "game started: qcm (1 player)"
 * t("fr", "log.game_started", { game: "qcm", n: 3 }); // "partie lancée : qcm (3 joueurs)"
 * t("fr", "host.default_name", { hostname: "iris" }); // "Salle d'iris"
 * ```
 */
export const t: Translator = eliding(makeTranslator(catalog as Catalog));

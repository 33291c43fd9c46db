/**
 * What every game's texts share: a translator over the game's
 * `catalog.json` and the sentence for a rule error code (`error.<code>`,
 * or `error.unknown` naming the code when the catalog has no sentence).
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import {
  type Catalog,
  makeTranslator,
  type Translator,
} from "../i18n/translate.ts";

/** A game's translator and its rule-error sentences. */
export interface GameTexts {
  /** Renders a key of the game's catalog. */
  t: Translator;
  /** Sentence for a rule error code: `error.<code>`, else `error.unknown`. */
  error(
    code: string,
    params: Record<string, string | number>,
    lang: Lang,
  ): string;
}

/**
 * The texts of one game.
 *
 * @example
 * ```ts
 * import { gameTexts } from "./game_texts.ts";
 * const texts = gameTexts({
 *   fr: { "error.taken": "Case {cell} prise.", "error.unknown": "Refusé ({code})." },
 *   en: { "error.taken": "Cell {cell} taken.", "error.unknown": "Refused ({code})." },
 * });
 * texts.error("taken", { cell: 5 }, "en"); // "Cell 5 taken."
 * texts.error("odd", {}, "fr"); // "Refusé (odd)."
 * ```
 */
export function gameTexts(catalog: Catalog): GameTexts {
  const t = makeTranslator(catalog);
  return {
    t,
    error: (code, params, lang) =>
      Object.hasOwn(catalog.en, `error.${code}`)
        ? t(lang, `error.${code}`, params)
        : t(lang, "error.unknown", { code }),
  };
}

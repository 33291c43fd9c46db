/**
 * French elision of the words a template puts before a name: « de {name} »
 * becomes « d'Alice » and « que {name} » « qu'Hugo » when the name starts
 * with a vowel or an h (taken as mute: « d'Hélène »). Only what a parameter
 * brings is looked at, so fixed text is never changed, and other languages
 * pass through.
 *
 * @module
 */
import type { Translator } from "./translate.ts";

const OPEN = "\u0001";
const CLOSE = "\u0002";
const VOWEL_OR_H = "aàâäeéèêëiîïoôöuùûüœæh";
const ELIDED = new RegExp(
  `\\b(d|qu)e ${OPEN}(?=[${VOWEL_OR_H}])`,
  "giu",
);
const MARKS = new RegExp(`[${OPEN}${CLOSE}]`, "g");

/**
 * A translator that elides « de » and « que » before a French parameter
 * starting with a vowel or an h; other languages are unchanged.
 *
 * @example
 * ```ts
 * import { makeTranslator } from "./translate.ts";
 * import { eliding } from "./elision.ts";
 * const t = eliding(makeTranslator({
 *   fr: { turn: "Au tour de {name}." },
 *   en: { turn: "{name} to play." },
 * }));
 * t("fr", "turn", { name: "Alice" }); // "Au tour d'Alice."
 * t("fr", "turn", { name: "Hugo" }); // "Au tour d'Hugo."
 * t("fr", "turn", { name: "Bob" }); // "Au tour de Bob."
 * t("en", "turn", { name: "Alice" }); // "Alice to play."
 * ```
 */
export function eliding(t: Translator): Translator {
  return (lang, key, params) => {
    if (lang !== "fr" || !params) return t(lang, key, params);
    const marked: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(params)) {
      // `n` picks the plural form: it must stay a number.
      marked[name] = typeof value === "number"
        ? value
        : OPEN + value.replace(MARKS, "") + CLOSE;
    }
    return t(lang, key, marked)
      .replace(ELIDED, (_, word: string) => `${word}'${OPEN}`)
      .replace(MARKS, "");
  };
}

/**
 * Translation helpers: catalogs are JSON objects `{ fr: {...}, en: {...} }`
 * imported into the module graph (so the compiled binary carries them).
 * Templates use `{name}` placeholders.
 *
 * @module
 */
import { type Lang, LANGS } from "../protocol/constants.ts";

/** A catalog: for each language, keys to templates. */
export type Catalog = Record<Lang, Record<string, string>>;

/** A function that renders a key in a language with parameters. */
export type Translator = (
  lang: Lang,
  key: string,
  params?: Record<string, string | number>,
) => string;

/**
 * Fills `{name}` placeholders.
 *
 * @example
 * ```ts
 * import { fill } from "./translate.ts";
 * fill("{n} joueurs", { n: 3 }); // "3 joueurs"
 * ```
 */
export function fill(
  template: string,
  params: Record<string, string | number> = {},
): string {
  return template.replace(
    /\{(\w+)\}/g,
    (all, name) => name in params ? String(params[name]) : all,
  );
}

/**
 * Makes a translator over a catalog; a missing key falls back to English,
 * then to the key itself.
 *
 * @example
 * ```ts
 * import { makeTranslator } from "./translate.ts";
 * const t = makeTranslator({ fr: { hi: "salut {n}" }, en: { hi: "hi {n}" } });
 * t("fr", "hi", { n: "Zoé" }); // "salut Zoé"
 * ```
 */
export function makeTranslator(catalog: Catalog): Translator {
  return (lang, key, params) =>
    fill(catalog[lang]?.[key] ?? catalog.en[key] ?? key, params);
}

/**
 * Picks the language from an explicit choice or the environment (`LC_ALL`,
 * `LC_MESSAGES`, `LANG`): French when it starts with `fr`, else English.
 *
 * @example
 * ```ts
 * import { pickLang } from "./translate.ts";
 * pickLang(undefined, { LANG: "fr_FR.UTF-8" }); // "fr"
 * ```
 */
export function pickLang(
  explicit: string | undefined,
  env: Record<string, string | undefined>,
): Lang {
  if (explicit && (LANGS as readonly string[]).includes(explicit)) {
    return explicit as Lang;
  }
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return v.toLowerCase().startsWith("fr") ? "fr" : "en";
}

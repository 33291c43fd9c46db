/**
 * Translation helpers: catalogs are JSON objects `{ fr: {...}, en: {...} }`
 * imported into the module graph (so the compiled binary carries them).
 * Templates use `{name}` placeholders. A template that depends on a count
 * is an object of plural forms (`{ "one": "{n} joueur", "other": "{n}
 * joueurs" }`) chosen by `Intl.PluralRules` from the `n` parameter.
 *
 * @module
 */
import { type Lang, LANGS } from "../protocol/constants.ts";

/** Plural forms of one template, chosen by `Intl.PluralRules`; `other` is required. */
export type PluralTemplate =
  & Partial<Record<Intl.LDMLPluralRule, string>>
  & { other: string };

/** One template: a string, or plural forms picked by the `n` parameter. */
export type Template = string | PluralTemplate;

/** A catalog: for each language, keys to templates. */
export type Catalog = Record<Lang, Record<string, Template>>;

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

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The form of `template` for the count `n` in `lang` (French: 0 and 1 are
 * singular; English: only 1).
 *
 * @example
 * ```ts
 * import { pluralForm } from "./translate.ts";
 * const t = { one: "{n} joueur", other: "{n} joueurs" };
 * pluralForm(t, "fr", 0); // "{n} joueur"
 * pluralForm(t, "fr", 2); // "{n} joueurs"
 * ```
 */
export function pluralForm(
  template: Template,
  lang: string,
  n: unknown,
): string {
  if (typeof template === "string") return template;
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, rules = new Intl.PluralRules(lang));
  const form = typeof n === "number" ? rules.select(n) : "other";
  return template[form] ?? template.other;
}

/**
 * Makes a translator over a catalog; a missing key falls back to English,
 * then to the key itself. Plural templates follow the `n` parameter.
 *
 * @example
 * ```ts
 * import { makeTranslator } from "./translate.ts";
 * const t = makeTranslator({ fr: { hi: "salut {n}" }, en: { hi: "hi {n}" } });
 * t("fr", "hi", { n: "Zoé" }); // "salut Zoé"
 * const p = makeTranslator({
 *   fr: { players: { one: "{n} joueur", other: "{n} joueurs" } },
 *   en: { players: { one: "{n} player", other: "{n} players" } },
 * });
 * p("fr", "players", { n: 1 }); // "1 joueur"
 * p("en", "players", { n: 0 }); // "0 players"
 * ```
 */
export function makeTranslator(catalog: Catalog): Translator {
  return (lang, key, params) => {
    const template = catalog[lang]?.[key] ?? catalog.en[key] ?? key;
    return fill(pluralForm(template, lang, params?.n), params);
  };
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

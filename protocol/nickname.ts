/**
 * Nicknames nobody can fake: a confusable skeleton (the idea of Unicode
 * TS #39) so that `Аlice` (Cyrillic А), `Ａｌｉｃｅ`, `𝐀𝐥𝐢𝐜𝐞`, `ᴀʟɪᴄᴇ` or `AIice`
 * count as the same name as `Alice`, and a mixed-script rule (Latin letters
 * next to Cyrillic or Greek ones are refused). Pure.
 *
 * The skeleton: NFKC, invisible characters removed, confusable characters
 * mapped to their prototype (the npm package `confusables`, about 3300
 * characters), case folded, accents dropped, then the ASCII look-alikes of
 * small fonts: `I` `l` `i` `1` `|` are one letter, `O` `0` are one, `rn`
 * reads as `m` and `vv` as `w`.
 *
 * Decision: accents are dropped, so `Zoé` and `Zoe` have the same skeleton
 * and cannot both be in one room (a glance at a list does not tell them
 * apart); `Zoé` and `Zoë` neither. Different names (`Ana`/`Anna`,
 * `Léa`/`Léo`) stay different.
 *
 * @module
 */
import { remove as removeConfusables } from "confusables";

/** Invisible characters: format controls (zero-width, bidi) and variation selectors. */
const INVISIBLE =
  /[\p{Cf}\u180B-\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u034F\u115F\u1160\u3164\uFFA0]/gu;
const MARKS = /\p{M}/gu;

/**
 * The confusable skeleton of a nickname: two nicknames that look alike
 * have the same skeleton.
 *
 * @example
 * ```ts
 * import { nicknameSkeleton } from "./nickname.ts";
 * nicknameSkeleton("Alice"); // "allce" (I, l, i, 1 are one letter)
 * nicknameSkeleton("\u0410lice") === nicknameSkeleton("Alice"); // true (Cyrillic А)
 * nicknameSkeleton("AIice") === nicknameSkeleton("Alice"); // true
 * nicknameSkeleton("Anna") === nicknameSkeleton("Ana"); // false
 * ```
 *
 * @param nickname a nickname (any text)
 */
export function nicknameSkeleton(nickname: string): string {
  let s = nickname.normalize("NFKC").replace(INVISIBLE, "");
  s = removeConfusables(s);
  s = s.normalize("NFKD").replace(MARKS, "").replace(INVISIBLE, "");
  // After case folding, i (from I) and l are merged below: small fonts blur them.
  s = s.toLowerCase().normalize("NFKC");
  return s
    .replace(/rn/g, "m")
    .replace(/vv/g, "w")
    .replace(/[il1|ı]/g, "l")
    .replace(/0/g, "o");
}

/** Scripts whose letters imitate Latin ones. */
const LOOKALIKE_SCRIPTS: readonly [string, RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
];

/**
 * The scripts (among Latin, Cyrillic, Greek) whose letters a nickname uses.
 *
 * @example
 * ```ts
 * import { nicknameScripts } from "./nickname.ts";
 * nicknameScripts("Zoé_2"); // ["Latin"]
 * nicknameScripts("\u0410lice"); // ["Latin", "Cyrillic"]
 * ```
 *
 * @param nickname a nickname
 */
export function nicknameScripts(nickname: string): string[] {
  const s = nickname.normalize("NFKC");
  return LOOKALIKE_SCRIPTS.filter(([, re]) => re.test(s)).map(([name]) => name);
}

/**
 * True when a nickname mixes letters of Latin with Cyrillic or Greek (or
 * Cyrillic with Greek): the usual way to imitate a name letter by letter.
 * A name in one script (`Алиса`, `Ζωή`, `Zoé`) is fine.
 *
 * @example
 * ```ts
 * import { isMixedScript } from "./nickname.ts";
 * isMixedScript("\u0410lice"); // true
 * isMixedScript("Алиса"); // false
 * isMixedScript("Zoé_2"); // false
 * ```
 *
 * @param nickname a nickname
 */
export function isMixedScript(nickname: string): boolean {
  return nicknameScripts(nickname).length > 1;
}

/**
 * Nicknames: a default from the environment, a free variant for scripts,
 * and asking a person on the terminal.
 *
 * @module
 */
import { type Lang, NICKNAME_MAX } from "../protocol/constants.ts";
import { nicknameSchema } from "../protocol/messages.ts";
import { t as shared } from "../i18n/messages.ts";
import { sanitize } from "../text/sanitize.ts";
import { t } from "./texts.ts";

/**
 * A default nickname from the environment (`USER`), cleaned to the rules;
 * without one, "joueur" or "player" in the user's language (French when
 * not told).
 *
 * @example
 * ```ts
 * import { defaultNickname } from "./nickname.ts";
 * defaultNickname({ USER: "zoé martin" }); // "zoé_martin"
 * defaultNickname({}); // "joueur"
 * defaultNickname({}, "en"); // "player"
 * ```
 */
export function defaultNickname(
  env: Record<string, string | undefined>,
  lang: Lang = "fr",
): string {
  const fallback = t(lang, "nickname.default");
  const raw = (env.USER ?? env.USERNAME ?? fallback).replace(/\s+/g, "_")
    .replace(/[^\p{L}\p{N}_.-]/gu, "");
  return (raw || fallback).slice(0, 16);
}

/**
 * Why the host would refuse a typed nickname, in `lang`, or null when it
 * is fine: the rule the host checks first (`nicknameSchema`: 1 to 16
 * letters, digits, `_ - .`, no spaces), with the host's sentence.
 *
 * @example
 * ```ts
 * import { nicknameProblem } from "./nickname.ts";
 * nicknameProblem("Zoé", "en"); // null
 * nicknameProblem("Zoé Martin", "en");
 * // "Nickname “Zoé Martin” refused: 1 to 16 characters, letters, digits, _ - . and no spaces."
 * ```
 */
export function nicknameProblem(nickname: string, lang: Lang): string | null {
  if (nicknameSchema.safeParse(nickname).success) return null;
  return shared(lang, "err.bad_nickname", {
    nickname: sanitize(nickname.slice(0, 40)),
    max: NICKNAME_MAX,
  });
}

/**
 * The nickname a script or a bot takes after `attempt` refusals of a taken
 * one: the base cut to leave room for `-N`.
 *
 * @example
 * ```ts
 * import { nicknameVariant } from "./nickname.ts";
 * nicknameVariant("bot-1234", 1); // "bot-1234-2"
 * nicknameVariant("a_very_long_nickname", 2); // "a_very_long_n-3"
 * ```
 */
export function nicknameVariant(base: string, attempt: number): string {
  return `${base.slice(0, 13)}-${attempt + 1}`;
}

/**
 * Asks on the terminal (line mode), with a default on empty input; after a
 * refusal, `problem` says why first. A nickname the host would refuse
 * (`Zoé Martin`: a space) is refused here at once, in `lang`, and asked
 * again; end of input takes the default.
 *
 * @example
 * ```ts
 * import { askNickname } from "./nickname.ts";
 * const answers = ["Zoé Martin", "Zoé"];
 * const asked: string[] = [];
 * const ask = (q: string) => (asked.push(q), answers.shift() ?? null);
 * askNickname("en", "player", undefined, ask); // "Zoé"
 * asked.length; // 2
 * ```
 */
export function askNickname(
  lang: Lang,
  fallback: string,
  problem?: string,
  ask: (question: string) => string | null = prompt,
): string {
  let why = problem;
  for (;;) {
    const question = why
      ? t(lang, "nickname.retry", { message: why })
      : t(lang, "nickname.ask");
    const answer = ask(`${question}[${fallback}]`);
    if (answer === null) return fallback;
    const nickname = answer.trim() || fallback;
    const wrong = nicknameProblem(nickname, lang);
    if (wrong === null) return nickname;
    why = wrong;
  }
}

/**
 * Nicknames: a default from the environment, a free variant for scripts,
 * and asking a person on the terminal.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { t } from "./texts.ts";

/**
 * A default nickname from the environment (`USER`), cleaned to the rules.
 *
 * @example
 * ```ts
 * import { defaultNickname } from "./nickname.ts";
 * defaultNickname({ USER: "zoé martin" }); // "zoé_martin"
 * defaultNickname({}); // "joueur"
 * ```
 */
export function defaultNickname(
  env: Record<string, string | undefined>,
): string {
  const raw = (env.USER ?? env.USERNAME ?? "joueur").replace(/\s+/g, "_")
    .replace(/[^\p{L}\p{N}_.-]/gu, "");
  return (raw || "joueur").slice(0, 16);
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
 * refusal, `problem` says why first.
 *
 * @example
 * ```ts ignore
 * const name = askNickname("fr", "zoe");
 * ```
 */
export function askNickname(
  lang: Lang,
  fallback: string,
  problem?: string,
): string {
  const question = problem
    ? t(lang, "nickname.retry", { message: problem })
    : t(lang, "nickname.ask");
  const answer = prompt(`${question}[${fallback}]`);
  return answer?.trim() || fallback;
}

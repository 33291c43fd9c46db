/**
 * Asking a person for a nickname.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { ct } from "../client/texts.ts";

/**
 * A default nickname from the environment (`USER`), cleaned to the rules.
 *
 * @example
 * ```ts
 * import { defaultNickname } from "./nickname.ts";
 * defaultNickname({ USER: "zoé martin" }); // "zoé_martin"
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
 * Asks on the terminal (line mode), with a default on empty input.
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
    ? ct(lang, "nickname_retry", { message: problem })
    : ct(lang, "ask_nickname");
  const answer = prompt(`${question}[${fallback}]`);
  return answer?.trim() || fallback;
}

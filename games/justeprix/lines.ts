/**
 * Juste prix's text lines for each game message: what a text-mode player
 * (`nc`) reads, and the full-screen client's log. Progress messages stay
 * quiet (the screen's table shows them).
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { GameMessage } from "../types.ts";
import { attempts, hintText, ordinal, points, seconds, t } from "./i18n.ts";
import { messageSchema, type RankingEntry, type TotalEntry } from "./wire.ts";

/** Most ranking lines a round end prints in text mode. */
const TEXT_RANKING_MAX = 10;

/**
 * Whether a message's entry is the reader (`me` is a nickname or an id).
 *
 * @example
 * ```ts
 * import { isMe } from "./lines.ts";
 * isMe({ id: "a", nickname: "Ana" }, "Ana"); // true
 * ```
 */
export function isMe(
  entry: { id: string; nickname: string },
  me: string,
): boolean {
  return entry.nickname === me || entry.id === me;
}

function rankingLines(
  lang: Lang,
  ranking: RankingEntry[],
): string[] {
  const shown = ranking.slice(0, TEXT_RANKING_MAX).map((r) =>
    t(lang, r.found ? "line.rank_found" : "line.rank_not_found", {
      rank: r.rank,
      nickname: r.nickname,
      attempts: attempts(lang, r.attempts),
      points: points(lang, r.points),
    })
  );
  const more = ranking.length - shown.length;
  return more > 0 ? [...shown, t(lang, "line.more", { n: more })] : shown;
}

function myTotal(lang: Lang, totals: TotalEntry[], me: string): string[] {
  const mine = totals.find((e) => isMe(e, me));
  if (!mine) return [];
  return [t(lang, "line.my_total", {
    points: points(lang, mine.points),
    ordinal: ordinal(lang, mine.rank),
  })];
}

/**
 * Human lines for one juste prix message, in `lang`, read by `me` (a
 * nickname); a message that is not one of juste prix gives none.
 *
 * @example
 * ```ts
 * import { messageLines } from "./lines.ts";
 * messageLines(
 *   { type: "hint", round: 1, guess: 50, hint: "plus", attempts: 3, low: 51, high: 100 },
 *   "fr",
 *   "ana",
 * ); // ["50 → C'est plus ! (3 essais) — entre 51 et 100"]
 * ```
 */
export function messageLines(
  message: GameMessage,
  lang: Lang,
  me: string,
): string[] {
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) return [];
  const m = parsed.data;
  switch (m.type) {
    case "round_start":
      return [
        t(lang, "line.round_start", {
          round: m.round,
          rounds: m.rounds,
          min: m.min,
          max: m.max,
        }),
        m.endsIn === null
          ? t(lang, "line.no_limit")
          : t(lang, "line.time_limit", { sec: seconds(m.endsIn) }),
      ];
    case "hint":
      return [
        t(lang, m.hint === "found" ? "line.hint_found" : "line.hint", {
          guess: m.guess,
          hint: hintText(lang, m.hint),
          attempts: attempts(lang, m.attempts),
          low: m.low,
          high: m.high,
        }),
      ];
    case "found":
      return [
        isMe(m, me)
          ? t(lang, "line.found_me", { ordinal: ordinal(lang, m.rank) })
          : t(lang, "line.found", {
            nickname: m.nickname,
            attempts: attempts(lang, m.attempts),
          }),
      ];
    case "progress":
      // The screen's table shows progress; text mode stays quiet.
      return [];
    case "round_end":
      return [
        t(lang, "line.round_end", {
          round: m.round,
          rounds: m.rounds,
          secret: m.secret,
        }),
        ...(m.reason === "all_found" ? [] : [t(lang, `reason.${m.reason}`)]),
        ...rankingLines(lang, m.ranking),
        ...myTotal(lang, m.totals, me),
        m.nextIn === null
          ? t(lang, "line.last_round")
          : t(lang, "line.next_round", { sec: seconds(m.nextIn) }),
      ];
  }
}

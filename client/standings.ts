/**
 * The session standings a player takes home: read from the host's `bye`
 * (checked: it is untrusted), or made from the last lobby when the host
 * vanished, and drawn as a small ranked table for the normal screen.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { cut, pad, visibleWidth } from "../text/layout.ts";
import { sanitize } from "../text/sanitize.ts";
import { ct } from "./texts.ts";

/** One player's place in the session. */
export interface Standing {
  /** The seat's id, when the host said it. */
  id?: string;
  /** The player's nickname. */
  nickname: string;
  /** Session points. */
  score: number;
  /** 1 for the first; ties share a rank. */
  rank: number;
}

/** Most standings read from a host (a room holds far fewer players). */
export const STANDINGS_MAX = 256;

/**
 * The standings of a `bye` (its `standings` field), checked and sorted by
 * rank; null when absent or not a list. Entries that are not well formed
 * are dropped; strings are sanitised and cut.
 *
 * @example
 * ```ts
 * import { parseStandings } from "./standings.ts";
 * parseStandings([
 *   { id: "p2", nickname: "Ben", score: 10, rank: 2 },
 *   { id: "p1", nickname: "Ana", score: 30, rank: 1 },
 *   { nickname: 42 },
 * ])?.map((s) => s.nickname); // ["Ana", "Ben"]
 * parseStandings(undefined); // null
 * ```
 *
 * @param value the `standings` field as received
 */
export function parseStandings(value: unknown): Standing[] | null {
  if (!Array.isArray(value)) return null;
  const out: Standing[] = [];
  for (const v of value.slice(0, STANDINGS_MAX)) {
    if (!v || typeof v !== "object") continue;
    const e = v as Record<string, unknown>;
    if (
      typeof e.nickname !== "string" || typeof e.score !== "number" ||
      !Number.isFinite(e.score) || typeof e.rank !== "number" ||
      !Number.isInteger(e.rank) || e.rank < 1
    ) continue;
    out.push({
      ...(typeof e.id === "string" ? { id: sanitize(e.id).slice(0, 64) } : {}),
      nickname: sanitize(e.nickname).slice(0, 64),
      score: e.score,
      rank: e.rank,
    });
  }
  return out.sort((a, b) => a.rank - b.rank || b.score - a.score);
}

/**
 * Standings made from a lobby's players: by score, ties share a rank.
 *
 * @example
 * ```ts
 * import { lobbyStandings } from "./standings.ts";
 * lobbyStandings([
 *   { id: "p1", nickname: "Ana", score: 5 },
 *   { id: "p2", nickname: "Ben", score: 9 },
 *   { id: "p3", nickname: "Cléo", score: 5 },
 * ]).map((s) => `${s.rank}.${s.nickname}`); // ["1.Ben", "2.Ana", "2.Cléo"]
 * ```
 *
 * @param players the lobby's players
 */
export function lobbyStandings(
  players: readonly { id?: string; nickname: string; score: number }[],
): Standing[] {
  const sorted = [...players].sort((a, b) => b.score - a.score);
  const out: Standing[] = [];
  sorted.forEach((p, i) => {
    const rank = i > 0 && sorted[i - 1].score === p.score
      ? out[i - 1].rank
      : i + 1;
    out.push({
      ...(p.id !== undefined ? { id: p.id } : {}),
      nickname: p.nickname,
      score: p.score,
      rank,
    });
  });
  return out;
}

/**
 * The standings as lines for the normal screen: a heading (final, or the
 * last known when the host vanished), then one line per player, ranked,
 * the player's own line marked. At most `max` lines of players (the
 * player's own line always shows).
 *
 * @example
 * ```ts
 * import { standingsLines } from "./standings.ts";
 * standingsLines(
 *   [{ nickname: "Ana", score: 30, rank: 1 }, { nickname: "Ben", score: 10, rank: 2 }],
 *   "en",
 *   { final: true, me: "Ben", room: "Salle 12" },
 * );
 * // [
 * //   "Final session standings — Salle 12",
 * //   "   1. Ana   30 pts",
 * //   " → 2. Ben   10 pts",
 * // ]
 * ```
 *
 * @param standings the ranked players
 * @param lang the player's language
 * @param o whose they are, and whether they are final
 */
export function standingsLines(
  standings: readonly Standing[],
  lang: Lang,
  o: { final: boolean; me: string; room: string; max?: number },
): string[] {
  if (standings.length === 0) return [];
  const max = o.max ?? 20;
  const mine = (s: Standing) => s.nickname.toLowerCase() === o.me.toLowerCase();
  let shown = standings.slice(0, max);
  const me = standings.find(mine);
  if (me && !shown.includes(me)) shown = [...shown.slice(0, max - 1), me];
  const nameWidth = Math.min(
    20,
    Math.max(...shown.map((s) => visibleWidth(s.nickname))),
  );
  const rankWidth = String(Math.max(...shown.map((s) => s.rank))).length;
  const scoreWidth = Math.max(...shown.map((s) => String(s.score).length));
  const lines = [
    ct(lang, o.final ? "standings_final" : "standings_last_known", {
      room: o.room,
    }),
  ];
  for (const s of shown) {
    lines.push(
      `${mine(s) ? " → " : "   "}${String(s.rank).padStart(rankWidth)}. ${
        pad(cut(s.nickname, nameWidth), nameWidth)
      } ${String(s.score).padStart(scoreWidth)} ${ct(lang, "pts")}`,
    );
  }
  if (standings.length > shown.length) {
    lines.push(
      "   " +
        ct(lang, "standings_more", { n: standings.length - shown.length }),
    );
  }
  return lines;
}

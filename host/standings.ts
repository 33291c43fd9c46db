/**
 * Session standings: the players by session score, for the room's goodbye.
 *
 * @module
 */
import type { SessionStanding } from "../protocol/messages.ts";

/**
 * Session standings of some players: by score (best first), ties sharing
 * a rank, then in the order given.
 *
 * @example
 * ```ts
 * import { sessionStandings } from "./standings.ts";
 * sessionStandings([
 *   { id: "p1", nickname: "ana", score: 5 },
 *   { id: "p2", nickname: "bob", score: 9 },
 *   { id: "p3", nickname: "eve", score: 5 },
 * ]).map((s) => `${s.rank} ${s.nickname}`); // ["1 bob", "2 ana", "2 eve"]
 * ```
 *
 * @param players who, with their session scores
 */
export function sessionStandings(
  players: readonly { id: string; nickname: string; score: number }[],
): SessionStanding[] {
  const sorted = [...players].sort((a, b) => b.score - a.score);
  const out: SessionStanding[] = [];
  for (const [i, p] of sorted.entries()) {
    const tied = i > 0 && sorted[i - 1].score === p.score;
    out.push({
      id: p.id,
      nickname: p.nickname,
      score: p.score,
      rank: tied ? out[i - 1].rank : i + 1,
    });
  }
  return out;
}

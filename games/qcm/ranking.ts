/**
 * QCM rankings: players by score, seat order on ties, equal scores sharing
 * a rank.
 *
 * @module
 */
import type { LeaderLine } from "./wire.ts";

/** What a ranking needs of a player. */
export interface Scorer {
  /** Seat id. */
  id: string;
  /** Nickname shown to all. */
  nickname: string;
  /** Points so far. */
  score: number;
}

/**
 * Players by score (seat order on ties), equal scores sharing a rank.
 *
 * @example
 * ```ts
 * import { ranked } from "./ranking.ts";
 * const players = [
 *   { id: "a", nickname: "Ana", score: 5 },
 *   { id: "b", nickname: "Bob", score: 9 },
 *   { id: "c", nickname: "Cy", score: 5 },
 * ];
 * ranked(players).map((r) => `${r.rank} ${r.player.nickname}`); // ["1 Bob", "2 Ana", "2 Cy"]
 * ```
 */
export function ranked<P extends Scorer>(
  players: P[],
): { player: P; rank: number }[] {
  const sorted = players.map((p, i) => ({ p, i })).sort((a, b) =>
    b.p.score - a.p.score || a.i - b.i
  );
  const out: { player: P; rank: number }[] = [];
  sorted.forEach(({ p }, k) => {
    const prev = out[k - 1];
    const rank = prev && prev.player.score === p.score ? prev.rank : k + 1;
    out.push({ player: p, rank });
  });
  return out;
}

/**
 * Leaderboard lines of players, best first.
 *
 * @example
 * ```ts
 * import { ranking } from "./ranking.ts";
 * ranking([{ id: "a", nickname: "Ana", score: 5 }]); // [{ rank: 1, nickname: "Ana", score: 5 }]
 * ```
 */
export function ranking(players: Scorer[]): LeaderLine[] {
  return ranked(players).map(({ player, rank }) => ({
    rank,
    nickname: player.nickname,
    score: player.score,
  }));
}

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

/** How many lines a leaderboard shows (views and reveals). */
export const LEADERBOARD_SIZE = 5;

/**
 * Most players listed by name in what goes to everyone (the reveal's
 * results, the final ranking): a room of up to this many sees everyone, a
 * bigger one the best this many, each player getting their own line apart.
 * What everyone gets then costs the same however big the room.
 */
export const SHOWN_MAX = 32;

/** A ranking computed once per list of players (./phases.ts keeps lists immutable). */
export interface Board {
  /** Rank of each seat id. */
  rankOf: Map<string, number>;
  /** The top {@linkcode LEADERBOARD_SIZE}. */
  leaderboard: LeaderLine[];
  /** The top {@linkcode SHOWN_MAX}, best first. */
  top: LeaderLine[];
  /** Seat ids of {@linkcode Board.top}, same order. */
  topIds: string[];
}

const boards = new WeakMap<readonly Scorer[], Board>();

/**
 * The ranking of a list of players, computed once for that list (the same
 * list object gives the same board, so that views share it).
 *
 * @example
 * ```ts
 * import { boardOf } from "./ranking.ts";
 * const players = [
 *   { id: "a", nickname: "Ana", score: 5 },
 *   { id: "b", nickname: "Bob", score: 9 },
 * ];
 * boardOf(players).rankOf.get("a"); // 2
 * boardOf(players) === boardOf(players); // true
 * ```
 */
export function boardOf(players: readonly Scorer[]): Board {
  let board = boards.get(players);
  if (!board) {
    const order = ranked([...players]);
    const lines = order.slice(0, SHOWN_MAX).map(({ player, rank }) => ({
      rank,
      nickname: player.nickname,
      score: player.score,
    }));
    board = {
      rankOf: new Map(order.map(({ player, rank }) => [player.id, rank])),
      leaderboard: lines.slice(0, LEADERBOARD_SIZE),
      top: lines,
      topIds: order.slice(0, SHOWN_MAX).map(({ player }) => player.id),
    };
    boards.set(players, board);
  }
  return board;
}

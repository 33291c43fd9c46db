/**
 * The series table: 3 points per win, 1 per draw, 0 per loss. Ranked by
 * points, then wins; equal points and wins share a rank (1, 1, 3...).
 * A game adds {@linkcode SESSION_POINTS} × table points to the session score.
 *
 * @module
 */
import type { StandingRow } from "./wire.ts";

/** Table points for a win. */
export const WIN_POINTS = 3;
/** Table points for a draw. */
export const DRAW_POINTS = 1;
/** Session points per table point: a win adds 300 to the session score, a draw 100. */
export const SESSION_POINTS = 100;

/** A player's record over the series. */
export interface PlayerRecord {
  id: string;
  nickname: string;
  /** True for the built-in opponent. */
  ai: boolean;
  left: boolean;
  wins: number;
  draws: number;
  losses: number;
}

/**
 * Table rows, best first, with ranks (ties share a rank).
 *
 * @example
 * ```ts
 * import { rankRecords } from "./standings.ts";
 * const rows = rankRecords([
 *   { id: "a", nickname: "ana", ai: false, left: false, wins: 0, draws: 1, losses: 1 },
 *   { id: "b", nickname: "bob", ai: false, left: false, wins: 1, draws: 1, losses: 0 },
 * ]);
 * rows.map((r) => `${r.rank} ${r.nickname} ${r.points}`); // ["1 bob 4", "2 ana 1"]
 * ```
 */
export function rankRecords(records: readonly PlayerRecord[]): StandingRow[] {
  const rows = records.map((r) => ({
    id: r.id,
    nickname: r.nickname,
    rank: 0,
    points: WIN_POINTS * r.wins + DRAW_POINTS * r.draws,
    played: r.wins + r.draws + r.losses,
    wins: r.wins,
    draws: r.draws,
    losses: r.losses,
    left: r.left,
    ai: r.ai,
  }));
  const better = (a: StandingRow, b: StandingRow) =>
    a.points !== b.points ? a.points > b.points : a.wins > b.wins;
  for (const row of rows) {
    row.rank = 1 + rows.filter((other) => better(other, row)).length;
  }
  // Stable sort keeps seat order among equals.
  return rows.sort((a, b) => a.rank - b.rank);
}

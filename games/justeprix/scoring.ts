/**
 * How juste prix ranks a round and gives points.
 *
 * - Finders come first, by the time they found (earlier is better), then by
 *   fewer attempts. Same time and same attempts share a rank.
 * - Players who did not find all share the rank after the last finder and
 *   score 0: with no answer, more or fewer tries tells nothing about skill.
 * - A finder of rank r scores `max(1000 − 100·(r−1), 200)` plus an
 *   efficiency bonus of 10 points per attempt saved under the bisection
 *   budget (`bisectionBudget(max)`, the most tries a perfect bisection needs
 *   plus one).
 * - The game's standings add the points of every round; equal totals share
 *   a rank (1, 1, 3...).
 *
 * @module
 */
import type { RankingEntry } from "./wire.ts";

/**
 * Points of the first finder of a round.
 *
 * @example
 * ```ts
 * import { FIRST_POINTS } from "./scoring.ts";
 * FIRST_POINTS; // 1000
 * ```
 */
export const FIRST_POINTS = 1000;
/**
 * Points lost per rank after the first finder.
 *
 * @example
 * ```ts
 * import { POINTS_STEP } from "./scoring.ts";
 * POINTS_STEP; // 100
 * ```
 */
export const POINTS_STEP = 100;
/**
 * Fewest points a finder gets.
 *
 * @example
 * ```ts
 * import { POINTS_FLOOR } from "./scoring.ts";
 * POINTS_FLOOR; // 200
 * ```
 */
export const POINTS_FLOOR = 200;
/**
 * Bonus per attempt saved under {@linkcode bisectionBudget}.
 *
 * @example
 * ```ts
 * import { BONUS_PER_ATTEMPT } from "./scoring.ts";
 * BONUS_PER_ATTEMPT; // 10
 * ```
 */
export const BONUS_PER_ATTEMPT = 10;

/**
 * Attempts a bisection needs in the worst case on [1, max], plus one:
 * `k + 1` where `k` is the smallest integer with `2^k ≥ max`.
 *
 * @example
 * ```ts
 * import { bisectionBudget } from "./scoring.ts";
 * bisectionBudget(100); // 8
 * ```
 */
export function bisectionBudget(max: number): number {
  let k = 0;
  while (2 ** k < max) k++;
  return k + 1;
}

/**
 * Points of a finder with this rank and attempts, or 0 when not found.
 *
 * @example
 * ```ts
 * import { roundPoints } from "./scoring.ts";
 * roundPoints(1, 5, 100, true); // 1000 + 10 × (8 − 5) = 1030
 * roundPoints(2, 9, 100, true); // 900
 * roundPoints(3, 4, 100, false); // 0
 * ```
 */
export function roundPoints(
  rank: number,
  attempts: number,
  max: number,
  found: boolean,
): number {
  if (!found) return 0;
  const base = Math.max(FIRST_POINTS - POINTS_STEP * (rank - 1), POINTS_FLOOR);
  const bonus = BONUS_PER_ATTEMPT *
    Math.max(0, bisectionBudget(max) - attempts);
  return base + bonus;
}

/**
 * What the ranking needs to know of one player in a round.
 *
 * @example
 * ```ts
 * import { type RoundRecord } from "./scoring.ts";
 * const r: RoundRecord = { id: "p1", nickname: "Ana", attempts: 4, foundAt: 12000 };
 * ```
 */
export interface RoundRecord {
  /** Seat id. */
  id: string;
  /** Display name. */
  nickname: string;
  /** Guesses made this round. */
  attempts: number;
  /** Time (ms) the player found the number, null when not found. */
  foundAt: number | null;
}

/**
 * Ranks one round (see the module doc). Finders first in finding order;
 * the others after, in the given (seat) order, sharing one rank.
 *
 * @example
 * ```ts
 * import { rankRound } from "./scoring.ts";
 * rankRound([
 *   { id: "a", nickname: "Ana", attempts: 6, foundAt: 2000 },
 *   { id: "b", nickname: "Bob", attempts: 3, foundAt: 1000 },
 *   { id: "c", nickname: "Cy", attempts: 9, foundAt: null },
 * ], 100).map((r) => `${r.rank} ${r.nickname} ${r.points}`);
 * // ["1 Bob 1050", "2 Ana 920", "3 Cy 0"]
 * ```
 */
export function rankRound(records: RoundRecord[], max: number): RankingEntry[] {
  const finders = records
    .filter((r) => r.foundAt !== null)
    .sort((a, b) => a.foundAt! - b.foundAt! || a.attempts - b.attempts);
  const out: RankingEntry[] = [];
  finders.forEach((r, i) => {
    const prev = finders[i - 1];
    const tied = prev !== undefined && prev.foundAt === r.foundAt &&
      prev.attempts === r.attempts;
    const rank = tied ? out[i - 1].rank : i + 1;
    out.push({
      id: r.id,
      nickname: r.nickname,
      attempts: r.attempts,
      found: true,
      rank,
      points: roundPoints(rank, r.attempts, max, true),
    });
  });
  const lastRank = finders.length + 1;
  for (const r of records) {
    if (r.foundAt !== null) continue;
    out.push({
      id: r.id,
      nickname: r.nickname,
      attempts: r.attempts,
      found: false,
      rank: lastRank,
      points: 0,
    });
  }
  return out;
}

/**
 * A player's total points.
 *
 * @example
 * ```ts
 * import { type Total } from "./scoring.ts";
 * const t: Total = { id: "p1", nickname: "Ana", points: 1040, rank: 1 };
 * ```
 */
export interface Total {
  /** Seat id. */
  id: string;
  /** Display name. */
  nickname: string;
  /** Points earned. */
  points: number;
  /** 1 for the best; equal ranks for ties. */
  rank: number;
}

/**
 * Totals per player over rounds, best first; equal totals share a rank and
 * keep the seat order.
 *
 * @param players every seat, in seat order
 * @param rounds the ranked rounds played so far
 * @example
 * ```ts
 * import { totals } from "./scoring.ts";
 * totals(
 *   [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }],
 *   [[{ id: "a", nickname: "Ana", attempts: 1, found: true, rank: 1, points: 10 }]],
 * ); // [{ id: "a", ..., points: 10, rank: 1 }, { id: "b", ..., points: 0, rank: 2 }]
 * ```
 */
export function totals(
  players: { id: string; nickname: string }[],
  rounds: RankingEntry[][],
): Total[] {
  const sums = players.map((p) => ({
    id: p.id,
    nickname: p.nickname,
    points: rounds.reduce(
      (s, round) =>
        s + round.filter((r) => r.id === p.id)
          .reduce((t, r) => t + r.points, 0),
      0,
    ),
    rank: 0,
  }));
  sums.sort((a, b) => b.points - a.points);
  sums.forEach((s, i) => {
    s.rank = i > 0 && sums[i - 1].points === s.points
      ? sums[i - 1].rank
      : i + 1;
  });
  return sums;
}

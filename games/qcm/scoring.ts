/**
 * Kahoot-style scoring. A correct answer is worth
 * `round(points × (1 − (t / T) / 2))`: full points for an instant answer,
 * half at the last moment. Consecutive correct answers add a streak bonus:
 * the 2nd correct answer in a row +100, the 3rd +200 ... capped at +500
 * (6th and later). A wrong or missing answer gives 0 and resets the streak.
 * With `points` 0 (practice) there is no bonus either.
 *
 * @module
 */

/** Bonus added per step of a streak. */
export const STREAK_STEP = 100;
/** Largest streak bonus. */
export const STREAK_CAP = 500;

/**
 * Points for answering correctly `elapsedMs` after the question appeared,
 * out of `limitMs` (times outside 0..limit are clamped).
 *
 * @example
 * ```ts
 * import { speedPoints } from "./scoring.ts";
 * speedPoints(1000, 0, 20_000); // 1000
 * speedPoints(1000, 10_000, 20_000); // 750
 * speedPoints(1000, 20_000, 20_000); // 500
 * ```
 */
export function speedPoints(
  points: number,
  elapsedMs: number,
  limitMs: number,
): number {
  const ratio = limitMs > 0 ? Math.min(1, Math.max(0, elapsedMs / limitMs)) : 0;
  return Math.round(points * (1 - ratio / 2));
}

/**
 * Bonus for a streak of `streak` correct answers in a row (this one included).
 *
 * @example
 * ```ts
 * import { streakBonus } from "./scoring.ts";
 * streakBonus(1); // 0
 * streakBonus(2); // 100
 * streakBonus(9); // 500
 * ```
 */
export function streakBonus(streak: number): number {
  return Math.min(STREAK_CAP, STREAK_STEP * Math.max(0, streak - 1));
}

/** The result of one answer. */
export interface Scored {
  /** Points won on this question (0 when wrong or missing). */
  points: number;
  /** Streak after this question. */
  streak: number;
}

/**
 * Scores one player's answer to one question.
 *
 * @param correct whether the answer was right (false when none was given)
 * @param elapsedMs time from the question's start to the answer
 * @param limitMs the question's time limit
 * @param points the game's `points` option (0, 1000 or 2000)
 * @param streakBefore correct answers in a row before this question
 *
 * @example
 * ```ts
 * import { scoreAnswer } from "./scoring.ts";
 * scoreAnswer(true, 5_000, 20_000, 1000, 2); // { points: 1075, streak: 3 }
 * scoreAnswer(false, 5_000, 20_000, 1000, 2); // { points: 0, streak: 0 }
 * ```
 */
export function scoreAnswer(
  correct: boolean,
  elapsedMs: number,
  limitMs: number,
  points: number,
  streakBefore: number,
): Scored {
  if (!correct) return { points: 0, streak: 0 };
  const streak = streakBefore + 1;
  const bonus = points > 0 ? streakBonus(streak) : 0;
  return { points: speedPoints(points, elapsedMs, limitMs) + bonus, streak };
}

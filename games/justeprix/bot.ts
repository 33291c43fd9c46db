/**
 * A juste prix bot: plays by bisection from its own view. Its next guess is
 * the middle of the interval its hints still allow, so it finds any secret
 * in [1, max] within `bisectionBudget(max)` attempts.
 *
 * @module
 */
import type { BotDecision, GameBot } from "../types.ts";
import { asView } from "./wire.ts";

/**
 * Shortest pause before the bot guesses, in ms.
 *
 * @example
 * ```ts
 * import { BOT_DELAY_MIN_MS } from "./bot.ts";
 * BOT_DELAY_MIN_MS; // 50
 * ```
 */
export const BOT_DELAY_MIN_MS = 50;
/**
 * Longest pause before the bot guesses, in ms.
 *
 * @example
 * ```ts
 * import { BOT_DELAY_MAX_MS } from "./bot.ts";
 * BOT_DELAY_MAX_MS; // 300
 * ```
 */
export const BOT_DELAY_MAX_MS = 300;

/**
 * Decides the bot's next guess, or null when there is nothing to do
 * (between rounds, already found, a spectator, not a juste prix view).
 * The key `round-<n>-attempt-<k>` names the k-th guess of round n, so the
 * same view never yields two different guesses for one attempt.
 *
 * @example
 * ```ts
 * import { justePrixBot } from "./bot.ts";
 * const view = {
 *   game: "justeprix", phase: "playing", round: 1, rounds: 3, min: 1, max: 100,
 *   remainingMs: 90000, durationMs: 90000,
 *   me: { id: "a", nickname: "Ana", attempts: 1, found: false, rank: null,
 *         low: 51, high: 100, guesses: [{ value: 50, hint: "plus" }] },
 *   players: [], result: null, totals: [],
 * };
 * justePrixBot(view, () => 0)?.move; // { type: "guess", value: 75 }
 * ```
 */
export const justePrixBot: GameBot = (
  view: unknown,
  random: () => number,
): BotDecision | null => {
  const v = asView(view);
  if (!v || v.phase !== "playing" || !v.me || v.me.found) return null;
  if (v.remainingMs === 0) return null;
  const { low, high, attempts } = v.me;
  if (low > high) return null;
  const value = Math.floor((low + high) / 2);
  const spread = BOT_DELAY_MAX_MS - BOT_DELAY_MIN_MS;
  return {
    move: { type: "guess", value },
    key: `round-${v.round}-attempt-${attempts + 1}`,
    delayMs: BOT_DELAY_MIN_MS + Math.floor(random() * (spread + 1)),
  };
};

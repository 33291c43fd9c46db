/**
 * Rock-paper-scissors' bot: throws a random hand once a round.
 *
 * @module
 */
import type { BotDecision, GameBot } from "../../games/types.ts";
import { HANDS, viewSchema } from "./wire.ts";

/**
 * The bot's throw for a view, or null when it has thrown or the game is over.
 *
 * @example
 * ```ts
 * import { rpsBot } from "./bot.ts";
 * const view = { phase: "playing", round: 2, wins: 2, roundMs: 20000, mine: null, players: [] };
 * rpsBot(view, () => 0.5); // { move: { type: "throw", hand: "paper" }, key: "round-2" }
 * ```
 */
export const rpsBot: GameBot = (view, random): BotDecision | null => {
  const parsed = viewSchema.safeParse(view);
  if (!parsed.success) return null;
  const v = parsed.data;
  if (v.phase !== "playing" || v.mine !== null) return null;
  const hand = HANDS[Math.min(2, Math.floor(random() * 3))];
  return { move: { type: "throw", hand }, key: `round-${v.round}` };
};

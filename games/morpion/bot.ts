/**
 * Morpion bot: plays the perfect (hard) move whenever its view says it is
 * its turn.
 *
 * @module
 */
import type { BotDecision, GameBot } from "../types.ts";
import { hardMove } from "./ai.ts";
import { outcome } from "./board.ts";
import { viewSchema } from "./wire.ts";

/**
 * Decides a move from a morpion view, or null when it is not the bot's
 * turn. The key `match-<m>-move-<k>` names the position, so a repeated
 * view never sends a second move; the delay (300–800 ms) looks human.
 *
 * @example
 * ```ts
 * import { morpionBot } from "./bot.ts";
 * morpionBot({}, Math.random); // null: not a morpion view
 * ```
 */
export const morpionBot: GameBot = function morpionBot(
  raw: unknown,
  random: () => number,
): BotDecision | null {
  const parsed = viewSchema.safeParse(raw);
  if (!parsed.success) return null;
  const view = parsed.data;
  if (view.phase !== "playing" || !view.yourTurn || outcome(view.cells)) {
    return null;
  }
  const index = hardMove(view.cells, random);
  return {
    move: { type: "play", cell: index + 1 },
    key: `match-${view.match}-move-${view.moves}`,
    delayMs: 300 + Math.floor(random() * 500),
  };
};

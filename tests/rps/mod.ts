/**
 * Rock-paper-scissors, best of 3, for 2 players or more, with a deadline
 * per round: a game made from the template alone (docs/adding-a-game.md)
 * to prove it. Test-only: it is not in games/registry.ts and users never
 * see it; tests add it to a host with `games: { ...GAMES, rps }`.
 *
 * @example
 * ```ts
 * import { GAMES } from "../../games/registry.ts";
 * import { rps } from "./mod.ts";
 * const games = { ...GAMES, rps };
 * Object.keys(games); // ["qcm", "morpion", "justeprix", "bombardes", "rps"]
 * ```
 *
 * @module
 */
import type { Game } from "../../games/types.ts";
import { rpsBot } from "./bot.ts";
import { rpsRules, type RpsState } from "./rules.ts";
import { rpsView } from "./view.ts";
import type { RpsOptions } from "./wire.ts";

/**
 * The game: rules, view and bot.
 *
 * @example
 * ```ts
 * import { rps } from "./mod.ts";
 * rps.rules.id; // "rps"
 * ```
 */
export const rps: Game<RpsState, RpsOptions> = {
  rules: rpsRules,
  view: rpsView,
  bot: rpsBot,
};

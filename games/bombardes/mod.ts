/**
 * Bombardes, the artillery game of Swinnen's course made a network game:
 * 2 to 8 cannons on a generated landscape with wind, players fire in turn
 * (angle and charge), the host flies the shell and decides the hits, every
 * client animates the flight to the same moment of impact.
 * docs/games/bombardes.md documents its options, messages and view.
 *
 * @example
 * ```ts
 * import { bombardes } from "./mod.ts";
 * bombardes.rules.id; // "bombardes"
 * bombardes.rules.minPlayers; // 2
 * ```
 *
 * @module
 */
import type { Game } from "../types.ts";
import { bombardesBot } from "./bot.ts";
import { bombardesRules, type BombardesState } from "./rules.ts";
import { bombardesView } from "./view.ts";
import type { BombardesOptions } from "./wire.ts";

export type { BombardesState } from "./rules.ts";
export type {
  BombardesMessage,
  BombardesOptions,
  BombardesView,
  FireMove,
} from "./wire.ts";

/**
 * The game: rules, view and bot.
 *
 * @example
 * ```ts
 * import { bombardes } from "./mod.ts";
 * bombardes.view.parseInput("45 70", null); // { type: "fire", angle: 45, charge: 70 }
 * ```
 */
export const bombardes: Game<BombardesState, BombardesOptions> = {
  rules: bombardesRules,
  view: bombardesView,
  bot: bombardesBot,
};

/**
 * Every game lanplay knows. Adding a game = one folder made from the
 * template (docs/adding-a-game.md) + one line here.
 *
 * @module
 */
import type { AnyGame } from "./types.ts";
import { justeprix } from "./justeprix/mod.ts";
import { qcm } from "./qcm/mod.ts";
import { morpion } from "./morpion/mod.ts";

/**
 * Games by id, in menu order.
 *
 * @example
 * ```ts
 * import { GAMES } from "./registry.ts";
 * Object.keys(GAMES); // ["qcm", "morpion", "justeprix"]
 * ```
 */
export const GAMES: Record<string, AnyGame> = {
  qcm,
  morpion,
  justeprix,
};

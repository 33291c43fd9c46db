/**
 * Every game lanplay knows. Adding a game = one folder + one line here.
 *
 * @module
 */
import type { Game } from "./types.ts";
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
// deno-lint-ignore no-explicit-any
export const GAMES: Record<string, Game<any, any>> = {
  qcm,
  morpion,
  justeprix,
};

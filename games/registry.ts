/**
 * Every game lanplay knows. Adding a game = one folder + one line here.
 *
 * @module
 */
import type { Game } from "./types.ts";
import { justeprix } from "./justeprix/mod.ts";

/**
 * Games by id, in menu order.
 *
 * @example
 * ```ts
 * import { GAMES } from "./registry.ts";
 * Object.keys(GAMES); // ["justeprix", ...]
 * ```
 */
// deno-lint-ignore no-explicit-any
export const GAMES: Record<string, Game<any, any>> = {
  justeprix,
};

/**
 * Errors raised by game rules.
 *
 * @module
 */
import { CodedError } from "../protocol/errors.ts";

/**
 * The rules refuse a move (not your turn, occupied cell, out of range...).
 * `code` is stable and sent on the wire; the game's view turns it into a
 * sentence in the player's language.
 *
 * @example
 * ```ts
 * import { GameRuleError } from "./errors.ts";
 * const refusal = new GameRuleError("out_of_range", "Guess between 1 and 100.", { min: 1, max: 100 });
 * refusal.code; // "out_of_range"
 * refusal.params; // { min: 1, max: 100 }
 * ```
 */
export class GameRuleError extends CodedError {}

/**
 * Errors raised by game rules.
 *
 * @module
 */

/**
 * The rules refuse a move (not your turn, occupied cell, out of range...).
 * `code` is stable and sent on the wire; the game's view turns it into a
 * sentence in the player's language.
 *
 * @example
 * ```ts
 * import { GameRuleError } from "./errors.ts";
 * throw new GameRuleError("out_of_range", "Guess between 1 and 100.", { min: 1, max: 100 });
 * ```
 */
export class GameRuleError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  /** Values the translated sentence uses. */
  readonly params: Record<string, string | number>;
  /**
   * Makes a rule error.
   *
   * @param code stable machine-readable code
   * @param message English sentence (fallback)
   * @param params values for translated messages
   */
  constructor(
    code: string,
    message: string,
    params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "GameRuleError";
    this.code = code;
    this.params = params;
  }
}

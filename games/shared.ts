/**
 * Parts of a view that many seats share. A game builds such a part once
 * (a question, a leaderboard, a reveal) and puts the same object in every
 * seat's view; {@linkcode shared} freezes it, deeply, which tells the host
 * it may serialize the part once and reuse its JSON for every recipient
 * (host/json_line.ts). A frozen part must never change: build a new one.
 *
 * @module
 */

/**
 * Freezes `value` and everything in it (plain objects and arrays), and
 * returns it: a view part the host may serialize once for every view.
 *
 * @example
 * ```ts
 * import { shared } from "./shared.ts";
 * const board = shared([{ rank: 1, nickname: "Ana", score: 900 }]);
 * Object.isFrozen(board[0]); // true
 * ```
 *
 * @param value a plain JSON-like value
 * @returns the same value, frozen
 */
export function shared<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) shared(v);
  }
  return value;
}

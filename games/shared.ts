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
  if (value !== null && typeof value === "object" && !parts.has(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) shared(v);
    parts.add(value);
  }
  return value;
}

/** Every part {@linkcode shared} froze, deeply. */
const parts = new WeakSet<object>();

/**
 * True when `value` was made a shared part by {@linkcode shared} (frozen
 * all the way down): its JSON may be reused. An object merely frozen
 * (shallowly, by someone else) is not one.
 *
 * @example
 * ```ts
 * import { isShared, shared } from "./shared.ts";
 * isShared(shared({ a: [1] })); // true
 * isShared(Object.freeze({ a: [1] })); // false
 * ```
 *
 * @param value anything
 * @returns whether it is a shared part
 */
export function isShared(value: object): boolean {
  return parts.has(value);
}

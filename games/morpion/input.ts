/**
 * Morpion's typed input: a cell number typed on a line, or pressed as one
 * key on your turn.
 *
 * @module
 */
import type { GameMove } from "../types.ts";

/**
 * A typed line as a move: a single digit 1–9 (spaces around allowed) is
 * `{ type: "play", cell }`; anything else is chat (null). The rules, not
 * this function, refuse moves out of turn or by spectators.
 *
 * @example
 * ```ts
 * import { parseInput } from "./input.ts";
 * parseInput(" 5 "); // { type: "play", cell: 5 }
 * parseInput("55"); // null
 * ```
 */
export function parseInput(line: string): GameMove | null {
  const m = /^\s*([1-9])\s*$/.exec(line);
  return m ? { type: "play", cell: Number(m[1]) } : null;
}

/**
 * One key pressed on an empty line: a cell digit plays at once on your
 * turn; otherwise (or for any other key) null, and the key is typed.
 *
 * @example
 * ```ts
 * import { key } from "./input.ts";
 * key("5", { yourTurn: true }); // { type: "play", cell: 5 }
 * key("5", { yourTurn: false }); // null
 * ```
 */
export function key(pressed: string, view: unknown): GameMove | null {
  return (view as { yourTurn?: boolean } | null)?.yourTurn
    ? parseInput(pressed)
    : null;
}

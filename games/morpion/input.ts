/**
 * Morpion's typed input: a cell number typed on a line, or pressed as one
 * key on your turn (out of turn the key is dropped with a notice).
 *
 * @module
 */
import type { GameMove, KeyNotice } from "../types.ts";

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
 * turn. Out of turn, as a spectator (also without a view: joined during
 * the game) or between matches the digit is
 * dropped with a notice (`not_your_turn`, `spectator`, `game_over`) instead
 * of going into the input line (where "5" then "5" would become the chat
 * line "55"). Any other key gives null: it is typed.
 *
 * @example
 * ```ts
 * import { key } from "./input.ts";
 * key("5", { phase: "playing", you: "X", yourTurn: true }); // { type: "play", cell: 5 }
 * key("5", { phase: "playing", you: "X", yourTurn: false }); // { notice: "not_your_turn" }
 * key("5", { phase: "playing", you: null, yourTurn: false }); // { notice: "spectator" }
 * key("5", null); // { notice: "spectator" } (joined during the game)
 * key("a", { phase: "playing", you: "X", yourTurn: true }); // null
 * ```
 */
export function key(
  pressed: string,
  view: unknown,
): GameMove | KeyNotice | null {
  const move = parseInput(pressed);
  if (!move) return null;
  // No view: the player joined during the game and watches it.
  if (!view || typeof view !== "object") return { notice: "spectator" };
  const v = view as { phase?: unknown; you?: unknown; yourTurn?: unknown };
  if (v.yourTurn === true) return move;
  if (v.phase !== "playing") return { notice: "game_over" };
  return { notice: v.you ? "not_your_turn" : "spectator" };
}

/**
 * Juste prix's typed input: a whole number on a line is a guess.
 *
 * @module
 */
import type { GameMove } from "../types.ts";

const INTEGER = /^[+-]?\d{1,16}$/;

/**
 * A typed line as a move: an integer (spaces around allowed) is
 * `{ type: "guess", value }`; anything else is chat (null). The rules, not
 * this function, refuse numbers out of range.
 *
 * @example
 * ```ts
 * import { parseInput } from "./input.ts";
 * parseInput(" 42 "); // { type: "guess", value: 42 }
 * parseInput("42 !"); // null
 * ```
 */
export function parseInput(line: string): GameMove | null {
  const s = line.trim();
  return INTEGER.test(s) ? { type: "guess", value: Number(s) } : null;
}

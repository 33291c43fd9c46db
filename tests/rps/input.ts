/**
 * Rock-paper-scissors' typed input: a hand by name (French or English) or
 * by number (1 rock, 2 paper, 3 scissors).
 *
 * @module
 */
import type { GameMove } from "../../games/types.ts";
import { type Hand, HANDS } from "./wire.ts";

const WORDS: Record<string, Hand> = {
  rock: "rock",
  pierre: "rock",
  paper: "paper",
  feuille: "paper",
  scissors: "scissors",
  ciseaux: "scissors",
};

/**
 * A typed line as a move, or null (chat).
 *
 * @example
 * ```ts
 * import { parseInput } from "./input.ts";
 * parseInput(" Pierre "); // { type: "throw", hand: "rock" }
 * parseInput("2"); // { type: "throw", hand: "paper" }
 * parseInput("rock on"); // null
 * ```
 */
export function parseInput(line: string): GameMove | null {
  const word = line.trim().toLowerCase();
  const hand = Object.hasOwn(WORDS, word)
    ? WORDS[word]
    : /^[1-3]$/.test(word)
    ? HANDS[Number(word) - 1]
    : null;
  return hand ? { type: "throw", hand } : null;
}

/**
 * One key on an empty line: 1, 2 or 3 throws at once while you have not.
 *
 * @example
 * ```ts
 * import { key } from "./input.ts";
 * key("3", { mine: null }); // { type: "throw", hand: "scissors" }
 * key("3", { mine: "rock" }); // null: already thrown
 * ```
 */
export function key(pressed: string, view: unknown): GameMove | null {
  const mine = (view as { mine?: unknown } | null)?.mine;
  return mine === null && /^[1-3]$/.test(pressed) ? parseInput(pressed) : null;
}

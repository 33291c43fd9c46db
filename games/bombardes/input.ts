/**
 * Bombardes' typed input: `angle charge` on one line (`45 70`, `45,70`,
 * `45° 70%`), numbers with decimals allowed.
 *
 * @module
 */
import type { GameMove } from "../types.ts";

const SHOT =
  /^(\d{1,3}(?:[.,]\d+)?)\s*°?\s*[\s,;/]\s*(\d{1,3}(?:[.,]\d+)?)\s*%?$/;

/**
 * A typed line as a fire move, or null (chat). Out-of-range numbers still
 * make a move: the rules refuse it with a sentence saying the ranges.
 *
 * @example
 * ```ts
 * import { parseInput } from "./input.ts";
 * parseInput(" 45 70 "); // { type: "fire", angle: 45, charge: 70 }
 * parseInput("135° 62.5%"); // { type: "fire", angle: 135, charge: 62.5 }
 * parseInput("45"); // null
 * parseInput("salut à tous"); // null
 * ```
 */
export function parseInput(line: string): GameMove | null {
  const m = SHOT.exec(line.trim());
  if (!m) return null;
  const num = (s: string) => Number(s.replace(",", "."));
  return { type: "fire", angle: num(m[1]), charge: num(m[2]) };
}

/**
 * Who plays whom, in which order, and with which mark.
 *
 * - Two players (or one player and the built-in opponent): a series of
 *   `matches` matches where they swap marks every match, so each in turn
 *   plays X and moves first.
 * - More players: a round-robin. Every pair meets exactly once; pairs come
 *   round by round (circle method). Marks are balanced: with an odd number
 *   of players everybody plays X exactly as often as O; with an even number
 *   the difference is one match.
 *
 * @module
 */

/** One scheduled match: the id playing X (who moves first) and the id playing O. */
export interface Pairing {
  x: string;
  o: string;
}

/**
 * A series of `matches` matches between `first` and `second`, marks
 * alternating, `first` playing X in match 1.
 *
 * @example
 * ```ts
 * import { seriesSchedule } from "./schedule.ts";
 * seriesSchedule("ana", "bob", 3);
 * // [{ x: "ana", o: "bob" }, { x: "bob", o: "ana" }, { x: "ana", o: "bob" }]
 * ```
 */
export function seriesSchedule(
  first: string,
  second: string,
  matches: number,
): Pairing[] {
  const out: Pairing[] = [];
  for (let m = 0; m < matches; m++) {
    out.push(m % 2 === 0 ? { x: first, o: second } : { x: second, o: first });
  }
  return out;
}

/**
 * A round-robin over `ids`: every pair exactly once, n·(n−1)/2 matches,
 * round by round so that nobody plays twice within a round.
 *
 * @example
 * ```ts
 * import { roundRobin } from "./schedule.ts";
 * roundRobin(["a", "b", "c"]).length; // 3
 * ```
 */
export function roundRobin(ids: readonly string[]): Pairing[] {
  const ring: (string | null)[] = [...ids];
  if (ring.length % 2 === 1) ring.push(null); // a bye
  const m = ring.length;
  const pairs: [string, string][] = [];
  for (let round = 0; round < m - 1; round++) {
    for (let i = 0; i < m / 2; i++) {
      const a = ring[i];
      const b = ring[m - 1 - i];
      if (a !== null && b !== null) pairs.push([a, b]);
    }
    // Circle method: the first stays, the others turn by one.
    const last = ring.pop();
    if (last !== undefined) ring.splice(1, 0, last);
  }
  const index = new Map(ids.map((id, i) => [id, i]));
  return pairs.map(([a, b]) => {
    const i = index.get(a) ?? 0;
    const j = index.get(b) ?? 0;
    return xFirst(i, j, ids.length) ? { x: a, o: b } : { x: b, o: a };
  });
}

/**
 * Whether player `i` plays X against player `j` (indexes among `n`
 * players): a balanced orientation of the complete graph. Odd `n`: `i` is X
 * when `j` is 1 to (n−1)/2 places after it (mod n). Even `n`: the same among
 * the first n−1, and the last player is X against even indexes.
 */
function xFirst(i: number, j: number, n: number): boolean {
  if (n % 2 === 0) {
    if (i === n - 1) return j % 2 === 0;
    if (j === n - 1) return i % 2 !== 0;
    return xFirst(i, j, n - 1);
  }
  const d = ((j - i) % n + n) % n;
  return d >= 1 && d <= (n - 1) / 2;
}

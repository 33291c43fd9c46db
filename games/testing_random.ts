/**
 * A seeded random source for tests (and for anything that wants a
 * repeatable `Math.random`): pure, no I/O.
 *
 * @module
 */

/**
 * A deterministic random source in [0, 1) (mulberry32): the same seed gives
 * the same sequence, on every machine.
 *
 * @example
 * ```ts
 * import { seeded } from "./testing_random.ts";
 * const r = seeded(1);
 * r() === seeded(1)(); // true
 * ```
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

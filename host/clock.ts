/**
 * The host's clock, injected so tests can drive time.
 *
 * @module
 */

/** Time and timers. */
export interface Clock {
  /** Milliseconds (epoch based for the real clock). */
  now(): number;
  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

/**
 * The real clock: `Date.now()` and `setTimeout`.
 *
 * @example
 * ```ts
 * import { realClock } from "./clock.ts";
 * const cancel = realClock.after(1000, () => console.log("tick"));
 * cancel();
 * ```
 */
export const realClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const id = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(id);
  },
};

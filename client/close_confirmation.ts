/**
 * The hosting player's Ctrl-C: with players in the room, the first one
 * asks, a second within a few seconds closes (so a stray key does not end
 * a class).
 *
 * @module
 */
/**
 * Ctrl-C on a room with players in: the first one asks, a second within
 * `confirmMs` closes; with nobody in, the first one closes.
 *
 * @example
 * ```ts
 * import { CloseConfirmation } from "./close_confirmation.ts";
 * let players = 3;
 * const c = new CloseConfirmation(() => players, 5000);
 * c.interrupt(0); // "ask"
 * c.interrupt(4000); // "close"
 * const later = new CloseConfirmation(() => players, 5000);
 * later.interrupt(0); // "ask"
 * later.interrupt(6000); // "ask" (too late: asked again)
 * players = 0;
 * later.interrupt(6500); // "close"
 * ```
 */
export class CloseConfirmation {
  readonly #players: () => number;
  readonly #confirmMs: number;
  #askedUntil = -Infinity;

  /**
   * @param players how many players are in (besides the hosting player)
   * @param confirmMs how long the second Ctrl-C may wait
   */
  constructor(players: () => number, confirmMs: number) {
    this.#players = players;
    this.#confirmMs = confirmMs;
  }

  /**
   * One Ctrl-C at `now` (ms): `ask` (say it again closes) or `close`.
   * @param now a monotonic time, ms
   */
  interrupt(now: number): "ask" | "close" {
    if (this.#players() > 0 && now > this.#askedUntil) {
      this.#askedUntil = now + this.#confirmMs;
      return "ask";
    }
    return "close";
  }
}

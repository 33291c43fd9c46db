/**
 * A token bucket, pure (time is passed in): `burst` tokens at most, `rate`
 * tokens earned back per second. The one rate limiter of lanplay: chat and
 * moves per connection, probe answers per source and in all.
 *
 * @module
 */

/**
 * Allows `burst` events at once, then `rate` per second.
 *
 * @example
 * ```ts
 * import { TokenBucket } from "./token_bucket.ts";
 * const b = new TokenBucket(2, 1, 0);
 * [b.take(0), b.take(0), b.take(0)]; // [true, true, false]
 * b.take(1000); // true: one token earned back in a second
 * ```
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  /**
   * @param burst most tokens held (the bucket starts full)
   * @param rate tokens earned back per second
   * @param now the time the bucket starts, in ms
   */
  constructor(readonly burst: number, readonly rate: number, now: number) {
    this.#tokens = burst;
    this.#at = now;
  }

  /** Tokens held at `now` (ms), fractions included. */
  tokens(now: number): number {
    this.#refill(now);
    return this.#tokens;
  }

  /** Takes one token at `now` (ms): true when there was one. */
  take(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #refill(now: number): void {
    const dt = Math.max(0, now - this.#at) / 1000;
    this.#tokens = Math.min(this.burst, this.#tokens + dt * this.rate);
    this.#at = Math.max(this.#at, now);
  }
}

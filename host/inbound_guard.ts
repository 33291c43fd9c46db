/**
 * One connection's inbound limits, shared by the TCP and the web
 * connections: the message rate (a token bucket; the sender is told at most
 * once a second) and the run of invalid messages that closes it.
 *
 * @module
 */
import { TokenBucket } from "../protocol/token_bucket.ts";
import type { Clock } from "./clock.ts";

/** What one inbound message may do: pass, be dropped, or be dropped and told. */
export type Admission = "pass" | "drop" | "warn";

/**
 * The rate and error counts of one connection.
 *
 * @example
 * ```ts
 * import { InboundGuard } from "./inbound_guard.ts";
 * const clock = { now: () => 0, after: () => () => {} };
 * const guard = new InboundGuard(clock, 1, 2); // 1 message/s (burst 2), 2 errors
 * [guard.admit(), guard.admit(), guard.admit(), guard.admit()];
 * // ["pass", "pass", "warn", "drop"]
 * guard.invalid(); // false
 * guard.invalid(); // true: close it
 * ```
 */
export class InboundGuard {
  readonly #clock: Clock;
  readonly #bucket: TokenBucket;
  readonly #maxErrors: number;
  #errors = 0;
  #warnedAt = -Infinity;

  /**
   * @param clock time source
   * @param rate messages per second (burst twice that)
   * @param maxErrors invalid messages in a row that close the connection
   */
  constructor(clock: Clock, rate: number, maxErrors: number) {
    this.#clock = clock;
    this.#bucket = new TokenBucket(2 * rate, rate, clock.now());
    this.#maxErrors = maxErrors;
  }

  /** Whether the next message passes the rate limit, and whether to say so. */
  admit(): Admission {
    const now = this.#clock.now();
    if (this.#bucket.take(now)) return "pass";
    if (now - this.#warnedAt <= 1000) return "drop";
    this.#warnedAt = now;
    return "warn";
  }

  /** One more invalid message in a row; true when there were too many. */
  invalid(): boolean {
    return ++this.#errors >= this.#maxErrors;
  }

  /** A valid message breaks the run of invalid ones. */
  valid(): void {
    this.#errors = 0;
  }
}

/**
 * Slows down PIN guessing: per address, the first wrong PINs are answered
 * at once; after {@linkcode PIN_FREE_FAILURES} of them, each wrong PIN makes
 * the address wait before its next try — 1 s, doubling up to 30 s. The
 * table is bounded: past its size, the oldest address is forgotten. Pure:
 * time is passed in.
 *
 * @module
 */
import {
  PIN_FREE_FAILURES,
  PIN_WAIT_FIRST_MS,
  PIN_WAIT_MAX_MS,
} from "../protocol/constants.ts";

interface Entry {
  failures: number;
  until: number;
}

/**
 * Wrong-PIN counts and waits, by address.
 *
 * @example
 * ```ts
 * import { PinThrottle } from "./pin_throttle.ts";
 * const th = new PinThrottle();
 * for (let i = 0; i < 4; i++) th.failed("10.0.0.9", 0);
 * th.waitMs("10.0.0.9", 0); // 1000
 * th.waitMs("10.0.0.9", 1000); // 0
 * th.waitMs("10.0.0.7", 0); // 0
 * ```
 */
export class PinThrottle {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;

  /**
   * An empty throttle.
   *
   * @param maxEntries most addresses remembered (the oldest go first)
   */
  constructor(maxEntries = 4096) {
    this.#maxEntries = maxEntries;
  }

  /** Addresses remembered now. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * How long `address` must still wait before trying a PIN (0: it may try).
   * @param address the peer's IP address
   * @param now time in ms
   */
  waitMs(address: string, now: number): number {
    const e = this.#entries.get(address);
    return e ? Math.max(0, e.until - now) : 0;
  }

  /**
   * Notes a wrong PIN from `address`.
   * @param address the peer's IP address
   * @param now time in ms
   */
  failed(address: string, now: number): void {
    const e = this.#entries.get(address) ?? { failures: 0, until: 0 };
    this.#entries.delete(address); // re-inserted last: the newest
    e.failures++;
    const over = e.failures - PIN_FREE_FAILURES;
    if (over > 0) {
      e.until = now +
        Math.min(PIN_WAIT_MAX_MS, PIN_WAIT_FIRST_MS * 2 ** (over - 1));
    }
    this.#entries.set(address, e);
    while (this.#entries.size > this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  /**
   * A right PIN from `address`: its count starts again.
   * @param address the peer's IP address
   */
  succeeded(address: string): void {
    this.#entries.delete(address);
  }
}

/**
 * Timing helpers of the measuring side: send at a steady rate, and wait for
 * the last answers with a deadline. The pacing waits on timers on purpose:
 * the workload is "N messages per second".
 *
 * @module
 */

/**
 * Calls `tick(i)` for i = 0..count−1, tick i being due at start + i × 1000 /
 * rate ms on the `now` clock. A late timer does not slow the schedule:
 * overdue ticks run at once, so the average rate holds. `now` and `sleep`
 * are injectable for tests.
 *
 * @example
 * ```ts
 * import { pace } from "./pacing.ts";
 * const sent: number[] = [];
 * await pace(3, 1000, (i) => sent.push(i));
 * console.log(sent); // [0, 1, 2]
 * ```
 */
export async function pace(
  count: number,
  rate: number,
  tick: (i: number) => void,
  now: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) =>
    new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  const interval = 1000 / rate;
  const start = now();
  for (let i = 0; i < count; i++) {
    const wait = start + i * interval - now();
    if (wait > 0) await sleep(wait);
    tick(i);
  }
}

/**
 * Waits until `isDone()` holds (checked on each {@linkcode Drain.poke}) or
 * `timeoutMs` passes, whichever comes first. The timer is always cleared.
 *
 * @example
 * ```ts
 * import { Drain } from "./pacing.ts";
 * let got = 0;
 * const drain = new Drain(() => got === 2, 1000);
 * got = 2;
 * drain.poke();
 * console.log(await drain.done); // "complete"
 * ```
 */
export class Drain {
  /** Settles with how the wait ended. */
  readonly done: Promise<"complete" | "timeout">;
  #resolve!: (how: "complete" | "timeout") => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #settled = false;
  readonly #isDone: () => boolean;

  /**
   * @param isDone condition that ends the wait
   * @param timeoutMs longest wait, from the call to {@linkcode Drain.start}
   */
  constructor(isDone: () => boolean, readonly timeoutMs: number) {
    this.#isDone = isDone;
    this.done = new Promise((resolve) => (this.#resolve = resolve));
  }

  /** Starts the deadline (and checks the condition once). */
  start(): void {
    if (this.#settled || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => this.#settle("timeout"), this.timeoutMs);
    this.poke();
  }

  /** Checks the condition again (call it on every reception). */
  poke(): void {
    if (!this.#settled && this.#isDone()) this.#settle("complete");
  }

  /** Ends the wait now, e.g. when the peer closed the connection. */
  stop(): void {
    this.#settle("complete");
  }

  #settle(how: "complete" | "timeout"): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#resolve(how);
  }
}

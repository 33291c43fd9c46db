/**
 * Coming back after a lost connection: attempts spaced by a back-off
 * (250 ms, doubling, at most 2 s, with jitter so a class of laptops does
 * not knock all at once), for at most the room's grace period.
 *
 * What one attempt does is the caller's (`attempt`): today the same
 * address with the seat's token; later, finding the room again by its id
 * through discovery fits the same shape.
 *
 * @module
 */

/** How attempts are spaced. */
export interface BackoffOptions {
  /** Delay before the first attempt, ms (250). */
  firstMs?: number;
  /** Longest delay between attempts, ms (2000). */
  maxMs?: number;
  /** Spread of each delay: ±this fraction (0.25). */
  jitter?: number;
}

/**
 * The delay before attempt `n` (1-based): `firstMs · 2^(n-1)` capped at
 * `maxMs`, spread by ±`jitter` with `random`.
 *
 * @example
 * ```ts
 * import { backoffDelay } from "./reconnect.ts";
 * const middle = () => 0.5; // no spread
 * [1, 2, 3, 4, 5].map((n) => backoffDelay(n, middle)); // [250, 500, 1000, 2000, 2000]
 * backoffDelay(1, () => 0); // 187.5
 * ```
 *
 * @param attempt the attempt number, from 1
 * @param random a number in [0, 1)
 * @param options the spacing
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  options: BackoffOptions = {},
): number {
  const first = options.firstMs ?? 250;
  const max = options.maxMs ?? 2000;
  const jitter = options.jitter ?? 0.25;
  const base = Math.min(max, first * 2 ** Math.min(30, attempt - 1));
  return base * (1 - jitter + 2 * jitter * random());
}

/**
 * Wakes a {@linkcode reconnect} loop: the next attempt starts at once
 * instead of after its back-off (a room seen again by discovery, a host
 * that said where the room moved). A wake during an attempt makes the
 * following one start at once.
 *
 * @example
 * ```ts
 * import { Wake } from "./reconnect.ts";
 * const wake = new Wake();
 * const seen = wake.count;
 * wake.wake();
 * wake.count > seen; // true
 * ```
 */
export class Wake {
  #count = 0;
  #waiters = new Set<() => void>();

  /** How many wakes so far. */
  get count(): number {
    return this.#count;
  }

  /** Wakes the loop now. */
  wake(): void {
    this.#count++;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const w of waiters) w();
  }

  /**
   * Resolves at the next wake after `seen` (at once when one came since).
   * Returns a function that stops waiting.
   */
  next(seen: number, resolve: () => void): () => void {
    if (this.#count > seen) {
      resolve();
      return () => {};
    }
    this.#waiters.add(resolve);
    return () => this.#waiters.delete(resolve);
  }
}

/** Why coming back stopped without a session. */
export type GaveUp =
  | { kind: "timeout"; attempts: number; error: unknown }
  | { kind: "aborted"; attempts: number }
  | { kind: "refused"; attempts: number; error: unknown };

/** How {@linkcode reconnect} runs. */
export interface ReconnectOptions<T> {
  /** One attempt (the attempt's number, from 1): a session, or a throw. */
  attempt: (n: number) => Promise<T>;
  /** Give up this long after starting, ms (the room's grace period). */
  giveUpMs: number;
  /** An error after which trying again is pointless (kicked, banned). */
  isFinal?: (error: unknown) => boolean;
  /** Called before each attempt (to say « essai N »). */
  onAttempt?: (n: number) => void;
  /** Called after a failed attempt. */
  onFailure?: (n: number, error: unknown) => void;
  /** Stops trying (Ctrl-C): the result is `aborted` at once. */
  signal?: AbortSignal;
  /** Cuts the wait before the next attempt short. */
  wake?: Wake;
  /**
   * The wake count the loop counts from (default: its count at the start):
   * a wake that came since (a `bye` saying where the room moved) makes the
   * first attempt start at once.
   */
  wakeSince?: number;
  /** Releases a session an aborted attempt produced too late. */
  discard?: (late: T) => void;
  /** The spacing of attempts. */
  backoff?: BackoffOptions;
  /** Random numbers for the jitter. */
  random?: () => number;
  /** Monotonic milliseconds. */
  now?: () => number;
}

/**
 * Tries `attempt` until it gives a session, an error is final, the time is
 * up or `signal` aborts.
 *
 * @example
 * ```ts
 * import { reconnect } from "./reconnect.ts";
 * let calls = 0;
 * const result = await reconnect({
 *   attempt: () => ++calls < 3 ? Promise.reject(new Error("refused")) : Promise.resolve("session"),
 *   giveUpMs: 10_000,
 *   backoff: { firstMs: 1, maxMs: 2 },
 * });
 * result; // { kind: "ok", session: "session", attempts: 3 }
 * ```
 *
 * @param o what to try and for how long
 */
export async function reconnect<T>(
  o: ReconnectOptions<T>,
): Promise<{ kind: "ok"; session: T; attempts: number } | GaveUp> {
  const now = o.now ?? (() => performance.now());
  const random = o.random ?? Math.random;
  const start = now();
  let lastError: unknown = null;
  // Wakes after `wakeSince` count: one before the first wait skips it.
  let seen = o.wakeSince ?? o.wake?.count ?? 0;
  for (let n = 1;; n++) {
    const left = o.giveUpMs - (now() - start);
    const woken = o.wake !== undefined && o.wake.count > seen;
    const delay = woken ? 0 : backoffDelay(n, random, o.backoff);
    if (left < delay || left <= 0) {
      return { kind: "timeout", attempts: n - 1, error: lastError };
    }
    const slept = woken
      ? !o.signal?.aborted
      : await sleep(Math.min(delay, left), o.signal, o.wake, seen);
    if (!slept) {
      return { kind: "aborted", attempts: n - 1 };
    }
    seen = o.wake?.count ?? 0;
    o.onAttempt?.(n);
    const attempt = o.attempt(n);
    const outcome = await raceAbort(attempt, o.signal);
    if (outcome === ABORTED) {
      attempt.then((late) => o.discard?.(late), () => {});
      return { kind: "aborted", attempts: n };
    }
    if ("ok" in outcome) {
      return { kind: "ok", session: outcome.ok, attempts: n };
    }
    lastError = outcome.error;
    if (o.isFinal?.(outcome.error)) {
      return { kind: "refused", attempts: n, error: outcome.error };
    }
    o.onFailure?.(n, outcome.error);
  }
}

const ABORTED = Symbol("aborted");

/** Waits `ms` (less when woken); false when `signal` aborted first. */
function sleep(
  ms: number,
  signal?: AbortSignal,
  wake?: Wake,
  seen = 0,
): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unwake();
      signal?.removeEventListener("abort", onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    const unwake = wake ? wake.next(seen, () => done(true)) : () => {};
    signal?.addEventListener("abort", onAbort);
  });
}

function raceAbort<T>(
  p: Promise<T>,
  signal?: AbortSignal,
): Promise<{ ok: T } | { error: unknown } | typeof ABORTED> {
  const settled = p.then((ok) => ({ ok }), (error) => ({ error }));
  if (!signal) return settled;
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener("abort", onAbort, { once: true });
    settled.then((r) => {
      signal.removeEventListener("abort", onAbort);
      resolve(r);
    });
  });
}

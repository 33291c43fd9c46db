/**
 * Token buckets for probe answers, pure (time is passed in): one bucket per
 * source address plus one shared bucket, so neither one noisy client nor a
 * flood of spoofed sources makes a host send more than a few answers.
 *
 * @module
 */

/** Limits of {@linkcode ProbeRateLimiter}. */
export interface RateLimits {
  /** Answers a single source may get in a burst. */
  perSourceBurst: number;
  /** Answers per second a single source earns back. */
  perSourceRate: number;
  /** Answers all sources together may get in a burst. */
  globalBurst: number;
  /** Answers per second all sources together earn back. */
  globalRate: number;
  /** Most sources remembered; the oldest is forgotten past it. */
  maxSources: number;
}

/**
 * Defaults: 8 answers then 4/s per source (a client sends 4 probes in its
 * first second); 40 then 20/s in all.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perSourceBurst: 8,
  perSourceRate: 4,
  globalBurst: 40,
  globalRate: 20,
  maxSources: 1024,
};

interface Bucket {
  tokens: number;
  at: number;
}

function refill(b: Bucket, now: number, rate: number, burst: number): void {
  const dt = Math.max(0, now - b.at) / 1000;
  b.tokens = Math.min(burst, b.tokens + dt * rate);
  b.at = now;
}

/**
 * Decides whether a probe from a source may be answered now.
 *
 * @example
 * ```ts
 * import { ProbeRateLimiter } from "./rate_limit.ts";
 * const limiter = new ProbeRateLimiter();
 * limiter.allow("198.18.0.9", 0); // true (8 times), then false until refilled
 * ```
 */
export class ProbeRateLimiter {
  #limits: RateLimits;
  #sources = new Map<string, Bucket>();
  #global: Bucket;
  /** Probes refused so far. */
  refused = 0;

  /** @param limits the limits, default {@linkcode DEFAULT_RATE_LIMITS} */
  constructor(limits: RateLimits = DEFAULT_RATE_LIMITS) {
    this.#limits = limits;
    this.#global = { tokens: limits.globalBurst, at: -Infinity };
  }

  /** True when a probe from `source` at time `now` (ms) may be answered. */
  allow(source: string, now: number): boolean {
    const l = this.#limits;
    let b = this.#sources.get(source);
    if (!b) {
      if (this.#sources.size >= l.maxSources) {
        // Forget the oldest (Map keeps insertion order).
        const oldest = this.#sources.keys().next().value as string;
        this.#sources.delete(oldest);
      }
      b = { tokens: l.perSourceBurst, at: now };
      this.#sources.set(source, b);
    }
    refill(b, now, l.perSourceRate, l.perSourceBurst);
    if (this.#global.at === -Infinity) this.#global.at = now;
    refill(this.#global, now, l.globalRate, l.globalBurst);
    if (b.tokens < 1 || this.#global.tokens < 1) {
      this.refused++;
      return false;
    }
    b.tokens -= 1;
    this.#global.tokens -= 1;
    return true;
  }

  /** Number of sources currently remembered. */
  get size(): number {
    return this.#sources.size;
  }
}

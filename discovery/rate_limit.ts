/**
 * Token buckets for probe answers, pure (time is passed in): one bucket per
 * source address plus one shared bucket, so neither one noisy client nor a
 * flood of spoofed sources makes a host send more than a few answers.
 *
 * @module
 */
import { TokenBucket } from "../protocol/token_bucket.ts";

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

/**
 * Decides whether a probe from a source may be answered now.
 *
 * @example
 * ```ts
 * import { ProbeRateLimiter } from "./rate_limit.ts";
 * const limiter = new ProbeRateLimiter();
 * const answered = Array.from({ length: 10 }, () => limiter.allow("198.18.0.9", 0));
 * answered.filter(Boolean).length; // 8: the per-source burst
 * limiter.allow("198.18.0.9", 250); // true: one token earned back at 4/s
 * ```
 */
export class ProbeRateLimiter {
  #limits: RateLimits;
  #sources = new Map<string, TokenBucket>();
  #global: TokenBucket | null = null;
  /** Probes refused so far. */
  refused = 0;

  /**
   * Makes a limiter that remembers no source yet.
   *
   * @param limits the limits, default {@linkcode DEFAULT_RATE_LIMITS}
   */
  constructor(limits: RateLimits = DEFAULT_RATE_LIMITS) {
    this.#limits = limits;
  }

  /** True when a probe from `source` at time `now` (ms) may be answered. */
  allow(source: string, now: number): boolean {
    const l = this.#limits;
    let bucket = this.#sources.get(source);
    if (!bucket) {
      if (this.#sources.size >= l.maxSources) {
        // Forget the oldest (Map keeps insertion order).
        const oldest = this.#sources.keys().next().value as string;
        this.#sources.delete(oldest);
      }
      bucket = new TokenBucket(l.perSourceBurst, l.perSourceRate, now);
      this.#sources.set(source, bucket);
    }
    // The shared bucket starts full at the first probe.
    this.#global ??= new TokenBucket(l.globalBurst, l.globalRate, now);
    // Take from both or from neither.
    if (bucket.tokens(now) < 1 || this.#global.tokens(now) < 1) {
      this.refused++;
      return false;
    }
    bucket.take(now);
    this.#global.take(now);
    return true;
  }

  /** Number of sources currently remembered. */
  get size(): number {
    return this.#sources.size;
  }
}

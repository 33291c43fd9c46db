/**
 * A latency histogram that load processes fill and the bench merges: fixed
 * 20 µs buckets up to 20 s (one overflow bucket above), so percentiles of
 * millions of samples cost 4 MiB and travel between processes as the
 * non-empty buckets only.
 *
 * @module
 */

/** Width of one bucket, in ms. */
export const BUCKET_MS = 0.02;
/** Buckets below the overflow one (20 s). */
export const BUCKETS = 1_000_000;

/** The non-empty buckets of a histogram: `[index, count]` pairs. */
export type SparseHistogram = [number, number][];

/**
 * Counts of latencies per 20 µs bucket.
 *
 * @example
 * ```ts
 * import { Histogram } from "./histogram.ts";
 * const h = new Histogram();
 * for (const ms of [1, 2, 3, 4, 100]) h.add(ms);
 * h.count; // 5
 * h.percentile(50); // 3
 * ```
 */
export class Histogram {
  readonly #counts = new Uint32Array(BUCKETS + 1);
  #count = 0;
  #max = 0;

  /** Samples added. */
  get count(): number {
    return this.#count;
  }

  /** Largest sample (ms). */
  get max(): number {
    return this.#max;
  }

  /**
   * Adds one latency.
   * @param ms the latency in milliseconds (negative counts as 0)
   */
  add(ms: number): void {
    const i = Math.min(BUCKETS, Math.max(0, Math.round(ms / BUCKET_MS)));
    this.#counts[i]++;
    this.#count++;
    if (ms > this.#max) this.#max = ms;
  }

  /**
   * Adds the samples of another histogram (as sent by a load process).
   * @param sparse its non-empty buckets
   * @param max its largest sample
   */
  merge(sparse: SparseHistogram, max: number): void {
    for (const [i, n] of sparse) {
      this.#counts[i] += n;
      this.#count += n;
    }
    if (max > this.#max) this.#max = max;
  }

  /** The non-empty buckets. */
  sparse(): SparseHistogram {
    const out: SparseHistogram = [];
    for (let i = 0; i <= BUCKETS; i++) {
      if (this.#counts[i] !== 0) out.push([i, this.#counts[i]]);
    }
    return out;
  }

  /**
   * The latency under which `p` % of the samples fall (NaN when empty).
   * @param p 0 to 100
   */
  percentile(p: number): number {
    if (this.#count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(p / 100 * this.#count));
    let seen = 0;
    for (let i = 0; i <= BUCKETS; i++) {
      seen += this.#counts[i];
      if (seen >= rank) return i === BUCKETS ? this.#max : i * BUCKET_MS;
    }
    return this.#max;
  }
}

/**
 * The value under which `p` % of the numbers fall (NaN for none).
 *
 * @example
 * ```ts
 * import { percentile } from "./histogram.ts";
 * percentile([5, 1, 3], 50); // 3
 * ```
 */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[
    Math.min(s.length - 1, Math.max(0, Math.ceil(p / 100 * s.length) - 1))
  ];
}

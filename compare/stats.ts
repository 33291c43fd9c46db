/**
 * The accounting of one run, pure: feed it "sent seq N at time t" and
 * "received seq N at time t" events (times in milliseconds on the measuring
 * side's clock) and it returns exact counters and percentiles.
 *
 * Definitions (also in docs/udp-vs-tcp.md):
 * - **delivered**: distinct sequence numbers received back, among those sent.
 * - **lost**: sent − delivered, counted when the run is over (after the drain
 *   timeout): a message that comes back later than that counts as lost.
 * - **duplicated**: receptions of a sequence number already received.
 * - **reordered**: first receptions of a sequence number lower than the
 *   highest one received so far (a duplicate is counted as duplicated only).
 * - **foreign**: receptions of a sequence number never sent (ignored).
 * - **latency**: round-trip time (RTT) of each message's first reception:
 *   received at − sent at, both read on the same clock. One-way time is not
 *   measured (two machines' clocks are not synchronized); RTT / 2 is only an
 *   estimate of it when both directions are alike.
 * - **percentile p** (nearest rank): the value at rank ⌈p/100 × n⌉ of the n
 *   sorted values.
 * - **staleness** (age of the newest state): at each send tick after the
 *   first reception, now − sent time of the highest sequence number received
 *   so far. It includes the round trip.
 *
 * @module
 */

/** Summary of a list of numbers (milliseconds). */
export interface Distribution {
  /** How many values. */
  count: number;
  /** Median (nearest rank). */
  p50: number;
  /** 95th percentile (nearest rank). */
  p95: number;
  /** 99th percentile (nearest rank). */
  p99: number;
  /** Largest value. */
  max: number;
  /** Smallest value. */
  min: number;
  /** Arithmetic mean. */
  mean: number;
}

/** What one reception was, for the accounting. */
export type Reception = "first" | "reordered" | "duplicate" | "foreign";

/** Counters and distributions of a finished run. */
export interface RunSummary {
  /** Messages sent. */
  sent: number;
  /** Distinct messages received back. */
  delivered: number;
  /** sent − delivered. */
  lost: number;
  /** Receptions of an already received message. */
  duplicated: number;
  /** First receptions below the highest sequence number received so far. */
  reordered: number;
  /** Receptions of sequence numbers never sent. */
  foreign: number;
  /** Round-trip times of first receptions; `null` when nothing came back. */
  rtt: Distribution | null;
  /** Threshold for {@linkcode RunSummary.late}, in ms. */
  lateMs: number;
  /** First receptions whose round trip took more than `lateMs`. */
  late: number;
  /** Age of the newest state at each send tick; `null` without samples. */
  staleness: Distribution | null;
  /** From the first send to the last first reception (or last send), in ms. */
  durationMs: number;
  /** Round-trip time of each message in sending order, `null` when lost. */
  rttSeries: (number | null)[];
}

/**
 * The value at nearest rank ⌈p/100 × n⌉ of ascending `sorted` values.
 *
 * @example
 * ```ts
 * import { percentile } from "./stats.ts";
 * percentile([1, 2, 3, 4], 50); // 2
 * percentile([1, 2, 3, 4], 99); // 4
 * ```
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    throw new RangeError("percentile of no values: pass at least one value");
  }
  if (!(p > 0 && p <= 100)) {
    throw new RangeError(`percentile rank ${p} is outside (0, 100]`);
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Summarizes values (any order); `null` for none.
 *
 * @example
 * ```ts
 * import { describe } from "./stats.ts";
 * describe([3, 1, 2])?.p50; // 2
 * describe([]); // null
 * ```
 */
export function describe(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    min: sorted[0],
    mean: sum / sorted.length,
  };
}

/**
 * Application bits delivered per second: `delivered × size × 8 / duration`.
 * 0 when the duration is not positive.
 *
 * @example
 * ```ts
 * import { goodputBitsPerSecond } from "./stats.ts";
 * goodputBitsPerSecond(1000, 64, 5000); // 102400
 * ```
 */
export function goodputBitsPerSecond(
  delivered: number,
  size: number,
  durationMs: number,
): number {
  return durationMs > 0 ? (delivered * size * 8 * 1000) / durationMs : 0;
}

/**
 * Accounting of one run. Call {@linkcode Tally.sent} before a message leaves
 * and {@linkcode Tally.received} when one comes back, then
 * {@linkcode Tally.summary}.
 *
 * @example
 * ```ts
 * import { Tally } from "./stats.ts";
 * const tally = new Tally({ lateMs: 200 });
 * tally.sent(0, 0);
 * tally.sent(1, 5);
 * tally.received(1, 7); // "first"
 * tally.received(0, 300); // "reordered"
 * tally.received(0, 301); // "duplicate"
 * const s = tally.summary();
 * console.log(s.lost, s.duplicated, s.reordered, s.late); // 0 1 1 1
 * ```
 */
export class Tally {
  readonly #lateMs: number;
  readonly #sentAt = new Map<number, number>();
  readonly #order: number[] = [];
  readonly #firstAt = new Map<number, number>();
  readonly #deliveries: { seq: number; at: number }[] = [];
  #highest = -1;
  #duplicated = 0;
  #reordered = 0;
  #foreign = 0;

  /** @param options `lateMs`: a round trip above this is "late" (default 200) */
  constructor(options: { lateMs?: number } = {}) {
    this.#lateMs = options.lateMs ?? 200;
  }

  /** Messages sent so far. */
  get sentCount(): number {
    return this.#order.length;
  }

  /** Distinct messages received back so far. */
  get deliveredCount(): number {
    return this.#firstAt.size;
  }

  /**
   * Records that message `seq` left at time `at` (ms).
   * @param seq sequence number, unique within the run
   * @param at send time in ms
   */
  sent(seq: number, at: number): void {
    if (this.#sentAt.has(seq)) {
      throw new RangeError(
        `sequence number ${seq} was already sent: number messages uniquely`,
      );
    }
    this.#sentAt.set(seq, at);
    this.#order.push(seq);
  }

  /**
   * Records that message `seq` came back at time `at` (ms) and says what
   * this reception was.
   * @param seq sequence number read from the message
   * @param at reception time in ms
   */
  received(seq: number, at: number): Reception {
    if (!this.#sentAt.has(seq)) {
      this.#foreign++;
      return "foreign";
    }
    if (this.#firstAt.has(seq)) {
      this.#duplicated++;
      return "duplicate";
    }
    this.#firstAt.set(seq, at);
    this.#deliveries.push({ seq, at });
    if (seq < this.#highest) {
      this.#reordered++;
      return "reordered";
    }
    this.#highest = seq;
    return "first";
  }

  /** Counters and distributions of everything recorded so far. */
  summary(): RunSummary {
    const rtts: number[] = [];
    const rttSeries: (number | null)[] = [];
    let late = 0;
    for (const seq of this.#order) {
      const first = this.#firstAt.get(seq);
      if (first === undefined) {
        rttSeries.push(null);
        continue;
      }
      const rtt = first - this.#sentAt.get(seq)!;
      rtts.push(rtt);
      rttSeries.push(rtt);
      if (rtt > this.#lateMs) late++;
    }
    const sendTimes = this.#order.map((seq) => this.#sentAt.get(seq)!);
    const firstSend = sendTimes.reduce((m, t) => Math.min(m, t), Infinity);
    const lastSend = sendTimes.reduce((m, t) => Math.max(m, t), -Infinity);
    const lastDelivery = this.#deliveries.reduce(
      (m, d) => Math.max(m, d.at),
      -Infinity,
    );
    const end = Math.max(lastSend, lastDelivery);
    return {
      sent: this.#order.length,
      delivered: this.#firstAt.size,
      lost: this.#order.length - this.#firstAt.size,
      duplicated: this.#duplicated,
      reordered: this.#reordered,
      foreign: this.#foreign,
      rtt: describe(rtts),
      lateMs: this.#lateMs,
      late,
      staleness: describe(this.#stalenessSamples(sendTimes)),
      durationMs: sendTimes.length ? end - firstSend : 0,
      rttSeries,
    };
  }

  /** Age of the newest received state at each send tick. */
  #stalenessSamples(sendTimes: number[]): number[] {
    const deliveries = [...this.#deliveries].sort((a, b) => a.at - b.at);
    const ticks = [...sendTimes].sort((a, b) => a - b);
    const samples: number[] = [];
    let next = 0;
    let newest = -1;
    for (const tick of ticks) {
      while (next < deliveries.length && deliveries[next].at <= tick) {
        newest = Math.max(newest, deliveries[next].seq);
        next++;
      }
      if (newest >= 0) samples.push(tick - this.#sentAt.get(newest)!);
    }
    return samples;
  }
}

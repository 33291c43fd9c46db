/**
 * One bounded outbound queue per connection. Messages pushed during one turn
 * of the event loop are joined into a single write; while a write is in
 * flight, new messages wait and go out together in the next one.
 *
 * A slow reader is judged by time, not by the size of one burst: the
 * backlog (bytes the socket has not accepted yet, queued or in flight) may
 * grow past {@linkcode OutboundOptions.slowBytes} for a moment — a join
 * storm, a wave of leaves — but when it has stayed above that bound for
 * {@linkcode OutboundOptions.slowMs}, the reader is cut. A hard bound
 * ({@linkcode OutboundOptions.limitBytes}), far above any burst, caps the
 * memory one connection may hold whatever the time. Either way the queue
 * stops accepting and calls `onOverflow`, so one slow reader never stalls
 * the others (nobody awaits a peer's write).
 *
 * What is pushed may be text or bytes already UTF-8 encoded: a broadcast
 * encoded once is queued as the same bytes for everyone, and written
 * without being copied when it goes out alone. Flushes of every queue of a
 * turn run from one `setImmediate`, not one each.
 *
 * @module
 */
import {
  OUTBOUND_LIMIT_BYTES,
  OUTBOUND_SLOW_BYTES,
  OUTBOUND_SLOW_MS,
} from "../protocol/constants.ts";
import { utf8 } from "../protocol/framing.ts";
import { type Clock, realClock } from "./clock.ts";

/** Writes some bytes, resolving with how many were written (like `Deno.Conn.write`). */
export type Writer = (bytes: Uint8Array) => Promise<number>;

/** Options of an {@linkcode OutboundQueue}. */
export interface OutboundOptions {
  /** Hard bound: most bytes waiting (queued + in flight) at any time. */
  limitBytes?: number;
  /** A backlog above this many bytes counts as "behind". */
  slowBytes?: number;
  /** Cut the reader once it has been behind this long (ms). */
  slowMs?: number;
  /** Time and timers (the slow-reader check); the real clock by default. */
  clock?: Clock;
  /** Called once when the reader is cut (too slow or over the hard bound). */
  onOverflow?: (waitingBytes: number) => void;
  /** Called once when a write fails (peer gone). */
  onError?: (error: unknown) => void;
  /** How a flush is scheduled; defaults to {@linkcode afterIo} (after the I/O of this turn). */
  schedule?: (flush: () => void) => void;
}

let batch: (() => void)[] = [];

function runBatch(): void {
  const fns = batch;
  batch = [];
  for (const fn of fns) fn();
}

/**
 * Runs `fn` after the I/O of this turn of the event loop, like
 * `setImmediate`, but every function scheduled in one turn shares one
 * `setImmediate` (a broadcast to a thousand queues schedules once).
 *
 * @example
 * ```ts
 * import { afterIo } from "./outbound.ts";
 * const order: number[] = [];
 * await new Promise<void>((done) => {
 *   afterIo(() => order.push(1));
 *   afterIo(() => { order.push(2); done(); });
 * });
 * order; // [1, 2]
 * ```
 */
export function afterIo(fn: () => void): void {
  batch.push(fn);
  if (batch.length === 1) globalThis.setImmediate(runBatch);
}

const encoder = new TextEncoder();

/**
 * Where the parts of a flush are put together before the one copy that is
 * written: reused by every queue (a flush is synchronous up to its write),
 * grown up to {@linkcode SCRATCH_MOST} when a flush needs more.
 */
let scratch = new Uint8Array(64 * 1024);
/** Past this, a flush gets a buffer of its own instead of a bigger scratch. */
const SCRATCH_MOST = 1024 * 1024;

/**
 * One buffer of what was queued: the bytes themselves when alone, else one
 * exact-size copy of all, text encoded straight into place (no buffer per
 * part, no joined string).
 */
function joined(parts: (string | Uint8Array)[]): Uint8Array {
  if (parts.length === 1) {
    const only = parts[0];
    return typeof only === "string" ? utf8(only) : only;
  }
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  let most = 0;
  for (const p of parts) {
    most += typeof p === "string" ? p.length * 3 : p.length;
  }
  const own = most > SCRATCH_MOST;
  if (!own && most > scratch.length) {
    scratch = new Uint8Array(
      Math.min(SCRATCH_MOST, Math.max(most, scratch.length * 2)),
    );
  }
  const into = own ? new Uint8Array(most) : scratch;
  let at = 0;
  for (const p of parts) {
    if (typeof p === "string") {
      at += encoder.encodeInto(p, into.subarray(at)).written;
    } else {
      into.set(p, at);
      at += p.length;
    }
  }
  return own ? into.subarray(0, at) : into.slice(0, at);
}

/**
 * Coalescing, bounded writer for one connection.
 *
 * @example
 * ```ts
 * import { OutboundQueue } from "./outbound.ts";
 * const written: string[] = [];
 * const q = new OutboundQueue(async (b) => {
 *   written.push(new TextDecoder().decode(b));
 *   return b.length;
 * });
 * q.push("a\n");
 * q.push("b\n");
 * await q.drain(); // written is ["a\nb\n"]: one write
 * ```
 */
export class OutboundQueue {
  #pending: (string | Uint8Array)[] = [];
  #waiting = 0;
  #inFlight = 0;
  #scheduled = false;
  #writing = false;
  #closed = false;
  #writes = 0;
  #behindSince: number | null = null;
  #cancelCheck: (() => void) | null = null;
  #drainers: (() => void)[] = [];
  readonly #write: Writer;
  readonly #limit: number;
  readonly #slowBytes: number;
  readonly #slowMs: number;
  readonly #clock: Clock;
  readonly #onOverflow?: (waitingBytes: number) => void;
  readonly #onError?: (error: unknown) => void;
  readonly #schedule: (flush: () => void) => void;

  /**
   * Makes an empty queue around one connection's writer.
   *
   * @param write the socket's write function
   * @param options bounds, clock and callbacks
   */
  constructor(write: Writer, options: OutboundOptions = {}) {
    this.#write = write;
    this.#limit = options.limitBytes ?? OUTBOUND_LIMIT_BYTES;
    this.#slowBytes = options.slowBytes ?? OUTBOUND_SLOW_BYTES;
    this.#slowMs = options.slowMs ?? OUTBOUND_SLOW_MS;
    this.#clock = options.clock ?? realClock;
    this.#onOverflow = options.onOverflow;
    this.#onError = options.onError;
    this.#schedule = options.schedule ?? afterIo;
  }

  /** Bytes the socket has not accepted yet: queued, plus the rest of the write in flight. */
  get waitingBytes(): number {
    return this.#waiting + this.#inFlight;
  }

  /** Number of socket writes done so far. */
  get writes(): number {
    return this.#writes;
  }

  /** True once closed or overflowed: pushes are ignored. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Queues text or UTF-8 bytes (not to be changed afterwards: they may be
   * written as they are); returns false when the queue is closed or just
   * overflowed.
   * @param data one or more complete lines
   */
  push(data: string | Uint8Array): boolean {
    if (this.#closed) return false;
    this.#pending.push(data);
    // Text counts in UTF-16 units: close enough for a bound.
    this.#waiting += data.length;
    const waiting = this.waitingBytes;
    if (
      waiting > this.#limit ||
      ((waiting > this.#slowBytes || this.#behindSince !== null) &&
        this.#tooSlow())
    ) {
      this.#cut();
      return false;
    }
    if (!this.#scheduled && !this.#writing) {
      this.#scheduled = true;
      this.#schedule(() => this.#flush());
    }
    return true;
  }

  /** Resolves when everything queued so far is written (or the queue is closed). */
  drain(): Promise<void> {
    if (this.#idle()) return Promise.resolve();
    return new Promise((resolve) => this.#drainers.push(resolve));
  }

  /** Stops accepting; what is queued is dropped. */
  close(): void {
    this.#closed = true;
    this.#pending = [];
    this.#waiting = 0;
    this.#cancelCheck?.();
    this.#cancelCheck = null;
    if (!this.#writing) this.#wake();
  }

  /** Notes whether the backlog is above the slow bound; true when it has been for too long. */
  #tooSlow(): boolean {
    if (this.waitingBytes <= this.#slowBytes) {
      this.#behindSince = null;
      this.#cancelCheck?.();
      this.#cancelCheck = null;
      return false;
    }
    const now = this.#clock.now();
    if (this.#behindSince === null) {
      this.#behindSince = now;
      // Judge it even if nothing more is pushed.
      this.#cancelCheck = this.#clock.after(this.#slowMs, () => {
        this.#cancelCheck = null;
        if (!this.#closed && this.#tooSlow()) this.#cut();
      });
    }
    return now - this.#behindSince >= this.#slowMs;
  }

  #cut(): void {
    const waiting = this.waitingBytes;
    this.close();
    this.#onOverflow?.(waiting);
  }

  #idle(): boolean {
    return this.#closed && !this.#writing ||
      this.#pending.length === 0 && !this.#writing && !this.#scheduled;
  }

  #wake(): void {
    if (!this.#idle()) return;
    const drainers = this.#drainers;
    this.#drainers = [];
    for (const d of drainers) d();
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    if (this.#closed || this.#pending.length === 0) return this.#wake();
    const parts = this.#pending;
    this.#pending = [];
    this.#waiting = 0;
    this.#writing = true;
    try {
      let bytes = joined(parts);
      this.#inFlight = bytes.length;
      this.#writes++;
      while (bytes.length > 0 && !this.#closed) {
        const n = await this.#write(bytes);
        bytes = bytes.subarray(n);
        this.#inFlight = bytes.length;
        if (!this.#closed) this.#tooSlow(); // progress may end a slow streak
      }
    } catch (error) {
      this.#writing = false;
      this.#inFlight = 0;
      if (!this.#closed) {
        this.close();
        this.#onError?.(error);
      }
      return this.#wake();
    }
    this.#writing = false;
    this.#inFlight = 0;
    if (!this.#closed) this.#tooSlow();
    if (this.#pending.length > 0 && !this.#closed) {
      this.#scheduled = true;
      this.#schedule(() => this.#flush());
    }
    this.#wake();
  }
}

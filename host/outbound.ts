/**
 * One bounded outbound queue per connection. Messages pushed during one turn
 * of the event loop are joined into a single write; while a write is in
 * flight, new messages wait and go out together in the next one. When more
 * than the limit waits behind a write the socket has not accepted yet, the
 * reader is judged too slow: the queue stops accepting and calls
 * `onOverflow`, so one slow reader never stalls the others (nobody awaits a
 * peer's write). A burst queued within one turn, before any write was
 * tried, is allowed up to four times the limit.
 *
 * @module
 */
import { OUTBOUND_LIMIT_BYTES } from "../protocol/constants.ts";
import { setImmediate } from "node:timers";
import { utf8 } from "../protocol/framing.ts";

/** Writes some bytes, resolving with how many were written (like `Deno.Conn.write`). */
export type Writer = (bytes: Uint8Array) => Promise<number>;

/** Options of an {@linkcode OutboundQueue}. */
export interface OutboundOptions {
  /** Most bytes waiting (queued + in flight) before the reader is cut. */
  limitBytes?: number;
  /** Called once when the limit is passed. */
  onOverflow?: (waitingBytes: number) => void;
  /** Called once when a write fails (peer gone). */
  onError?: (error: unknown) => void;
  /** How a flush is scheduled; defaults to `setImmediate` (after the I/O of this turn). */
  schedule?: (flush: () => void) => void;
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
  #pending: string[] = [];
  #waiting = 0;
  #inFlight = 0;
  #scheduled = false;
  #writing = false;
  #closed = false;
  #writes = 0;
  #drainers: (() => void)[] = [];
  readonly #write: Writer;
  readonly #limit: number;
  readonly #onOverflow?: (waitingBytes: number) => void;
  readonly #onError?: (error: unknown) => void;
  readonly #schedule: (flush: () => void) => void;

  /**
   * Makes an empty queue around one connection's writer.
   *
   * @param write the socket's write function
   * @param options limit and callbacks
   */
  constructor(write: Writer, options: OutboundOptions = {}) {
    this.#write = write;
    this.#limit = options.limitBytes ?? OUTBOUND_LIMIT_BYTES;
    this.#onOverflow = options.onOverflow;
    this.#onError = options.onError;
    this.#schedule = options.schedule ?? ((f) => void setImmediate(f));
  }

  /** Bytes waiting to be written, in flight included. */
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
   * Queues text; returns false when the queue is closed or just overflowed.
   * @param text one or more complete lines
   */
  push(text: string): boolean {
    if (this.#closed) return false;
    this.#pending.push(text);
    this.#waiting += text.length; // UTF-16 units: close enough for a bound
    const stalled = this.#writing && this.waitingBytes > this.#limit;
    if (stalled || this.waitingBytes > 4 * this.#limit) {
      const waiting = this.waitingBytes;
      this.close();
      this.#onOverflow?.(waiting);
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
    if (!this.#writing) this.#wake();
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
    const text = this.#pending.join("");
    this.#pending = [];
    this.#inFlight = this.#waiting;
    this.#waiting = 0;
    this.#writing = true;
    try {
      let bytes = utf8(text);
      this.#writes++;
      while (bytes.length > 0 && !this.#closed) {
        const n = await this.#write(bytes);
        bytes = bytes.subarray(n);
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
    if (this.#pending.length > 0 && !this.#closed) {
      this.#scheduled = true;
      this.#schedule(() => this.#flush());
    }
    this.#wake();
  }
}

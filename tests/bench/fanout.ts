/**
 * The server side of a question's fan-out, for the bench: when each socket
 * write carrying a `question` line was issued. First → last write of one
 * question is what the server controls; the players' arrival spread adds
 * their own processes' scheduling on the same machine.
 *
 * @module
 */

const QUESTION_TEXT = '{"type":"question","index":';
const QUESTION = new TextEncoder().encode(QUESTION_TEXT);

/**
 * Bytes of a write searched for a question: scanning is not free (a
 * server flooding lobbies would pay for it), and a question goes out near
 * the start of a write unless it queued behind that much.
 */
export const SCAN_BYTES = 64 * 1024;

/** Where `needle` starts in `bytes` (as a line of its own), or -1. */
function find(bytes: Uint8Array, needle: Uint8Array): number {
  let i = 0;
  const end = Math.min(bytes.length, SCAN_BYTES);
  const head = needle[0];
  while (i >= 0 && i + needle.length <= end) {
    if (bytes[i] === head) {
      let j = 1;
      while (j < needle.length && bytes[i + j] === needle[j]) j++;
      if (j === needle.length) return i;
    }
    i = bytes.indexOf(10, i); // the next line (its start checked above)
    if (i >= 0) i++;
  }
  return -1;
}

/**
 * Times of the question writes of a server, by question number.
 *
 * @example
 * ```ts
 * import { FanOut } from "./fanout.ts";
 * const f = new FanOut();
 * const q = (i: number) => new TextEncoder().encode(`{"type":"question","index":${i},"total":3}\n`);
 * f.saw(q(1), 10);
 * const lobby = new TextEncoder().encode('{"type":"lobby"}\n');
 * f.saw(new Uint8Array([...lobby, ...q(1)]), 14.5); // a question after a lobby
 * f.saw(new TextEncoder().encode('{"type":"view"}\n'), 20);
 * f.spreads(2); // [4.5, NaN]: question 2 never went out
 * f.writeBytes(1); // [48.5]: question 1 went out in writes of 40 and 57 bytes
 * ```
 */
export class FanOut {
  readonly #times = new Map<number, { first: number; last: number }>();
  readonly #bytes = new Map<number, { sum: number; writes: number }>();

  /**
   * Notes a write about to be issued.
   * @param bytes what is written
   * @param at when (ms)
   */
  saw(bytes: Uint8Array, at: number): void {
    const from = find(bytes, QUESTION);
    if (from < 0) return;
    let index = 0;
    for (let i = from + QUESTION.length; i < bytes.length; i++) {
      const c = bytes[i];
      if (c < 48 || c > 57) break;
      index = index * 10 + (c - 48);
    }
    this.#note(index, at);
    const b = this.#bytes.get(index);
    if (b) {
      b.sum += bytes.length;
      b.writes++;
    } else this.#bytes.set(index, { sum: bytes.length, writes: 1 });
  }

  /**
   * Notes a WebSocket message about to be sent (one JSON message, text).
   * @param text what is sent
   * @param at when (ms)
   */
  sawText(text: string, at: number): void {
    if (!text.startsWith(QUESTION_TEXT)) return;
    this.#note(parseInt(text.slice(QUESTION_TEXT.length, 32), 10), at);
  }

  #note(index: number, at: number): void {
    const t = this.#times.get(index);
    if (t) t.last = at;
    else this.#times.set(index, { first: at, last: at });
  }

  /**
   * First → last write of questions 1 to `count` (ms); NaN for one never
   * seen (it queued behind more than {@linkcode SCAN_BYTES}).
   * @param count how many questions
   */
  spreads(count: number): number[] {
    return Array.from({ length: count }, (_, i) => {
      const t = this.#times.get(i + 1);
      return t ? t.last - t.first : NaN;
    });
  }

  /**
   * Mean bytes of the socket writes that carried questions 1 to `count`
   * (TCP: {@linkcode FanOut.saw}), NaN for one never seen: what each
   * player's connection queues at once at question open — the question,
   * its view, and whatever went out in the same write before it (a game's
   * start before its first question). On a link that sends one byte at a
   * time, the last player waits for all of them.
   * @param count how many questions
   */
  writeBytes(count: number): number[] {
    return Array.from({ length: count }, (_, i) => {
      const b = this.#bytes.get(i + 1);
      return b ? b.sum / b.writes : NaN;
    });
  }
}

/**
 * A listener whose connections tell `fanOut` about every write.
 *
 * @example
 * ```ts ignore
 * const listener = watchWrites(Deno.listen({ port: 0 }), fanOut);
 * ```
 */
export function watchWrites(
  listener: Deno.TcpListener,
  fanOut: FanOut,
): Deno.TcpListener {
  const accept = listener.accept.bind(listener);
  listener.accept = async () => {
    const conn = await accept();
    const write = conn.write.bind(conn);
    conn.write = (bytes: Uint8Array) => {
      fanOut.saw(bytes, performance.now());
      return write(bytes);
    };
    return conn;
  };
  return listener;
}

/**
 * Tells `fanOut` about every text message any WebSocket of this process
 * sends (the server's sockets from `Deno.upgradeWebSocket` included): a
 * question's fan-out on the web path.
 *
 * @example
 * ```ts ignore
 * watchSends(fanOut);
 * ```
 */
export function watchSends(fanOut: FanOut): void {
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (
    this: WebSocket,
    data: string | ArrayBufferLike | Blob | ArrayBufferView,
  ) {
    if (typeof data === "string") fanOut.sawText(data, performance.now());
    return send.call(this, data);
  };
}

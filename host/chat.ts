/**
 * The room's chat log: the last lines, kept for newcomers.
 *
 * @module
 */

/** One chat line as it goes on the wire. */
export interface ChatLine {
  /** Id of the sender. */
  id?: string;
  /** Nickname of the sender. */
  from: string;
  /** What they said. */
  text: string;
  /** When the room got it (ms, the room's clock). */
  at: number;
}

/**
 * The last chat lines of a room (at most `keep`).
 *
 * @example
 * ```ts
 * import { ChatLog } from "./chat.ts";
 * const chat = new ChatLog(2);
 * chat.add({ from: "ana", text: "a", at: 1 });
 * chat.add({ from: "bob", text: "b", at: 2 });
 * chat.add({ from: "ana", text: "c", at: 3 });
 * chat.last(5).map((l) => l.text); // ["b", "c"]
 * ```
 */
export class ChatLog {
  /** A ring of at most `keep` lines; `#next` is where the next one goes. */
  readonly #ring: ChatLine[] = [];
  #next = 0;
  readonly #keep: number;

  /**
   * An empty log.
   *
   * @param keep most lines kept
   */
  constructor(keep = 100) {
    this.#keep = Math.max(0, Math.floor(keep));
  }

  /** Lines kept now. */
  get size(): number {
    return this.#ring.length;
  }

  /**
   * Keeps one more line (the oldest goes when the log is full), in O(1):
   * a busy chat costs the same whatever the log's size.
   * @param line the line
   */
  add(line: ChatLine): void {
    if (this.#keep === 0) return;
    if (this.#ring.length < this.#keep) {
      this.#ring.push(line);
      return;
    }
    this.#ring[this.#next] = line;
    this.#next = (this.#next + 1) % this.#keep;
  }

  /**
   * The last `n` lines, oldest first.
   * @param n how many
   */
  last(n: number): ChatLine[] {
    const size = this.#ring.length;
    const count = Math.min(Math.max(0, Math.floor(n)), size);
    const out: ChatLine[] = [];
    // The oldest line is at #next once the ring is full, at 0 before.
    const oldest = size < this.#keep ? 0 : this.#next;
    for (let i = size - count; i < size; i++) {
      out.push(this.#ring[(oldest + i) % size]);
    }
    return out;
  }
}

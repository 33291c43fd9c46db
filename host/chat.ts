/**
 * The room's chat log: the last lines, kept for newcomers.
 *
 * @module
 */

/** One chat line as it goes on the wire. */
export interface ChatLine {
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
  readonly #lines: ChatLine[] = [];
  readonly #keep: number;

  /**
   * An empty log.
   *
   * @param keep most lines kept
   */
  constructor(keep = 100) {
    this.#keep = keep;
  }

  /**
   * Keeps one more line (the oldest goes when the log is full).
   * @param line the line
   */
  add(line: ChatLine): void {
    this.#lines.push(line);
    if (this.#lines.length > this.#keep) this.#lines.shift();
  }

  /**
   * The last `n` lines, oldest first.
   * @param n how many
   */
  last(n: number): ChatLine[] {
    return n <= 0 ? [] : this.#lines.slice(-n);
  }
}

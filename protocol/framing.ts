/**
 * NDJSON framing: one UTF-8 line per message, `\n` terminated (`\r\n` is
 * accepted). Lines longer than {@linkcode MAX_LINE_BYTES} are refused without
 * being buffered whole: the decoder drops bytes until the next newline and
 * reports the line once.
 *
 * @module
 */
import { MAX_LINE_BYTES } from "./constants.ts";

/** What a decoder found in the bytes it was given. */
export type Frame =
  | { kind: "line"; text: string }
  | { kind: "oversize"; bytes: number }
  | { kind: "invalid_utf8" };

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines, whatever the chunk boundaries.
 *
 * @example
 * ```ts
 * import { LineDecoder } from "./framing.ts";
 * const dec = new LineDecoder();
 * const enc = new TextEncoder();
 * console.log(dec.push(enc.encode('{"type":"ch')));     // []
 * console.log(dec.push(enc.encode('at"}\n\nhi\n')));     // two lines
 * ```
 */
export class LineDecoder {
  #parts: Uint8Array[] = [];
  #size = 0;
  #discarding = false;
  #discarded = 0;
  readonly #max: number;
  readonly #utf8 = new TextDecoder("utf-8", { fatal: true });

  /**
   * Makes a decoder with an empty buffer.
   *
   * @param maxLineBytes longest accepted line, newline excluded
   */
  constructor(maxLineBytes: number = MAX_LINE_BYTES) {
    this.#max = maxLineBytes;
  }

  /** Bytes held while waiting for the end of a line (at most the limit + 1, for a trailing `\r`). */
  get buffered(): number {
    return this.#size;
  }

  /**
   * Feeds bytes; returns the frames they complete. Empty lines are skipped.
   * @param chunk bytes as read from the socket
   */
  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl === -1 ? chunk.length : nl;
      if (this.#discarding) {
        this.#discarded += end - start;
      } else if (this.#size + (end - start) > this.#max + 1) {
        // +1 tolerates a trailing \r before the newline.
        this.#discarding = true;
        this.#discarded = this.#size + (end - start);
        this.#parts = [];
        this.#size = 0;
      } else if (nl !== -1 && this.#size === 0) {
        // A whole line in this chunk: decoded in place, not copied.
        const frame = this.#decode(chunk.subarray(start, end));
        if (frame) frames.push(frame);
        start = nl + 1;
        continue;
      } else if (end > start) {
        this.#parts.push(chunk.subarray(start, end).slice());
        this.#size += end - start;
      }
      if (nl === -1) break;
      if (this.#discarding) {
        frames.push({ kind: "oversize", bytes: this.#discarded });
        this.#discarding = false;
        this.#discarded = 0;
      } else {
        const frame = this.#takeLine();
        if (frame) frames.push(frame);
      }
      start = nl + 1;
    }
    return frames;
  }

  #takeLine(): Frame | null {
    let bytes: Uint8Array;
    if (this.#parts.length === 1) bytes = this.#parts[0];
    else {
      bytes = new Uint8Array(this.#size);
      let at = 0;
      for (const p of this.#parts) {
        bytes.set(p, at);
        at += p.length;
      }
    }
    this.#parts = [];
    this.#size = 0;
    return this.#decode(bytes);
  }

  /** One line's bytes (newline excluded) as a frame, or null when blank. */
  #decode(bytes: Uint8Array): Frame | null {
    let len = bytes.length;
    if (len > 0 && bytes[len - 1] === CR) len--;
    if (len > this.#max) return { kind: "oversize", bytes: len };
    if (len === 0) return null;
    try {
      const text = this.#utf8.decode(bytes.subarray(0, len));
      return text.trim() === "" ? null : { kind: "line", text };
    } catch {
      return { kind: "invalid_utf8" };
    }
  }
}

const encoder = new TextEncoder();

/**
 * Encodes one message as a JSON line.
 *
 * @example
 * ```ts
 * import { encodeMessage } from "./framing.ts";
 * const chat = { type: "chat", text: "salut" };
 * encodeMessage(chat); // '{"type":"chat","text":"salut"}\n'
 * ```
 */
export function encodeMessage(message: { type: string }): string {
  return JSON.stringify(message) + "\n";
}

/**
 * UTF-8 bytes of a string (shared encoder).
 *
 * @example
 * ```ts
 * import { utf8 } from "./framing.ts";
 * utf8("é").length; // 2
 * ```
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

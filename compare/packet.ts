/**
 * The probe message `compare` sends over UDP and TCP, byte for byte the same
 * on both transports, so the comparison is fair:
 *
 * ```
 * offset  size  field
 * 0       2     magic 0x4C 0x43 ("LC")
 * 2       2     total length of the message in bytes (big-endian)
 * 4       4     run id (random, so late echoes of an older run are ignored)
 * 8       4     sequence number (big-endian, from 0)
 * 12      ...   zero padding up to the length
 * ```
 *
 * Over UDP one datagram holds one message. Over TCP messages follow each
 * other in the byte stream; the length field splits them again
 * ({@linkcode FrameDecoder}). Pure: no I/O.
 *
 * @module
 */
import { CompareError } from "./errors.ts";

/** First two bytes of every message: "LC" (lanplay compare). */
export const MAGIC = 0x4c43;

/** Bytes of the header; the smallest message. */
export const HEADER_BYTES = 12;

/**
 * Largest message: 1472 bytes fits one Ethernet frame over IPv4 and UDP
 * (1500-byte MTU − 20 IPv4 − 8 UDP), so no message is ever fragmented.
 */
export const MAX_MESSAGE_BYTES = 1472;

/** One decoded message. */
export interface Probe {
  /** Run id chosen by the measuring side. */
  run: number;
  /** Sequence number. */
  seq: number;
  /** Total length in bytes. */
  size: number;
}

/**
 * Builds a message of `size` bytes.
 *
 * @example
 * ```ts
 * import { encodeProbe } from "./packet.ts";
 * const bytes = encodeProbe({ run: 7, seq: 42, size: 64 });
 * console.log(bytes.length); // 64
 * ```
 */
export function encodeProbe(probe: Probe): Uint8Array {
  const { run, seq, size } = probe;
  if (
    !Number.isInteger(size) || size < HEADER_BYTES || size > MAX_MESSAGE_BYTES
  ) {
    throw new CompareError(
      "bad_size",
      `A message must be ${HEADER_BYTES} to ${MAX_MESSAGE_BYTES} bytes, not ${size}: choose --size in that range.`,
      { min: HEADER_BYTES, max: MAX_MESSAGE_BYTES, size },
    );
  }
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, MAGIC);
  view.setUint16(2, size);
  view.setUint32(4, run >>> 0);
  view.setUint32(8, seq >>> 0);
  return bytes;
}

/**
 * Reads a whole message (one UDP datagram); `null` when the bytes are not a
 * well-formed message (wrong magic, wrong length).
 *
 * @example
 * ```ts
 * import { decodeProbe, encodeProbe } from "./packet.ts";
 * decodeProbe(encodeProbe({ run: 1, seq: 5, size: 20 })); // { run: 1, seq: 5, size: 20 }
 * decodeProbe(new Uint8Array([1, 2, 3])); // null
 * ```
 */
export function decodeProbe(bytes: Uint8Array): Probe | null {
  if (bytes.length < HEADER_BYTES || bytes.length > MAX_MESSAGE_BYTES) {
    return null;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== MAGIC) return null;
  if (view.getUint16(2) !== bytes.length) return null;
  return { run: view.getUint32(4), seq: view.getUint32(8), size: bytes.length };
}

/**
 * Splits a TCP byte stream into messages, whatever the chunk boundaries.
 * Once the stream breaks the format (wrong magic or length), the decoder
 * stays broken: the connection should be closed.
 *
 * @example
 * ```ts
 * import { encodeProbe, FrameDecoder } from "./packet.ts";
 * const dec = new FrameDecoder();
 * const a = encodeProbe({ run: 1, seq: 0, size: 16 });
 * const b = encodeProbe({ run: 1, seq: 1, size: 16 });
 * const both = new Uint8Array([...a, ...b]);
 * dec.push(both.subarray(0, 20)).length; // 1
 * dec.push(both.subarray(20)).length; // 1
 * ```
 */
export class FrameDecoder {
  #buffer = new Uint8Array(0);
  #broken = false;

  /** True once the stream was not made of messages. */
  get broken(): boolean {
    return this.#broken;
  }

  /**
   * Feeds bytes; returns the whole messages they complete, as raw bytes.
   * @param chunk bytes as read from the socket
   */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.#broken) return [];
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer);
    joined.set(chunk, this.#buffer.length);
    const frames: Uint8Array[] = [];
    let at = 0;
    while (joined.length - at >= 4) {
      const view = new DataView(joined.buffer, at, 4);
      const length = view.getUint16(2);
      if (
        view.getUint16(0) !== MAGIC || length < HEADER_BYTES ||
        length > MAX_MESSAGE_BYTES
      ) {
        this.#broken = true;
        this.#buffer = new Uint8Array(0);
        return frames;
      }
      if (joined.length - at < length) break;
      frames.push(joined.slice(at, at + length));
      at += length;
    }
    this.#buffer = joined.slice(at);
    return frames;
  }
}

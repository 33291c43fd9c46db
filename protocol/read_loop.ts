/**
 * The one read loop of lanplay: bytes from anything that reads into a
 * buffer (a TCP connection, stdin), until the end of the stream or an error,
 * and the same stream cut into NDJSON frames. Pure of Deno globals: the
 * reader is passed in.
 *
 * @module
 */
import { MAX_LINE_BYTES } from "./constants.ts";
import { type Frame, LineDecoder } from "./framing.ts";

/** Anything that reads bytes into a buffer (`Deno.Conn`, `Deno.stdin`...). */
export interface ByteReader {
  /**
   * Reads into `p`; resolves to the number of bytes read, or null at the
   * end of the stream.
   */
  read(p: Uint8Array): Promise<number | null>;
}

/**
 * Chunks of bytes as they are read, until the end of the stream. A read that
 * fails (connection reset, closed under us) ends the stream too. Each chunk
 * is a view of one reused buffer: use it before asking for the next.
 *
 * @example
 * ```ts
 * import { readChunks } from "./read_loop.ts";
 * const parts = [new Uint8Array([1, 2]), new Uint8Array([3])];
 * const reader = {
 *   read(p: Uint8Array) {
 *     const next = parts.shift();
 *     if (!next) return Promise.resolve(null);
 *     p.set(next);
 *     return Promise.resolve(next.length);
 *   },
 * };
 * const sizes: number[] = [];
 * for await (const chunk of readChunks(reader)) sizes.push(chunk.length);
 * sizes; // [2, 1]
 * ```
 *
 * @param reader where the bytes come from
 * @param bufferBytes size of the read buffer
 */
export async function* readChunks(
  reader: ByteReader,
  bufferBytes = 16 * 1024,
): AsyncGenerator<Uint8Array> {
  const buf = new Uint8Array(bufferBytes);
  while (true) {
    let n: number | null;
    try {
      n = await reader.read(buf);
    } catch {
      return; // reset or closed under us: the end of the stream
    }
    if (n === null) return;
    yield buf.subarray(0, n);
  }
}

/**
 * NDJSON frames (lines, oversize and invalid UTF-8 reports) read from a
 * stream, whatever the chunk boundaries, until the stream ends.
 *
 * @example
 * ```ts
 * import { readFrames } from "./read_loop.ts";
 * const parts = [new TextEncoder().encode('{"type":"pi'), new TextEncoder().encode('ng"}\nhi\n')];
 * const reader = {
 *   read(p: Uint8Array) {
 *     const next = parts.shift();
 *     if (!next) return Promise.resolve(null);
 *     p.set(next);
 *     return Promise.resolve(next.length);
 *   },
 * };
 * const frames = [];
 * for await (const f of readFrames(reader)) frames.push(f);
 * frames; // [{ kind: "line", text: '{"type":"ping"}' }, { kind: "line", text: "hi" }]
 * ```
 *
 * @param reader where the bytes come from
 * @param options longest accepted line and read buffer size
 */
export async function* readFrames(
  reader: ByteReader,
  options: { maxLineBytes?: number; bufferBytes?: number } = {},
): AsyncGenerator<Frame> {
  const decoder = new LineDecoder(options.maxLineBytes ?? MAX_LINE_BYTES);
  // One generator, not one over another, and no `yield*` over an array
  // (which in an async generator awaits each frame once more): a frame
  // costs one resumption.
  const buf = new Uint8Array(options.bufferBytes ?? 16 * 1024);
  while (true) {
    let n: number | null;
    try {
      n = await reader.read(buf);
    } catch {
      return; // reset or closed under us: the end of the stream
    }
    if (n === null) return;
    const frames = decoder.push(buf.subarray(0, n));
    for (let i = 0; i < frames.length; i++) yield frames[i];
  }
}

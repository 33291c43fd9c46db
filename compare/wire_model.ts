/**
 * How many bytes a message really costs on an Ethernet wire, headers
 * included. A model (documented in docs/udp-vs-tcp.md), pure:
 *
 * - Ethernet II: 14 header + 4 FCS; a frame is at least 64 bytes (short
 *   frames are padded). The preamble (8) and inter-frame gap (12) are not
 *   counted.
 * - IPv4: 20 (no options).
 * - UDP: 8.
 * - TCP: 20 + 12 of options on every segment (the timestamps option, on by
 *   default on Linux) = 32; a SYN carries 20 bytes of options (MSS, SACK
 *   permitted, timestamps, window scale) = 40.
 *
 * @module
 */

/** Ethernet II header. */
export const ETHERNET_HEADER = 14;
/** Ethernet frame check sequence. */
export const ETHERNET_FCS = 4;
/** Smallest Ethernet frame, FCS included. */
export const ETHERNET_MIN_FRAME = 64;
/** IPv4 header without options. */
export const IPV4_HEADER = 20;
/** UDP header. */
export const UDP_HEADER = 8;
/** TCP header with the timestamps option (20 + 12). */
export const TCP_HEADER = 32;
/** TCP header of a SYN or SYN-ACK (20 + 20 of options). */
export const TCP_SYN_HEADER = 40;
/** Segments of a connection teardown in the model (FIN, ACK, FIN, ACK). */
export const TCP_TEARDOWN_SEGMENTS = 4;

/**
 * Bytes of the Ethernet frame carrying an IPv4 packet whose payload (transport
 * header + data) is `ipPayload` bytes.
 *
 * @example
 * ```ts
 * import { frameBytes } from "./wire_model.ts";
 * frameBytes(8 + 64); // 110: 14 + 20 + 8 + 64 + 4
 * frameBytes(8); // 64: padded to the smallest frame
 * ```
 */
export function frameBytes(ipPayload: number): number {
  return Math.max(
    ETHERNET_MIN_FRAME,
    ETHERNET_HEADER + IPV4_HEADER + ipPayload + ETHERNET_FCS,
  );
}

/**
 * Wire bytes of one UDP datagram carrying `size` bytes.
 *
 * @example
 * ```ts
 * import { udpDatagramBytes } from "./wire_model.ts";
 * udpDatagramBytes(64); // 110
 * ```
 */
export function udpDatagramBytes(size: number): number {
  return frameBytes(UDP_HEADER + size);
}

/**
 * Wire bytes of one TCP segment carrying `size` bytes of data (0 = pure ACK).
 *
 * @example
 * ```ts
 * import { tcpSegmentBytes } from "./wire_model.ts";
 * tcpSegmentBytes(64); // 134
 * tcpSegmentBytes(0); // 70
 * ```
 */
export function tcpSegmentBytes(size: number): number {
  return frameBytes(TCP_HEADER + size);
}

/** Where a wire-byte figure comes from. */
export type WireSource = "model" | "socket+model";

/** Bytes on the wire of one transport's run, both directions. */
export interface WireEstimate {
  /** Total bytes of all frames, both directions. */
  totalBytes: number;
  /** `totalBytes / sent`. */
  perMessage: number;
  /** Frames (datagrams or segments) counted. */
  frames: number;
  /** Pure model, or socket counters (`ss -ti`) plus the header model. */
  source: WireSource;
}

/**
 * UDP: every datagram the measuring side sent and received (echoes,
 * duplicates included), each `udpDatagramBytes(size)`.
 *
 * @example
 * ```ts
 * import { udpWire } from "./wire_model.ts";
 * udpWire({ sent: 10, received: 9, size: 64 }).totalBytes; // 2090
 * ```
 */
export function udpWire(
  run: { sent: number; received: number; size: number },
): WireEstimate {
  const frames = run.sent + run.received;
  const totalBytes = frames * udpDatagramBytes(run.size);
  return {
    totalBytes,
    perMessage: run.sent ? totalBytes / run.sent : 0,
    frames,
    source: "model",
  };
}

/** Counters of one TCP socket as `ss -ti` shows them (Linux tcp_info). */
export interface TcpSocketCounters {
  /** Segments sent, SYN, pure ACKs and retransmissions included. */
  segsOut: number;
  /** Segments received. */
  segsIn: number;
  /** Data bytes sent, retransmissions included. */
  bytesSent: number;
  /** Data bytes received. */
  bytesReceived: number;
  /** Data bytes retransmitted. */
  bytesRetrans: number;
  /** Segments retransmitted over the connection's life. */
  retransSegs: number;
}

/**
 * TCP, both directions. With the measuring socket's counters: every segment
 * it sent or received costs a 32-byte header in a frame, plus the data bytes,
 * plus 8 more option bytes for the SYN and SYN-ACK, plus a modeled teardown
 * (4 segments, after the counters were read). Without counters, the model
 * counts a 3-segment handshake, one data segment per message each way, ACKs
 * riding on that data (the echo acknowledges the request, the next request
 * acknowledges the echo: what `ss` shows for this traffic) plus one final
 * pure ACK, and the teardown: an estimate.
 *
 * @example
 * ```ts
 * import { tcpWire } from "./wire_model.ts";
 * tcpWire({ sent: 10, received: 10, size: 64 }).source; // "model"
 * ```
 */
export function tcpWire(
  run: { sent: number; received: number; size: number },
  counters?: TcpSocketCounters,
): WireEstimate {
  const empty = tcpSegmentBytes(0);
  const synExtra = 2 * (TCP_SYN_HEADER - TCP_HEADER);
  const teardown = TCP_TEARDOWN_SEGMENTS * empty;
  let frames: number;
  let totalBytes: number;
  if (counters) {
    const segments = counters.segsOut + counters.segsIn;
    frames = segments + TCP_TEARDOWN_SEGMENTS;
    totalBytes = segments * frameBytes(TCP_HEADER) + counters.bytesSent +
      counters.bytesReceived + synExtra + teardown;
  } else {
    const data = run.sent + run.received;
    const acks = data > 0 ? 1 : 0;
    frames = 3 + data + acks + TCP_TEARDOWN_SEGMENTS;
    totalBytes = 2 * frameBytes(TCP_SYN_HEADER) + empty +
      data * tcpSegmentBytes(run.size) + acks * empty + teardown;
  }
  return {
    totalBytes,
    perMessage: run.sent ? totalBytes / run.sent : 0,
    frames,
    source: counters ? "socket+model" : "model",
  };
}

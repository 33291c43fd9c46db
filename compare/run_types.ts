/**
 * What the two measuring runs (UDP and TCP) take and return.
 *
 * @module
 */
import type { RunSummary } from "./stats.ts";
import type { TcpSocketCounters } from "./wire_model.ts";

/** The workload and where to send it. */
export interface RunOptions {
  /** IPv4 address of the reflector. */
  host: string;
  /** Reflector port (UDP or TCP, depending on the run). */
  port: number;
  /** Messages to send. */
  count: number;
  /** Bytes per message. */
  size: number;
  /** Messages per second. */
  rate: number;
  /** How long to wait for the last answers after the last send, in ms. */
  drainMs: number;
  /** A round trip above this is "late", in ms. */
  lateMs: number;
  /** Clock in ms (default `performance.now`). */
  now?: () => number;
  /** Run id written in every message (default: random). */
  runId?: number;
}

/** The measured result of one transport. */
export interface TransportRun {
  /** Which transport. */
  transport: "udp" | "tcp";
  /** connect() duration in ms (TCP); `null` for UDP (nothing to open). */
  setupMs: number | null;
  /** Counters and distributions. */
  summary: RunSummary;
  /** Every reception, duplicates and foreign ones included. */
  receptions: number;
  /** How the drain ended. */
  drain: "complete" | "timeout";
  /** tcp_info of the measuring socket read with `ss` (TCP only, may be null). */
  socket: TcpSocketCounters | null;
  /** Deltas of /proc/net/snmp over the run: the whole network namespace. */
  namespace: Record<string, number> | null;
}

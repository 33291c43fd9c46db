/**
 * The result of a comparison as one plain object (what `--json` prints and
 * what the table, the verdict and the chart are drawn from). Pure.
 *
 * @module
 */
import type { Distribution } from "./stats.ts";
import { goodputBitsPerSecond } from "./stats.ts";
import type { TcpSocketCounters, WireEstimate } from "./wire_model.ts";
import { tcpWire, udpWire } from "./wire_model.ts";
import type { TransportRun } from "./run_types.ts";
import type { Profile } from "./options.ts";

/** The workload both transports ran. */
export interface Workload {
  /** What the messages stand for. */
  profile: Profile;
  /** Messages per transport. */
  count: number;
  /** Bytes per message. */
  size: number;
  /** Messages per second. */
  rate: number;
  /** Wait for stragglers, ms. */
  drainMs: number;
  /** Late threshold, ms. */
  lateMs: number;
}

/** Where the reflector was. */
export interface Target {
  /** loopback (both ends here) or peer (a remote reflector). */
  mode: "loopback" | "peer";
  /** Reflector address. */
  host: string;
  /** Reflector UDP port. */
  udpPort: number;
  /** Reflector TCP port. */
  tcpPort: number;
}

/** Everything measured for one transport. */
export interface TransportReport {
  /** Which transport. */
  transport: "udp" | "tcp";
  /** connect() duration in ms; `null` for UDP. */
  setupMs: number | null;
  /** Messages sent. */
  sent: number;
  /** Distinct messages back. */
  delivered: number;
  /** sent − delivered. */
  lost: number;
  /** Receptions of an already received number. */
  duplicated: number;
  /** First receptions below the highest number received so far. */
  reordered: number;
  /** Receptions of numbers never sent. */
  foreign: number;
  /** Every reception. */
  receptions: number;
  /** Whether everything came back before the drain deadline. */
  drain: "complete" | "timeout";
  /** Round-trip times, ms. */
  rttMs: Distribution | null;
  /** Messages with a round trip above the late threshold. */
  late: number;
  /** Application bits per second delivered back. */
  goodputBps: number;
  /** Bytes on the wire, both directions (estimate). */
  wire: WireEstimate;
  /** TCP segments retransmitted (ss, this socket); `null` when unknown or UDP. */
  retransSegs: number | null;
  /** Age of the newest state at each send tick, ms. */
  stalenessMs: Distribution | null;
  /** Raw tcp_info counters of the measuring socket, when read. */
  socket: TcpSocketCounters | null;
  /** /proc/net/snmp deltas of the whole network namespace over the run. */
  namespace: Record<string, number> | null;
  /** Round trip of each message in sending order (ms), `null` when lost. */
  rttSeriesMs: (number | null)[];
}

/** One comparison, as `--json` prints it. */
export interface CompareReport {
  /** Marks the object. */
  kind: "lanplay-compare";
  /** Shape version of this object. */
  version: 1;
  /** Where the reflector was. */
  target: Target;
  /** The workload. */
  workload: Workload;
  /** Results per transport. */
  udp: TransportReport;
  /** Results per transport. */
  tcp: TransportReport;
}

/**
 * Turns one run into its report part.
 *
 * @example
 * ```ts
 * import { transportReport } from "./report.ts";
 * import { Tally } from "./stats.ts";
 * const tally = new Tally();
 * tally.sent(0, 0);
 * tally.received(0, 2);
 * const r = transportReport({ transport: "udp", setupMs: null, summary: tally.summary(), receptions: 1, drain: "complete", socket: null, namespace: null }, 64);
 * console.log(r.lost, r.wire.totalBytes); // 0 220
 * ```
 */
export function transportReport(
  run: TransportRun,
  size: number,
): TransportReport {
  const s = run.summary;
  const counts = { sent: s.sent, received: run.receptions, size };
  return {
    transport: run.transport,
    setupMs: run.setupMs,
    sent: s.sent,
    delivered: s.delivered,
    lost: s.lost,
    duplicated: s.duplicated,
    reordered: s.reordered,
    foreign: s.foreign,
    receptions: run.receptions,
    drain: run.drain,
    rttMs: s.rtt,
    late: s.late,
    goodputBps: goodputBitsPerSecond(s.delivered, size, s.durationMs),
    wire: run.transport === "udp"
      ? udpWire(counts)
      : tcpWire(counts, run.socket ?? undefined),
    retransSegs: run.socket?.retransSegs ?? null,
    stalenessMs: s.staleness,
    socket: run.socket,
    namespace: run.namespace,
    rttSeriesMs: s.rttSeries,
  };
}

/**
 * Assembles the whole report.
 *
 * @example
 * ```ts
 * import { buildReport } from "./report.ts";
 * import { Tally } from "./stats.ts";
 * const tally = new Tally({ lateMs: 200 });
 * tally.sent(0, 0);
 * tally.received(0, 1.5);
 * const udp = {
 *   transport: "udp",
 *   setupMs: null,
 *   summary: tally.summary(),
 *   receptions: 1,
 *   drain: "complete",
 *   socket: null,
 *   namespace: null,
 * } as const;
 * const report = buildReport(
 *   { mode: "loopback", host: "127.0.0.1", udpPort: 9, tcpPort: 9 },
 *   { profile: "game", count: 1, size: 64, rate: 200, drainMs: 2000, lateMs: 200 },
 *   udp,
 *   { ...udp, transport: "tcp", setupMs: 0.5 },
 * );
 * [report.udp.delivered, report.tcp.setupMs]; // [1, 0.5]
 * ```
 */
export function buildReport(
  target: Target,
  workload: Workload,
  udp: TransportRun,
  tcp: TransportRun,
): CompareReport {
  return {
    kind: "lanplay-compare",
    version: 1,
    target,
    workload,
    udp: transportReport(udp, workload.size),
    tcp: transportReport(tcp, workload.size),
  };
}

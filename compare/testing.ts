/**
 * Test fixtures of `compare`: a report built from chosen events, no I/O.
 *
 * @module
 */
import { Tally } from "./stats.ts";
import { buildReport, type CompareReport } from "./report.ts";
import type { TransportRun } from "./run_types.ts";
import type { TcpSocketCounters } from "./wire_model.ts";
import type { Profile } from "./options.ts";

/** What a fake transport run should contain. */
export interface FakeRun {
  /** Sequence numbers that never come back. */
  lost?: number[];
  /** Round trip in ms per sequence number (default 1). */
  rtt?: (seq: number) => number;
  /** Sequence numbers received twice. */
  duplicated?: number[];
  /** connect() time (TCP). */
  setupMs?: number | null;
  /** Socket counters (TCP). */
  socket?: TcpSocketCounters | null;
}

/**
 * A report of `count` messages at `rate`/s where UDP and TCP behave as told.
 *
 * @example
 * ```ts
 * import { fakeReport } from "./testing.ts";
 * const report = fakeReport({ count: 10, udp: { lost: [3] }, tcp: {} });
 * console.log(report.udp.lost, report.tcp.lost); // 1 0
 * ```
 */
export function fakeReport(options: {
  count: number;
  rate?: number;
  size?: number;
  lateMs?: number;
  profile?: Profile;
  udp: FakeRun;
  tcp: FakeRun;
}): CompareReport {
  const rate = options.rate ?? 200;
  const size = options.size ?? 64;
  const lateMs = options.lateMs ?? 200;
  const run = (transport: "udp" | "tcp", fake: FakeRun): TransportRun => {
    const tally = new Tally({ lateMs });
    const lost = new Set(fake.lost ?? []);
    const events: { seq: number; at: number }[] = [];
    for (let seq = 0; seq < options.count; seq++) {
      const at = (seq * 1000) / rate;
      tally.sent(seq, at);
      if (lost.has(seq)) continue;
      const back = at + (fake.rtt?.(seq) ?? 1);
      events.push({ seq, at: back });
      if (fake.duplicated?.includes(seq)) events.push({ seq, at: back + 0.5 });
    }
    events.sort((a, b) => a.at - b.at);
    for (const e of events) tally.received(e.seq, e.at);
    return {
      transport,
      setupMs: fake.setupMs ?? (transport === "tcp" ? 0.5 : null),
      summary: tally.summary(),
      receptions: events.length,
      drain: lost.size ? "timeout" : "complete",
      socket: fake.socket ?? null,
      namespace: null,
    };
  };
  return buildReport(
    { mode: "loopback", host: "127.0.0.1", udpPort: 1, tcpPort: 1 },
    {
      profile: options.profile ?? "game",
      count: options.count,
      size,
      rate,
      drainMs: 2000,
      lateMs,
    },
    run("udp", options.udp),
    run("tcp", options.tcp),
  );
}

/**
 * The TCP measuring run: time connect(), send `count` messages at `rate` on
 * one connection (Nagle off), record every echo, wait `drainMs` for the
 * last ones, read the socket's kernel counters, close.
 *
 * @module
 */
import { encodeProbe, FrameDecoder } from "./packet.ts";
import { decodeProbe } from "./packet.ts";
import { Tally } from "./stats.ts";
import { Drain, pace } from "./pacing.ts";
import { readSnmp, readSocketCounters, snmpDelta } from "./kernel_counters.ts";
import { writeAll } from "./echo_server.ts";
import { randomRunId } from "./udp_run.ts";
import { CompareError } from "./errors.ts";
import type { RunOptions, TransportRun } from "./run_types.ts";

/** TCP counters read from /proc/net/snmp before and after a run. */
export const TCP_SNMP_COUNTERS = [
  "ActiveOpens",
  "InSegs",
  "OutSegs",
  "RetransSegs",
] as const;

/**
 * Runs the TCP workload against a reflector. Throws a
 * {@linkcode CompareError} `tcp_connect_failed` when the connection cannot
 * be opened.
 *
 * @example
 * ```ts
 * import { startEchoServer } from "./echo_server.ts";
 * import { runTcp } from "./tcp_run.ts";
 * const server = await startEchoServer({ hostname: "127.0.0.1", port: 0 });
 * const run = await runTcp({ host: "127.0.0.1", port: server.tcpPort, count: 10, size: 64, rate: 1000, drainMs: 500, lateMs: 200 });
 * console.log(run.summary.delivered); // 10
 * await server.close();
 * ```
 */
export async function runTcp(options: RunOptions): Promise<TransportRun> {
  const now = options.now ?? (() => performance.now());
  const runId = options.runId ?? randomRunId();
  const tally = new Tally({ lateMs: options.lateMs });
  const before = await readSnmp();
  const started = now();
  let conn: Deno.TcpConn;
  try {
    conn = await Deno.connect({ hostname: options.host, port: options.port });
  } catch (err) {
    throw new CompareError(
      "tcp_connect_failed",
      `Cannot open TCP ${options.host}:${options.port} (${
        (err as Error).message
      }): start "lanplay compare --serve" on that machine, check the port and the firewall.`,
      {
        host: options.host,
        port: options.port,
        reason: (err as Error).message,
      },
    );
  }
  const setupMs = now() - started;
  conn.setNoDelay(true);
  let receptions = 0;
  const drain = new Drain(
    () => tally.deliveredCount === options.count,
    options.drainMs,
  );
  const reading = (async () => {
    const decoder = new FrameDecoder();
    const buffer = new Uint8Array(64 * 1024);
    try {
      while (true) {
        const n = await conn.read(buffer);
        if (n === null) break;
        const at = now();
        for (const frame of decoder.push(buffer.subarray(0, n))) {
          const probe = decodeProbe(frame);
          if (probe === null || probe.run !== runId) continue;
          receptions++;
          tally.received(probe.seq, at);
        }
        if (decoder.broken) break;
        drain.poke();
      }
    } catch {
      // Closed below, or reset by the peer.
    }
    drain.stop();
  })();
  let writing: Promise<void> = Promise.resolve();
  let writeFailed = false;
  try {
    await pace(options.count, options.rate, (seq) => {
      const bytes = encodeProbe({ run: runId, seq, size: options.size });
      tally.sent(seq, now());
      writing = writing.then(() =>
        writeFailed ? undefined : writeAll(conn, bytes)
      )
        .catch(() => {
          writeFailed = true;
        });
    }, now);
    await writing;
    drain.start();
    const how = await drain.done;
    const local = (conn.localAddr as Deno.NetAddr).port;
    const socket = await readSocketCounters(local, options.port);
    const after = await readSnmp();
    return {
      transport: "tcp",
      setupMs,
      summary: tally.summary(),
      receptions,
      drain: how,
      socket,
      namespace: before && after
        ? snmpDelta(before, after, "Tcp", TCP_SNMP_COUNTERS)
        : null,
    };
  } finally {
    drain.stop();
    await writing;
    try {
      conn.close();
    } catch { /* already closed */ }
    await reading;
  }
}

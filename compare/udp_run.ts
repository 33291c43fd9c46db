/**
 * The UDP measuring run: send `count` datagrams at `rate` to the reflector,
 * record every echo, wait `drainMs` for the last ones.
 *
 * @module
 */
import dgram from "node:dgram";
import { decodeProbe, encodeProbe } from "./packet.ts";
import { Tally } from "./stats.ts";
import { Drain, pace } from "./pacing.ts";
import { readSnmp, snmpDelta } from "./kernel_counters.ts";
import { CompareError } from "./errors.ts";
import type { RunOptions, TransportRun } from "./run_types.ts";

/** UDP counters read from /proc/net/snmp before and after a run. */
export const UDP_SNMP_COUNTERS = [
  "InDatagrams",
  "OutDatagrams",
  "InErrors",
  "RcvbufErrors",
  "SndbufErrors",
] as const;

/**
 * Runs the UDP workload against a reflector. With `preflight` (default 5
 * tries, 300 ms each) it first checks that the reflector answers and throws
 * a {@linkcode CompareError} `no_echo` when it does not.
 *
 * @example
 * ```ts
 * import { startEchoServer } from "./echo_server.ts";
 * import { runUdp } from "./udp_run.ts";
 * const server = await startEchoServer({ hostname: "127.0.0.1", port: 0 });
 * const run = await runUdp({ host: "127.0.0.1", port: server.udpPort, count: 10, size: 64, rate: 1000, drainMs: 500, lateMs: 200 });
 * console.log(run.summary.lost); // 0
 * await server.close();
 * ```
 */
export async function runUdp(
  options: RunOptions & { preflight?: number },
): Promise<TransportRun> {
  const now = options.now ?? (() => performance.now());
  const runId = options.runId ?? randomRunId();
  const pingId = (runId ^ PREFLIGHT) >>> 0;
  const tally = new Tally({ lateMs: options.lateMs });
  const socket = dgram.createSocket("udp4");
  let receptions = 0;
  let pong: (() => void) | undefined;
  const drain = new Drain(
    () => tally.deliveredCount === options.count,
    options.drainMs,
  );
  socket.on("error", () => {/* a failed send shows as a loss */});
  socket.on("message", (msg) => {
    const at = now();
    const probe = decodeProbe(msg);
    if (probe === null) return;
    if (probe.run === pingId) {
      pong?.();
      return;
    }
    if (probe.run !== runId) return;
    receptions++;
    tally.received(probe.seq, at);
    drain.poke();
  });
  await new Promise<void>((resolve) => socket.bind(0, () => resolve()));
  try {
    await preflight(
      socket,
      options,
      pingId,
      options.preflight ?? 5,
      (f) => pong = f,
    );
    const before = await readSnmp();
    await pace(options.count, options.rate, (seq) => {
      const bytes = encodeProbe({ run: runId, seq, size: options.size });
      tally.sent(seq, now());
      socket.send(bytes, options.port, options.host);
    }, now);
    drain.start();
    const how = await drain.done;
    const after = await readSnmp();
    return {
      transport: "udp",
      setupMs: null,
      summary: tally.summary(),
      receptions,
      drain: how,
      socket: null,
      namespace: before && after
        ? snmpDelta(before, after, "Udp", UDP_SNMP_COUNTERS)
        : null,
    };
  } finally {
    drain.stop();
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}

/** Run id of the preflight pings: the run id with these bits flipped. */
const PREFLIGHT = 0x80000000;

async function preflight(
  socket: dgram.Socket,
  options: RunOptions,
  runId: number,
  tries: number,
  onPong: (f: (() => void) | undefined) => void,
): Promise<void> {
  if (tries <= 0) return;
  for (let i = 0; i < tries; i++) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answered = await new Promise<boolean>((resolve) => {
      onPong(() => resolve(true));
      timer = setTimeout(() => resolve(false), 300);
      socket.send(
        encodeProbe({ run: runId, seq: i, size: options.size }),
        options.port,
        options.host,
      );
    });
    clearTimeout(timer);
    onPong(undefined);
    if (answered) return;
  }
  throw new CompareError(
    "no_echo",
    `Nothing answers on UDP ${options.host}:${options.port}: start "lanplay compare --serve" on that machine, check the port and the firewall.`,
    { host: options.host, port: options.port },
  );
}

/**
 * A random 31-bit run id (the top bit marks preflight pings).
 *
 * @example
 * ```ts
 * import { randomRunId } from "./udp_run.ts";
 * randomRunId() < 2 ** 31; // true
 * ```
 */
export function randomRunId(random: () => number = Math.random): number {
  return Math.floor(random() * 0x7fffffff) >>> 0;
}

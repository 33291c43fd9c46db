/**
 * A QCM in a lecture hall, for the bench (`--only hall`): the server in
 * one network namespace, the players in another, the two joined by a link
 * whose server side sends at most `rate` (a token bucket, `tc qdisc … tbf`:
 * a Wi-Fi access point's airtime, where every byte to every player waits
 * its turn). On loopback bytes are free and a question's arrival spread is
 * CPU; here it is at least the bytes of question open × players ÷ rate
 * ({@linkcode linkFloorMs}), and the table says how much more the server
 * adds.
 *
 * The namespaces are a throw-away LAN of tests/lan/lan_harness.ts (names
 * with a random suffix, addresses in 198.18.0.0/15, nothing reaches this
 * machine's network), made for each run and removed after it, failed or
 * not. Root only: {@linkcode hallSkipReason}.
 *
 * @module
 */
import {
  createLan,
  lanSkipReason,
  missingTool,
  run,
} from "../lan/lan_harness.ts";
import {
  qcm,
  type QcmFigures,
  type RunSettings,
  type Target,
} from "./scenarios.ts";

/** The token bucket's burst and queue, as an access point might hold. */
export const TBF_BURST = "32kbit";
/** How long a byte may wait in the bucket's queue before it is dropped. */
export const TBF_LATENCY = "400ms";

const UNITS: Record<string, number> = {
  bit: 1,
  kbit: 1e3,
  mbit: 1e6,
  gbit: 1e9,
};

/**
 * Bits per second of a `tc` rate written in bits (`50mbit`, `800kbit`;
 * tc's `k`/`m`/`g` are powers of 1000).
 *
 * @example
 * ```ts
 * import { parseRate } from "./hall.ts";
 * parseRate("50mbit"); // 50_000_000
 * parseRate("20Mbit"); // 20_000_000
 * ```
 *
 * @param rate e.g. `50mbit`
 * @returns bits per second
 */
export function parseRate(rate: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(bit|kbit|mbit|gbit)$/i.exec(rate.trim());
  if (!m) throw new Error(`not a rate in bits: ${rate} (e.g. 50mbit)`);
  return Number(m[1]) * UNITS[m[2].toLowerCase()];
}

/**
 * The least arrival spread a link of `bitsPerSecond` allows when each of
 * `players` gets `bytesEach` at once (ms): the last player's bytes wait
 * for everyone else's. Payload only: TCP/IP and Ethernet headers (≈ 66 B
 * a segment) come on top.
 *
 * @example
 * ```ts
 * import { linkFloorMs } from "./hall.ts";
 * linkFloorMs(1250, 500, 50e6); // 100: 625 kB at 6.25 MB/s
 * ```
 *
 * @param bytesEach bytes each player gets at question open
 * @param players how many
 * @param bitsPerSecond the link's rate
 */
export function linkFloorMs(
  bytesEach: number,
  players: number,
  bitsPerSecond: number,
): number {
  return bytesEach * players * 8 / bitsPerSecond * 1000;
}

/** Why the hall cannot be measured here (not root, no `tc`…), or null. */
export async function hallSkipReason(): Promise<string | null> {
  return await lanSkipReason() ?? await missingTool("tc", "iproute2");
}

/** What went through the shaped side of the link. */
interface LinkCounters {
  /** Bytes sent by the server's side (Ethernet frames, as tbf counts). */
  linkBytes: number;
  /** Frames sent. */
  linkPackets: number;
  /** Frames the bucket dropped (its queue full). */
  linkDrops: number;
}

/**
 * What went through the shaped side of the link: during the whole run
 * (joins included), and during the quiz (from the leader's start).
 */
export interface LinkFigures extends LinkCounters {
  /** Bytes sent from the start of the quiz to its end. */
  quizLinkBytes: number;
  /** Frames dropped from the start of the quiz to its end. */
  quizLinkDrops: number;
}

/** Figures of a QCM in a hall: the QCM's, the link's rate and counters. */
export type HallFigures = QcmFigures & LinkFigures & {
  /** The rate as given (`50mbit`). */
  rate: string;
  bitsPerSecond: number;
};

/** The server side's qdisc counters (`tc -s -j qdisc show`). */
async function counters(ns: string, dev: string): Promise<LinkCounters> {
  const r = await run([
    "ip",
    "netns",
    "exec",
    ns,
    "tc",
    "-s",
    "-j",
    "qdisc",
    "show",
    "dev",
    dev,
  ]);
  if (r.code !== 0) throw new Error(`tc -s qdisc show: ${r.stderr.trim()}`);
  const q = (JSON.parse(r.stdout) as Record<string, unknown>[]).find((x) =>
    x.kind === "tbf"
  );
  if (!q) throw new Error(`no tbf qdisc on ${dev} in ${ns}`);
  return {
    linkBytes: Number(q.bytes ?? 0),
    linkPackets: Number(q.packets ?? 0),
    linkDrops: Number(q.drops ?? 0),
  };
}

/**
 * One QCM of `n` players behind a link of `rate` (see the module doc): a
 * fresh pair of namespaces, the server side's egress shaped with tbf, the
 * quiz of tests/bench/scenarios.ts {@linkcode qcm} run across, the
 * namespaces removed after. Throws {@linkcode hallSkipReason}'s reason
 * when it cannot run.
 *
 * @param target lanplay host or reference relay
 * @param n players
 * @param questions questions of the quiz
 * @param rate the server side's rate, in tc's words (`50mbit`)
 * @param settings run settings
 */
export async function hall(
  target: Target,
  n: number,
  questions: number,
  rate: string,
  settings: RunSettings = {},
): Promise<HallFigures> {
  const bitsPerSecond = parseRate(rate);
  const skip = await hallSkipReason();
  if (skip) throw new Error(skip);
  const lan = await createLan([{ name: "hallsrv" }, { name: "hallload" }]);
  try {
    const srv = lan.node("hallsrv");
    const load = lan.node("hallload");
    const dev = srv.interfaces[0];
    const shaped = await run([
      "ip",
      "netns",
      "exec",
      srv.ns,
      "tc",
      "qdisc",
      "add",
      "dev",
      dev,
      "root",
      "tbf",
      "rate",
      rate,
      "burst",
      TBF_BURST,
      "latency",
      TBF_LATENCY,
    ]);
    if (shaped.code !== 0) {
      throw new Error(`tc qdisc add … tbf: ${shaped.stderr.trim()}`);
    }
    let atStart: LinkCounters | null = null;
    const f = await qcm(target, n, questions, settings, {
      placement: {
        serverPrefix: ["ip", "netns", "exec", srv.ns],
        loadPrefix: ["ip", "netns", "exec", load.ns],
        address: srv.addresses[0],
      },
      beforeStart: async () => {
        atStart = await counters(srv.ns, dev);
      },
    });
    const end = await counters(srv.ns, dev);
    const start: LinkCounters = atStart ??
      { linkBytes: 0, linkPackets: 0, linkDrops: 0 };
    return {
      ...f,
      ...end,
      quizLinkBytes: end.linkBytes - start.linkBytes,
      quizLinkDrops: end.linkDrops - start.linkDrops,
      rate,
      bitsPerSecond,
    };
  } finally {
    await lan.close();
  }
}
